/**
 * One briefing in the briefings page's list: its title, where it comes from, its size, the
 * switch that puts it on cards, a link to read it, and (for the reader's own) rename and delete
 * after confirmation. Text the reader gave is only ever shown as text.
 */
import { useMemo, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { utf8Length } from '../core/briefing-limits';
import { cleanSource, cleanTitle } from '../core/briefing-file';
import { t } from '../core/i18n';
import type { Briefing } from '../core/types';
import { formatSize, storeErrorMessage } from './briefing-messages';

export interface BriefingItemProps {
  briefing: Briefing;
  onRename(id: string, title: string): Promise<void>;
  onSetEnabled(id: string, enabled: boolean): Promise<void>;
  onDelete(id: string): Promise<void>;
  /** Address of the viewer for a briefing. */
  viewerHref?(id: string): string;
}

export function BriefingItem({ briefing, onRename, onSetEnabled, onDelete, viewerHref = (id) => `briefing.html?id=${encodeURIComponent(id)}` }: BriefingItemProps) {
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
