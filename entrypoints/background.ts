/**
 * Background: turns settings into what each page needs (its LensConfig), answers card requests,
 * injects the card UI on first need, keeps the toolbar badge, runs keyboard commands and opens
 * extension pages for the content script (which cannot open tabs itself).
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { bundledBriefings } from '../assets/briefings';
import { lensConfig, lensEntities } from '../core/configure-lens';
import { lastPlanCache } from '../core/matcher';
import { setSiteMode } from '../core/settings';
import { TabBadges } from '../extension/badges';
import { loadBriefings } from '../extension/briefing-store';
import { CardCache } from '../extension/cards';
import type { BackgroundRequest, ContentRequest, PageState } from '../extension/messages';
import { loadSettings, updateSettings, watchSettings } from '../extension/settings-store';

export default defineBackground(() => {
  // MV3 has `action`; Firefox's MV2 build has `browserAction`, with the same badge calls.
  const action = browser.action ?? browser.browserAction;
  const badges = new TabBadges((tabId, text) => {
    void action.setBadgeText({ tabId, text }).catch(() => {
      // The tab may have closed between the report and the update.
    });
  });
  void action.setBadgeBackgroundColor({ color: '#1d4f7a' });
  void loadSettings().then(({ settings }) => badges.setVisible(settings.showBadge));
  watchSettings((settings) => badges.setVisible(settings.showBadge), new AbortController().signal);

  const cards = new CardCache();
  const planFor = lastPlanCache();

  // First run: show what Syria Lens does, with a live example card.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });

  async function handle(request: BackgroundRequest, sender: Parameters<Parameters<typeof browser.runtime.onMessage.addListener>[0]>[1]) {
    switch (request.type) {
      case 'lens-config': {
        const { settings } = await loadSettings();
        return lensConfig(settings, request.url, request.signals, planFor);
      }
      case 'card': {
        // Bundled and reader's briefings, with the reader's on/off choices applied.
        const [{ settings }, briefings] = await Promise.all([loadSettings(), loadBriefings(bundledBriefings)]);
        return cards.card(request.entity, lensEntities(settings).all, briefings);
      }
      case 'load-card-ui': {
        const tabId = sender.tab?.id;
        if (tabId === undefined) return false;
        const frameId = sender.frameId ?? 0;
        if (import.meta.env.MANIFEST_VERSION === 3) {
          await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ['/card-ui.js'] });
        } else {
          await browser.tabs.executeScript(tabId, { file: '/card-ui.js', frameId });
        }
        return true;
      }
      case 'mentions-changed':
        if (sender.tab?.id !== undefined) badges.report(sender.tab.id, sender.frameId ?? 0, request.active ? request.total : null);
        return;
      case 'open-briefing': {
        const query = new URLSearchParams({ id: request.briefingId, sentence: request.sentence });
        await browser.tabs.create({ url: browser.runtime.getURL(`/briefing.html?${query}`) });
        return;
      }
    }
  }

  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- onMessage takes a listener that answers with a Promise (its type also lists a void one)
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const request = message as BackgroundRequest;
    if (!request || typeof request.type !== 'string') return Promise.resolve(undefined);
    return handle(request, sender);
  });
  browser.tabs.onRemoved.addListener((tabId) => badges.forget(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    // A new document starts with a clean count; its content script reports again.
    if (change.status === 'loading') badges.forget(tabId);
  });

  browser.commands.onCommand.addListener((command, tab) => void runCommand(command, tab));

  async function runCommand(command: string, tab: Parameters<Parameters<typeof browser.commands.onCommand.addListener>[0]>[1]): Promise<void> {
    const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    if (tabId === undefined) return;
    const ask = (request: ContentRequest) => browser.tabs.sendMessage(tabId, request, { frameId: 0 });
    if (command === 'next-mention' || command === 'previous-mention') {
      await ask({ type: 'reveal-mention', direction: command === 'next-mention' ? 1 : -1 }).catch(() => {});
    } else if (command === 'toggle-site') {
      const page = (await ask({ type: 'get-page-state' }).catch(() => null)) as PageState | null;
      if (!page?.host) return;
      await updateSettings((settings) => setSiteMode(settings, page.host, page.active ? 'off' : 'on'));
    }
  }
});
