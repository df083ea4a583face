/**
 * Launch Chromium (Playwright) or Firefox (Puppeteer over WebDriver BiDi) with the built extension
 * loaded, behind one small interface, so the same test body can run in both browsers.
 *
 *   const browser = await launchBrowser('chromium');   // or launchChromium() / launchFirefox()
 *   const page = await browser.openPage(server.url('/articles/02-….html'));  // page.tabId is known
 *   await browser.inExtension((tabId) => api().tabs.sendMessage(tabId, …), page.tabId);
 *   const popup = await browser.openExtensionPage(`popup.html?tab=${page.tabId}`);
 *   await browser.close();   // also removes the temporary profile
 *
 * Functions passed to `evaluate`/`inExtension` are serialised and run in the browser: they may only
 * use their argument and browser globals. In an extension context use `globalThis.browser ??
 * globalThis.chrome` (both return promises in Chromium MV3 and Firefox).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page as PwPage, type Worker } from 'playwright-core';
import puppeteer, { type Browser as PpBrowser, type Page as PpPage } from 'puppeteer-core';
import {
  CHROME_EXTENSION_DIR,
  CHROMIUM_BIN,
  FIREFOX_BIN,
  FIREFOX_EXTENSION_DIR,
  type BrowserName,
} from './paths';

export type { BrowserName };

/** Gecko id from wxt.config.ts, and the moz-extension:// UUID the tests pin for it. */
export const GECKO_ID = 'syria-lens@syria-lens.org';
export const FIREFOX_EXTENSION_UUID = '5e7a1c3d-9b2f-4e60-8a1d-2c4b6f8e0a17';

export type PageFunction<A, R> = (arg: A) => R | Promise<R>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What a closed shadow root shows, read with the browser's privileged protocol (CDP / BiDi). */
export interface ShadowContent {
  /** Rendered-ish text: text nodes outside <style>/<script>, block elements on their own lines. */
  text: string;
  /**
   * Union of the viewport rects of the shadow root's rendered elements, each clipped by its
   * overflow-clipping ancestors (so content scrolled out of a scrolling card does not count);
   * null if nothing has a size.
   */
  rect: Rect | null;
  /** First opaque background colour among the host and the shadow's elements, or null. */
  background: string | null;
  /** Rendered images' text alternatives: the `aria-label` of each `[role=img]` element, in order. */
  images: string[];
  /**
   * The direction the content is laid out in: the computed `direction` of the outermost element
   * that sets one (`dir="ltr"` / `"rtl"`), else of the first element; null when there is none.
   */
  direction: 'ltr' | 'rtl' | null;
}

export interface HarnessPage {
  readonly browserName: BrowserName;
  /** The tab id the extension sees for this page. */
  readonly tabId: number;
  readonly url: string;
  evaluate<R, A = undefined>(fn: PageFunction<A, R>, arg?: A): Promise<R>;
  /** Navigate this tab (awaits `load`, except extension pages in Firefox, which are awaited by readyState). */
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  mouseMove(x: number, y: number, steps?: number): Promise<void>;
  mouseClick(x: number, y: number): Promise<void>;
  /** Click the centre of the `index`-th element matching `selector` (scrolled into view first). */
  clickNth(selector: string, index?: number): Promise<void>;
  press(key: string): Promise<void>;
  /**
   * Real touch input (a browser launched with `{ touch: true }`): a tap, a finger that moves
   * from one point to another over `ms` (a scroll gesture), a finger held still for `ms`.
   * Chromium: CDP Input.dispatchTouchEvent; Firefox: WebDriver BiDi input.performActions with
   * pointerType "touch".
   */
  tap(x: number, y: number): Promise<void>;
  /** A drag through ten steps over `ms`, the finger resting still before it lifts (no fling). */
  touchDrag(from: { x: number; y: number }, to: { x: number; y: number }, ms?: number): Promise<void>;
  longPress(x: number, y: number, ms?: number): Promise<void>;
  bringToFront(): Promise<void>;
  /**
   * Read the (possibly closed) shadow root of the first element matching `hostSelector`.
   * Undefined when there is no such element or it has no shadow root.
   */
  readShadowRoot(hostSelector: string): Promise<ShadowContent | undefined>;
  /**
   * Run a function in the first child frame of this page whose address contains `urlPart` (an
   * extension's frame too: the protocol's privileges reach where page scripts cannot). Undefined
   * when there is no such frame.
   */
  evaluateInFrame<R, A = undefined>(urlPart: string, fn: PageFunction<A, R>, arg?: A, viaHost?: string): Promise<R | undefined>;
  close(): Promise<void>;
}

