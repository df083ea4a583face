/**
 * The readers' briefings page (briefings.html): the briefings cards quote from, each with an
 * on/off switch, rename, delete (after confirmation) and a link to read it; adding one by paste
 * or from a .txt/.md file, compiled on the device first (in chunks, so the page stays
 * responsive) to preview what its cards will say; export and import as one JSON file.
 *
 * Presentational: the entrypoint passes the briefings and the store's writes. Text the reader
 * pastes or loads is only ever shown as text (a textarea's value, JSX children), never markup.
 * Styles: options.css (the shared page look) + briefings.css.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { MAX_BRIEFING_BYTES, utf8Length, validateBriefingText } from '../core/briefing-limits';
import { compileBriefingInChunks, type CompiledBriefing } from '../core/compile-briefing';
import {
  cleanSource,
  cleanTitle,
  exportFileName,
  isTextFile,
  mergeImported,
  newBriefingId,
  parseBriefingFile,
  serializeBriefingFile,
  titleFromFileName,
  type BriefingFileProblem,
  describeFileProblem,
} from '../core/briefing-file';
import { createMatcher } from '../core/matcher';
import type { Briefing, Entity } from '../core/types';
import { readableError, t, tm } from '../core/i18n';
import { BriefingQuotaError } from '../extension/storage-errors';

export interface BriefingsAppProps {
  /** Every briefing: the built-in ones first (with their on/off state), then the reader's. */
  briefings: readonly Briefing[];
  /** The reader's entities (`lensEntities(settings).all`): what the preview looks for. */
  entities: readonly Entity[];
  /** Stores a new briefing. Rejects with a readable Error (e.g. BriefingQuotaError) when it cannot. */
  onAdd(briefing: Briefing): Promise<void>;
  onRename(id: string, title: string): Promise<void>;
  onSetEnabled(id: string, enabled: boolean): Promise<void>;
  onDelete(id: string): Promise<void>;
  /** Replaces the reader's briefings (after an import). Rejects, changing nothing, when it cannot. */
  onSaveAll(readers: Briefing[]): Promise<void>;
  /** Address of the viewer for a briefing. */
  viewerHref?(id: string): string;
  /** Hands a file to the reader (default: a Blob URL and an `<a download>`). */
  onDownload?(fileName: string, blob: Blob): void;
  /** Sentences compiled between two yields to the event loop. */
  yieldEvery?: number;
}

// ---------------------------------------------------------------------------------------------
// Messages

const numbers = () => new Intl.NumberFormat(typeof document !== 'undefined' ? document.documentElement.lang || undefined : undefined, { maximumFractionDigits: 1 });

/** 812 bytes, 12.3 KB, 1.0 MB (decimal units, as the 1 MB limit is). */
export function formatSize(bytes: number): string {
  const n = numbers();
  if (bytes < 1000) return t('briefings_size_bytes', [n.format(bytes)]);
  if (bytes < 1_000_000) return t('briefings_size_kb', [n.format(Math.round(bytes / 100) / 10)]);
  return t('briefings_size_mb', [new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(Math.round(bytes / 10_000) / 100)]);
}

/** Why this text cannot be a briefing, translated, or null when it can. */
export function textProblem(text: string): string | null {
  if (validateBriefingText(text).ok) return null;
  if (text.trim() === '') return t('briefings_error_empty');
  const bytes = utf8Length(text);
  if (bytes > MAX_BRIEFING_BYTES) return t('briefings_error_too_large', [formatSize(bytes)]);
  return t('briefings_error_binary');
}

function fileProblemMessage(problem: BriefingFileProblem): string {
  // A size in the reader's number format; every other problem as the file reader describes it.
  if (problem.code === 'bad-text' && problem.tooLarge !== undefined) {
    return t('briefings_import_too_large', [String(problem.briefing), formatSize(problem.tooLarge)]);
  }
  return tm(describeFileProblem(problem));
}

