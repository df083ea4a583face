/**
 * Background: the toolbar badge, keyboard commands, and opening extension pages for the
 * content script (which cannot open tabs itself).
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { setSiteMode } from '../core/settings';
import { TabBadges } from '../extension/badges';
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

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const request = message as BackgroundRequest;
    if (request?.type === 'mentions-changed' && sender.tab?.id !== undefined) {
      badges.report(sender.tab.id, sender.frameId ?? 0, request.active ? request.total : null);
    } else if (request?.type === 'open-briefing') {
      const query = new URLSearchParams({ id: request.briefingId, sentence: request.sentence });
      void browser.tabs.create({ url: browser.runtime.getURL(`/briefing.html?${query}`) });
    }
  });
  browser.tabs.onRemoved.addListener((tabId) => badges.forget(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    // A new document starts with a clean count; its content script reports again.
    if (change.status === 'loading') badges.forget(tabId);
  });

  browser.commands.onCommand.addListener(async (command, tab) => {
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
  });
});
