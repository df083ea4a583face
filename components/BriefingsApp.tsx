/**
 * The readers' briefings page (briefings.html): the briefings cards quote from (BriefingItem),
 * adding one (AddBriefing, which previews what its cards will say), and export and import as
 * one JSON file.
 *
 * Presentational: the entrypoint passes the briefings and the store's writes. Text the reader
 * pastes or loads is only ever shown as text (a textarea's value, JSX children), never markup.
 * Styles: options.css (the shared page look) + briefings.css.
 */
import { useRef, useState } from 'preact/hooks';
import { exportFileName, mergeImported, parseBriefingFile, serializeBriefingFile } from '../core/briefing-file';
import { t } from '../core/i18n';
import type { Briefing, Entity } from '../core/types';
import { AddBriefing } from './AddBriefing';
import { BriefingItem } from './BriefingItem';
import { fileProblemMessage, storeErrorMessage } from './briefing-messages';

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
            <BriefingItem key={briefing.id} briefing={briefing} onRename={props.onRename} onSetEnabled={props.onSetEnabled} onDelete={props.onDelete} viewerHref={props.viewerHref} />
          ))}
        </ul>
        {readers.length === 0 ? <p class="sl-options-hint">{t('briefings_none_yet')}</p> : null}
      </section>

      <AddBriefing briefings={briefings} entities={props.entities} onAdd={props.onAdd} onStatus={setStatus} yieldEvery={props.yieldEvery} />

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
