/**
 * Keyboard use (issue 5.4), in Chromium (MV3) and Firefox (MV2):
 * - the popup with the keyboard only: Tab reaches the switches, Space flips them (aria-checked) and
 *   the marks go from / come back to the article;
 * - the options page: Tab reaches every control, a setting changed with the keyboard is saved;
 * - the commands: the manifest declares them with suggested keys; `reveal-mention` (what the
 *   background sends for next-/previous-mention) scrolls to a mark, puts it in the
 *   focus highlight, opens its card with focus in it; Escape closes it and gives focus back;
 * - hover → card time: median of 10 hovers (the hover delay, 500 ms by default, plus the rest).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageState } from '../../extension/messages';
import { closeAllBrowsers, steady, waitUntil, type ExtensionBrowser, type HarnessPage } from './harness/browsers';
import { armCardStopwatch, cardHasFocus, cardShown, readCardStopwatch } from './harness/card';
import { corpusArticles } from './harness/corpus';
import type { BrowserName } from './harness/paths';
import { startServer, type StaticServer } from './harness/server';
import { privateBuilds, retrying } from './harness/snapshot';
import { MARK_NAME, FOCUS_NAME } from './harness/marks';

const ARTICLE = corpusArticles().find((a) => a.slug.startsWith('02-'))!;

// A private copy of each build (see harness/snapshot.ts).
const { SNAP, ready, launchSnapshot } = privateBuilds();

let server: StaticServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await closeAllBrowsers();
  await server?.close();
  if (hoverFigures.length) console.log(`\nhover → card (ms, median of 10):\n${hoverFigures.join('\n')}`);
});
const hoverFigures: string[] = [];

// ---------------------------------------------------------------------------------------------
// Page-side probes

/** Number of ranges in the `syria-lens-*` mark highlights (the focus highlight not counted). */
function markCount({ pattern, focus }: { pattern: string; focus: string }) {
  let n = 0;
  CSS.highlights.forEach((h, name) => {
    if (new RegExp(pattern).test(name) && !new RegExp(focus).test(name)) n += h.size;
  });
  return n;
}

/** The focus highlight's ranges, and where the first lies among all marks (page order) and in the viewport. */
function focusState({ pattern, focus }: { pattern: string; focus: string }) {
  const marks: Range[] = [];
  CSS.highlights.forEach((h, name) => {
    if (new RegExp(pattern).test(name) && !new RegExp(focus).test(name)) h.forEach((r) => marks.push(r as Range));
  });
  marks.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  const focused: Range[] = [];
  CSS.highlights.forEach((h, name) => {
    if (new RegExp(focus).test(name)) h.forEach((r) => focused.push(r as Range));
  });
  const first = focused[0];
  const index = first
    ? marks.findIndex((m) => m.startContainer === first.startContainer && m.startOffset === first.startOffset && m.endContainer === first.endContainer && m.endOffset === first.endOffset)
    : -1;
  const r = first?.getBoundingClientRect();
  const active = document.activeElement;
  return {
    focusRanges: focused.length,
    text: first?.toString() ?? null,
    index,
    marks: marks.length,
    inViewport: !!r && r.top >= 0 && r.bottom <= innerHeight && r.height > 0,
    scrollY: Math.round(scrollY),
    active: !active || active === document.body ? 'body' : active.localName + (active.id ? `#${active.id}` : ''),
  };
}

/** A stable description of the focused element (id, else a path of nth-child steps). */
function focusKey() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return 'body';
  if (el.id) return `#${el.id}`;
  const path: string[] = [];
  for (let n: Element | null = el; n && n !== document.body; n = n.parentElement) {
    path.unshift(`${n.localName}:${[...(n.parentElement?.children ?? [])].indexOf(n)}`);
  }
  return path.join('>');
}

