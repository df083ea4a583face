/**
 * Popup: follows the settings and the tab's page (its state pushed by the page, across
 * navigations: extension/tab-page.ts), renders PopupApp, writes the reader's choices back to the
 * settings.
 * `?tab=<id>` targets a given tab (used when the popup is opened as a page, e.g. by tests).
 */
import '../../components/popup.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '../../components/PopupApp';
import { popupState, type PopupTab } from '../../components/popup-state';
import { setSiteMode, type Settings } from '../../core/settings';
import { unsupportedReason } from '../../core/sites';
import { startExtensionPage } from '../../extension/i18n';
import { askPage } from '../../extension/messages';
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

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  const tab = await targetTab();
  let settings: Settings = (await loadSettings()).settings;
  let view: TabPage | null = null;

  const draw = () => {
    // No tab at all (a window without one): nothing to follow.
    const state = popupState(settings, view?.tab ?? null, view?.page ?? null, view ? view.unsupported : unsupportedReason(undefined));
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
