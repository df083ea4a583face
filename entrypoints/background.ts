/**
 * Background: turns settings into what each page needs (its LensConfig), answers card requests,
 * injects the card UI on first need, keeps the toolbar badge, runs keyboard commands and opens
 * extension pages for the content script (which cannot open tabs itself).
 */
import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { bundledBriefings } from '../assets/briefings';
import { lensConfig, lensEntities } from '../core/configure-lens';
import { fromDetection } from '../core/language';
import { newsSignals } from '../core/news';
import { markCss } from '../core/mark-names';
import { lastPlanCache } from '../core/matcher';
import { tabOpeningLimiter } from '../core/rate-limit';
import { TabBadges } from '../extension/badges';
import { loadBriefings } from '../extension/briefing-store';
import { markTokenFor } from '../extension/mark-token';
import { relayCardChannel } from '../extension/card-channel';
import { CardCache } from '../extension/cards';
import { runCommand } from '../extension/commands';
import { answerBackgroundRequests, askPage } from '../extension/messages';
import { loadSettings, updateSettings, watchSettings } from '../extension/settings-store';
import { BRIEFINGS_KEY, SETTINGS_AREA_KEY, SETTINGS_KEY, watchStorageKeys } from '../extension/storage-keys';

/**
 * Is the sender a frame from another origin than its tab's page? The content script says so
 * itself (`crossOrigin`); this is the background's own check, from what the browser reports.
 */
function foreignFrame(sender: Browser.runtime.MessageSender): boolean {
  if (!sender.frameId || !sender.url || !sender.tab?.url) return false;
  try {
    const frame = new URL(sender.url);
    return /^https?:$/.test(frame.protocol) && frame.origin !== new URL(sender.tab.url).origin;
  } catch {
    return false;
  }
}

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
  // Requests that open a tab come from pages (a card's source button): rate-limited, so that
  // nothing a page makes them send can flood the browser with tabs.
  const mayOpenTab = tabOpeningLimiter();

  // First run: show what Syria Lens does, with a live example card.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });

  const lookUp = async (entity: string) => {
    // Bundled and reader's briefings, with the reader's on/off choices applied.
    const [{ settings }, briefings] = await Promise.all([loadSettings(), loadBriefings(bundledBriefings)]);
    return cards.card(entity, lensEntities(settings).all, briefings);
  };
  // The card a page fetched while the pointer rested on a name is the one its frame asks for a
  // moment later: kept for a few seconds, so the card shows without reading storage again.
  const recent = new Map<string, { at: number; card: ReturnType<typeof lookUp> }>();
  const cardFor = (entity: string) => {
    const now = Date.now();
    for (const [key, entry] of recent) if (now - entry.at > 5_000) recent.delete(key);
    let entry = recent.get(entity);
    if (!entry) recent.set(entity, (entry = { at: now, card: lookUp(entity) }));
    return entry.card;
  };
  // A changed name, setting or briefing makes every kept card stale.
  watchStorageKeys([SETTINGS_KEY, SETTINGS_AREA_KEY, BRIEFINGS_KEY], () => recent.clear(), new AbortController().signal);
  // Card hosts in pages and their card frames (extension/card-channel.ts).
  relayCardChannel(cardFor);

  answerBackgroundRequests({
    'lens-config': async ({ url, signals, crossOrigin, timeOrigin }, sender) => ({
      config: lensConfig((await loadSettings()).settings, url, newsSignals(signals), planFor, crossOrigin ?? foreignFrame(sender)),
      token: await markTokenFor(timeOrigin),
    }),
    card: ({ entity }) => cardFor(entity),
    'mark-css': async ({ token, on }, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return;
      const frameId = sender.frameId ?? 0;
      // Made here from the checked token: the page's renderer sends no CSS.
      const css = markCss(token);
      if (import.meta.env.MANIFEST_VERSION === 3) {
        // AUTHOR: a ::highlight() rule paints from author-level styles only.
        const target = { tabId, frameIds: [frameId] };
        await (on ? browser.scripting.insertCSS({ target, css, origin: 'AUTHOR' }) : browser.scripting.removeCSS({ target, css, origin: 'AUTHOR' }));
      } else {
        const details = { code: css, frameId, cssOrigin: 'author' as const, matchAboutBlank: true };
        // Firefox's tabs.removeCSS is missing from the (Chrome-based) types.
        const tabs = browser.tabs as typeof browser.tabs & { removeCSS: typeof browser.tabs.insertCSS };
        await (on ? tabs.insertCSS(tabId, details) : tabs.removeCSS(tabId, details));
      }
    },
    'load-card-ui': async (_request, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return false;
      const frameId = sender.frameId ?? 0;
      if (import.meta.env.MANIFEST_VERSION === 3) {
        await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ['/card-ui.js'] });
      } else {
        await browser.tabs.executeScript(tabId, { file: '/card-ui.js', frameId });
      }
      return true;
    },
    'mentions-changed': ({ total, active }, sender) => {
      if (sender.tab?.id !== undefined) badges.report(sender.tab.id, sender.frameId ?? 0, active ? total : null);
    },
    // A page's text whose language it does not declare: the browser's own detector, on the device.
    'detect-language': async ({ text }) => fromDetection(await browser.i18n.detectLanguage(text)),
    'open-briefing': async ({ briefingId, sentence }, sender) => {
      if (!mayOpenTab(`tab:${sender.tab?.id ?? sender.url ?? ''}`, Date.now())) {
        throw new Error('Too many tabs opened from this page; try again in a few seconds.');
      }
      const query = new URLSearchParams({ id: briefingId, sentence });
      await browser.tabs.create({ url: browser.runtime.getURL(`/briefing.html?${query}`) });
    },
  });

  browser.tabs.onRemoved.addListener((tabId) => badges.forget(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    // A new document starts with a clean count; its content script reports again.
    if (change.status === 'loading') badges.forget(tabId);
  });

  browser.commands.onCommand.addListener((command, tab) => {
    void runCommand(command, {
      tabId: async () => tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id,
      askPage,
      updateSettings,
    });
  });
});