/** Every keyboard-operable control on the page, described like focusKey, and which must be in the Tab order. */
function controls() {
  const key = (el: Element) => {
    if (el.id) return `#${el.id}`;
    const path: string[] = [];
    for (let n: Element | null = el; n && n !== document.body; n = n.parentElement) {
      path.unshift(`${n.localName}:${[...(n.parentElement?.children ?? [])].indexOf(n)}`);
    }
    return path.join('>');
  };
  const all = [...document.querySelectorAll<HTMLElement>('input, button, select, textarea, a[href], [tabindex], summary')].filter(
    (el) => !(el as HTMLInputElement).disabled && el.tabIndex >= 0 && el.getClientRects().length > 0,
  );
  return all.map((el) => {
    const radio = el instanceof HTMLInputElement && el.type === 'radio' ? el : null;
    // One radio of a group is in the Tab order (the checked one); the others are reached with arrows.
    const groupHasChecked = !!radio && !!document.querySelector(`input[type=radio][name="${radio.name}"]:checked`);
    return {
      key: key(el),
      label: (el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '').trim().slice(0, 40),
      tabbable: !radio || radio.checked || !groupHasChecked,
    };
  });
}

/** Viewport rect of the nth mark (page order), scrolled to the middle of the viewport. */
function nthMarkRect({ pattern, focus, nth }: { pattern: string; focus: string; nth: number }) {
  const marks: Range[] = [];
  CSS.highlights.forEach((h, name) => {
    if (new RegExp(pattern).test(name) && !new RegExp(focus).test(name)) h.forEach((r) => marks.push(r as Range));
  });
  marks.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  const range = marks[nth];
  if (!range) return null;
  (range.startContainer.parentElement ?? document.body).scrollIntoView({ block: 'center' });
  const r = range.getClientRects()[0]!;
  return { x: r.left, y: r.top, width: r.width, height: r.height, text: range.toString() };
}

// ---------------------------------------------------------------------------------------------

async function pageState(browser: ExtensionBrowser, page: HarnessPage): Promise<PageState> {
  return browser.sendToTab<PageState>(page.tabId, { type: 'get-page-state' });
}

async function openArticle(browser: ExtensionBrowser): Promise<HarnessPage> {
  const page = await retrying(() => browser.openPage(server.url(ARTICLE.path)));
  await waitUntil(async () => {
    const s = await pageState(browser, page);
    return s.active && s.total > 0 && (await page.evaluate(markCount, { pattern: MARK_NAME, focus: FOCUS_NAME })) === s.total;
  }, { timeout: 15_000, message: 'marks on the article' });
  return page;
}

/** The settings as the extension reads them (sync, or local when settingsArea says so). */
async function readSettings(browser: ExtensionBrowser): Promise<Record<string, unknown>> {
  const local = await browser.getStorage('local');
  if (local.settingsArea === 'local') return (local.settings ?? {}) as Record<string, unknown>;
  return ((await browser.getStorage('sync')).settings ?? {}) as Record<string, unknown>;
}

/**
 * Moves focus with the keyboard to the control `key` (an `#id`): Tab when it lies after the focused
 * control, Shift+Tab when before. Never round the end of the page: past the last control Firefox
 * hands focus to its own UI, and keys stop reaching the page. `max` is a runaway guard: the options
 * page lists two controls per catalogue entity (44 of them).
 */