/** A store error as the reader should read it. */
export function storeErrorMessage(error: unknown): string {
  if (error instanceof BriefingQuotaError) return t('briefings_error_quota', [formatSize(error.bytes)]);
  return `${t('briefings_error_save')} ${readableError(error)}`;
}

function defaultDownload(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// ---------------------------------------------------------------------------------------------

export function BriefingsApp(props: BriefingsAppProps) {
  const { briefings, onSaveAll, onDownload = defaultDownload } = props;
  const readers = briefings.filter((b) => !b.builtIn);
  const [status, setStatus] = useState('');
  const [importError, setImportError] = useState<string | null>(null);
  const importInput = useRef<HTMLInputElement>(null);

  const exportAll = () => {
    const json = serializeBriefingFile(readers);
    onDownload(exportFileName(), new Blob([json], { type: 'application/json' }));
    setStatus(t('briefings_exported', [String(readers.length)]));
  };

  const importFile = async (file: File) => {
    setImportError(null);
    setStatus('');
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      setImportError(`${t('briefings_import_not_json')} (${String(error)})`);
      return;
    }
    const parsed = parseBriefingFile(text);
    if (!parsed.ok) {
      setImportError(fileProblemMessage(parsed.problem));
      return;
    }
    const builtInIds = new Set(briefings.filter((b) => b.builtIn).map((b) => b.id));
    const merged = mergeImported(readers, parsed.briefings, builtInIds);
    try {
      await onSaveAll(merged.briefings);
    } catch (error) {
      setImportError(storeErrorMessage(error));
      return;
    }
    setStatus(t('briefings_imported', [String(merged.added), String(merged.replaced)]));
  };

  return (
    <main class="sl-options sl-briefings">
      <h1 class="sl-options-title">{t('briefings_title')}</h1>
      <p class="sl-options-hint">{t('briefings_intro')}</p>

      <section class="sl-options-section" aria-labelledby="sl-briefings-list-heading">
        <h2 id="sl-briefings-list-heading">{t('briefings_list_heading')}</h2>
        <ul class="sl-briefings-list">
          {briefings.map((briefing) => (
            <BriefingItem key={briefing.id} briefing={briefing} {...props} />
          ))}
        </ul>
        {readers.length === 0 ? <p class="sl-options-hint">{t('briefings_none_yet')}</p> : null}
      </section>

      <AddBriefing {...props} onStatus={setStatus} />

      <section class="sl-options-section" aria-labelledby="sl-briefings-file-heading">
        <h2 id="sl-briefings-file-heading">{t('briefings_file_heading')}</h2>
        <p class="sl-options-hint">{t('briefings_file_intro')}</p>
        <div class="sl-options-actions sl-briefings-file-actions">
          <button type="button" class="sl-options-button sl-options-secondary" disabled={readers.length === 0} onClick={exportAll}>
            {t('briefings_export')}
          </button>
          <button type="button" class="sl-options-button sl-options-secondary" onClick={() => importInput.current?.click()}>
            {t('briefings_import')}
          </button>
          <input
            ref={importInput}
            type="file"
            accept=".json,application/json"
            class="sl-visually-hidden"
            aria-label={t('briefings_import')}
            tabIndex={-1}
            onChange={(event) => {
              const input = event.currentTarget;
              const file = input.files?.[0];
              input.value = '';
              if (file) void importFile(file);
            }}
          />
        </div>
        {importError !== null ? (
          <div class="sl-options-alert" role="alert">
            <p>{t('briefings_import_failed')}</p>
            <p class="sl-options-detail">{importError}</p>
          </div>
        ) : null}
      </section>

      <p class="sl-options-save-state" role="status">
        {status}
      </p>
    </main>
  );
}

// ---------------------------------------------------------------------------------------------
// One briefing in the list

