/**
 * Touch and phones (issue 11), in Chromium (touch emulation: a 390×844 phone context with touch,
 * taps through CDP Input.dispatchTouchEvent) and Firefox (WebDriver BiDi input.performActions with
 * pointerType "touch"), both with real input events, never synthetic DOM events:
 * - a tap on a mark opens its card at once, with its briefing text; a tap outside closes it;
 *   a tap on another mark switches;
 * - a scroll gesture over a mark scrolls and opens nothing; a long press opens nothing and the
 *   browser's own long-press behaviour (selection) is left alone; a tap on a marked link navigates;
 * - tap → card time, median and slowest of 20 taps, printed;
 * - Chromium: a screenshot of the bottom-sheet card at 390×844 for the README (docs/screenshots/card-phone.png).
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAllBrowsers, holdsFor, steady, waitUntil, type ExtensionBrowser, type HarnessPage } from './harness/browsers';
import { cardBox, cardShown, readCard } from './harness/card';
import { REPO_ROOT, type BrowserName } from './harness/paths';
import { keepRawLaunches, rawChromiumPage } from './harness/raw';
import { startServer, type StaticServer } from './harness/server';
import { privateBuilds, retrying } from './harness/snapshot';
import { MARK_NAME } from './harness/marks';

const PAGE = '/fixtures/touch.html';
const SCREENSHOTS = join(REPO_ROOT, 'docs/screenshots');

const raw = keepRawLaunches();
const { ready, launchSnapshot } = privateBuilds();

let server: StaticServer;
const figures: string[] = [];
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await closeAllBrowsers();
  await server?.close();
  if (figures.length) console.log(`\ntouch (issue 11):\n${figures.join('\n')}`);
});

// ---------------------------------------------------------------------------------------------
// Page-side probes (serialised into the page)

/**
 * The first mark whose text matches `pattern` (in a link or not, as asked): scrolled to a fifth
 * of the viewport's height, and the centre of its first line box.
 */
function markPoint({ markName, pattern, inLink }: { markName: string; pattern: string; inLink: boolean }) {
  const ranges: Range[] = [];
  CSS.highlights.forEach((h, name) => {
    if (new RegExp(markName).test(name)) h.forEach((r) => ranges.push(r as Range));
  });
  ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  const range = ranges.find((r) => new RegExp(pattern).test(r.toString()) && !!r.startContainer.parentElement?.closest('a[href]') === inLink);
  if (!range) return null;
  const top = range.getBoundingClientRect().top + scrollY;
  scrollTo(0, Math.max(0, top - innerHeight / 5));
  const r = range.getClientRects()[0]!;
  return { x: r.left + r.width / 2, y: r.top + r.height / 2, text: range.toString(), width: r.width, height: r.height };
}

/** The centre of a word of plain text (no mark, no link) in paragraph `id`, in the viewport. */
function plainPoint(id: string) {
  const p = document.getElementById(id)!;
  const text = p.firstChild as Text;
  const at = text.data.indexOf('talks');
  const range = document.createRange();
  range.setStart(text, at);
  range.setEnd(text, at + 5);
  const r = range.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2, inView: r.top > 0 && r.bottom < innerHeight };
}

const selectionText = () => document.getSelection()?.toString() ?? '';

// ---------------------------------------------------------------------------------------------

