/**
 * An accessible on/off switch (WAI-ARIA switch pattern): `role="switch"` with `aria-checked`,
 * focusable, toggled by click, Space or Enter. The label is the switch's own text, so clicking
 * the label toggles too. Styles: `.sl-toggle` in popup.css.
 */
import type { JSX } from 'preact';

export interface ToggleProps {
  checked: boolean;
  /** Called with the new value. */
  onChange(checked: boolean): void;
  label: string;
  disabled?: boolean;
  id?: string;
}

export function Toggle({ checked, onChange, label, disabled = false, id }: ToggleProps) {
  const flip = () => {
    if (!disabled) onChange(!checked);
  };
  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLDivElement>) => {
    if (event.key === ' ' || event.key === 'Spacebar' || event.key === 'Enter') {
      event.preventDefault(); // no page scroll on Space
      if (!event.repeat) flip();
    }
  };
  return (
    <div
      id={id}
      class="sl-toggle"
      role="switch"
      aria-checked={checked ? 'true' : 'false'}
      aria-disabled={disabled ? 'true' : undefined}
      tabIndex={disabled ? -1 : 0}
      onClick={flip}
      onKeyDown={onKeyDown}
    >
      <span class="sl-toggle-label">{label}</span>
      <span class="sl-toggle-track" aria-hidden="true">
        <span class="sl-toggle-thumb" />
      </span>
    </div>
  );
}
