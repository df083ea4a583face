/**
 * Screenshots for the README and issue 5.8, taken in Chromium from the built extension:
 *   docs/screenshots/card-light.png, card-dark.png — a card over a real corpus article (02-…),
 *     clipped around the mark and the card; dark through emulated prefers-color-scheme;
 *   docs/screenshots/popup.png — the popup page at 360×560, targeting the article's tab;
 *   docs/screenshots/options.png — the options page.
 * The test checks the files were written and are not trivially small (> 5 KB).
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAllBrowsers, steady, waitUntil, type ExtensionBrowser, type HarnessPage } from './harness/browsers';
import { cardAnimationsDone, cardBox, cardShown } from './harness/card';
import { corpusArticles } from './harness/corpus';
import { REPO_ROOT } from './harness/paths';
import { keepRawLaunches, rawChromiumPage } from './harness/raw';
import { startServer, type StaticServer } from './harness/server';
import { privateBuilds, retrying } from './harness/snapshot';
import { MARK_NAME } from './harness/marks';

const OUT = join(REPO_ROOT, 'docs/screenshots');
const ARTICLE = corpusArticles().find((a) => a.slug.startsWith('02-'))!;

// The Playwright context the harness launches, and the Playwright page behind a harness page (see harness/raw.ts).
const raw = keepRawLaunches();

/** A marked mention of Assad in a paragraph (a person card, with related entities), scrolled a third down. */
function pickMark(pattern: string) {
  const ranges: Range[] = [];
  CSS.highlights.forEach((h, name) => {
    if (!new RegExp(pattern).test(name)) return;
    h.forEach((r) => ranges.push(r as Range));
  });
  ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  const range =
    ranges.find((r) => /Assad/.test(r.toString()) && r.startContainer.parentElement?.closest('p')) ??
    ranges.find((r) => r.startContainer.parentElement?.closest('p')) ??
    ranges[0];
  if (!range) return null;
  const top = range.getBoundingClientRect().top + scrollY;
  scrollTo(0, Math.max(0, top - innerHeight / 4));
  const r = range.getClientRects()[0]!;
  return { x: r.left, y: r.top, width: r.width, height: r.height, text: range.toString() };
}

// A private copy of each build (see harness/snapshot.ts).
const { ready, launchSnapshot } = privateBuilds();

let server: StaticServer;
beforeAll(async () => {
  server = await startServer();
  mkdirSync(OUT, { recursive: true });
});
afterAll(async () => {
  await closeAllBrowsers();
  await server?.close();
});

const pre = ready('chromium');
// Without Chromium or a build: skipped locally (the reason printed), a failure under CI=true.
if (!pre.run) {
  describe('screenshots (Chromium)', () => {
    it.skipIf(pre.skip)('prerequisites', () => {
      throw new Error(pre.reason);
    });
  });
} else describe('screenshots (Chromium)', () => {
  let browser: ExtensionBrowser;
  let article: HarnessPage;
  beforeAll(async () => {
    browser = await launchSnapshot('chromium');
    article = await retrying(() => browser.openPage(server.url(ARTICLE.path)));
    await waitUntil(() => article.evaluate(pickMark, MARK_NAME), { timeout: 15_000, message: 'marks on the article' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const written = (file: string) => {
    const size = statSync(join(OUT, file)).size;
    console.log(`[screenshots] ${file}: ${(size / 1024).toFixed(1)} KB`);
    expect(size).toBeGreaterThan(5 * 1024);
  };

  it.each(['light', 'dark'] as const)('card-%s.png', async (theme) => {
    const page = await rawChromiumPage(raw, article);
    await article.bringToFront();
    await page.emulateMedia({ colorScheme: theme });
    await article.mouseMove(5, 5, 1);
    await waitUntil(async () => !(await cardShown(article)), { timeout: 3_000, message: 'no card open' });
    const mark = await steady(article, () => article.evaluate(pickMark, MARK_NAME), 'the mark, scrolled into view');
    await article.mouseMove(mark.x - 20, mark.y + mark.height / 2, 1);
    await article.mouseMove(mark.x + mark.width / 2, mark.y + mark.height / 2, 4);
    await waitUntil(() => cardBox(article), { timeout: 5_000, message: 'the card' });
    // Content rendered and positioned: the card's box holds still.
    const settled = await steady(article, () => cardBox(article), 'the card');
    // (The card fades in when it shows: the picture is of the card, not of its entrance.)
    await waitUntil(() => cardAnimationsDone(article), { timeout: 3_000, message: "the card's entrance to end" });
    const pad = 24;
    const left = Math.max(0, Math.min(mark.x, settled.x) - pad - 120);
    const top = Math.max(0, Math.min(mark.y, settled.y) - pad);
    const right = Math.min(settled.vw, Math.max(mark.x + mark.width, settled.x + settled.width) + pad + 120);
    const bottom = Math.min(settled.vh, Math.max(mark.y + mark.height, settled.y + settled.height) + pad);
    await page.screenshot({ path: join(OUT, `card-${theme}.png`), clip: { x: left, y: top, width: right - left, height: bottom - top } });
    console.log(`[screenshots] card-${theme}: hovered "${mark.text}"`);
    written(`card-${theme}.png`);
  });

  it('popup.png (360×560, targeting the article tab)', async () => {
    const popup = await retrying(() => browser.openExtensionPage(`popup.html?tab=${article.tabId}`));
    const page = await rawChromiumPage(raw, popup);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 360, height: 560 });
    await waitUntil(() => popup.evaluate(() => !!document.querySelector('.sl-popup-total')), { timeout: 10_000, message: 'the popup with mentions' });
    await steady(popup, () => popup.evaluate(() => document.querySelector('.sl-popup')?.textContent ?? null), 'the popup');
    await page.screenshot({ path: join(OUT, 'popup.png') });
    written('popup.png');
    // What the picture must show: every entity's count inside the popup, no sideways scrolling.
    const layout = await popup.evaluate(() => {
      const list = document.querySelector('.sl-entity-list')!;
      const box = document.querySelector('.sl-popup')!.getBoundingClientRect();
      const chips = [...document.querySelectorAll('.sl-entity-count')].slice(0, 4).map((c) => c.getBoundingClientRect());
      return {
        sidewaysOverflowPx: list.scrollWidth - list.clientWidth,
        chipsOutsideThePopup: chips.filter((r) => r.right > box.right + 1).length,
        chips: chips.length,
      };
    });
    console.log(`[screenshots] popup layout: ${JSON.stringify(layout)}`);
    await popup.close();
    expect(layout.chips).toBeGreaterThan(0);
    expect(layout.sidewaysOverflowPx, 'the entity list scrolls sideways').toBeLessThanOrEqual(0);
    expect(layout.chipsOutsideThePopup, 'count chips pushed out of the popup').toBe(0);
  });

  it('options.png', async () => {
    const options = await retrying(() => browser.openExtensionPage('options.html'));
    const page = await rawChromiumPage(raw, options);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 900, height: 1000 });
    await waitUntil(() => options.evaluate(() => document.querySelectorAll('.sl-options input').length > 5), { message: 'the options form' });
    await steady(options, () => options.evaluate(() => document.documentElement.scrollHeight), 'the options page');
    await page.screenshot({ path: join(OUT, 'options.png'), fullPage: true });
    written('options.png');
    await options.close();
  });
});