async function tabTo(page: HarnessPage, key: string, max = 300): Promise<string[]> {
  const backwards = await page.evaluate((target) => {
    const wanted = document.querySelector(target);
    const active = document.activeElement;
    if (!wanted || !active || active === document.body) return false;
    return (wanted.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  }, key);
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.press(backwards ? 'Shift+Tab' : 'Tab');
    const now = await page.evaluate(focusKey);
    seen.push(now);
    if (now === key) return seen;
  }
  throw new Error(`${backwards ? 'Shift+Tab' : 'Tab'} never reached ${key}; sequence: ${seen.join(' → ')}`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const name of ['chromium', 'firefox'] as BrowserName[]) {
  const pre = ready(name);
  describe(name, () => {
    if (!pre.run) {
      it.skipIf(pre.skip)('prerequisites', () => {
        throw new Error(pre.reason);
      });
      return;
    }
    let browser: ExtensionBrowser;
    let local: Record<string, unknown>;
    let sync: Record<string, unknown> | undefined;
    beforeAll(async () => {
      browser = await launchSnapshot(name);
      local = await browser.getStorage('local');
      sync = await browser.getStorage('sync').catch(() => undefined);
    });
    afterAll(async () => {
      await browser?.close();
    });
    const restore = async () => {
      await browser.clearStorage('local').catch(() => {});
      await browser.setStorage('local', local).catch(() => {});
      if (sync) {
        await browser.clearStorage('sync').catch(() => {});
        await browser.setStorage('sync', sync).catch(() => {});
      }
    };

    it('manifest declares the three commands with suggested keys; the browser registered them', async () => {
      const manifest = JSON.parse(readFileSync(join(SNAP[name]!, 'manifest.json'), 'utf8'));
      const keys = Object.fromEntries(Object.entries(manifest.commands as Record<string, { suggested_key?: { default?: string } }>).map(([k, v]) => [k, v.suggested_key?.default]));
      expect(keys).toEqual({ 'toggle-site': 'Alt+Shift+L', 'next-mention': 'Alt+Shift+Period', 'previous-mention': 'Alt+Shift+Comma' });
      const registered = await browser.inExtension(async () => {
        const api = ((globalThis as any).browser ?? (globalThis as any).chrome) as { commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> } };
        return (await api.commands.getAll()).map((c) => [c.name, c.shortcut]);
      });
      console.log(`[commands] ${name}: ${JSON.stringify(registered)}`);
      expect(Object.fromEntries(registered as [string, string][])).toMatchObject({
        'toggle-site': expect.stringMatching(/Alt\+Shift\+L/),
        'next-mention': expect.stringMatching(/Alt\+Shift\+(Period|\.)/),
        'previous-mention': expect.stringMatching(/Alt\+Shift\+(Comma|,)/),
      });
    });

    it('popup with the keyboard only: Tab to the switches, Space turns marks off and on', async () => {
      try {
        const article = await openArticle(browser);
        const total = (await pageState(browser, article)).total;
        const popup = await retrying(() => browser.openExtensionPage(`popup.html?tab=${article.tabId}`));
        await waitUntil(() => popup.evaluate(() => document.querySelectorAll('[role="switch"]').length >= 2), { message: 'two switches' });
        await popup.bringToFront();
        const checked = (id: string) => popup.evaluate((sel) => document.querySelector(sel)?.getAttribute('aria-checked'), `#${id}`);
        const marks = () => article.evaluate(markCount, { pattern: MARK_NAME, focus: FOCUS_NAME });

        const toGlobal = await tabTo(popup, '#sl-toggle-global');
        expect(toGlobal.length, `Tab presses to the first switch: ${toGlobal.join(' → ')}`).toBeLessThanOrEqual(2);
        for (const id of ['sl-toggle-global', 'sl-toggle-site']) {
          if (id === 'sl-toggle-site') await tabTo(popup, '#sl-toggle-site', 1);
          expect(await popup.evaluate(focusKey)).toBe(`#${id}`);
          expect(await checked(id)).toBe('true');
          await popup.press(' ');
          await waitUntil(async () => (await checked(id)) === 'false', { timeout: 3_000, message: `${id} off` });
          await waitUntil(async () => (await marks()) === 0, { timeout: 5_000, message: `marks to go (${id})` });
          // Focus stays on the switch, so Space again turns it back on.
          expect(await popup.evaluate(focusKey)).toBe(`#${id}`);
          await popup.press(' ');
          await waitUntil(async () => (await checked(id)) === 'true', { timeout: 3_000, message: `${id} on` });
          await waitUntil(async () => (await marks()) === total, { timeout: 8_000, message: `marks to come back (${id})` });
        }
        // Enter works too (switch prefix).
        await popup.press('Enter');
        await waitUntil(async () => (await checked('sl-toggle-site')) === 'false', { timeout: 3_000, message: 'Enter turns it off' });
        await popup.press('Enter');
        await waitUntil(async () => (await checked('sl-toggle-site')) === 'true', { timeout: 3_000, message: 'Enter turns it on' });
        await popup.close();
        await article.close();
      } finally {
        await restore();
      }
    });

    it('options page: Tab reaches every control; keyboard changes are saved', async () => {
      try {
        let options = await retrying(() => browser.openExtensionPage('options.html'));
        await waitUntil(() => options.evaluate(() => document.querySelectorAll('.sl-options input').length > 5), { message: 'the options form' });
        await options.bringToFront();
        const all = await options.evaluate(controls);
        const sequence: string[] = [];
        for (let i = 0; i < 300; i++) {
          await options.press('Tab');
          const key = await options.evaluate(focusKey);
          if (sequence.length && key === sequence[0]) break;
          sequence.push(key);
        }
        const missing = all.filter((c) => c.tabbable && !sequence.includes(c.key));
        console.log(`[options] ${name}: ${all.length} controls (${all.filter((c) => c.tabbable).length} in the Tab order), Tab visited ${new Set(sequence).size} stops`);
        expect(missing, `controls Tab never reached`).toEqual([]);
        const strangers = sequence.filter((k) => k !== 'body' && !all.some((c) => c.key === k));
        expect(strangers, 'Tab stops that are not visible controls').toEqual([]);

        // A fresh page for the changes: after a full Tab cycle Firefox has moved focus out to the
        // browser's own UI, and keys no longer reach the page.
        await options.close();
        options = await retrying(() => browser.openExtensionPage('options.html'));
        await waitUntil(() => options.evaluate(() => document.querySelectorAll('.sl-options input').length > 5), { message: 'the options form' });
        await options.bringToFront();
        // A checkbox, by Space.
        const before = (await readSettings(browser)).showBadge ?? true;
        await tabTo(options, '#sl-opt-badge');
        const box = () => options.evaluate(() => (document.getElementById('sl-opt-badge') as HTMLInputElement).checked);
        expect(await box()).toBe(before);
        await options.press(' ');
        await waitUntil(async () => (await box()) === !before, { timeout: 3_000, message: 'Space to flip the checkbox' });
        await waitUntil(async () => (await readSettings(browser)).showBadge === !before, { timeout: 5_000, message: 'showBadge saved' });
        // A radio group, by arrow keys.
        const scope = ((await readSettings(browser)).scope as string | undefined) ?? 'news';
        await tabTo(options, `#sl-opt-scope-${scope}`);
        await options.press(scope === 'news' ? 'ArrowDown' : 'ArrowUp');
        const other = scope === 'news' ? 'all' : 'news';
        await waitUntil(async () => (await readSettings(browser)).scope === other, { timeout: 5_000, message: `scope ${other} saved` });
        // The hover delay, typed.
        const delayId = await options.evaluate(() => document.querySelector<HTMLInputElement>('input.sl-options-number')?.id ?? '');
        expect(delayId).not.toBe('');
        await tabTo(options, `#${delayId}`);
        await options.evaluate(() => (document.activeElement as HTMLInputElement).select());
        for (const key of ['7', '0', '0']) await options.press(key);
        await options.press('Tab');
        await waitUntil(async () => (await readSettings(browser)).hoverDelayMs === 700, { timeout: 5_000, message: 'hoverDelayMs 700 saved' });
        await options.close();
      } finally {
        await restore();
      }
    });

    it('reveal-mention (the next/previous-mention commands): scroll, focus highlight, card with focus; Escape gives focus back', async () => {
      const article = await openArticle(browser);
      await article.bringToFront();
      const probe = async () => ({
        ...(await article.evaluate(focusState, { pattern: MARK_NAME, focus: FOCUS_NAME })),
        cardOpen: await cardShown(article),
        inCard: await cardHasFocus(article),
      });
      expect((await probe()).focusRanges).toBe(0);

      // As the background's command handler does: tabs.sendMessage(tab, {type:'reveal-mention', direction}).
      expect(await browser.sendToTab(article.tabId, { type: 'reveal-mention', direction: 1 })).toBe(true);
      const first = await waitUntil(async () => {
        const s = await probe();
        return s.cardOpen && s.inCard ? s : undefined;
      }, { timeout: 5_000, message: () => 'the card open with focus' });
      expect(first.focusRanges).toBe(1);
      expect(first.index, 'the first mark in page order').toBe(0);
      expect(first.inViewport).toBe(true);

      // Next, then previous (wrapping to the last mark, far down the page: it scrolls there).
      await browser.sendToTab(article.tabId, { type: 'reveal-mention', direction: 1 });
      const second = await waitUntil(async () => {
        const s = await probe();
        return s.index === 1 && s.cardOpen && s.inCard ? s : undefined;
      }, { timeout: 5_000, message: 'the second mark revealed' });
      expect(second.inCard).toBe(true);
      await browser.sendToTab(article.tabId, { type: 'reveal-mention', direction: -1 });
      await browser.sendToTab(article.tabId, { type: 'reveal-mention', direction: -1 });
      const last = await waitUntil(async () => {
        const s = await probe();
        return s.index === s.marks - 1 && s.cardOpen && s.inCard ? s : undefined;
      }, { timeout: 5_000, message: 'wrapped to the last mark' });
      expect(last.scrollY, 'scrolled down to the last mark').toBeGreaterThan(first.scrollY);
      expect(last.inViewport).toBe(true);
      expect(last.inCard).toBe(true);

      // Escape closes the card; focus goes back where it was (the body here).
      await article.press('Escape');
      const closed = await waitUntil(async () => {
        const s = await probe();
        return !s.cardOpen ? s : undefined;
      }, { timeout: 3_000, message: 'the card to close on Escape' });
      expect(closed.active).toBe('body');
      expect(closed.focusRanges, 'the focus highlight is cleared').toBe(0);

      // From a focused link: focus returns to it.
      const link = await article.evaluate(() => {
        const a = [...document.querySelectorAll<HTMLAnchorElement>('a[href]')].find((el) => el.getClientRects().length > 0);
        if (!a) return null;
        a.id ||= 'sl-e2e-link';
        a.focus();
        return `a#${a.id}`;
      });
      expect(link, 'a visible link on the article').not.toBeNull();
      expect((await probe()).active).toBe(link);
      await browser.sendToTab(article.tabId, { type: 'reveal-mention', direction: 1 });
      await waitUntil(async () => (await probe()).inCard, { timeout: 5_000, message: 'focus in the card' });
      await article.press('Escape');
      const back = await waitUntil(async () => {
        const s = await probe();
        return !s.cardOpen ? s : undefined;
      }, { timeout: 3_000, message: 'the card to close' });
      expect(back.active, 'focus returned to the link').toBe(link);
      await article.close();
    });

    it('hover → card time (median of 10 hovers)', async () => {
      const article = await openArticle(browser);
      await article.bringToFront();
      const delay = ((await readSettings(browser)).hoverDelayMs as number | undefined) ?? 500;
      const times: number[] = [];
      for (const nth of [2, 4, 6, 8, 10, 12, 14, 16, 18, 20]) {
        await article.mouseMove(3, 3, 1);
        await waitUntil(async () => !(await cardShown(article)), { timeout: 3_000, message: 'no card before hovering' });
        const rect = await steady(article, () => article.evaluate(nthMarkRect, { pattern: MARK_NAME, focus: FOCUS_NAME, nth }), `mark #${nth}`);
        await armCardStopwatch(article);
        await article.mouseMove(rect.x + rect.width / 2, rect.y + rect.height / 2, 1);
        const ms = await readCardStopwatch(article);
        expect(ms, `card after hovering "${rect.text}"`).toBeGreaterThan(0);
        times.push(Math.round(ms));
      }
      const m = median(times);
      hoverFigures.push(`  ${name}: median ${m} ms (hover delay ${delay} ms); all: ${times.join(', ')}`);
      console.log(`[hover→card] ${name}: median ${m} ms (delay ${delay}); ${times.join(', ')}`);
      expect(m).toBeGreaterThanOrEqual(delay - 20);
      expect(m).toBeLessThan(delay + 300);
      await article.close();
    });
  });
}
