/**
 * Popup: follows the settings and the tab's page (its state pushed by the page, across
 * navigations: extension/tab-page.ts), renders PopupApp, writes the reader's choices back to the
 * settings.
 * `?tab=<id>` targets a given tab (used when the popup is opened as a page, e.g. by tests).
 */
import '../../components/popup.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ArticleBriefing, type ArticleServices } from '../../components/ArticleBriefing';
import { PopupApp } from '../../components/PopupApp';
import { popupState, type PopupTab } from '../../components/popup-state';
import { bundledBriefings } from '../../assets/briefings';
import { lensEntities } from '../../core/configure-lens';
import { setSiteMode, type Settings } from '../../core/settings';
import { unsupportedReason } from '../../core/sites';
import { startExtensionPage } from '../../extension/i18n';
import { addReaderBriefing, loadBriefings } from '../../extension/briefing-store';
import { askPage, checkPageArticle, extractPageArticle } from '../../extension/messages';
import { loadSettings, updateSettings, watchSettings } from '../../extension/settings-store';
import { followTabPage, type TabPage } from '../../extension/tab-page';

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

/** "Use this article as a briefing" for `tab`: the article is read in the tab and saved here, in the extension. */
function articleServices(tabId: number, openBriefings: () => void): ArticleServices {
  return {
    check: () => checkPageArticle(tabId),
    extract: () => extractPageArticle(tabId),
    briefingIds: async () => new Set((await loadBriefings(bundledBriefings)).map((b) => b.id)),
    // Saved like any reader's briefing: open tabs follow the stored list and their cards quote it.
    save: (briefing) => addReaderBriefing(briefing),
    onOpenBriefings: openBriefings,
  };
}

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  const tab = await targetTab();
  let settings: Settings = (await loadSettings()).settings;
  let view: TabPage | null = null;
  const openBriefings = () => void browser.tabs.create({ url: browser.runtime.getURL('/briefings.html') });
  const services = tab ? articleServices(tab.id, openBriefings) : null;
  // One list per settings, so the article preview's matcher is built once, not at every draw.
  let entities = { of: settings, all: lensEntities(settings).all };

  const draw = () => {
    // No tab at all (a window without one): nothing to follow.
    const state = popupState(settings, view?.tab ?? null, view?.page ?? null, view ? view.unsupported : unsupportedReason(undefined));
    const host = state.site?.host ?? '';
    if (entities.of !== settings) entities = { of: settings, all: lensEntities(settings).all };
    render(
      <PopupApp
        state={state}
        onToggleGlobal={(on) => void updateSettings((s) => ({ ...s, enabled: on }))}
        onToggleSite={(on) => void updateSettings((s) => setSiteMode(s, host, on ? 'on' : 'off'))}
        onRevealEntity={(id) => {
          if (tab) askPage(tab.id, { type: 'reveal-mention', entity: id }).catch(() => {});
        }}
        onOpenOptions={() => void browser.runtime.openOptionsPage()}
        onOpenBriefings={openBriefings}
        article={services ? <ArticleBriefing services={services} url={view?.tab.url ?? tab?.url} entities={entities.all} /> : null}
      />,
      root,
    );
  };

  const signal = new AbortController().signal;
  if (tab) {
    followTabPage(
      tab,
      (next) => {
        view = next;
        draw();
      },
      signal,
    );
  } else {
    draw();
  }
  watchSettings((next) => {
    settings = next;
    draw();
  }, signal);
}

void main();
