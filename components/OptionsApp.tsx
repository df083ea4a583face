/**
 * The options page, presentational with local form state. The entrypoint loads the settings,
 * renders this, and saves through `onSave`; every change is saved at once (the hover delay
 * after a pause, since sync storage limits how often it may be written). A failed save shows
 * an alert and keeps the reader's edits on screen; the stored settings stay as they were.
 * Styles: options.css.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { readableError, t, tm, type Message } from '../core/i18n';
import { HOVER_DELAY_MAX_MS, HOVER_DELAY_MIN_MS, type Scope, type Settings, type SiteMode, type SiteRule } from '../core/settings';
import { validatePattern } from '../core/sites';
import { ENTITY_KINDS, MARK_STYLES, type Entity, type MarkStyle } from '../core/types';
import { EntityEditor } from './EntityEditor';
import { kindLabel } from './EntityList';

export interface OptionsAppProps {
  /** The stored settings; later values (changes saved elsewhere) replace the form unless it has unsaved edits. */
  settings: Settings;
  /**
   * What repair found damaged when the settings were read (`takeSettingsProblems()`), as message
   * descriptors (a string, stored by an older version, is shown as it is); shown until dismissed.
   */
  problems?: readonly (Message | string)[];
  /** Saves the whole settings; rejects (a `UserFacingError` tells the reader why) when the browser refuses (quota). */
  onSave(next: Settings): Promise<void>;
  /** The built-in entities (`builtInEntities()`), before the reader's changes. */
  entities: readonly Entity[];
  /** How long the hover delay must stay unchanged before it is saved. */
  saveDelayMs?: number;
}

/** Wait this long after the last change of the hover delay before saving it. */
export const HOVER_DELAY_SAVE_MS = 400;

function clampDelay(value: number): number {
  return Math.min(HOVER_DELAY_MAX_MS, Math.max(HOVER_DELAY_MIN_MS, Math.round(value)));
}

/** `null` when `pattern` can be saved among `rules` (ignoring the rule at `self`), else why not. */
export function sitePatternError(pattern: string, rules: readonly SiteRule[], self = -1): string | null {
  const problem = validatePattern(pattern);
  if (problem !== null) return `${t('options_site_invalid')} ${tm(problem)}`;
  const clean = pattern.trim().toLowerCase();
  if (rules.some((rule, i) => i !== self && rule.pattern.trim().toLowerCase() === clean)) {
    return t('options_site_duplicate');
  }
  return null;
}

export function OptionsApp({ settings, problems = [], onSave, entities, saveDelayMs = HOVER_DELAY_SAVE_MS }: OptionsAppProps) {
  const [draft, setDraft] = useState(settings);
  const draftRef = useRef(settings);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [dismissed, setDismissed] = useState<readonly string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef(0);
  const lastSave = useRef(0);
  const failed = useRef(false);
  const onSaveRef = useRef(onSave);
  onSaveRef.current = onSave;

  // Settings changed elsewhere: show them, unless the reader has edits not saved yet.
  useEffect(() => {
    if (pending.current === 0 && timer.current === undefined && !failed.current) {
      draftRef.current = settings;
      setDraft(settings);
    }
  }, [settings]);

  const save = async (next: Settings) => {
    const id = ++lastSave.current;
    pending.current++;
    setSaveState('saving');
    try {
      await onSaveRef.current(next);
      if (id === lastSave.current) {
        failed.current = false;
        setSaveError(null);
        setSaveState('saved');
      }
    } catch (error) {
      if (id === lastSave.current) {
        failed.current = true;
        setSaveError(readableError(error));
        setSaveState('idle');
      }
    } finally {
      pending.current--;
    }
  };

  const flush = () => {
    if (timer.current === undefined) return;
    clearTimeout(timer.current);
    timer.current = undefined;
    void save(draftRef.current);
  };

  // A delay still waiting when the page goes away is saved then.
  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, []);

  /** Applies a change to the form and saves it (after `saveDelayMs` when `later`). */
  const change = (update: (current: Settings) => Settings, later = false) => {
    const next = update(draftRef.current);
    draftRef.current = next;
    setDraft(next);
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = undefined;
    if (later) {
      timer.current = setTimeout(() => {
        timer.current = undefined;
        void save(draftRef.current);
      }, saveDelayMs);
    } else {
      void save(next);
    }
  };

  const shownProblems = problems.map(tm).filter((problem) => !dismissed.includes(problem));

  return (
    <main class="sl-options">
      <h1 class="sl-options-title">{t('options_title')}</h1>

      {shownProblems.length > 0 ? (
        <div class="sl-options-notice" role="status">
          <p>{t('options_problems')}</p>
          <ul>
            {shownProblems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
          <button type="button" class="sl-options-button sl-options-secondary" onClick={() => setDismissed(problems.map(tm))}>
            {t('options_dismiss')}
          </button>
        </div>
      ) : null}

      {saveError !== null ? (
        <div class="sl-options-alert" role="alert">
          <p>{t('options_save_error')}</p>
          <p class="sl-options-detail">{saveError}</p>
          <button type="button" class="sl-options-button" onClick={() => change((current) => current)}>
            {t('options_retry')}
          </button>
        </div>
      ) : null}

      <GeneralSection settings={draft} change={change} />
      <MarksSection settings={draft} change={change} />
      <SitesSection rules={draft.siteRules} onRules={(siteRules) => change((current) => ({ ...current, siteRules }))} />

      <section class="sl-options-section" aria-labelledby="sl-section-entities">
        <h2 id="sl-section-entities">{t('options_section_entities')}</h2>
        <EntityEditor
          entities={entities}
          changes={draft.entityChanges}
          onChange={(entityChanges) => change((current) => ({ ...current, entityChanges }))}
        />
      </section>

      <p class="sl-options-save-state" role="status">
        {saveState === 'saving' ? t('options_saving') : saveState === 'saved' ? t('options_saved') : ''}
      </p>
    </main>
  );
}

