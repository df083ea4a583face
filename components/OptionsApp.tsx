/**
 * The options page, presentational with local form state. The entrypoint loads the settings,
 * renders this, and saves through `onSave`; every change is saved at once (useAutosave: the
 * hover delay after a pause, since sync storage limits how often it may be written). A failed
 * save shows an alert and keeps the reader's edits on screen; the stored settings stay as they
 * were. Sections: general, marks, sites (SiteRules), names (EntityEditor). Styles: options.css.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, tm, type Message } from '../core/i18n';
import { HOVER_DELAY_MAX_MS, HOVER_DELAY_MIN_MS, type Scope, type Settings } from '../core/settings';
import { ENTITY_KINDS, MARK_STYLES, type Entity, type MarkStyle } from '../core/types';
import { Choices } from './Choices';
import { EntityEditor } from './EntityEditor';
import { kindLabel } from './EntityList';
import { SitesSection } from './SiteRules';
import { useAutosave, type Change } from './use-autosave';

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

export function OptionsApp({ settings, problems = [], onSave, entities, saveDelayMs = HOVER_DELAY_SAVE_MS }: OptionsAppProps) {
  const { draft, change, saveState, saveError } = useAutosave(settings, onSave, saveDelayMs);
  const [dismissed, setDismissed] = useState<readonly string[]>([]);

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

function GeneralSection({ settings, change }: { settings: Settings; change: Change }) {
  const scopes: [string, Scope, string][] = [
    ['news', 'news', t('options_scope_news')],
    ['all', 'all', t('options_scope_all')],
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
      <Choices
        name="sl-opt-scope"
        legend={t('options_scope_legend')}
        choices={scopes}
        value={settings.scope}
        onChange={(scope) => change((current) => ({ ...current, scope }))}
        describedBy="sl-opt-scope-hint"
      >
        <p id="sl-opt-scope-hint" class="sl-options-hint">
          {t('options_scope_hint')}
        </p>
      </Choices>
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
  const styles = MARK_STYLES.map((style): [string, MarkStyle, string] => [style, style, markStyleLabel(style)]);
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

      <Choices
        name="sl-opt-mentions"
        legend={t('options_mentions_legend')}
        choices={[
          ['all', false, t('options_mentions_all')],
          ['first', true, t('options_mentions_first')],
        ]}
        value={settings.markFirstOnly}
        onChange={(markFirstOnly) => change((current) => ({ ...current, markFirstOnly }))}
      />

      <Choices
        name="sl-opt-style"
        legend={t('options_style_legend')}
        choices={styles}
        value={settings.markStyle}
        onChange={(markStyle) => change((current) => ({ ...current, markStyle }))}
        describedBy="sl-opt-style-preview sl-opt-style-privacy"
      >
        <p id="sl-opt-style-preview" class="sl-options-preview">
          {before}
          <span class={`sl-options-mark sl-options-mark-${settings.markStyle}`}>{t('options_style_preview_name')}</span>
          {after}
        </p>
        <p id="sl-opt-style-privacy" class="sl-options-hint">
          {t('options_style_privacy')}
        </p>
      </Choices>

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

      <div class="sl-options-field">
        <div class="sl-options-check">
          <input
            type="checkbox"
            id="sl-opt-tap"
            checked={settings.tapToOpen}
            aria-describedby="sl-opt-tap-hint"
            onChange={(event) => {
              const tapToOpen = event.currentTarget.checked;
              change((current) => ({ ...current, tapToOpen }));
            }}
          />
          <label for="sl-opt-tap">{t('options_tap_to_open')}</label>
        </div>
        <p id="sl-opt-tap-hint" class="sl-options-hint">
          {t('options_tap_to_open_hint')}
        </p>
      </div>
    </section>
  );
}
