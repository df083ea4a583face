/**
 * One browser per describe, and the content script's page state.
 *
 *   describeBrowser('chromium', (get, tracked) => {
 *     it('…', async () => {
 *       const page = await tracked(get().openPage(url));   // closed after the test
 *       const state = await settledState(get(), page, (s) => s.active && s.total > 0, 'marks to appear');
 *     });
 *   });
 */
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import type { PageState } from '../../../extension/messages';
import { launchBrowser, waitUntil, type ExtensionBrowser, type HarnessPage } from './browsers';
import { prerequisites, type BrowserName, type Prerequisites } from './paths';

/** Keep a page opened in a test, to be closed after it. */
export type Track = (page: Promise<HarnessPage>) => Promise<HarnessPage>;

/**
 * A describe for one browser, launched once for it and closed after it. Without its browser or the
 * build it is skipped locally (the reason printed) and fails in CI. Pages opened through `tracked`
 * are closed after each test, even when it failed; then `afterEachTest` runs, if given.
 */
export function describeBrowser(
  name: BrowserName,
  body: (get: () => ExtensionBrowser, tracked: Track) => void,
  { afterEachTest }: { afterEachTest?: (browser: ExtensionBrowser | undefined) => Promise<void> } = {},
) {
  const check = prerequisites(name);
  if (!check.run) {
    if (check.skip) {
      describe.skip(`${name} — SKIPPED: ${check.reason}`, () => {
        it('needs the browser and the build', () => {});
      });
    } else {
      describe(name, () => {
        it('has its browser and the extension build', () => {
          throw new Error(`[e2e] ${check.reason}`);
        });
      });
    }
    return;
  }
  describe(name, () => {
    let browser: ExtensionBrowser | undefined;
    const pages: HarnessPage[] = [];
    beforeAll(async () => {
      browser = await launchBrowser(name);
    });
    afterEach(async () => {
      for (const page of pages.splice(0)) await page.close().catch(() => {});
      await afterEachTest?.(browser);
    });
    afterAll(async () => {
      await browser?.close();
    });
    const get = () => {
      if (!browser) throw new Error(`${name} did not launch`);
      return browser;
    };
    const tracked: Track = async (opening) => {
      const page = await opening;
      pages.push(page);
      return page;
    };
    body(get, tracked);
  });
}

/**
 * A test that runs when its prerequisites are met; otherwise, locally, a skipped test that says
 * why, and in CI (`CI=true`) a failing one: a suite never passes by not running.
 */
export function itWhen(check: Prerequisites, title: string, timeout: number, body: () => Promise<void>): void {
  if (check.run) it(title, { timeout }, body);
  else if (check.skip) it.skip(`${title} — SKIPPED: ${check.reason}`, () => {});
  else {
    it(title, () => {
      throw new Error(`[e2e] ${check.reason}`);
    });
  }
}

/** What the content script in this tab reports (`get-page-state`). */
export async function pageState(browser: ExtensionBrowser, page: HarnessPage): Promise<PageState> {
  return browser.sendToTab<PageState>(page.tabId, { type: 'get-page-state' });
}

/** Wait until the content script reports a state that satisfies `ready` twice in a row, 300 ms apart. */
export async function settledState(
  browser: ExtensionBrowser,
  page: HarnessPage,
  ready: (s: PageState) => boolean,
  what: string,
  timeout = 15_000,
): Promise<PageState> {
  let previous: string | undefined;
  return waitUntil(
    async () => {
      const state = await pageState(browser, page);
      const key = JSON.stringify(state);
      const stable = ready(state) && key === previous;
      previous = key;
      return stable ? state : undefined;
    },
    { timeout, interval: 300, message: () => `${what}; last page state: ${previous ?? 'none'}` },
  );
}
