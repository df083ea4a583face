/**
 * The card is out of the page's reach (issue 9, item 2), in Chromium (MV3) and Firefox (MV2).
 * With a card open on a news article, the page's own script tries what worked against the card
 * in a closed shadow root, written as a hostile page would write it:
 * - `window.find` on a word of the card (Chromium found it and selected it);
 * - selecting everything, and `Selection.modify` line by line, then `toString()` (Chromium dumped
 *   the card's text);
 * - a selection's range `startContainer.getRootNode()` after the reader clicked in the card
 *   (Firefox handed the page the closed shadow root);
 * - looking for the card's DOM: every element, every shadow root it can open, frames, the
 *   frame's address (Firefox's per-install UUID) in the DOM or the performance timeline;
 * - clicking the card's pin button with script;
 * - watching for the install's identifiers (Firefox's per-install UUID, Chromium's extension id
 *   and the card frame's per-session id): in any attribute or mutation, error, CSP violation
 *   report, or resource / navigation timing entry, also on a page whose CSP allows no frames.
 * Each must fail, while the reader's own click on the pin still works.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeAllBrowsers, steady, waitUntil, type HarnessPage } from './harness/browsers';
import { cardBox, cardShown, inCard, readCard } from './harness/card';
import { corpusArticles } from './harness/corpus';
import { MARK_NAME } from './harness/marks';
import { startServer, type StaticServer } from './harness/server';
import { describeBrowser, pageState } from './harness/suite';

const ARTICLE = corpusArticles().find((a) => a.slug.startsWith('02-'))!;

let server: StaticServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await closeAllBrowsers();
  await server?.close();
});

/** Viewport rect of the nth mark (page order), scrolled to the middle of the viewport. */
function nthMarkRect({ pattern, nth }: { pattern: string; nth: number }) {
  const marks: Range[] = [];
  CSS.highlights.forEach((h, name) => {
    if (new RegExp(pattern).test(name)) h.forEach((r) => marks.push(r as Range));
  });
  marks.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  const range = marks[nth];
  if (!range) return null;
  (range.startContainer.parentElement ?? document.body).scrollIntoView({ block: 'center' });
  const r = range.getClientRects()[0]!;
  return { x: r.left, y: r.top, width: r.width, height: r.height, text: range.toString() };
}

/** In the card frame: the pin button's box (frame coordinates) and state. */
function pinButton() {
  const pin = document.querySelector<HTMLElement>('.sl-card-pin');
  if (!pin) return null;
  const r = pin.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2, pressed: pin.getAttribute('aria-pressed') };
}

