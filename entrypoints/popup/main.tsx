/**
 * Popup: reads settings and the tab's page state, renders PopupApp, writes the reader's
 * choices back to settings. Open tabs follow settings through storage.onChanged.
 * `?tab=<id>` targets a given tab (used when the popup is opened as a page, e.g. by tests).
 */
import '../../components/popup.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp, type PopupState, type UnsupportedReason } from '../../components/PopupApp';
import { uiDirection } from '../../core/i18n';
import { installBrowserTranslations } from '../../extension/i18n';
import { lensEntities } from '../../core/configure-lens';
import { setSiteMode, siteModeFor, type Settings } from '../../core/settings';
import { canAnnotate } from '../../core/sites';
import type { ContentRequest, PageState } from '../../extension/messages';
import { loadSettings, updateSettings, watchSettings } from '../../extension/settings-store';

installBrowserTranslations();
document.documentElement.dir = uiDirection();
document.documentElement.lang = browser.i18n.getUILanguage();

/** Why a URL cannot be annotated, in the words the popup uses. */
function unsupportedReason(url: string | undefined): UnsupportedReason {
  if (!url) return 'other';
  if (/\.pdf($|[?#])/i.test(url)) return 'pdf';
  if (url.startsWith('file:')) return 'file';
  if (/^https?:/.test(url)) return 'store-page';
  return 'browser-page';
}

async function targetTab(): Promise<{ id: number; url?: string } | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) {
    const tab = await browser.tabs.get(fromQuery);
    return { id: fromQuery, url: tab.url };
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id === undefined ? null : { id: tab.id, url: tab.url };
}

async function askPage(tabId: number, request: ContentRequest): Promise<unknown> {
  return browser.tabs.sendMessage(tabId, request, { frameId: 0 });
}

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  const tab = await targetTab();
  let settings: Settings = (await loadSettings()).settings;
  let page: PageState | null = null;
  let unsupported: UnsupportedReason | undefined;
  if (!tab || (tab.url && !canAnnotate(tab.url).ok)) unsupported = unsupportedReason(tab?.url);

  const draw = () => {
    const host = page?.host ?? (tab?.url ? new URL(tab.url).hostname : '');
    const url = tab?.url ?? `https://${host}/`;
    const siteRule = host ? siteModeFor(settings, url) : undefined;
    const state: PopupState = {
      globalOn: settings.enabled,
      site: host && !unsupported ? { host, on: siteRule ? siteRule === 'on' : !!page?.active || page?.reason === 'disabled' } : null,
      page,
      unsupportedReason: unsupported,
      entities: Object.fromEntries(lensEntities(settings).all.map((e) => [e.id, { name: e.name, kind: e.kind, description: e.description }])),
    };
    render(
      <PopupApp
        state={state}
        onToggleGlobal={(on) => void updateSettings((s) => ({ ...s, enabled: on }))}
        onToggleSite={(on) => void updateSettings((s) => setSiteMode(s, host, on ? 'on' : 'off'))}
        onRevealEntity={(id) => {
          if (tab) void askPage(tab.id, { type: 'reveal-mention', entity: id });
        }}
        onOpenOptions={() => void browser.runtime.openOptionsPage()}
        onOpenBriefings={() => void browser.tabs.create({ url: browser.runtime.getURL('/briefings.html') })}
      />,
      root,
    );
  };

  const refresh = async () => {
    if (!tab || unsupported) return draw();
    try {
      page = (await askPage(tab.id, { type: 'get-page-state' })) as PageState;
    } catch {
      // No content script answers: a page loaded before install, or one we may not run on.
      unsupported = unsupportedReason(tab.url);
    }
    draw();
  };

  draw();
  await refresh();
  const stop = new AbortController();
  watchSettings((next) => {
    settings = next;
    draw();
    // The page rescans after a settings change; ask again once it had time to.
    setTimeout(() => void refresh(), 300);
  }, stop.signal);
  // Live pages keep changing while the popup is open.
  setInterval(() => void refresh(), 2000);
}

void main();
