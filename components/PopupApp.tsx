/**
 * The toolbar popup, presentational only: the entrypoint follows the settings and the tab's
 * PageState, works out a PopupState (./popup-state.ts) and renders this with callbacks.
 * Styles: popup.css.
 */
import type { ComponentChildren } from 'preact';
import { t, uiDirection } from '../core/i18n';
import { EntityList, kindLabel } from './EntityList';
import { groupByKind, pageStatus, type PageStatus, type PopupState } from './popup-state';
import { Toggle } from './Toggle';

export type { PopupState };

export interface PopupAppProps {
  state: PopupState;
  onToggleGlobal(on: boolean): void;
  onToggleSite(on: boolean): void;
  onRevealEntity(id: string): void;
  onOpenOptions(): void;
  onOpenBriefings(): void;
  /** Shown after the page's section: "Use this article as a briefing" (components/ArticleBriefing.tsx). */
  article?: ComponentChildren;
}

/** First-strong isolate: keeps a host name (LTR) from reordering the text around it in Arabic. */
function isolate(text: string): string {
  return `\u2068${text}\u2069`;
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
  article,
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

      {article}

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
          {/* Grouped by kind: with dozens of names a page's overview reads like an index. */}
          {groupByKind(status.items).map(({ kind, items }) => {
            const heading = kind ? kindLabel(kind) : t('popup_page_heading');
            return (
              <section key={kind ?? 'other'} class="sl-popup-kind">
                <h3 class="sl-popup-kind-heading">{heading}</h3>
                <EntityList items={items} onSelect={onRevealEntity} actionHint={t('entity_reveal')} label={heading} />
              </section>
            );
          })}
        </>
      );
  }
}
