/**
 * The toolbar popup, presentational only: the entrypoint reads settings and asks the tab for
 * its PageState, then renders this with callbacks. Styles: popup.css.
 */
import type { EntityKind } from '../core/types';
import type { PageState } from '../extension/messages';
import { t, uiDirection } from '../core/i18n';
import { EntityList, type EntityListItem } from './EntityList';
import { Toggle } from './Toggle';

/** Why no content script can run in the tab. Unknown strings get a generic message. */
export type UnsupportedReason = 'browser-page' | 'store-page' | 'pdf' | 'file' | 'other';

export interface PopupEntity {
  name: string;
  kind: EntityKind;
  description: string;
}

export interface PopupState {
  globalOn: boolean;
  /** The tab's site; null when the tab has none (browser pages). */
  site: { host: string; on: boolean } | null;
  /** null while waiting for the content script's answer. */
  page: PageState | null;
  unsupportedReason?: UnsupportedReason | (string & {});
  /** What to show for each entity id in `page.counts`. */
  entities: ReadonlyMap<string, PopupEntity> | Readonly<Record<string, PopupEntity>>;
}

export interface PopupAppProps {
  state: PopupState;
  onToggleGlobal(on: boolean): void;
  onToggleSite(on: boolean): void;
  onRevealEntity(id: string): void;
  onOpenOptions(): void;
  onOpenBriefings(): void;
}

/** What the page section shows. */
export type PageStatus =
  | { kind: 'loading' }
  | { kind: 'unsupported'; reason: string }
  | { kind: 'inactive'; reason: 'disabled' | 'site-off' | 'not-news' }
  | { kind: 'empty' }
  | { kind: 'mentions'; total: number; items: EntityListItem[] };

/** First-strong isolate: keeps a host name (LTR) from reordering the text around it in Arabic. */
function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

function lookup(entities: PopupState['entities'], id: string): PopupEntity | undefined {
  if (entities instanceof Map) return entities.get(id);
  const record = entities as Readonly<Record<string, PopupEntity>>;
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

/** Entities on the page, most mentioned first; ties keep page order (first mention first). */
export function pageEntities(page: PageState, entities: PopupState['entities']): EntityListItem[] {
  return Object.entries(page.counts)
    .filter(([, count]) => count > 0)
    .map(([id, count], order) => ({ id, count, order, info: lookup(entities, id) }))
    .sort((a, b) => b.count - a.count || a.order - b.order)
    .map(({ id, count, info }) => ({
      id,
      count,
      name: info?.name ?? id,
      kind: info?.kind,
      description: info?.description,
    }));
}

export function pageStatus(state: PopupState): PageStatus {
  const { page } = state;
  if (state.unsupportedReason !== undefined || page?.reason === 'unsupported') {
    return { kind: 'unsupported', reason: state.unsupportedReason ?? 'other' };
  }
  // Switched off everywhere is known here at once; the page's answer may lag behind.
  if (!state.globalOn) return { kind: 'inactive', reason: 'disabled' };
  if (page === null) return { kind: 'loading' };
  if (!page.active) {
    const reason = page.reason === 'disabled' || page.reason === 'site-off' ? page.reason : 'not-news';
    return { kind: 'inactive', reason };
  }
  const items = pageEntities(page, state.entities);
  if (items.length === 0) return { kind: 'empty' };
  const total = page.total || items.reduce((sum, item) => sum + (item.count ?? 0), 0);
  return { kind: 'mentions', total, items };
}

function unsupportedMessage(reason: string): string {
  switch (reason) {
    case 'browser-page':
      return t('popup_unsupported_browser_page');
    case 'store-page':
      return t('popup_unsupported_store_page');
    case 'pdf':
      return t('popup_unsupported_pdf');
    case 'file':
      return t('popup_unsupported_file');
    default:
      return t('popup_unsupported_other');
  }
}

export function PopupApp({
  state,
  onToggleGlobal,
  onToggleSite,
  onRevealEntity,
  onOpenOptions,
  onOpenBriefings,
}: PopupAppProps) {
  const status = pageStatus(state);
  const host = state.site?.host ?? state.page?.host ?? '';
  return (
    <main class="sl-popup" dir={uiDirection()}>
      <header class="sl-popup-header">
        <h1 class="sl-popup-title">{t('extension_name')}</h1>
      </header>

      <div class="sl-popup-switches">
        <Toggle id="sl-toggle-global" label={t('popup_toggle_global')} checked={state.globalOn} onChange={onToggleGlobal} />
        {state.site ? (
          <Toggle
            id="sl-toggle-site"
            label={t('popup_toggle_site', [isolate(state.site.host)])}
            checked={state.site.on}
            onChange={onToggleSite}
          />
        ) : null}
      </div>

      <section class="sl-popup-page" aria-labelledby="sl-popup-page-heading">
        <h2 id="sl-popup-page-heading" class="sl-popup-heading">
          {t('popup_page_heading')}
        </h2>
        {/* Only the short state messages are live: the list refreshes while the popup is open. */}
        <div class="sl-popup-status" aria-live="polite">
          {status.kind === 'mentions' ? null : (
            <PageSection status={status} host={host} onToggleSite={onToggleSite} onRevealEntity={onRevealEntity} />
          )}
        </div>
        {status.kind === 'mentions' ? (
          <PageSection status={status} host={host} onToggleSite={onToggleSite} onRevealEntity={onRevealEntity} />
        ) : null}
      </section>

      <footer class="sl-popup-footer">
        <button type="button" class="sl-link" onClick={() => onOpenOptions()}>
          {t('popup_settings')}
        </button>
        <button type="button" class="sl-link" onClick={() => onOpenBriefings()}>
          {t('popup_briefings')}
        </button>
      </footer>
    </main>
  );
}

interface PageSectionProps {
  status: PageStatus;
  host: string;
  onToggleSite(on: boolean): void;
  onRevealEntity(id: string): void;
}

function PageSection({ status, host, onToggleSite, onRevealEntity }: PageSectionProps) {
  switch (status.kind) {
    case 'loading':
      return <p class="sl-popup-message sl-popup-loading">{t('popup_loading')}</p>;
    case 'unsupported':
      return <p class="sl-popup-message sl-popup-unsupported">{unsupportedMessage(status.reason)}</p>;
    case 'inactive':
      if (status.reason === 'disabled') {
        return <p class="sl-popup-message sl-popup-inactive">{t('popup_inactive_disabled')}</p>;
      }
      if (status.reason === 'site-off') {
        return (
          <p class="sl-popup-message sl-popup-inactive">{t('popup_inactive_site_off', [isolate(host)])}</p>
        );
      }
      return (
        <div class="sl-popup-inactive">
          <p class="sl-popup-message">{t('popup_inactive_not_news')}</p>
          <button type="button" class="sl-button" onClick={() => onToggleSite(true)}>
            {t('popup_switch_on_site')}
          </button>
        </div>
      );
    case 'empty':
      return <p class="sl-popup-message sl-popup-empty">{t('popup_no_mentions')}</p>;
    case 'mentions':
      return (
        <>
          <p class="sl-popup-total">{t('popup_mentions_total', [String(status.total)])}</p>
          <EntityList
            items={status.items}
            onSelect={onRevealEntity}
            actionHint={t('entity_reveal')}
            label={t('popup_page_heading')}
          />
        </>
      );
  }
}