type Change = (update: (current: Settings) => Settings, later?: boolean) => void;

function GeneralSection({ settings, change }: { settings: Settings; change: Change }) {
  const scopes: [Scope, string][] = [
    ['news', t('options_scope_news')],
    ['all', t('options_scope_all')],
  ];
  return (
    <section class="sl-options-section" aria-labelledby="sl-section-general">
      <h2 id="sl-section-general">{t('options_section_general')}</h2>
      <div class="sl-options-check sl-options-switch-row">
        <input
          type="checkbox"
          role="switch"
          class="sl-options-switch"
          id="sl-opt-enabled"
          checked={settings.enabled}
          onChange={(event) => {
            const enabled = event.currentTarget.checked;
            change((current) => ({ ...current, enabled }));
          }}
        />
        <label for="sl-opt-enabled">{t('options_enabled')}</label>
      </div>
      <fieldset class="sl-options-group" aria-describedby="sl-opt-scope-hint">
        <legend>{t('options_scope_legend')}</legend>
        {scopes.map(([scope, label]) => (
          <div class="sl-options-check" key={scope}>
            <input
              type="radio"
              name="sl-opt-scope"
              id={`sl-opt-scope-${scope}`}
              value={scope}
              checked={settings.scope === scope}
              onChange={() => change((current) => ({ ...current, scope }))}
            />
            <label for={`sl-opt-scope-${scope}`}>{label}</label>
          </div>
        ))}
        <p id="sl-opt-scope-hint" class="sl-options-hint">
          {t('options_scope_hint')}
        </p>
      </fieldset>
      <div class="sl-options-check">
        <input
          type="checkbox"
          id="sl-opt-badge"
          checked={settings.showBadge}
          onChange={(event) => {
            const showBadge = event.currentTarget.checked;
            change((current) => ({ ...current, showBadge }));
          }}
        />
        <label for="sl-opt-badge">{t('options_show_badge')}</label>
      </div>
    </section>
  );
}

/** A mark style in the reader's language. */
function markStyleLabel(style: MarkStyle): string {
  switch (style) {
    case 'underline':
      return t('options_style_underline');
    case 'background':
      return t('options_style_background');
    case 'none':
      return t('options_style_none');
  }
}

/** Stands for the sample name when splitting the preview sentence around it. */
const NAME_SLOT = '\uE000';

