/**
 * The options page's site rules: sites where Syria Lens is always on or always off, as host
 * names (what the popup's switch writes) or match patterns, checked as the reader types.
 */
import { useEffect, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { t, tm } from '../core/i18n';
import type { SiteMode, SiteRule } from '../core/settings';
import { validatePattern } from '../core/sites';
import { FormActions } from './FormActions';

/** `null` when `pattern` can be saved among `rules` (ignoring the rule at `self`), else why not. */
function sitePatternError(pattern: string, rules: readonly SiteRule[], self = -1): string | null {
  const problem = validatePattern(pattern);
  if (problem !== null) return `${t('options_site_invalid')} ${tm(problem)}`;
  const clean = pattern.trim().toLowerCase();
  if (rules.some((rule, i) => i !== self && rule.pattern.trim().toLowerCase() === clean)) {
    return t('options_site_duplicate');
  }
  return null;
}

function ModeSelect({ id, value, onChange, label }: { id: string; value: SiteMode; onChange(mode: SiteMode): void; label?: string }) {
  return (
    <select
      id={id}
      class="sl-options-input"
      value={value}
      aria-label={label}
      onChange={(event) => onChange(event.currentTarget.value === 'off' ? 'off' : 'on')}
    >
      <option value="on">{t('options_site_mode_on')}</option>
      <option value="off">{t('options_site_mode_off')}</option>
    </select>
  );
}

export function SitesSection({ rules, onRules }: { rules: readonly SiteRule[]; onRules(rules: SiteRule[]): void }) {
  const [editing, setEditing] = useState<number | null>(null);
  // An edit form is for one rule; if the list changes under it (saved elsewhere), close it.
  useEffect(() => setEditing(null), [rules.length]);

  return (
    <section class="sl-options-section" aria-labelledby="sl-section-sites">
      <h2 id="sl-section-sites">{t('options_section_sites')}</h2>
      <p class="sl-options-hint">{t('options_sites_intro')}</p>
      {rules.length === 0 ? (
        <p class="sl-options-hint">{t('options_sites_empty')}</p>
      ) : (
        <ul class="sl-options-rules" aria-labelledby="sl-section-sites">
          {rules.map((rule, index) =>
            editing === index ? (
              <li key={`edit-${index}`} class="sl-options-rule">
                <RuleForm
                  idPrefix={`sl-rule-${index}`}
                  initial={rule}
                  rules={rules}
                  self={index}
                  submitLabel={t('options_save')}
                  onSubmit={(next) => {
                    setEditing(null);
                    onRules(rules.map((r, i) => (i === index ? next : r)));
                  }}
                  onCancel={() => setEditing(null)}
                />
              </li>
            ) : (
              <li key={`${index}-${rule.pattern}`} class="sl-options-rule">
                <span class="sl-options-pattern" dir="ltr">
                  {rule.pattern}
                </span>
                <ModeSelect
                  id={`sl-rule-${index}-mode`}
                  value={rule.mode}
                  label={t('options_site_mode_for', [rule.pattern])}
                  onChange={(mode) => onRules(rules.map((r, i) => (i === index ? { ...r, mode } : r)))}
                />
                <button
                  type="button"
                  class="sl-options-button sl-options-secondary"
                  aria-label={t('options_site_edit_named', [rule.pattern])}
                  onClick={() => setEditing(index)}
                >
                  {t('options_edit')}
                </button>
                <button
                  type="button"
                  class="sl-options-button sl-options-secondary"
                  aria-label={t('options_site_remove_named', [rule.pattern])}
                  onClick={() => onRules(rules.filter((_, i) => i !== index))}
                >
                  {t('options_remove')}
                </button>
              </li>
            ),
          )}
        </ul>
      )}
      <RuleForm
        idPrefix="sl-rule-new"
        initial={{ pattern: '', mode: 'off' }}
        rules={rules}
        submitLabel={t('options_site_add')}
        onSubmit={(rule) => onRules([...rules, rule])}
      />
    </section>
  );
}

interface RuleFormProps {
  idPrefix: string;
  initial: SiteRule;
  rules: readonly SiteRule[];
  /** Index of the rule being edited, so it does not count as a duplicate of itself. */
  self?: number;
  submitLabel: string;
  onSubmit(rule: SiteRule): void;
  onCancel?(): void;
}

/** Pattern + mode, checked as the reader types; an invalid pattern is never submitted. */
function RuleForm({ idPrefix, initial, rules, self = -1, submitLabel, onSubmit, onCancel }: RuleFormProps) {
  const [pattern, setPattern] = useState(initial.pattern);
  const [mode, setMode] = useState<SiteMode>(initial.mode);
  const [error, setError] = useState<string | null>(null);
  const patternId = `${idPrefix}-pattern`;
  const errorId = `${patternId}-error`;

  const submit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = sitePatternError(pattern, rules, self);
    setError(problem);
    if (problem !== null) {
      event.currentTarget.querySelector<HTMLInputElement>(`#${CSS.escape(patternId)}`)?.focus();
      return;
    }
    onSubmit({ pattern: pattern.trim(), mode });
    if (self < 0) {
      setPattern('');
      setMode(initial.mode);
    }
  };

  return (
    <form
      class="sl-options-rule-form"
      onSubmit={submit}
      noValidate
      onKeyDown={(event) => {
        if (event.key === 'Escape' && onCancel) {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <div class="sl-options-field sl-options-grow">
        <label for={patternId}>{t('options_site_pattern')}</label>
        <input
          type="text"
          id={patternId}
          class="sl-options-input"
          dir="ltr"
          spellcheck={false}
          autoComplete="off"
          value={pattern}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? errorId : undefined}
          onInput={(event) => {
            const text = event.currentTarget.value;
            setPattern(text);
            // As the reader types: say what is wrong, but not while the field is still empty.
            setError(text.trim() === '' ? null : sitePatternError(text, rules, self));
          }}
        />
        {error ? (
          <p id={errorId} class="sl-options-error">
            {error}
          </p>
        ) : null}
      </div>
      <div class="sl-options-field">
        <label for={`${idPrefix}-mode`}>{t('options_site_mode')}</label>
        <ModeSelect id={`${idPrefix}-mode`} value={mode} onChange={setMode} />
      </div>
      <FormActions submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}
