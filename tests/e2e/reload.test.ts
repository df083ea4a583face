/**
 * Issue 6 item 5 (second half): after the extension is reloaded or updated, the content script
 * already running in an open tab stops cleanly — its mark highlights are gone, no
 * card is left showing, nothing is logged as an error and the page's text is
 * untouched — and a reload of the tab marks the page again exactly once.
 *
 * Ways to reload the extension:
 * - chromium: `chrome.runtime.reload()` in the service worker, then wait for the new worker.
 * - firefox (reload): `browser.runtime.reload()` from an extension page (it closes extension
 *   tabs, so a new helper tab is opened afterwards at the same pinned moz-extension:// UUID).
 * - firefox (update): Puppeteer's `installExtension` of the same build over the running copy.
 *
 * The harness hides the Playwright context / Puppeteer browser it launches (needed here to
 * trigger the reload, to follow the new service worker and to collect console messages and page
 * errors), so this file has small launchers of its own with the harness's options
 * (chromiumLaunchOptions / firefoxLaunchOptions).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page as PwPage, type Worker } from 'playwright-core';
import puppeteer, { type Browser as PpBrowser, type Page as PpPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageState } from '../../extension/messages';
import {
  chromiumLaunchOptions,
  firefoxLaunchOptions,
  FIREFOX_EXTENSION_UUID,
  GECKO_ID,
  gotoExtensionPage,
  holdsFor,
  sleep,
  steady,
  waitUntil,
} from './harness/browsers';
import { corpusArticles } from './harness/corpus';
import {
  CHROME_EXTENSION_DIR,
  FIREFOX_EXTENSION_DIR,
  prerequisites,
  type BrowserName,
} from './harness/paths';
import { startServer, type StaticServer } from './harness/server';
import { cardHostStates, markCardHostsOld } from './harness/card';
import { MARK_NAME } from './harness/marks';

const ARTICLES = corpusArticles();
const SHORT = ARTICLES.find((a) => a.slug.startsWith('02-')) ?? ARTICLES[0]!;
/** How long the old content script may take to clean up after the extension reloads. */
const TEARDOWN_MS = 5_000;

let server: StaticServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

// ---------------------------------------------------------------------------------------------
// Local launchers: the harness's, plus access to what a reload needs.

interface Logged {
  kind: 'console' | 'pageerror';
  type: string;
  text: string;
  at: number;
}

interface TestPage {
  tabId: number;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  mouseMove(x: number, y: number, steps?: number): Promise<void>;
  reload(): Promise<void>;
  /** Console messages and page errors seen on this tab since it opened. */
  logged: Logged[];
}

interface TestBrowser {
  name: string;
  openPage(url: string): Promise<TestPage>;
  /** Run in a privileged extension context (service worker / helper extension tab). */
  inExtension<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Reload (or update) the extension; resolves once the new extension context answers. */
  reloadExtension(): Promise<void>;
  close(): Promise<void>;
}

type Api = {
  tabs: { query(q: object): Promise<{ id?: number }[]>; sendMessage(id: number, m: unknown): Promise<unknown> };
  runtime: { reload(): void; id?: string };
};
async function tabIds(inExtension: TestBrowser['inExtension']): Promise<number[]> {
  return inExtension(async () => {
    const a = ((globalThis as { browser?: Api }).browser ?? (globalThis as { chrome?: Api }).chrome)!;
    return (await a.tabs.query({})).map((t) => t.id!).filter((id) => typeof id === 'number');
  });
}

async function findNewTab(inExtension: TestBrowser['inExtension'], before: Set<number>): Promise<number> {
  const fresh = await waitUntil(
    async () => {
      const ids = (await tabIds(inExtension)).filter((id) => !before.has(id));
      return ids.length === 1 ? ids : undefined;
    },
    { timeout: 5_000, message: 'the new tab to appear in tabs.query' },
  );
  return fresh[0]!;
}