/** Page script: everything a page can try to find the card's text with. */
function pageAttacks(words: string[]) {
  const found: Record<string, unknown> = {};
  const sel = getSelection()!;
  // 1. window.find, for each word (it wraps and searches the whole page).
  const w = window as unknown as { find?: (s: string, c?: boolean, b?: boolean, wrap?: boolean) => boolean };
  found.find = words.filter((word) => {
    sel.removeAllRanges();
    return typeof w.find === 'function' && w.find(word, false, false, true);
  });
  // 2. Select everything, and extend line by line: the selection's text.
  sel.removeAllRanges();
  sel.selectAllChildren(document.documentElement);
  const all = sel.toString();
  sel.collapse(document.body, 0);
  const modify = (sel as unknown as { modify?: (a: string, d: string, g: string) => void }).modify;
  for (let i = 0; i < 3000 && modify; i++) modify.call(sel, 'extend', 'forward', 'line');
  const modified = sel.toString();
  const text = `${all}\n${modified}\n${document.documentElement.innerText}\n${document.documentElement.textContent}`;
  found.selectedText = words.filter((word) => text.includes(word));
  sel.removeAllRanges();
  // 3. Every element and every shadow root the page can reach, and any frame.
  const roots: (Document | ShadowRoot)[] = [document];
  for (let i = 0; i < roots.length; i++) {
    for (const el of roots[i]!.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  }
  found.frames = roots.flatMap((root) => [...root.querySelectorAll('iframe, frame, object, embed')]).length;
  found.windowFrames = window.length;
  const html = roots.map((root) => (root instanceof Document ? root.documentElement.outerHTML : root.innerHTML)).join('\n');
  const timeline = performance.getEntries().map((entry) => entry.name).join('\n');
  found.addresses = [html, timeline].filter((s) => /moz-extension:|chrome-extension:|card\.html/.test(s)).length;
  found.textInDom = words.filter((word) => html.includes(word));
  return found;
}

/** Page script: where the selection's ranges lead (Firefox gave the card's closed root here). */
function selectionRoots() {
  const sel = getSelection()!;
  const leaks: string[] = [];
  for (let i = 0; i < sel.rangeCount; i++) {
    const range = sel.getRangeAt(i);
    for (const node of [range.startContainer, range.endContainer, range.commonAncestorContainer]) {
      if (node.getRootNode() !== document) leaks.push(String(node.getRootNode()));
    }
  }
  for (const node of [sel.anchorNode, sel.focusNode]) if (node && node.getRootNode() !== document) leaks.push(String(node.getRootNode()));
  const active = document.activeElement;
  return { leaks, activeShadow: !!active?.shadowRoot };
}

/**
 * Page script, before any card: records everything a page can observe that might carry an
 * address: every DOM mutation (attributes and their old values included), error and rejection
 * events (resource errors too), CSP violation reports, and resource / navigation timing entries.
 */
function watchForLeaks() {
  const seen: string[] = [];
  (window as unknown as { slSeen: string[] }).slSeen = seen;
  const describe = (node: Node | null) => (node instanceof Element ? node.outerHTML.slice(0, 2_000) : (node?.textContent ?? ''));
  new MutationObserver((records) => {
    for (const r of records) {
      seen.push(`mutation ${r.type} ${r.attributeName ?? ''} old=${r.oldValue ?? ''} ${describe(r.target).slice(0, 300)}`);
      r.addedNodes.forEach((n) => seen.push(`added ${describe(n)}`));
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeOldValue: true, characterData: true, characterDataOldValue: true });
  addEventListener('error', (e) => seen.push(`error ${e.message} ${e.filename} ${describe(e.target as Node)}`), true);
  addEventListener('unhandledrejection', (e) => seen.push(`rejection ${String(e.reason)}`));
  document.addEventListener('securitypolicyviolation', (e) => seen.push(`csp ${e.blockedURI} ${e.documentURI} ${e.sourceFile} ${e.sample} ${e.violatedDirective}`));
  try {
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => seen.push(`timing ${entry.entryType} ${entry.name}`))).observe({ entryTypes: ['resource', 'navigation', 'mark', 'measure'] });
  } catch {
    // An entry type this browser does not know.
  }
}

/** Page script: what `watchForLeaks` saw, and what the page can still list now (timing entries, every attribute). */
function leaksSeen() {
  const seen = [...((window as unknown as { slSeen?: string[] }).slSeen ?? [])];
  for (const entry of performance.getEntries()) seen.push(`entry ${entry.entryType} ${entry.name}`);
  for (const el of document.querySelectorAll('*')) for (const attr of el.attributes) seen.push(`attr ${el.localName} ${attr.name}=${attr.value}`);
  return seen;
}

/** The identifiers of this install that must never reach the page: the extension's origin and the card frame's. */
async function identifiers(page: HarnessPage, extensionOrigin: string): Promise<string[]> {
  const frameHost = await inCard(page, () => location.host);
  const ids = [new URL(extensionOrigin).host, frameHost].filter((id): id is string => !!id);
  return [...new Set(ids)];
}

/** Page script: click whatever is at the card's pin, every way a script can. */
function clickAt({ x, y }: { x: number; y: number }) {
  const target = document.elementFromPoint(x, y);
  const opts = { bubbles: true, composed: true, cancelable: true, clientX: x, clientY: y, view: window };
  target?.dispatchEvent(new PointerEvent('pointerdown', opts));
  target?.dispatchEvent(new MouseEvent('mousedown', opts));
  target?.dispatchEvent(new PointerEvent('pointerup', opts));
  target?.dispatchEvent(new MouseEvent('mouseup', opts));
  target?.dispatchEvent(new MouseEvent('click', opts));
  (target as HTMLElement | null)?.click();
  let shadowReached = false;
  try {
    shadowReached = !!target?.shadowRoot || !!(target as HTMLElement | null)?.attachShadow({ mode: 'open' });
  } catch {
    // A host's shadow root cannot be attached twice.
  }
  return { target: target?.localName ?? null, shadowReached };
}