export interface ExtensionBrowser {
  readonly name: BrowserName;
  /** chrome-extension://<id> or moz-extension://<uuid>, no trailing slash. */
  readonly extensionOrigin: string;
  /** Open a web page in a new tab and wait for `load`. Its tab id is found by difference. */
  openPage(url: string): Promise<HarnessPage>;
  /** Open an extension page (path relative to the extension root, e.g. `popup.html?tab=3`) in a new tab. */
  openExtensionPage(path: string): Promise<HarnessPage>;
  /**
   * Run a function in a privileged extension context: the background service worker in Chromium,
   * a helper extension tab in Firefox (which sees `browser.tabs.*` but is not the background page).
   */
  inExtension<R, A = undefined>(fn: PageFunction<A, R>, arg?: A): Promise<R>;
  /** Ids of all open tabs, as the extension sees them. */
  tabIds(): Promise<number[]>;
  sendToTab<R>(tabId: number, message: unknown): Promise<R>;
  /** Text of the toolbar badge for a tab (chrome.action in MV3, browserAction in Firefox MV2). */
  badgeText(tabId: number): Promise<string>;
  getStorage(area: 'local' | 'sync' | 'session', keys?: string | string[] | null): Promise<Record<string, unknown>>;
  setStorage(area: 'local' | 'sync' | 'session', items: Record<string, unknown>): Promise<void>;
  removeStorage(area: 'local' | 'sync' | 'session', keys: string | string[]): Promise<void>;
  clearStorage(area: 'local' | 'sync' | 'session'): Promise<void>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

/** Poll `check` until it returns a truthy value; throws with the last value/error on timeout. */
export async function waitUntil<T>(
  check: () => Promise<T> | T,
  {
    timeout = 10_000,
    interval = 100,
    message = 'condition',
  }: { timeout?: number; interval?: number; message?: string | (() => string) } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      const what = typeof message === 'function' ? message() : message;
      throw new Error(`Timed out after ${timeout} ms waiting for ${what} (last: ${detail})`);
    }
    await sleep(interval);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once the page has rendered two more frames: what was just scrolled, styled or added
 * is laid out and on screen. What tests wait for instead of a fixed pause after a scroll.
 */
export function framesRendered(page: Pick<HarnessPage, 'evaluate'>): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/**
 * Waits until `read` gives the same value on two reads a rendered frame apart (a card that has
 * moved into place, a list that has finished filling) and returns it. Null and undefined never count.
 */
export async function steady<T>(page: Pick<HarnessPage, 'evaluate'>, read: () => Promise<T>, what: string, timeout = 5_000): Promise<NonNullable<T>> {
  let previous: string | undefined;
  let value: T | undefined;
  await waitUntil(
    async () => {
      await framesRendered(page);
      value = await read();
      const key = JSON.stringify(value);
      const same = value !== null && value !== undefined && key === previous;
      previous = key;
      return same;
    },
    { timeout, interval: 0, message: () => `${what} to hold still (last: ${previous ?? 'none'})` },
  );
  if (value === null || value === undefined) throw new Error(`${what}: nothing to read`);
  return value;
}

/**
 * For "nothing happens" checks: `check` must stay true for `ms`, asked every 50 ms; fails as
 * soon as it is false. The window is the assertion, not a pause before one.
 */
export async function holdsFor(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  do {
    if (!(await check())) throw new Error(`${what} stopped holding after ${ms - (end - Date.now())} ms`);
    await sleep(50);
  } while (Date.now() < end);
}

/**
 * Runs in the page against a shadow root; returns JSON of ShadowContent. Written as a plain
 * function source so it can go through CDP Runtime.callFunctionOn and BiDi script.callFunction.
 */
const READ_SHADOW_ROOT = `function (root) {
  var SKIP = { STYLE: 1, SCRIPT: 1, TEMPLATE: 1, NOSCRIPT: 1, LINK: 1 };
  var parts = [];
  function walk(node) {
    for (var child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) { parts.push(child.data); continue; }
      if (child.nodeType !== 1 || SKIP[child.nodeName.toUpperCase()]) continue;
      var display = getComputedStyle(child).display;
      if (display === 'none') continue;
      var block = display.indexOf('inline') !== 0 && display !== 'contents';
      if (block) parts.push('\\n');
      walk(child);
      if (child.shadowRoot) walk(child.shadowRoot);
      if (block) parts.push('\\n');
    }
  }
  walk(root);
  // Union of what is actually on screen: each element's box clipped by every ancestor (up to
  // and including the host) whose overflow is not visible, so scrolled-away content is left out.
  function clipped(el) {
    var r = el.getBoundingClientRect();
    var box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    var node = el.parentNode;
    while (node) {
      if (node.nodeType === 11) node = node.host;
      if (!node || node.nodeType !== 1) break;
      var cs = getComputedStyle(node);
      if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
        var c = node.getBoundingClientRect();
        box.left = Math.max(box.left, c.left); box.top = Math.max(box.top, c.top);
        box.right = Math.min(box.right, c.right); box.bottom = Math.min(box.bottom, c.bottom);
      }
      if (node === root.host) break;
      node = node.parentNode;
    }
    return box;
  }
  var rect = null;
  var all = root.querySelectorAll('*');
  for (var i = 0; i < all.length; i++) {
    var el = all[i];
    if (SKIP[el.nodeName.toUpperCase()]) continue;
    var s = getComputedStyle(el);
    if (s.visibility === 'hidden' || s.display === 'none') continue;
    var r = clipped(el);
    if (r.right - r.left <= 0 || r.bottom - r.top <= 0) continue;
    if (!rect) rect = r;
    else {
      rect.left = Math.min(rect.left, r.left); rect.top = Math.min(rect.top, r.top);
      rect.right = Math.max(rect.right, r.right); rect.bottom = Math.max(rect.bottom, r.bottom);
    }
  }
  // First opaque background among the host and the shadow's elements (a card needs one to be
  // readable; none means its stylesheet did not apply, e.g. blocked by a page CSP).
  var background = null;
  var candidates = [root.host].concat(Array.prototype.slice.call(all));
  for (var k = 0; k < candidates.length && !background; k++) {
    var bg = getComputedStyle(candidates[k]).backgroundColor;
    if (bg && bg !== 'transparent' && !/^rgba\\(.*,\\s*0\\)$/.test(bg)) background = bg;
  }
  var images = [];
  var imgs = root.querySelectorAll('[role=img]');
  for (var m = 0; m < imgs.length; m++) {
    if (imgs[m].getClientRects().length > 0) images.push(imgs[m].getAttribute('aria-label') || '');
  }
  var directed = root.querySelector('[dir="ltr"], [dir="rtl"]') || root.querySelector('*');
  return JSON.stringify({
    direction: directed ? getComputedStyle(directed).direction : null,
    background: background,
    images: images,
    text: parts.join(''),
    rect: rect && { x: rect.left, y: rect.top, width: rect.right - rect.left, height: rect.bottom - rect.top },
  });
}`;

/** Page-side: centre of the index-th match, after scrolling it into view. */
function centreOf({ selector, index }: { selector: string; index: number }) {
  const el = document.querySelectorAll(selector)[index];
  if (!el) throw new Error(`no element #${index} for ${selector}`);
  el.scrollIntoView({ block: 'center', inline: 'center' });
  const r = el.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
}

type ExtApi = {
  tabs: {
    query(q: object): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
  storage: Record<
    string,
    {
      get(k?: unknown): Promise<Record<string, unknown>>;
      set(i: object): Promise<void>;
      remove(k: string | string[]): Promise<void>;
      clear(): Promise<void>;
    }
  >;
  action?: { getBadgeText(d: { tabId: number }): Promise<string> };
  browserAction?: { getBadgeText(d: { tabId: number }): Promise<string> };
};

function commonExtensionHelpers(inExtension: ExtensionBrowser['inExtension']) {
  return {
    tabIds: () =>
      inExtension(async () => {
        const api = ((globalThis as { browser?: ExtApi }).browser ?? (globalThis as { chrome?: ExtApi }).chrome)!;
        return (await api.tabs.query({})).map((t) => t.id!).filter((id) => typeof id === 'number');
      }),
    sendToTab: <R>(tabId: number, message: unknown) =>
      inExtension(
        async ({ tabId, message }) => {
          const api = ((globalThis as { browser?: ExtApi }).browser ?? (globalThis as { chrome?: ExtApi }).chrome)!;
          return api.tabs.sendMessage(tabId, message);
        },
        { tabId, message },
      ) as Promise<R>,
    badgeText: (tabId: number) =>
      inExtension(async (tabId) => {
        const api = ((globalThis as { browser?: ExtApi }).browser ?? (globalThis as { chrome?: ExtApi }).chrome)!;
        const action = api.action ?? api.browserAction;
        if (!action) throw new Error('no action / browserAction API');
        return action.getBadgeText({ tabId });
      }, tabId),
    getStorage: (area: string, keys?: string | string[] | null) =>
      inExtension(
        async ({ area, keys }) => {
          const api = ((globalThis as { browser?: ExtApi }).browser ?? (globalThis as { chrome?: ExtApi }).chrome)!;
          return api.storage[area]!.get(keys ?? null);
        },
        { area, keys: keys ?? null },
      ),
    setStorage: (area: string, items: Record<string, unknown>) =>
      inExtension(
        async ({ area, items }) => {
          const api = ((globalThis as { browser?: ExtApi }).browser ?? (globalThis as { chrome?: ExtApi }).chrome)!;
          await api.storage[area]!.set(items);
        },
        { area, items },
      ),
    removeStorage: (area: string, keys: string | string[]) =>
      inExtension(
        async ({ area, keys }) => {
          const api = ((globalThis as { browser?: ExtApi }).browser ?? (globalThis as { chrome?: ExtApi }).chrome)!;
          await api.storage[area]!.remove(keys);
        },
        { area, keys },
      ),
    clearStorage: (area: string) =>
      inExtension(async (area) => {
        const api = ((globalThis as { browser?: ExtApi }).browser ?? (globalThis as { chrome?: ExtApi }).chrome)!;
        await api.storage[area]!.clear();
      }, area),
  };
}

/** Every browser launched and not yet closed, so a test file's afterAll can close them all. */
const open = new Set<ExtensionBrowser>();

export async function closeAllBrowsers(): Promise<void> {
  const errors: unknown[] = [];
  for (const browser of [...open]) {
    try {
      await browser.close();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length) console.warn('[e2e] errors while closing browsers:', errors);
}

export function launchBrowser(name: BrowserName): Promise<ExtensionBrowser> {
  return name === 'chromium' ? launchChromium() : launchFirefox();
}

// ---------------------------------------------------------------------------------------------
// Chromium through Playwright (extensions need the new headless mode and a persistent context)

/** Playwright's persistent-context options for Chromium with the extension in `extensionDir` loaded. */
export function chromiumLaunchOptions(extensionDir: string = CHROME_EXTENSION_DIR) {
  return {
    executablePath: CHROMIUM_BIN,
    headless: false,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless=new',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      // Background tabs keep painting and running timers as a visible popup would allow.
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
    ],
  };
}

/** A phone: the viewport the tests with touch input use (CSS px). */
export const PHONE_VIEWPORT = { width: 390, height: 844 };

export async function launchChromium({ extensionDir = CHROME_EXTENSION_DIR, touch = false } = {}): Promise<ExtensionBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'syria-lens-chromium-'));
  let context: BrowserContext | undefined;
  try {
    const options = chromiumLaunchOptions(extensionDir);
    context = await chromium.launchPersistentContext(
      profile,
      touch ? { ...options, viewport: PHONE_VIEWPORT, hasTouch: true, isMobile: true, deviceScaleFactor: 2 } : options,
    );
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const ctx = context;

  let worker: Worker | undefined;
  async function serviceWorker(): Promise<Worker> {
    if (worker && ctx.serviceWorkers().includes(worker)) return worker;
    worker =
      ctx.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await ctx.waitForEvent('serviceworker', { timeout: 15_000 }));
    return worker;
  }
  let sw: Worker;
  try {
    sw = await serviceWorker();
  } catch (error) {
    await ctx.close().catch(() => {});
    await rm(profile, { recursive: true, force: true });
    throw new Error(`Chromium: the extension's service worker never started (${String(error)})`);
  }
  // (Node gives origin "null" for non-special schemes, so build it from the host.)
  const extensionOrigin = `chrome-extension://${new URL(sw.url()).host}`;
  // The extension opens its welcome page on install; close it first, or it could be taken
  // for the tab a test opens next.
  await closeWelcomeTab(async () => ctx.pages().map((page) => ({ url: page.url(), close: () => page.close() })));
  // The initial about:blank tab is closed once the tests open their own first tab.
  const initialPages = ctx.pages();

  const inExtension = async <R, A>(fn: PageFunction<A, R>, arg?: A): Promise<R> => {
    try {
      return (await (await serviceWorker()).evaluate(fn as never, arg as never));
    } catch (error) {
      // The worker may have been stopped and restarted: retry once on a fresh handle.
      if (!/closed|destroyed|Target/i.test(String(error))) throw error;
      worker = undefined;
      return (await (await serviceWorker()).evaluate(fn as never, arg as never));
    }
  };

  const helpers = commonExtensionHelpers(inExtension);

  const wrap = (page: PwPage, tabId: number): HarnessPage => ({
    browserName: 'chromium',
    tabId,
    get url() {
      return page.url();
    },
    evaluate: (fn, arg) => page.evaluate(fn, arg as never),
    goto: async (url) => {
      await page.goto(url, { waitUntil: 'load' });
    },
    reload: async () => {
      await page.reload({ waitUntil: 'load' });
    },
    mouseMove: (x, y, steps = 4) => page.mouse.move(x, y, { steps }),
    mouseClick: (x, y) => page.mouse.click(x, y),
    clickNth: async (selector, index = 0) => {
      const { x, y } = await page.evaluate(centreOf, { selector, index });
      await page.mouse.click(x, y);
    },
    press: (key) => page.keyboard.press(key),
    tap: (x, y) => touchChromium(page, [{ x, y }], 0),
    touchDrag: (from, to, ms = 300) => touchChromium(page, steps(from, to, 10), ms, DRAG_REST_MS),
    longPress: (x, y, ms = 1000) => touchChromium(page, [{ x, y }, { x, y }], ms),
    bringToFront: () => page.bringToFront(),
    readShadowRoot: async (hostSelector) => {
      const cdp = await ctx.newCDPSession(page);
      try {
        // Walk the whole tree with pierce: true (closed shadow roots included) to the host.
        const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
        const hostId = (await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: hostSelector })).nodeId;
        if (!hostId) return undefined;
        type CdpNode = { nodeId: number; backendNodeId: number; shadowRoots?: CdpNode[]; children?: CdpNode[] };
        const find = (node: CdpNode): CdpNode | undefined => {
          if (node.nodeId === hostId) return node;
          for (const child of node.children ?? []) {
            const hit = find(child);
            if (hit) return hit;
          }
          return undefined;
        };
        const host = find(root);
        const shadow = host?.shadowRoots?.[0];
        if (!shadow) return undefined;
        const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
        const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
          objectId: object.objectId,
          functionDeclaration: READ_SHADOW_ROOT,
          arguments: [{ objectId: object.objectId }],
          returnByValue: true,
        });
        if (exceptionDetails) throw new Error(`reading shadow root: ${exceptionDetails.text}`);
        return JSON.parse(result.value as string) as ShadowContent;
      } finally {
        await cdp.detach().catch(() => {});
      }
    },
    evaluateInFrame: async (urlPart, fn, arg) => {
      const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().includes(urlPart));
      return frame ? frame.evaluate(fn, arg as never) : undefined;
    },
    close: () => page.close(),
  });

  /** One finger through `points` (down at the first, up at the last), spread over `ms`. */
  /**
   * A touch through `points`, `ms` apart in all, then `restMs` with the finger still before it lifts.
   * Every event carries its intended time stamp, so the browser's fling velocity does not depend on
   * how late a loaded machine delivers it; a drag that rests before lifting ends without a fling,
   * so the distance scrolled is the distance dragged, run after run.
   */
  async function touchChromium(page: PwPage, points: { x: number; y: number }[], ms: number, restMs = 0): Promise<void> {
    const cdp = await ctx.newCDPSession(page);
    try {
      const at = (p: { x: number; y: number }) => [{ x: p.x, y: p.y, id: 1, radiusX: 4, radiusY: 4, force: 1 }];
      const stepMs = ms / Math.max(1, points.length - 1);
      const start = Date.now() / 1000;
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(points[0]!), timestamp: start });
      for (const [i, point] of points.slice(1).entries()) {
        await sleep(stepMs);
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(point), timestamp: start + ((i + 1) * stepMs) / 1000 });
      }
      if (restMs > 0) await sleep(restMs);
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [], timestamp: start + (ms + restMs) / 1000 });
    } finally {
      await cdp.detach().catch(() => {});
    }
  }

  async function openTab(url: string): Promise<HarnessPage> {
    const before = new Set(await helpers.tabIds());
    const page = await ctx.newPage();
    const after = await waitUntil(
      async () => {
        const fresh = (await helpers.tabIds()).filter((id) => !before.has(id));
        return fresh.length === 1 ? fresh : undefined;
      },
      { timeout: 5_000, message: 'the new tab to appear in tabs.query' },
    );
    for (const p of initialPages.splice(0)) await p.close().catch(() => {});
    await page.goto(url, { waitUntil: 'load' });
    return wrap(page, after[0]!);
  }

  const browser: ExtensionBrowser = {
    name: 'chromium',
    extensionOrigin,
    openPage: openTab,
    openExtensionPage: (path) => openTab(`${extensionOrigin}/${path}`),
    inExtension: inExtension,
    ...helpers,
    close: async () => {
      open.delete(browser);
      try {
        await ctx.close();
      } finally {
        await rm(profile, { recursive: true, force: true });
      }
    },
  };
  open.add(browser);
  return browser;
}