async function launchChromiumLocal(): Promise<TestBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'syria-lens-reload-chromium-'));
  const ctx: BrowserContext = await chromium.launchPersistentContext(profile, chromiumLaunchOptions(CHROME_EXTENSION_DIR));
  let worker: Worker =
    ctx.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await ctx.waitForEvent('serviceworker', { timeout: 15_000 }));
  // Without developer mode, Chromium reloads a command-line unpacked extension as DISABLED
  // (disable reason "unsupportedDeveloperExtension"): turn it on, as a developer would have it.
  const settings = await ctx.newPage();
  await settings.goto('chrome://extensions');
  await settings.evaluate(
    () =>
      new Promise<void>((resolve) =>
        (globalThis as unknown as { chrome: { developerPrivate: { updateProfileConfiguration(c: object, cb: () => void): void } } }).chrome.developerPrivate.updateProfileConfiguration(
          { inDeveloperMode: true },
          () => resolve(),
        ),
      ),
  );
  await settings.close();
  const initial = ctx.pages();
  const inExtension = async <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> =>
    (await worker.evaluate(fn as never, arg as never));

  const wrap = (page: PwPage, tabId: number, logged: Logged[]): TestPage => ({
    tabId,
    logged,
    evaluate: (fn, arg) => page.evaluate(fn as never, arg as never),
    mouseMove: (x, y, steps = 4) => page.mouse.move(x, y, { steps }),
    reload: async () => {
      await page.reload({ waitUntil: 'load' });
    },
  });

  return {
    name: 'chromium',
    inExtension: ((fn, arg) => inExtension(fn, arg)),
    async openPage(url) {
      const before = new Set(await tabIds(inExtension));
      const page = await ctx.newPage();
      const logged: Logged[] = [];
      // Playwright reports console calls and uncaught errors of every world on the page,
      // the content scripts' isolated worlds included.
      page.on('console', (m) => logged.push({ kind: 'console', type: m.type(), text: m.text(), at: Date.now() }));
      page.on('pageerror', (e) => logged.push({ kind: 'pageerror', type: 'error', text: String(e), at: Date.now() }));
      const tabId = await findNewTab(inExtension, before);
      for (const p of initial.splice(0)) await p.close().catch(() => {});
      await page.goto(url, { waitUntil: 'load' });
      return wrap(page, tabId, logged);
    },
    async reloadExtension() {
      const old = worker;
      const next = ctx.waitForEvent('serviceworker', { timeout: 15_000 });
      // Reload after the evaluation has answered: the worker dies with the reload.
      await old.evaluate(() => {
        setTimeout(() => ((globalThis as { chrome?: Api }).chrome ?? (globalThis as { browser?: Api }).browser)!.runtime.reload(), 50);
      });
      worker = await next;
      await waitUntil(() => inExtension(() => typeof ((globalThis as { chrome?: Api }).chrome?.runtime.id) === 'string'), {
        timeout: 10_000,
        message: 'the new service worker to answer',
      });
    },
    async close() {
      try {
        await ctx.close();
      } finally {
        await rm(profile, { recursive: true, force: true });
      }
    },
  };
}