for (const name of ['chromium', 'firefox'] as const) {
  describeBrowser(name, (get, tracked) => {
    it('with a card open, page script can neither find, select, reach nor click anything of it', { timeout: 90_000 }, async () => {
      const browser = get();
      const page: HarnessPage = await tracked(browser.openPage(server.url(ARTICLE.path)));
      await page.bringToFront();
      await page.evaluate(watchForLeaks);
      await waitUntil(async () => (await pageState(browser, page)).total > 5, { timeout: 10_000, message: 'marks' });
      const rect = await steady(page, () => page.evaluate(nthMarkRect, { pattern: MARK_NAME, nth: 2 }), 'mark #2');
      await page.mouseMove(rect.x + rect.width / 2, rect.y + rect.height / 2, 3);
      await waitUntil(() => cardShown(page), { timeout: 5_000, message: 'the card' });
      const card = await waitUntil(() => readCard(page), { timeout: 5_000, message: 'the card to read' });

      // Words of the card that the page itself does not have (its briefing's private sentences).
      // (window.find ignores case.)
      const pageText = (await page.evaluate(() => document.documentElement.textContent ?? '')).toLowerCase();
      const words = [...new Set(card.text.match(/[\p{L}]{5,}/gu) ?? [])].filter((word) => !pageText.includes(word.toLowerCase()));
      expect(words.length, `words of the card not on the page (card: ${card.text.slice(0, 200)})`).toBeGreaterThan(2);

      const scrolled = await page.evaluate(() => scrollY);
      const found = await page.evaluate(pageAttacks, words);
      // (Extending the selection line by line scrolls Firefox's page: the mark, and its card, back into view.)
      await page.evaluate((y) => scrollTo(0, y), scrolled);
      await steady(page, () => cardBox(page), 'the card back in view');
      expect(found.find, 'window.find on words of the card').toEqual([]);
      expect(found.selectedText, 'card words in the selection / page text').toEqual([]);
      expect(found.textInDom).toEqual([]);
      expect(found.frames, 'frames reachable from page script').toBe(0);
      expect(found.windowFrames, 'window.length').toBe(0);
      expect(found.addresses, 'the frame address in the DOM or the performance timeline').toBe(0);
      expect(await cardShown(page), 'the card is still open').toBe(true);

      // The reader clicks into the card's text: the page's selection still leads nowhere in it.
      let box = (await cardBox(page))!;
      await page.mouseClick(box.x + 40, box.y + 20);
      await page.mouseClick(box.x + 40, box.y + 20);
      const roots = await page.evaluate(selectionRoots);
      expect(roots.leaks, 'roots reached through the selection').toEqual([]);
      expect(roots.activeShadow).toBe(false);

      // The page clicks the pin: nothing. The reader clicks it: pinned.
      box = (await cardBox(page))!;
      const pin = (await inCard(page, pinButton))!;
      expect(pin.pressed).toBe('false');
      const at = { x: box.x + pin.x, y: box.y + pin.y };
      const clicked = await page.evaluate(clickAt, at);
      expect(clicked.shadowReached).toBe(false);
      expect((await inCard(page, pinButton))!.pressed, 'a script click on the pin').toBe('false');
      await page.mouseClick(at.x, at.y);
      await waitUntil(async () => (await inCard(page, pinButton))?.pressed === 'true', { timeout: 3_000, message: "the reader's click to pin the card" });

      // No identifier of the install (Firefox's per-install UUID, Chromium's extension id or the
      // frame's per-session id) in anything the page saw or can list.
      const ids = await identifiers(page, browser.extensionOrigin);
      expect(ids.length).toBeGreaterThan(0);
      const seen = await page.evaluate(leaksSeen);
      expect(seen.length, 'the watcher saw the card host come').toBeGreaterThan(0);
      expect(seen.filter((line) => ids.some((id) => line.includes(id)) || /moz-extension:|chrome-extension:/.test(line))).toEqual([]);
    });

    it('under a strict CSP (no frames allowed) the card shows, and no report, error or entry names the install', { timeout: 60_000 }, async () => {
      const browser = get();
      const page: HarnessPage = await tracked(browser.openPage(server.url('/fixtures/hostile/csp.csp.html')));
      await page.bringToFront();
      // (Through the protocol: the page's own CSP allows it no script.)
      await page.evaluate(watchForLeaks);
      await waitUntil(async () => (await pageState(browser, page)).total > 3, { timeout: 10_000, message: 'marks' });
      const rect = await steady(page, () => page.evaluate(nthMarkRect, { pattern: MARK_NAME, nth: 0 }), 'mark #0');
      await page.mouseMove(Math.max(1, rect.x - 30), rect.y + rect.height / 2, 1);
      await page.mouseMove(rect.x + rect.width / 2, rect.y + rect.height / 2, 3);
      const card = await waitUntil(() => readCard(page), { timeout: 5_000, message: 'the card under the strict CSP' });
      expect(card.background, 'the card is styled').not.toBeNull();
      const ids = await identifiers(page, browser.extensionOrigin);
      const seen = await page.evaluate(leaksSeen);
      expect(seen.filter((line) => line.startsWith('csp')), 'CSP violation reports').toEqual([]);
      expect(seen.filter((line) => ids.some((id) => line.includes(id)) || /moz-extension:|chrome-extension:/.test(line))).toEqual([]);
    });
  });
}