function describeTouch(name: BrowserName): void {
  const pre = ready(name);
  if (!pre.run) {
    describe(`touch (${name})`, () => {
      it.skipIf(pre.skip)('prerequisites', () => {
        throw new Error(pre.reason);
      });
    });
    return;
  }
  describe(`touch (${name})`, () => {
    let browser: ExtensionBrowser;
    let page: HarnessPage;
    beforeAll(async () => {
      browser = await launchSnapshot(name, { touch: true });
      page = await retrying(() => browser.openPage(server.url(PAGE)));
      await waitUntil(() => page.evaluate(markPoint, { markName: MARK_NAME, pattern: 'Assad', inLink: false }), { timeout: 15_000, message: 'marks on the page' });
    }, 150_000);
    afterAll(async () => {
      await browser?.close();
    });

    const mark = (pattern: string, inLink = false) =>
      steady(page, () => page.evaluate(markPoint, { markName: MARK_NAME, pattern, inLink }), `the mark ${pattern}, scrolled into view`);
    const closeCard = async () => {
      if (!(await cardShown(page))) return;
      const plain = await page.evaluate(plainPoint, 'p0');
      await page.tap(plain.x, plain.y);
      await waitUntil(async () => !(await cardShown(page)), { timeout: 3_000, message: 'the card to close' });
    };

    it('the page is phone-sized, with touch', async () => {
      const env = await page.evaluate(() => ({ width: innerWidth, touch: navigator.maxTouchPoints > 0 || 'ontouchstart' in window }));
      expect(env.width).toBe(390);
      expect(env.touch).toBe(true);
    });

    it('a tap on a mark opens its card at once, with its briefing text; a tap on another switches; a tap outside closes', { timeout: 30_000 }, async () => {
      const assad = await mark('Assad');
      await page.tap(assad.x, assad.y);
      await waitUntil(() => cardShown(page), { timeout: 3_000, message: 'the card after a tap' });
      const card = await steady(page, () => readCard(page), 'the card');
      expect(card.text).toMatch(/Assad/);
      expect(card.text.replace(/\s+/g, ' ').length, 'briefing text in the card').toBeGreaterThan(150);
      // It stays: lifting the finger is not leaving.
      await holdsFor(() => cardShown(page), 800, 'the card staying open after the tap');

      const hama = await mark('Hama');
      await page.tap(hama.x, hama.y);
      await waitUntil(async () => /Hama/.test((await readCard(page))?.text ?? ''), { timeout: 3_000, message: 'the Hama card' });

      const plain = await page.evaluate(plainPoint, 'p0');
      await page.tap(plain.x, plain.y);
      await waitUntil(async () => !(await cardShown(page)), { timeout: 3_000, message: 'the card to close after a tap outside' });
    });

    it('a scroll gesture over a mark scrolls the page and opens nothing', { timeout: 30_000 }, async () => {
      await closeCard();
      const aleppo = await mark('Aleppo');
      const before = await page.evaluate(() => scrollY);
      await page.touchDrag({ x: aleppo.x, y: aleppo.y + 200 }, { x: aleppo.x, y: aleppo.y - 100 }, 300);
      const after = await waitUntil(async () => {
        const y = await page.evaluate(() => scrollY);
        return y > before + 50 ? y : 0;
      }, { timeout: 3_000, message: 'the page to scroll' });
      figures.push(`${name}: a 300 px swipe starting over a mark scrolled the page by ${Math.round(after - before)} px; card: none`);
      await holdsFor(async () => !(await cardShown(page)), 800, 'no card after a scroll gesture');
      // And one that starts on the mark itself.
      const again = await mark('Aleppo');
      await page.touchDrag({ x: again.x, y: again.y }, { x: again.x, y: again.y - 150 }, 300);
      await holdsFor(async () => !(await cardShown(page)), 800, 'no card after a swipe from a mark');
    });

    it('a long press opens nothing and the browser’s own long press is left alone', { timeout: 30_000 }, async () => {
      await closeCard();
      const iran = await mark('Iran');
      await page.evaluate(() => document.getSelection()?.removeAllRanges());
      // Whether the page saw its touch cancelled (it never is).
      await page.evaluate(() => {
        const w = window as unknown as { slPrevented: boolean };
        w.slPrevented = false;
        for (const type of ['touchstart', 'touchend', 'pointerdown', 'pointerup']) {
          document.addEventListener(type, (e) => setTimeout(() => (w.slPrevented ||= e.defaultPrevented)), { passive: true });
        }
      });
      await page.longPress(iran.x, iran.y, 1000);
      await holdsFor(async () => !(await cardShown(page)), 800, 'no card after a long press');
      const selected = await page.evaluate(selectionText);
      const prevented = await page.evaluate(() => (window as unknown as { slPrevented: boolean }).slPrevented);
      figures.push(`${name}: long press on "Iran": card none, selection ${JSON.stringify(selected)}, touch cancelled: ${prevented}`);
      expect(prevented).toBe(false);
      await page.evaluate(() => document.getSelection()?.removeAllRanges());
    });

    it('tap → card time, 20 taps', { timeout: 120_000 }, async () => {
      const times: number[] = [];
      const patterns = ['Assad', 'Hama'];
      for (let i = 0; i < 20; i++) {
        await closeCard();
        const target = await mark(patterns[i % 2]!);
        const started = performance.now();
        await page.tap(target.x, target.y);
        await waitUntil(() => cardShown(page), { timeout: 3_000, interval: 5, message: 'the card after a tap' });
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const median = (times[9]! + times[10]!) / 2;
      figures.push(`${name}: tap → card, 20 taps: median ${median.toFixed(0)} ms, slowest ${times[19]!.toFixed(0)} ms (all: ${times.map((t) => t.toFixed(0)).join(' ')})`);
      expect(median).toBeLessThan(1000);
    });

    if (name === 'chromium') {
      it('the bottom-sheet card at 390×844: screenshot for the README', { timeout: 30_000 }, async () => {
        await closeCard();
        const assad = await mark('Assad');
        await page.tap(assad.x, assad.y);
        await waitUntil(() => cardShown(page), { timeout: 3_000, message: 'the card' });
        await steady(page, () => cardBox(page), 'the card');
        mkdirSync(SCREENSHOTS, { recursive: true });
        const pw = await rawChromiumPage(raw, page);
        await pw.screenshot({ path: join(SCREENSHOTS, 'card-phone.png') });
        expect(statSync(join(SCREENSHOTS, 'card-phone.png')).size).toBeGreaterThan(5 * 1024);
      });
    }

    it('a tap on a marked name inside a link follows the link, with no card', { timeout: 30_000 }, async () => {
      await closeCard();
      const linked = await mark('Damascus', true);
      const from = page.url;
      await page.tap(linked.x, linked.y);
      await waitUntil(() => page.evaluate(() => location.pathname).then((p) => p.endsWith('/live/base.html')).catch(() => false), { timeout: 10_000, message: `navigation from ${from}` });
      figures.push(`${name}: a tap on the marked link "${linked.text}" navigated to ${page.url.replace(/^https?:\/\/[^/]+/, '')}`);
    });
  });
}

describeTouch('chromium');
// Not yet in Firefox (issue 11 stays open for it): through WebDriver BiDi touch actions the
// Firefox page reports no touch support (`navigator.maxTouchPoints` 0) and the harness's gesture
// coordinates go out of the viewport after a scroll. The tap code itself is browser-neutral
// (pointer events) and unit-tested in tests/page/tap.test.ts.