// ---------------------------------------------------------------------------------------------
// Firefox through Puppeteer over WebDriver BiDi (Playwright cannot drive Debian's Firefox)

/** Puppeteer's launch options for Firefox (the extension is installed afterwards, at the pinned UUID). */
export function firefoxLaunchOptions() {
  return {
    browser: 'firefox',
    executablePath: FIREFOX_BIN,
    headless: true,
    args: ['--remote-allow-system-access', '--width=1280', '--height=900'],
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'app.update.enabled': false,
      'extensions.update.enabled': false,
      'browser.tabs.warnOnClose': false,
      'dom.disable_open_during_load': false,
    },
  } satisfies Parameters<typeof puppeteer.launch>[0];
}

/**
 * Waits for the welcome tab the extension opens on install, and closes it: left open, it could be
 * taken for a tab a test opens (same address as the welcome test's own page, or an extra new tab).
 * It always opens on a fresh install, so waiting for it is deterministic; the limit only guards
 * against a broken install.
 */
async function closeWelcomeTab(pages: () => Promise<{ url: string; close: () => Promise<unknown> }[]>): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < 20_000) {
    const welcome = (await pages()).find((page) => page.url.includes('/welcome.html'));
    if (welcome) {
      await welcome.close().catch(() => {});
      return;
    }
    await sleep(50);
  }
  console.warn('[e2e] the welcome tab did not open within 20 s of install');
}

