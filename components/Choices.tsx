/**
 * One setting chosen among a few values: a fieldset of radio buttons with its legend. Each
 * input's id is `${name}-${key}`, so labels, tests and the keyboard find them.
 */
import type { ComponentChildren } from 'preact';

export interface ChoicesProps<T> {
  /** The radio group's name, and the start of each input's id. */
  name: string;
  legend: string;
  /** `[key, value, label]` for each choice, in order. */
  choices: readonly (readonly [key: string, value: T, label: string])[];
  value: T;
  onChange(value: T): void;
  /** Id of what describes the group: a hint or a preview (given as `children`). */
  describedBy?: string;
  /** Shown after the choices, inside the group. */
  children?: ComponentChildren;
}

export function Choices<T>({ name, legend, choices, value, onChange, describedBy, children }: ChoicesProps<T>) {
  return (
    <fieldset class="sl-options-group" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {choices.map(([key, choice, label]) => (
        <div class="sl-options-check" key={key}>
          <input
            type="radio"
            name={name}
            id={`${name}-${key}`}
            value={key}
            checked={value === choice}
            onChange={() => onChange(choice)}
          />
          <label for={`${name}-${key}`}>{label}</label>
        </div>
      ))}
      {children}
    </fieldset>
  );
}
