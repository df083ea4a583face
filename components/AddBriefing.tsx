/**
 * The briefings page's "Add a briefing" form: paste a text or load a .txt/.md file, give it a
 * title (and the address of the original), compile it on the device to preview what its cards
 * will say (useCompilePreview), then save it. Fields are checked as the reader goes; the first
 * wrong one takes focus. Text the reader gives is only ever shown as text.
 */
import { useMemo, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { checkBriefingCollection, MAX_BRIEFING_BYTES, utf8Length } from '../core/briefing-limits';
import { cleanSource, cleanTitle, isTextFile, newBriefingId, sourceHasCredentials, titleFromFileName } from '../core/briefing-file';
import { t, tm } from '../core/i18n';
import type { Briefing, Entity } from '../core/types';
import { formatSize, numbers, storeErrorMessage, textProblem } from './briefing-messages';
import { useCompilePreview } from './use-compile-preview';

export interface AddBriefingProps {
  /** Every briefing (a new one gets an id none of them has). */
  briefings: readonly Briefing[];
  /** The reader's entities: what the preview looks for. */
  entities: readonly Entity[];
  /** Stores the new briefing. Rejects with a readable Error (e.g. BriefingQuotaError) when it cannot. */
  onAdd(briefing: Briefing): Promise<void>;
  /** What to say in the page's status line. */
  onStatus(status: string): void;
  /** Sentences compiled between two yields to the event loop. */
  yieldEvery?: number;
}

interface FieldErrors {
  title?: string;
  source?: string;
  text?: string;
}

export function AddBriefing({ briefings, entities, onAdd, onStatus, yieldEvery }: AddBriefingProps) {
  const [title, setTitle] = useState('');
  const [source, setSource] = useState('');
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const compiler = useCompilePreview(entities, yieldEvery);
  const bytes = useMemo(() => utf8Length(text), [text]);
  const phase = compiler.compiling ? 'compiling' : saving ? 'saving' : 'edit';
  const { progress } = compiler;
  // A preview is dropped as soon as the text changes.
  const shownPreview = compiler.preview?.text === text ? compiler.preview : null;

  const setTextFrom = (next: string, name: string | null) => {
    setText(next);
    setFileName(name);
    setSaveError(null);
    setErrors((e) => ({ ...e, text: undefined }));
  };

  const chooseFile = async (file: File) => {
    setSaveError(null);
    if (!isTextFile(file.name, file.type)) {
      setErrors((e) => ({ ...e, text: t('briefings_error_not_text_file', [file.name]) }));
      return;
    }
    // More than 4 bytes a character is impossible in UTF-8: no need to read a file that large.
    if (file.size > MAX_BRIEFING_BYTES * 4) {
      setErrors((e) => ({ ...e, text: t('briefings_error_too_large', [formatSize(file.size)]) }));
      return;
    }
    let content: string;
    try {
      content = await file.text();
    } catch {
      setErrors((e) => ({ ...e, text: t('briefings_error_not_text_file', [file.name]) }));
      return;
    }
    content = content.replace(/^\uFEFF/, '');
    const problem = textProblem(content);
    if (problem !== null) {
      setErrors((e) => ({ ...e, text: problem }));
      return;
    }
    setTextFrom(content, file.name);
    if (title.trim() === '') setTitle(titleFromFileName(file.name));
  };

  /** Checks the fields; returns the errors (empty when the briefing can be compiled). */
  const check = (): FieldErrors => {
    const next: FieldErrors = {};
    if (cleanTitle(title) === '') next.title = t('briefings_error_title');
    if (source.trim() !== '' && cleanSource(source) === null) {
      next.source = t(sourceHasCredentials(source) ? 'briefings_error_source_credentials' : 'briefings_error_source');
    }
    const problem = textProblem(text);
    if (problem !== null) next.text = problem;
    return next;
  };

  const compile = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    onStatus('');
    setSaveError(null);
    const form = event.currentTarget;
    const problems = check();
    setErrors(problems);
    const firstBad = problems.title ? 'title' : problems.source ? 'source' : problems.text ? 'text' : null;
    if (firstBad) {
      form.querySelector<HTMLElement>(`#sl-add-${firstBad}`)?.focus();
      return;
    }
    // One more than the reader may keep (in number or size): say so before compiling it.
    const full = checkBriefingCollection([...briefings.filter((b) => !b.builtIn), { text }]);
    if (full !== null) {
      setSaveError(tm(full));
      return;
    }
    const failed = await compiler.compile(cleanTitle(title), text);
    if (failed !== null) setSaveError(failed);
  };

  const save = async () => {
    if (!shownPreview) return;
    const problems = check();
    setErrors(problems);
    if (problems.title || problems.source || problems.text) return;
    const taken = new Set(briefings.map((b) => b.id));
    const briefing: Briefing = { id: newBriefingId(taken), title: cleanTitle(title), text, builtIn: false, enabled: true };
    const clean = source.trim() === '' ? null : cleanSource(source);
    if (clean !== null) briefing.source = clean;
    setSaving(true);
    setSaveError(null);
    try {
      await onAdd(briefing);
    } catch (error) {
      setSaveError(storeErrorMessage(error));
      return;
    } finally {
      setSaving(false);
    }
    setTitle('');
    setSource('');
    setTextFrom('', null);
    compiler.clear();
    onStatus(t('briefings_saved', [briefing.title]));
  };

  const fieldProps = (field: keyof FieldErrors) => ({
    id: `sl-add-${field}`,
    'aria-invalid': errors[field] ? ('true' as const) : undefined,
    'aria-describedby': [errors[field] ? `sl-add-${field}-error` : '', field === 'text' ? 'sl-add-text-hint' : field === 'source' ? 'sl-add-source-hint' : '']
      .filter(Boolean)
      .join(' ') || undefined,
  });
  const fieldError = (field: keyof FieldErrors) =>
    errors[field] ? (
      <p id={`sl-add-${field}-error`} class="sl-options-error">
        {errors[field]}
      </p>
    ) : null;

  return (
    <section class="sl-options-section" aria-labelledby="sl-briefings-add-heading">
      <h2 id="sl-briefings-add-heading">{t('briefings_add_heading')}</h2>
      <p class="sl-options-hint">{t('briefings_add_intro')}</p>
      <form class="sl-briefings-add" noValidate onSubmit={(event) => void compile(event)}>
        <div class="sl-options-field">
          <label for="sl-add-title">{t('briefings_field_title')}</label>
          <input
            type="text"
            class="sl-options-input"
            dir="auto"
            maxLength={200}
            required
            value={title}
            onInput={(event) => {
              setTitle(event.currentTarget.value);
              setErrors((e) => ({ ...e, title: undefined }));
            }}
            {...fieldProps('title')}
          />
          {fieldError('title')}
        </div>
        <div class="sl-options-field">
          <label for="sl-add-source">{t('briefings_field_source')}</label>
          <input
            type="url"
            class="sl-options-input"
            dir="ltr"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder="https://"
            value={source}
            onInput={(event) => {
              setSource(event.currentTarget.value);
              setErrors((e) => ({ ...e, source: undefined }));
            }}
            {...fieldProps('source')}
          />
          <p id="sl-add-source-hint" class="sl-options-hint">
            {t('briefings_field_source_hint')}
          </p>
          {fieldError('source')}
        </div>
        <div class="sl-options-field">
          <label for="sl-add-text">{t('briefings_field_text')}</label>
          <textarea
            class="sl-options-input sl-briefings-textarea"
            dir="auto"
            rows={10}
            spellcheck={false}
            value={text}
            onInput={(event) => setTextFrom(event.currentTarget.value, null)}
            {...fieldProps('text')}
          />
          <p id="sl-add-text-hint" class="sl-options-hint">
            {fileName !== null ? t('briefings_loaded_file', [fileName]) + ' ' : ''}
            {t('briefings_text_size', [formatSize(bytes), formatSize(MAX_BRIEFING_BYTES)])}
          </p>
          {fieldError('text')}
        </div>
        <div class="sl-options-field">
          <label for="sl-add-file">{t('briefings_field_file')}</label>
          <input
            type="file"
            id="sl-add-file"
            class="sl-briefings-file"
            accept=".txt,.md,text/plain,text/markdown"
            onChange={(event) => {
              const input = event.currentTarget;
              const file = input.files?.[0];
              input.value = '';
              if (file) void chooseFile(file);
            }}
          />
        </div>

        <div class="sl-options-actions sl-briefings-add-actions">
          <button type="submit" class="sl-options-button" disabled={phase !== 'edit'}>
            {t('briefings_compile')}
          </button>
          {phase === 'compiling' ? (
            <button type="button" class="sl-options-button sl-options-secondary" onClick={() => compiler.cancel()}>
              {t('briefings_cancel')}
            </button>
          ) : null}
        </div>
      </form>

      <div class="sl-briefings-progress" role="status" aria-live="polite">
        {phase === 'compiling' ? (
          <>
            <span>{t('briefings_compiling')}</span>
            <progress max={100} value={Math.round(progress * 100)} aria-label={t('briefings_compiling')} />
          </>
        ) : null}
      </div>

      {saveError !== null ? (
        <div class="sl-options-alert" role="alert">
          <p class="sl-options-detail">{saveError}</p>
        </div>
      ) : null}

      {shownPreview ? (
        <div class="sl-briefings-preview" aria-labelledby="sl-briefings-preview-heading">
          <h3 id="sl-briefings-preview-heading" class="sl-options-subheading">
            {t('briefings_preview_heading')}
          </h3>
          {shownPreview.entities.length === 0 ? (
            <p>{t('briefings_preview_none')}</p>
          ) : (
            <>
              <p>{t('briefings_preview_count', [String(shownPreview.entities.length)])}</p>
              <ul class="sl-briefings-preview-list">
                {shownPreview.entities.map((entity) => (
                  <li key={entity.id} class="sl-briefings-preview-entity" data-entity={entity.id}>
                    <span class="sl-briefings-preview-name">{entity.name}</span>{' '}
                    <span class="sl-briefings-preview-count">{t('briefings_preview_sentences', [String(entity.sentences)])}</span>
                    <blockquote class="sl-briefings-quote" dir="auto">
                      {entity.first}
                    </blockquote>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p class="sl-options-hint" data-compile-ms={Math.round(shownPreview.ms)}>
            {t('briefings_preview_time', [numbers().format(Math.max(0.1, shownPreview.ms / 1000))])}
          </p>
          <div class="sl-options-actions">
            <button type="button" class="sl-options-button" disabled={phase !== 'edit'} onClick={() => void save()}>
              {t('briefings_save')}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