export async function launchFirefox({ extensionDir = FIREFOX_EXTENSION_DIR, touch = false } = {}): Promise<ExtensionBrowser> {
  // Puppeteer makes a temporary profile and removes it on close().
  const options = firefoxLaunchOptions();
  const pp: PpBrowser = await puppeteer.launch(
    touch
      ? {
          ...options,
          defaultViewport: PHONE_VIEWPORT,
          // Touch events on, as on a phone (desktop Firefox turns them on only with a touch screen).
          extraPrefsFirefox: { ...options.extraPrefsFirefox, 'dom.w3c_touch_events.enabled': 1 },
        }
      : options,
  );
  const extensionOrigin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
  let controller: PpPage | undefined;
  try {
    const id = await pp.installExtension(extensionDir);
    if (id !== GECKO_ID) throw new Error(`installed extension id ${id}, expected ${GECKO_ID}`);
    // A helper extension tab gives the tests a privileged context (browser.tabs.*, storage, badge).
    // (Firefox over BiDi does not list the welcome tab the extension opens on install among
    // its pages; it has not disturbed the tests there.)
    controller = await pp.newPage();
    await gotoExtensionPage(controller, `${extensionOrigin}/popup.html?e2e-controller`);
    for (const p of await pp.pages()) if (p !== controller) await p.close().catch(() => {});
  } catch (error) {
    await pp.close().catch(() => {});
    throw error;
  }
  const ctl = controller;

  const inExtension = <R, A>(fn: PageFunction<A, R>, arg?: A): Promise<R> =>
    ctl.evaluate(fn as never, arg as never);
  const helpers = commonExtensionHelpers(inExtension);

  const wrap = (page: PpPage, tabId: number): HarnessPage => ({
    browserName: 'firefox',
    tabId,
    get url() {
      return page.url();
    },
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
    goto: async (url) => {
      if (url.startsWith('moz-extension:')) await gotoExtensionPage(page, url);
      else await page.goto(url, { waitUntil: 'load' });
    },
    reload: async () => {
      await page.reload({ waitUntil: 'load' });
    },
    mouseMove: (x, y, steps = 4) => page.mouse.move(x, y, { steps }),
    mouseClick: (x, y) => page.mouse.click(x, y),
    clickNth: async (selector, index = 0) => {
      const { x, y } = await page.evaluate(centreOf, { selector, index });
      await page.mouse.click(x, y);
    },
    // Playwright's key syntax ("Shift+Tab"), which Puppeteer's press does not take: hold the
    // modifiers, press the last key, release.
    press: async (key) => {
      const keys = key.split('+') as never[];
      const last = keys.pop()!;
      for (const modifier of keys) await page.keyboard.down(modifier);
      await page.keyboard.press(last);
      for (const modifier of keys.reverse()) await page.keyboard.up(modifier);
    },
    tap: (x, y) => touchFirefox(page, [{ x, y }], 0),
    touchDrag: (from, to, ms = 300) => touchFirefox(page, steps(from, to, 10), ms, DRAG_REST_MS),
    longPress: (x, y, ms = 1000) => touchFirefox(page, [{ x, y }, { x, y }], ms),
    bringToFront: () => page.bringToFront(),
    readShadowRoot: async (hostSelector) => {
      // BiDi serialises an element's shadow root, closed ones included, with a sharedId that
      // script.callFunction accepts as an argument. Uses Puppeteer's internal BiDi realm.
      const host = await page.$(hostSelector);
      if (!host) return undefined;
      try {
        const remote = (host as unknown as { remoteValue(): { value?: { shadowRoot?: { sharedId?: string } | null } } }).remoteValue();
        const sharedId = remote.value?.shadowRoot?.sharedId;
        if (!sharedId) return undefined;
        const realm = (page.mainFrame() as unknown as { mainRealm(): { realm: BidiCoreRealm } }).mainRealm().realm;
        const response = await realm.callFunction(READ_SHADOW_ROOT, false, { arguments: [{ sharedId }] });
        // script.callFunction's EvaluateResult: { type: 'success', result } or { type: 'exception', … }.
        const result = response.type === 'success' && response.result ? response.result : response;
        if (result.type !== 'string') throw new Error(`reading shadow root returned ${JSON.stringify(response)}`);
        return JSON.parse(result.value as string) as ShadowContent;
      } finally {
        await host.dispose().catch(() => {});
      }
    },
    evaluateInFrame: async (urlPart, fn, arg, viaHost) => {
      // Puppeteer may still give an extension frame the address it started with (about:blank):
      // ask each child frame where it is.
      for (const frame of page.frames()) {
        if (frame === page.mainFrame()) continue;
        const href = await frame.evaluate(() => location.href).catch((e: unknown) => String(e));
        if (href.includes(urlPart)) {
          return typeof fn === 'string' ? frame.evaluate(fn) : frame.evaluate(fn as (arg: unknown) => never, arg);
        }
      }
      // Firefox reports no child frames of an extension page (an extension frame in the welcome
      // page): reach the frame through the host's closed shadow root (BiDi serialises it, see
      // readShadowRoot) and run `fn` in the frame's browsing context by its id.
      if (!viaHost) return undefined;
      const host = await page.$(viaHost);
      if (!host) return undefined;
      try {
        const remote = (host as unknown as { remoteValue(): { value?: { shadowRoot?: { sharedId?: string } | null } } }).remoteValue();
        const sharedId = remote.value?.shadowRoot?.sharedId;
        if (!sharedId) return undefined;
        type Result = { type: string; value?: unknown; result?: Result };
        const realm = (page.mainFrame() as unknown as {
          mainRealm(): { realm: { callFunction(fn: string, awaitPromise: boolean, options: object): Promise<Result> } };
        }).mainRealm().realm;
        const found = await realm.callFunction('(root) => root.querySelector("iframe")?.contentWindow ?? null', false, { arguments: [{ sharedId }] });
        const win = found.type === 'success' ? found.result : found;
        const context = win?.type === 'window' ? (win.value as { context?: string }).context : undefined;
        if (!context) return undefined;
        // Arguments and results as JSON; a string is run as a script (its result: true).
        const declaration =
          typeof fn === 'string'
            ? `async () => { ${fn}\n; return JSON.stringify(true); }`
            : `async (json) => JSON.stringify((await (${fn.toString()})(JSON.parse(json))) ?? null)`;
        const response = await realm.callFunction(declaration, true, {
          target: { context },
          arguments: [{ type: 'string', value: JSON.stringify(arg ?? null) }],
        });
        const result = response.type === 'success' ? response.result : response;
        if (result?.type !== 'string') throw new Error(`evaluating in the frame returned ${JSON.stringify(response)}`);
        return (JSON.parse(result.value as string) ?? undefined) as never;
      } finally {
        await host.dispose().catch(() => {});
      }
    },
    close: () => page.close(),
  });

  async function openTab(url: string): Promise<HarnessPage> {
    const before = new Set(await helpers.tabIds());
    const page = await pp.newPage();
    const after = await waitUntil(
      async () => {
        const fresh = (await helpers.tabIds()).filter((id) => !before.has(id));
        return fresh.length === 1 ? fresh : undefined;
      },
      { timeout: 5_000, message: 'the new tab to appear in tabs.query' },
    );
    const wrapped = wrap(page, after[0]!);
    await wrapped.goto(url);
    return wrapped;
  }

  const browser: ExtensionBrowser = {
    name: 'firefox',
    extensionOrigin,
    openPage: openTab,
    openExtensionPage: (path) => openTab(`${extensionOrigin}/${path}`),
    inExtension: inExtension,
    ...helpers,
    close: async () => {
      open.delete(browser);
      await pp.close();
    },
  };
  open.add(browser);
  return browser;
}

