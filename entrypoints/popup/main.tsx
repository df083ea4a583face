/**
 * Popup: follows the settings and the tab's page state (pushed by the page on a port, see
 * `followPageState`), renders PopupApp, writes the reader's choices back to the settings.
 * `?tab=<id>` targets a given tab (used when the popup is opened as a page, e.g. by tests).
 */
import '../../components/popup.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '../../components/PopupApp';
import { popupState, type PopupTab } from '../../components/popup-state';
import { setSiteMode, type Settings } from '../../core/settings';
import { canAnnotate, unsupportedReason, type UnsupportedReason } from '../../core/sites';
import { startExtensionPage } from '../../extension/i18n';
import { askPage, followPageState, type PageState } from '../../extension/messages';
import { loadSettings, updateSettings, watchSettings } from '../../extension/settings-store';

startExtensionPage();

async function targetTab(): Promise<PopupTab | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) {
    const tab = await browser.tabs.get(fromQuery);
    return { id: fromQuery, url: tab.url };
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id === undefined ? null : { id: tab.id, url: tab.url };
}

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  const stop = new AbortController();
  let tab = await targetTab();
  let settings: Settings = (await loadSettings()).settings;
  let page: PageState | null = null;
  let unsupported: UnsupportedReason | undefined;
  if (!tab || (tab.url && !canAnnotate(tab.url).ok)) unsupported = unsupportedReason(tab?.url);

  const draw = () => {
    const state = popupState(settings, tab, page, unsupported);
    const host = state.site?.host ?? '';
    render(
      <PopupApp
        state={state}
        onToggleGlobal={(on) => void updateSettings((s) => ({ ...s, enabled: on }))}
        onToggleSite={(on) => void updateSettings((s) => setSiteMode(s, host, on ? 'on' : 'off'))}
        onRevealEntity={(id) => {
          if (tab) askPage(tab.id, { type: 'reveal-mention', entity: id }).catch(() => {});
        }}
        onOpenOptions={() => void browser.runtime.openOptionsPage()}
        onOpenBriefings={() => void browser.tabs.create({ url: browser.runtime.getURL('/briefings.html') })}
      />,
      root,
    );
  };

  /**
   * Follows the page in the tab. When it goes: if the tab is loading its next page, that one is
   * followed once it is there (onTabUpdated); otherwise no content script answers — a page loaded
   * before install, or one we may not run on. Right after a navigation the new page's script may
   * not have started yet (it starts when the document is idle), so that case is tried once more.
   */
  let following: AbortController | null = null;
  const follow = (target: PopupTab, afterNavigation = false) => {
    following?.abort();
    const current = new AbortController();
    following = current;
    stop.signal.addEventListener('abort', () => current.abort(), { once: true });
    const onState = (state: PageState) => {
      page = state;
      draw();
    };
    followPageState(target.id, onState, () => void pageGone(target, afterNavigation), current.signal);
  };
  const pageGone = async (target: PopupTab, afterNavigation: boolean) => {
    page = null;
    const now = await browser.tabs.get(target.id).catch(() => null);
    if (now?.status === 'loading') return draw();
    if (afterNavigation) {
      setTimeout(() => follow(target), 500);
      return;
    }
    unsupported = unsupportedReason(now?.url ?? target.url);
    draw();
  };
  const onTabUpdated = (tabId: number, change: { status?: string }, updated: { url?: string }) => {
    if (tabId !== tab?.id || change.status !== 'complete') return;
    tab = { id: tabId, url: updated.url ?? tab.url };
    unsupported = tab.url && !canAnnotate(tab.url).ok ? unsupportedReason(tab.url) : undefined;
    if (!unsupported) follow(tab, true);
    draw();
  };
  browser.tabs.onUpdated.addListener(onTabUpdated);
  stop.signal.addEventListener('abort', () => browser.tabs.onUpdated.removeListener(onTabUpdated));

  draw();
  if (tab && !unsupported) follow(tab);
  watchSettings((next) => {
    settings = next;
    draw();
  }, stop.signal);
}

void main();