function BriefingItem({ briefing, onRename, onSetEnabled, onDelete, viewerHref = (id) => `briefing.html?id=${encodeURIComponent(id)}` }: BriefingsAppProps & { briefing: Briefing }) {
  const [mode, setMode] = useState<'show' | 'rename' | 'delete'>('show');
  const [title, setTitle] = useState(briefing.title);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `sl-briefing-${briefing.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const size = useMemo(() => utf8Length(briefing.text), [briefing.text]);
  const source = briefing.source !== undefined ? cleanSource(briefing.source) : null;

  const run = async (action: () => Promise<void>, after: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      after();
    } catch (e) {
      setError(storeErrorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const submitRename = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    const clean = cleanTitle(title);
    if (clean === '') {
      setError(t('briefings_error_title'));
      return;
    }
    void run(() => onRename(briefing.id, clean), () => setMode('show'));
  };

  return (
    <li class={`sl-briefings-item${briefing.enabled === false ? ' sl-briefings-off' : ''}`} aria-labelledby={`${base}-title`}>
      <div class="sl-briefings-head">
        <h3 id={`${base}-title`} class="sl-briefings-name" dir="auto">
          {briefing.title}
        </h3>
        {briefing.builtIn ? <span class="sl-briefings-badge">{t('briefings_built_in')}</span> : null}
      </div>
      <p class="sl-briefings-meta">
        <span>
          {briefing.builtIn ? t('briefings_source_bundled') : source ? (
            <>
              {t('briefing_source')}{' '}
              <a href={source} target="_blank" rel="noopener noreferrer" dir="ltr" class="sl-briefings-url">
                {source}
              </a>
            </>
          ) : (
            t('briefings_source_none')
          )}
        </span>
        <span aria-hidden="true"> · </span>
        <span>{formatSize(size)}</span>
      </p>
      <div class="sl-briefings-controls">
        <div class="sl-options-check">
          <input
            type="checkbox"
            role="switch"
            class="sl-options-switch"
            id={`${base}-enabled`}
            checked={briefing.enabled !== false}
            disabled={busy}
            aria-describedby={`${base}-title`}
            onChange={(event) => {
              const on = event.currentTarget.checked;
              void run(() => onSetEnabled(briefing.id, on), () => {});
            }}
          />
          <label for={`${base}-enabled`}>{t('briefings_use_in_cards')}</label>
        </div>
        <a class="sl-options-button sl-options-secondary sl-briefings-view" href={viewerHref(briefing.id)} target="_blank" aria-label={t('briefings_view_named', [briefing.title])}>
          {t('briefings_view')}
        </a>
        {briefing.builtIn ? null : (
          <>
            <button
              type="button"
              class="sl-options-button sl-options-secondary"
              aria-label={t('briefings_rename_named', [briefing.title])}
              aria-expanded={mode === 'rename'}
              onClick={() => {
                setTitle(briefing.title);
                setError(null);
                setMode(mode === 'rename' ? 'show' : 'rename');
              }}
            >
              {t('briefings_rename')}
            </button>
            <button
              type="button"
              class="sl-options-button sl-options-secondary"
              aria-label={t('briefings_delete_named', [briefing.title])}
              onClick={() => {
                setError(null);
                setMode('delete');
              }}
            >
              {t('briefings_delete')}
            </button>
          </>
        )}
      </div>

      {mode === 'rename' ? (
        <form
          class="sl-options-rule-form"
          noValidate
          onSubmit={submitRename}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              setMode('show');
            }
          }}
        >
          <div class="sl-options-field sl-options-grow">
            <label for={`${base}-rename`}>{t('briefings_new_title')}</label>
            <input
              type="text"
              id={`${base}-rename`}
              class="sl-options-input"
              dir="auto"
              value={title}
              maxLength={200}
              autoFocus
              aria-invalid={error ? 'true' : undefined}
              onInput={(event) => setTitle(event.currentTarget.value)}
            />
          </div>
          <div class="sl-options-actions">
            <button type="submit" class="sl-options-button" disabled={busy}>
              {t('briefings_save_title')}
            </button>
            <button type="button" class="sl-options-button sl-options-secondary" onClick={() => setMode('show')}>
              {t('briefings_cancel')}
            </button>
          </div>
        </form>
      ) : null}

      {mode === 'delete' ? (
        <div class="sl-briefings-confirm" role="alertdialog" aria-labelledby={`${base}-confirm`}>
          <p id={`${base}-confirm`}>{t('briefings_delete_confirm', [briefing.title])}</p>
          <div class="sl-options-actions">
            <button
              type="button"
              class="sl-options-button sl-briefings-danger"
              disabled={busy}
              autoFocus
              onClick={() => void run(() => onDelete(briefing.id), () => setMode('show'))}
            >
              {t('briefings_delete_yes')}
            </button>
            <button type="button" class="sl-options-button sl-options-secondary" onClick={() => setMode('show')}>
              {t('briefings_cancel')}
            </button>
          </div>
        </div>
      ) : null}

      {error !== null ? (
        <p class="sl-options-error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}

// ---------------------------------------------------------------------------------------------
// Adding a briefing

interface PreviewEntity {
  id: string;
  name: string;
  sentences: number;
  first: string;
}

interface Preview {
  /** The text compiled (the preview is dropped when the text changes). */
  text: string;
  entities: PreviewEntity[];
  /** Milliseconds from Compile to the preview. */
  ms: number;
}

type Phase = 'edit' | 'compiling' | 'saving';

interface FieldErrors {
  title?: string;
  source?: string;
  text?: string;
}

function previewOf(compiled: CompiledBriefing, entities: readonly Entity[]): PreviewEntity[] {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const out: PreviewEntity[] = [];
  for (const [id, entry] of Object.entries(compiled.entities)) {
    if (entry.sentences.length === 0) continue;
    out.push({
      id,
      name: byId.get(id)?.name ?? id,
      sentences: entry.sentences.length,
      first: compiled.sentences[entry.sentences[0]!]?.text ?? '',
    });
  }
  return out.sort((a, b) => b.sentences - a.sentences || a.name.localeCompare(b.name));
}

function AddBriefing({ briefings, entities, onAdd, onStatus, yieldEvery }: BriefingsAppProps & { onStatus(status: string): void }) {
  const [title, setTitle] = useState('');
  const [source, setSource] = useState('');
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [phase, setPhase] = useState<Phase>('edit');
  const [progress, setProgress] = useState(0);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const matcher = useMemo(() => createMatcher(entities), [entities]);
  const bytes = useMemo(() => utf8Length(text), [text]);

  const shownPreview = preview && preview.text === text ? preview : null;

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
    if (source.trim() !== '' && cleanSource(source) === null) next.source = t('briefings_error_source');
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
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setPhase('compiling');
    setProgress(0);
    const compiledText = text;
    let seen = 0;
    let shown = 0;
    const find = (chunk: string) => {
      seen += chunk.length;
      const fraction = Math.min(1, seen / compiledText.length);
      if (fraction - shown >= 0.02) {
        shown = fraction;
        setProgress(fraction);
      }
      return matcher.find(chunk);
    };
    const started = performance.now();
    try {
      const compiled = await compileBriefingInChunks({ id: 'preview', title: cleanTitle(title), text: compiledText }, find, {
        signal: controller.signal,
        ...(yieldEvery !== undefined ? { yieldEvery } : {}),
      });
      setPreview({ text: compiledText, entities: previewOf(compiled, entities), ms: performance.now() - started });
    } catch (error) {
      if (!controller.signal.aborted) setSaveError(`${t('briefings_error_compile')} ${String(error)}`);
    } finally {
      if (abort.current === controller) {
        abort.current = null;
        setPhase('edit');
      }
    }
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
    setPhase('saving');
    setSaveError(null);
    try {
      await onAdd(briefing);
    } catch (error) {
      setSaveError(storeErrorMessage(error));
      setPhase('edit');
      return;
    }
    setPhase('edit');
    setTitle('');
    setSource('');
    setTextFrom('', null);
    setPreview(null);
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
            <button type="button" class="sl-options-button sl-options-secondary" onClick={() => abort.current?.abort()}>
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