/** One finger through `points` (down at the first, up at the last) over `ms`, in one BiDi input.performActions. */
/**
 * How long a drag's finger rests before it lifts: longer than the 40 ms after which a browser's
 * velocity tracker takes the pointer as stopped, so a drag never ends in a fling whose length would
 * depend on the machine's load.
 */
const DRAG_REST_MS = 150;

async function touchFirefox(page: PpPage, points: { x: number; y: number }[], ms: number, restMs = 0): Promise<void> {
  type Action = { type: string; x?: number; y?: number; button?: number; duration?: number };
  const actions: Action[] = [{ type: 'pointerMove', x: Math.round(points[0]!.x), y: Math.round(points[0]!.y) }, { type: 'pointerDown', button: 0 }];
  const step = Math.round(ms / Math.max(1, points.length - 1));
  for (const point of points.slice(1)) actions.push({ type: 'pointerMove', x: Math.round(point.x), y: Math.round(point.y), duration: step });
  if (restMs > 0) actions.push({ type: 'pause', duration: restMs });
  actions.push({ type: 'pointerUp', button: 0 });
  // Puppeteer's BiDi browsing context (internal); its Touchscreen sends the same, one action at a time.
  const context = (page.mainFrame() as unknown as { browsingContext: { performActions(actions: unknown[]): Promise<void> } }).browsingContext;
  await context.performActions([{ type: 'pointer', id: 'sl-finger', parameters: { pointerType: 'touch' }, actions }]);
}

/** `n` points from `from` to `to`, both included. */
function steps(from: { x: number; y: number }, to: { x: number; y: number }, n: number): { x: number; y: number }[] {
  return Array.from({ length: n + 1 }, (_, i) => ({ x: from.x + ((to.x - from.x) * i) / n, y: from.y + ((to.y - from.y) * i) / n }));
}

type BidiCoreRealm = {
  callFunction(
    functionDeclaration: string,
    awaitPromise: boolean,
    options?: { arguments?: { sharedId: string }[] },
  ): Promise<{ type: string; value?: unknown; result?: { type: string; value?: unknown } }>;
};

/**
 * Firefox: a navigation to a moz-extension:// page never resolves over BiDi, so start it
 * without awaiting and wait for the document instead.
 */
export async function gotoExtensionPage(page: PpPage, url: string): Promise<void> {
  void page.goto(url).catch(() => {});
  await waitUntil(
    () =>
      page
        .evaluate((href) => location.href === href && document.readyState === 'complete', url)
        .catch(() => false),
    { timeout: 15_000, message: `${url} to load` },
  );
}