function MarksSection({ settings, change }: { settings: Settings; change: Change }) {
  const styles = MARK_STYLES.map((style): [MarkStyle, string] => [style, markStyleLabel(style)]);
  const [before = '', after = ''] = t('options_style_preview', [NAME_SLOT]).split(NAME_SLOT);
  const [delayText, setDelayText] = useState(String(settings.hoverDelayMs));
  const delayInput = useRef<HTMLInputElement>(null);
  // Follow the saved delay (the slider, another window), but never while the reader is typing in
  // the field: the effect of an earlier keystroke, run late, put an older number back mid-typing
  // ("700" became "70"), and a clamped value would replace what is still being typed.
  useEffect(() => {
    const field = delayInput.current;
    if (field && field.ownerDocument.activeElement === field) return;
    setDelayText(String(settings.hoverDelayMs));
  }, [settings.hoverDelayMs]);

  const setDelay = (value: number) => {
    if (!Number.isFinite(value)) return;
    const hoverDelayMs = clampDelay(value);
    change((current) => ({ ...current, hoverDelayMs }), true);
  };

  return (
    <section class="sl-options-section" aria-labelledby="sl-section-marks">
      <h2 id="sl-section-marks">{t('options_section_marks')}</h2>

      <fieldset class="sl-options-group">
        <legend>{t('options_kinds_legend')}</legend>
        <div class="sl-options-kinds">
          {ENTITY_KINDS.map((kind) => (
            <div class="sl-options-check" key={kind}>
              <input
                type="checkbox"
                id={`sl-opt-kind-${kind}`}
                checked={settings.kinds[kind]}
                onChange={(event) => {
                  const on = event.currentTarget.checked;
                  change((current) => ({ ...current, kinds: { ...current.kinds, [kind]: on } }));
                }}
              />
              <label for={`sl-opt-kind-${kind}`}>{kindLabel(kind)}</label>
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset class="sl-options-group">
        <legend>{t('options_mentions_legend')}</legend>
        <div class="sl-options-check">
          <input
            type="radio"
            name="sl-opt-mentions"
            id="sl-opt-mentions-all"
            checked={!settings.markFirstOnly}
            onChange={() => change((current) => ({ ...current, markFirstOnly: false }))}
          />
          <label for="sl-opt-mentions-all">{t('options_mentions_all')}</label>
        </div>
        <div class="sl-options-check">
          <input
            type="radio"
            name="sl-opt-mentions"
            id="sl-opt-mentions-first"
            checked={settings.markFirstOnly}
            onChange={() => change((current) => ({ ...current, markFirstOnly: true }))}
          />
          <label for="sl-opt-mentions-first">{t('options_mentions_first')}</label>
        </div>
      </fieldset>

      <fieldset class="sl-options-group" aria-describedby="sl-opt-style-preview">
        <legend>{t('options_style_legend')}</legend>
        {styles.map(([style, label]) => (
          <div class="sl-options-check" key={style}>
            <input
              type="radio"
              name="sl-opt-style"
              id={`sl-opt-style-${style}`}
              value={style}
              checked={settings.markStyle === style}
              onChange={() => change((current) => ({ ...current, markStyle: style }))}
            />
            <label for={`sl-opt-style-${style}`}>{label}</label>
          </div>
        ))}
        <p id="sl-opt-style-preview" class="sl-options-preview">
          {before}
          <span class={`sl-options-mark sl-options-mark-${settings.markStyle}`}>{t('options_style_preview_name')}</span>
          {after}
        </p>
      </fieldset>

      <div class="sl-options-field sl-options-delay">
        <label for="sl-opt-delay">{t('options_hover_delay')}</label>
        <div class="sl-options-delay-row">
          <input
            type="range"
            id="sl-opt-delay"
            min={HOVER_DELAY_MIN_MS}
            max={HOVER_DELAY_MAX_MS}
            step={50}
            value={settings.hoverDelayMs}
            aria-valuetext={t('options_hover_delay_value', [String(settings.hoverDelayMs)])}
            aria-describedby="sl-opt-delay-hint"
            onInput={(event) => setDelay(event.currentTarget.valueAsNumber)}
          />
          <label for="sl-opt-delay-ms" class="sl-visually-hidden">
            {t('options_hover_delay_ms')}
          </label>
          <input
            type="number"
            id="sl-opt-delay-ms"
            ref={delayInput}
            class="sl-options-input sl-options-number"
            min={HOVER_DELAY_MIN_MS}
            max={HOVER_DELAY_MAX_MS}
            step={50}
            inputMode="numeric"
            value={delayText}
            aria-describedby="sl-opt-delay-hint"
            onInput={(event) => {
              const text = event.currentTarget.value;
              setDelayText(text);
              if (text.trim() !== '') setDelay(Number(text));
            }}
            onBlur={() => setDelayText(String(settings.hoverDelayMs))}
          />
        </div>
        <p id="sl-opt-delay-hint" class="sl-options-hint">
          {t('options_hover_delay_hint', [String(HOVER_DELAY_MIN_MS), String(HOVER_DELAY_MAX_MS)])}
        </p>
      </div>
    </section>
  );
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

function SitesSection({ rules, onRules }: { rules: readonly SiteRule[]; onRules(rules: SiteRule[]): void }) {
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
      <div class="sl-options-actions">
        <button type="submit" class="sl-options-button">
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" class="sl-options-button sl-options-secondary" onClick={onCancel}>
            {t('options_cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
