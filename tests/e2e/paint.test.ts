/**
 * Marks really paint, in Chromium and Firefox: the pixels under a marked word differ from the same
 * page with Syria Lens switched off, and come back when it is on again. A `::highlight()` rule
 * only paints from author-level styles (the stylesheet the background inserts for the frame's
 * random highlight names while the lens is on, core/mark-names.ts): if that stylesheet were lost,
 * the ranges would still be registered and every other test would pass, but nothing would show.
 * This one would fail.
 *
 * And a long page opened in a background tab has every mark painted, and counted on the badge,
 * once the reader looks at it: Firefox paints a first scan a chunk per frame (page/marks.ts), and
 * a hidden tab has no frames until it is shown.
 */
import type { Page as PwPage } from 'playwright-core';
import type { Page as PpPage } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultSettings } from '../../core/settings';
import { closeAllBrowsers, waitUntil, type ExtensionBrowser, type HarnessPage, type Rect } from './harness/browsers';
import { decodePng, differingPixels, type Pixels } from './harness/png';
import { keepRawLaunches, rawPage } from './harness/raw';
import { startServer, type StaticServer } from './harness/server';
import { describeBrowser, pageState } from './harness/suite';
import { MARK_NAME } from './harness/marks';

const raw = keepRawLaunches();

let server: StaticServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await closeAllBrowsers();
  await server?.close();
});

/** The first marked word's box on screen, or null while nothing is marked. */
function firstMark(pattern: string): Rect | null {
  const ranges: Range[] = [];
  CSS.highlights.forEach((highlight, name) => {
    if (new RegExp(pattern).test(name) ) highlight.forEach((range) => ranges.push(range as Range));
  });
  ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  const r = ranges[0]?.getClientRects()[0];
  return r ? { x: r.left, y: r.top, width: r.width, height: r.height } : null;
}

function markCount(pattern: string): number {
  let n = 0;
  CSS.highlights.forEach((highlight, name) => {
    if (new RegExp(pattern).test(name) ) n += highlight.size;
  });
  return n;
}

/** Resolves after the page has rendered two more frames: what was registered is on screen. */
const painted = (page: HarnessPage) => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));

async function screenshot(page: HarnessPage, clip: Rect): Promise<Pixels> {
  await painted(page);
  const rp = await rawPage(raw, page);
  const png = page.browserName === 'chromium' ? await (rp as PwPage).screenshot({ clip }) : await (rp as PpPage).screenshot({ clip });
  return decodePng(png);
}

async function switchOff(browser: ExtensionBrowser): Promise<void> {
  await browser.setStorage('local', { settings: { ...defaultSettings(), enabled: false }, settingsArea: 'local' });
}

async function switchBackOn(browser: ExtensionBrowser): Promise<void> {
  await browser.removeStorage('local', ['settings', 'settingsArea']);
}

for (const name of ['chromium', 'firefox'] as const) {
  describeBrowser(name, (get, tracked) => {
    it('the pixels under a marked word differ from the same page with Syria Lens off', async () => {
      const browser = get();
      const page = await tracked(browser.openPage(server.url('/fixtures/live/base.html')));
      const mark = await waitUntil(() => page.evaluate(firstMark, MARK_NAME), { timeout: 15_000, message: 'a mark' });
      const total = await page.evaluate(markCount, MARK_NAME);
      // The word's box, and a little below it: the underline sits under the text.
      const clip = { x: Math.floor(mark.x) - 2, y: Math.floor(mark.y) - 2, width: Math.ceil(mark.width) + 4, height: Math.ceil(mark.height) + 10 };
      try {
        const on = await screenshot(page, clip);
        await switchOff(browser);
        await waitUntil(async () => (await page.evaluate(markCount, MARK_NAME)) === 0, { timeout: 8_000, message: 'the marks to go' });
        const off = await screenshot(page, clip);
        const changed = differingPixels(on, off);
        console.log(`[paint] ${name}: ${changed} of ${on.width * on.height} pixels under the first mark differ with Syria Lens off`);
        // At least a dotted line the width of the word.
        expect(changed).toBeGreaterThan(Math.floor(mark.width / 2));

        await switchBackOn(browser);
        await waitUntil(async () => (await page.evaluate(markCount, MARK_NAME)) === total, { timeout: 8_000, message: 'the marks to come back' });
        expect(differingPixels(on, await screenshot(page, clip)), 'the same pixels once it is on again').toBe(0);
      } finally {
        await switchBackOn(browser).catch(() => {});
      }
    });

    it('a long page opened in a background tab: all its marks are painted, and counted, once it is shown', { timeout: 60_000 }, async () => {
      const browser = get();
      await browser.setStorage('local', { settings: { ...defaultSettings(), scope: 'all' }, settingsArea: 'local' });
      try {
        const page = await tracked(browser.openPage(server.url('/fixtures/live/base.html')));
        const front = await tracked(browser.openPage(server.url('/fixtures/live/base.html')));
        await front.bringToFront();
        // The long article loads in the tab behind.
        await page.goto(server.url('/big/syrian-civil-war.html'));
        await waitUntil(async () => (await page.evaluate(markCount, MARK_NAME)) > 0, { timeout: 15_000, message: 'the first marks, in the background tab' });
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        const hidden = await page.evaluate(() => document.visibilityState);
        const whileHidden = await page.evaluate(markCount, MARK_NAME);
        await page.bringToFront();
        let total = 0;
        await waitUntil(
          async () => {
            total = (await pageState(browser, page)).total;
            return total > 1_000 && (await page.evaluate(markCount, MARK_NAME)) === total;
          },
          { timeout: 15_000, message: 'every mention painted once the tab is shown' },
        );
        console.log(`[paint] ${name}: background tab (${hidden}) had ${whileHidden} marks painted; shown, ${total} of ${total}`);
        // The badge counts them too (it shows at most 999+).
        expect(await browser.badgeText(page.tabId)).toBe(total > 999 ? '999+' : String(total));
        if (hidden === 'hidden') expect(whileHidden, 'a hidden tab leaves most of a long page for when it is shown').toBeLessThan(total);
      } finally {
        await switchBackOn(browser).catch(() => {});
      }
    });
  });
}