async function launchFirefoxLocal(mode: 'reload' | 'update'): Promise<TestBrowser> {
  const pp: PpBrowser = await puppeteer.launch(firefoxLaunchOptions());
  const origin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
  const controllerUrl = () => `${origin}/popup.html?e2e-controller`;
  let controller: PpPage;
  try {
    const id = await pp.installExtension(FIREFOX_EXTENSION_DIR);
    if (id !== GECKO_ID) throw new Error(`installed extension id ${id}, expected ${GECKO_ID}`);
    controller = await pp.newPage();
    await gotoExtensionPage(controller, controllerUrl());
    for (const p of await pp.pages()) if (p !== controller) await p.close().catch(() => {});
  } catch (error) {
    await pp.close().catch(() => {});
    throw error;
  }
  const inExtension = <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> =>
    controller.evaluate(fn as never, arg as never);

  const wrap = (page: PpPage, tabId: number, logged: Logged[]): TestPage => ({
    tabId,
    logged,
    evaluate: (fn, arg) => page.evaluate(fn as never, arg as never),
    mouseMove: (x, y, steps = 4) => page.mouse.move(x, y, { steps }),
    reload: async () => {
      await page.reload({ waitUntil: 'load' });
    },
  });

  /** A fresh helper extension tab (the old one is closed or dead after a reload). */
  async function newController(): Promise<void> {
    await controller.close().catch(() => {});
    controller = await pp.newPage();
    await gotoExtensionPage(controller, controllerUrl());
    await waitUntil(() => inExtension(() => typeof (globalThis as { browser?: Api }).browser?.runtime.id === 'string'), {
      timeout: 10_000,
      message: 'the new helper extension tab to answer',
    });
  }

  return {
    name: `firefox (${mode})`,
    inExtension: ((fn, arg) => inExtension(fn, arg)),
    async openPage(url) {
      const before = new Set(await tabIds(inExtension));
      const page = await pp.newPage();
      const logged: Logged[] = [];
      page.on('console', (m) => logged.push({ kind: 'console', type: m.type(), text: m.text(), at: Date.now() }));
      page.on('pageerror', (e) => logged.push({ kind: 'pageerror', type: 'error', text: String(e), at: Date.now() }));
      const tabId = await findNewTab(inExtension, before);
      await page.goto(url, { waitUntil: 'load' });
      return wrap(page, tabId, logged);
    },
    async reloadExtension() {
      if (mode === 'reload') {
        await controller.evaluate(() => {
          setTimeout(() => (globalThis as { browser?: Api }).browser!.runtime.reload(), 50);
        });
        // The reload closes (or kills) extension tabs; wait for the old helper to go.
        await waitUntil(
          () =>
            controller
              .evaluate(() => typeof (globalThis as { browser?: Api }).browser?.runtime?.id !== 'string')
              .catch(() => true),
          { timeout: 10_000, message: 'the old extension context to go' },
        );
        // The reloaded extension answers once it is back: until then its pages do not open.
        await waitUntil(
          () =>
            newController().then(
              () => true,
              () => false,
            ),
          { timeout: 20_000, interval: 200, message: 'the reloaded extension to answer' },
        );
        return;
      } else {
        await controller.close().catch(() => {});
        // Installing the same id again over the running copy is an update (runtime.onInstalled
        // reason "update"); the UUID is kept. (Uninstalling first would drop the pinned UUID.)
        const id = await pp.installExtension(FIREFOX_EXTENSION_DIR);
        if (id !== GECKO_ID) throw new Error(`reinstalled extension id ${id}, expected ${GECKO_ID}`);
      }
      await newController();
    },
    async close() {
      await pp.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Page-side probes (serialised into the page's main world)

/** Every mark highlight: ranges, and how many ranges point at the same text (duplicates). */
function probeMarks(pattern: string) {
  const names: Record<string, number> = {};
  const keys = new Map<Node, number[]>();
  let ranges = 0;
  let duplicates = 0;
  CSS.highlights.forEach((highlight, name) => {
    if (!new RegExp(pattern).test(name)) return;
    names[name] = highlight.size;
    highlight.forEach((r) => {
      const range = r as Range;
      ranges++;
      const seen = keys.get(range.startContainer) ?? [];
      if (seen.includes(range.startOffset)) duplicates++;
      seen.push(range.startOffset);
      keys.set(range.startContainer, seen);
    });
  });
  // Highlight objects remembered before the reload (see `remember`): still registered? still holding ranges?
  const old = (window as { e2eOldHighlights?: Map<string, Highlight> }).e2eOldHighlights;
  const oldObjects = old
    ? [...old].map(([name, h]) => ({ name, size: h.size, stillRegistered: CSS.highlights.get(name) === h }))
    : [];
  return { names, ranges, duplicates, oldObjects };
}

/** The marks, and the card hosts (those made by the content script that ran before the extension reload are `old`: see `remember`). */
async function probe(page: TestPage) {
  return { ...(await page.evaluate(probeMarks, MARK_NAME)), hosts: await cardHostStates(page) };
}

function remember(pattern: string) {
  const old = new Map<string, Highlight>();
  CSS.highlights.forEach((h, name) => {
    if (new RegExp(pattern).test(name)) old.set(name, h);
  });
  (window as { e2eOldHighlights?: Map<string, Highlight> }).e2eOldHighlights = old;
  (window as { e2eNotReloaded?: boolean }).e2eNotReloaded = true;
  // Errors the page's own world can see (content-script errors mostly stay in their world).
  const errors: string[] = [];
  (window as { e2eErrors?: string[] }).e2eErrors = errors;
  addEventListener('error', (e) => errors.push(`error: ${e.message}`));
  addEventListener('unhandledrejection', (e) => errors.push(`unhandledrejection: ${String(e.reason)}`));
}

/** Viewport rect of the first marked range (page order), scrolled into view. */
function firstMarkRect(pattern: string) {
  const ranges: Range[] = [];
  CSS.highlights.forEach((h, name) => {
    if (new RegExp(pattern).test(name)) h.forEach((r) => ranges.push(r as Range));
  });
  ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  const range = ranges[0];
  if (!range) return null;
  (range.startContainer.parentElement ?? document.body).scrollIntoView({ block: 'center' });
  const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
  return { x: r.left, y: r.top, width: r.width, height: r.height, text: range.toString() };
}

// ---------------------------------------------------------------------------------------------

async function pageState(browser: TestBrowser, page: TestPage): Promise<PageState | null> {
  return browser
    .inExtension(
      ({ tabId }) =>
        ((globalThis as { browser?: Api }).browser ?? (globalThis as { chrome?: Api }).chrome)!.tabs.sendMessage(tabId, {
          type: 'get-page-state',
        }) as Promise<PageState | null>,
      { tabId: page.tabId },
    )
    .catch(() => null);
}

async function settledState(browser: TestBrowser, page: TestPage, what: string): Promise<PageState> {
  let previous: string | undefined;
  return waitUntil(
    async () => {
      const state = await pageState(browser, page);
      const key = JSON.stringify(state);
      const stable = !!state && state.active && state.total > 0 && key === previous;
      previous = key;
      return stable ? state : undefined;
    },
    { timeout: 15_000, interval: 300, message: () => `${what}; last page state: ${previous ?? 'none'}` },
  );
}

async function hoverUntilCard(page: TestPage): Promise<void> {
  await waitUntil(() => page.evaluate(firstMarkRect, MARK_NAME), { message: 'a marked range to hover' });
  const mark = await steady(page, () => page.evaluate(firstMarkRect, MARK_NAME), 'the mark, scrolled into view');
  await page.mouseMove(mark.x - 30, mark.y + mark.height / 2, 1);
  await page.mouseMove(mark.x + mark.width / 2, mark.y + mark.height / 2, 5);
  await waitUntil(async () => (await probe(page)).hosts.some((h) => h.visible), {
    timeout: 3_000,
    interval: 50,
    message: `the card to show after hovering "${mark.text}"`,
  });
}

const errorsIn = (logged: Logged[], since = 0) =>
  logged.filter((l) => l.at >= since && (l.kind === 'pageerror' || l.type === 'error' || l.type === 'assert'));

const LAUNCHERS: { name: string; browser: BrowserName; launch: () => Promise<TestBrowser> }[] = [
  { name: 'chromium', browser: 'chromium', launch: launchChromiumLocal },
  { name: 'firefox: runtime.reload()', browser: 'firefox', launch: () => launchFirefoxLocal('reload') },
  { name: 'firefox: installExtension again (update)', browser: 'firefox', launch: () => launchFirefoxLocal('update') },
];

for (const { name, browser: browserName, launch } of LAUNCHERS) {
  const check = prerequisites(browserName);
  if (!check.run) {
    if (check.skip) describe.skip(`${name} — SKIPPED: ${check.reason}`, () => it('needs the browser and the build', () => {}));
    else describe(name, () => it('has its browser and the extension build', () => { throw new Error(`[e2e] ${check.reason}`); }));
    continue;
  }

  describe(name, () => {
    let browser: TestBrowser | undefined;
    beforeAll(async () => {
      browser = await launch();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('after an extension reload the old content script removes its marks and card; a tab reload marks once', async () => {
      const b = browser!;
      const page = await b.openPage(server.url(SHORT.path));
      const on = await settledState(b, page, 'marks to appear');
      const before = await probe(page);
      expect(before.ranges).toBe(on.total);
      expect(before.duplicates).toBe(0);

      await hoverUntilCard(page);
      const textBefore = await page.evaluate(() => document.body.textContent);
      const htmlBefore = await page.evaluate(() => document.body.innerHTML);
      await markCardHostsOld(page);
      await page.evaluate(remember, MARK_NAME);

      const reloadStarted = Date.now();
      await b.reloadExtension();
      const reloaded = Date.now();

      // Follow the same tab (not reloaded) for a while.
      const timeline: { ms: number; ranges: number; names: Record<string, number>; hosts: string; newScript: number | null }[] = [];
      let cleanAt: number | undefined;
      let last = await probe(page);
      let newState: PageState | null = null;
      const until = Date.now() + TEARDOWN_MS + 2_000;
      while (Date.now() < until) {
        last = await probe(page);
        // A content script of the NEW extension answers only if the browser injected one into the open tab.
        newState = await pageState(b, page);
        const expectedRanges = newState?.active ? newState.total : 0;
        const clean = last.ranges === expectedRanges && last.duplicates === 0 && !last.hosts.some((h) => h.visible);
        const entry = {
          ms: Date.now() - reloadStarted,
          ranges: last.ranges,
          names: last.names,
          hosts: last.hosts.map((h) => `${h.old ? 'old' : 'new'}:${h.display}`).join(',') || '-',
          newScript: newState ? newState.total : null,
        };
        const previous = timeline[timeline.length - 1];
        if (!previous || JSON.stringify({ ...previous, ms: 0 }) !== JSON.stringify({ ...entry, ms: 0 })) timeline.push(entry);
        if (clean && cleanAt === undefined) cleanAt = Date.now() - reloadStarted;
        if (!clean) cleanAt = undefined;
        if (clean && Date.now() - reloadStarted > TEARDOWN_MS) break;
        await sleep(200); // the timeline's sampling interval
      }

      // Hover a mark position again: an old script still alive would try to open a card now.
      const markAgain = await page.evaluate(firstMarkRect, MARK_NAME);
      if (markAgain) {
        await page.mouseMove(markAgain.x - 30, markAgain.y + markAgain.height / 2, 1);
        await page.mouseMove(markAgain.x + markAgain.width / 2, markAgain.y + markAgain.height / 2, 5);
        // Three times the hover delay: an old lens still alive would have opened its card by then.
        // (Firefox injects the new content script into open tabs, and its card may rightly show.)
        await holdsFor(async () => !(await probe(page)).hosts.some((h) => h.visible && h.old), 1_500, 'no old card showing').catch(async (error: unknown) => {
          throw new Error(`${String(error)}; hosts: ${JSON.stringify((await probe(page)).hosts)}`);
        });
        last = await probe(page);
        newState = await pageState(b, page);
      }

      const mainWorldErrors = await page.evaluate(() => (window as { e2eErrors?: string[] }).e2eErrors ?? []);
      const afterReloadLogs = page.logged.filter((l) => l.at >= reloadStarted);
      console.log(
        `[reload ${name}] extension reload took ${reloaded - reloadStarted} ms; clean at ${cleanAt ?? 'never'} ms; ` +
          `new content script in the open tab: ${newState ? JSON.stringify({ active: newState.active, total: newState.total }) : 'none'}\n` +
          `  timeline: ${JSON.stringify(timeline)}\n` +
          `  old Highlight objects: ${JSON.stringify(last.oldObjects)}\n` +
          `  after a second hover: ranges=${last.ranges} hosts=${JSON.stringify(last.hosts)}\n` +
          `  console/page errors after reload: ${JSON.stringify(afterReloadLogs)}\n` +
          `  main-world error events: ${JSON.stringify(mainWorldErrors)}`,
      );

      // The same document, untouched.
      expect(await page.evaluate(() => (window as { e2eNotReloaded?: boolean }).e2eNotReloaded)).toBe(true);
      expect(await page.evaluate(() => document.body.textContent)).toBe(textBefore);
      expect(await page.evaluate(() => document.body.innerHTML)).toBe(htmlBefore);
      // Old marks gone (only a new content script's own marks, once each, may be there).
      const expectedRanges = newState?.active ? newState.total : 0;
      expect(last.ranges, `mark ranges on the open tab after the reload (${JSON.stringify(last.names)})`).toBe(expectedRanges);
      expect(last.duplicates).toBe(0);
      if (!newState) expect(last.oldObjects.every((h) => h.size === 0 || !h.stillRegistered), JSON.stringify(last.oldObjects)).toBe(true);
      // No card showing: the old script's host is removed or hidden, and at most one host is left.
      expect(last.hosts.filter((h) => h.visible && h.old), 'visible old card hosts after the reload').toEqual([]);
      // Only a new content script may show a card, its own, once.
      expect(last.hosts.filter((h) => h.visible).length, 'visible card hosts after the reload').toBeLessThanOrEqual(newState?.active ? 1 : 0);
      expect(last.hosts.length, 'card hosts left on the page').toBeLessThanOrEqual(1);
      expect(cleanAt, `clean within ${TEARDOWN_MS} ms`).toBeDefined();
      expect(cleanAt!).toBeLessThanOrEqual(TEARDOWN_MS);
      expect(errorsIn(page.logged, reloadStarted)).toEqual([]);
      expect(mainWorldErrors).toEqual([]);

      // Reload the tab: the new content script marks the page exactly once.
      await page.reload();
      const again = await settledState(b, page, 'marks after reloading the tab');
      expect(again.total).toBe(on.total);
      await waitUntil(async () => (await probe(page)).ranges === again.total, {
        timeout: 5_000,
        message: `${again.total} ranges after reloading the tab`,
      }).catch(() => {});
      const final = await probe(page);
      expect(final.ranges).toBe(again.total);
      expect(final.duplicates).toBe(0);
      expect(final.hosts).toEqual([]);
      expect(errorsIn(page.logged, reloadStarted)).toEqual([]);
    });
  });
}
