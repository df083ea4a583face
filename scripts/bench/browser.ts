/**
 * The two browsers of the benchmark behind one small interface: Chromium through Playwright
 * (CDP: forced GC, heap, DOM counters), Firefox ESR through Puppeteer over WebDriver BiDi (as the
 * end-to-end tests drive it: tests/e2e/harness/browsers.ts). Each is launched twice, with the
 * benchmark build of the extension and without any, so every extension run can be paired with
 * a reference run on the same page.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page as PwPage, type Worker } from 'playwright-core';
import puppeteer, { type Browser as PpBrowser, type Page as PpPage } from 'puppeteer-core';
import { FIREFOX_EXTENSION_UUID, firefoxLaunchOptions, gotoExtensionPage, GECKO_ID } from '../../tests/e2e/harness/browsers';
import { installProbes } from './in-page';

export type BrowserName = 'chromium' | 'firefox';

export const CHROMIUM_BIN = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

/** What CDP tells about a Chromium page after a forced garbage collection. */
export interface CdpMemory {
  /** JS heap of the page's renderer (main world + the content script's isolated world). */
  heapUsed: number;
  documents: number;
  nodes: number;
  jsEventListeners: number;
  windowListeners: number;
  documentListeners: number;
}

export type PageFunction<A, R> = (arg: A) => R | Promise<R>;

export interface BenchPage {
  /** Navigates and waits for `load`. */
  goto(url: string): Promise<void>;
  evaluate<R, A = undefined>(fn: PageFunction<A, R>, arg?: A): Promise<R>;
  /** Adds a script file to the page's main world. */
  addScriptFile(path: string): Promise<void>;
  mouseMove(x: number, y: number, steps?: number): Promise<void>;
  /** Chromium only (CDP): forced GC, then heap and DOM counters. */
  memory?(): Promise<CdpMemory>;
  close(): Promise<void>;
}

export interface BenchBrowser {
  readonly name: BrowserName;
  readonly version: string;
  newPage(): Promise<BenchPage>;
  /**
   * Writes the reader's settings the way the extension stores them: `storage.sync`, key
   * `settings`; or `area: 'local'`, the extension's own fallback (`storage.local` with
   * `settingsArea: 'local'`), which has no write-rate quota (Chromium's sync allows 120 a minute).
   */
  writeSettings(settings: object, area?: 'sync' | 'local'): Promise<void>;
  close(): Promise<void>;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs in an extension context (service worker, or an extension page): writes the settings. */
async function setSettingsInExtension({ value, area }: { value: object; area: 'sync' | 'local' }): Promise<void> {
  type Area = { set(items: object): Promise<void> };
  const g = globalThis as unknown as { browser?: { storage: { sync: Area; local: Area } }; chrome?: { storage: { sync: Area; local: Area } } };
  const api = (g.browser ?? g.chrome)!;
  if (area === 'sync') await api.storage.sync.set({ settings: value });
  else await api.storage.local.set({ settings: value, settingsArea: 'local' });
}

export function launch(name: BrowserName, extensionDir: string | null): Promise<BenchBrowser> {
  return name === 'chromium' ? launchChromium(extensionDir) : launchFirefox(extensionDir);
}

// ---- Chromium ---------------------------------------------------------------------------------

async function launchChromium(extensionDir: string | null): Promise<BenchBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'syria-lens-bench-'));
  const extensionArgs = extensionDir
    ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
    : ['--disable-extensions'];
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_BIN,
      headless: false, // '--headless=new' below: extensions need the new headless mode
      viewport: { width: 1280, height: 900 },
      args: [
        '--headless=new',
        ...extensionArgs,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        // Tabs opened by the bench keep full priority.
        '--disable-background-timer-throttling',
        '--disable-renderer-backgrounding',
        '--disable-backgrounding-occluded-windows',
      ],
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const ctx = context;
  // Long tasks and node counts from document start, in every page of this context.
  await ctx.addInitScript(installProbes);

  let worker: Worker | undefined;
  const serviceWorker = async (): Promise<Worker> => {
    if (!extensionDir) throw new Error('bench: no extension in this browser');
    if (worker && ctx.serviceWorkers().includes(worker)) return worker;
    worker =
      ctx.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await ctx.waitForEvent('serviceworker', { timeout: 15_000 }));
    return worker;
  };
  const inServiceWorker = async <A, R>(fn: PageFunction<A, R>, arg: A): Promise<R> => {
    // (Playwright's overloads cannot see that a generic `fn` fits them.)
    const run = async () => (await (await serviceWorker()).evaluate(fn as never, arg as never)) as R;
    try {
      return await run();
    } catch (error) {
      if (!/closed|destroyed|Target/i.test(String(error))) throw error;
      return await run();
    }
  };

  const probe = await ctx.newPage();
  const cdp = await ctx.newCDPSession(probe);
  const { product } = await cdp.send('Browser.getVersion');
  await cdp.detach();

  const wrap = (page: PwPage): BenchPage => ({
    goto: async (url) => {
      await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg as never),
    addScriptFile: async (path) => {
      await page.addScriptTag({ path });
    },
    mouseMove: (x, y, steps = 4) => page.mouse.move(x, y, { steps }),
    memory: async () => {
      const session = await ctx.newCDPSession(page);
      try {
        for (let i = 0; i < 3; i++) await session.send('HeapProfiler.collectGarbage');
        const heap = await session.send('Runtime.getHeapUsage');
        const counters = await session.send('Memory.getDOMCounters');
        const listenersOn = async (expression: string, depth: number): Promise<number> => {
          const { result } = await session.send('Runtime.evaluate', { expression });
          if (!result.objectId) return Number.NaN;
          const { listeners } = await session.send('DOMDebugger.getEventListeners', { objectId: result.objectId, depth, pierce: true });
          await session.send('Runtime.releaseObject', { objectId: result.objectId });
          return listeners.length;
        };
        return {
          heapUsed: heap.usedSize,
          documents: counters.documents,
          nodes: counters.nodes,
          jsEventListeners: counters.jsEventListeners,
          windowListeners: await listenersOn('window', 0),
          documentListeners: await listenersOn('document', -1),
        };
      } finally {
        await session.detach().catch(() => {});
      }
    },
    close: () => page.close(),
  });

  return {
    name: 'chromium',
    version: product,
    newPage: async () => wrap(await ctx.newPage()),
    writeSettings: (settings, area = 'sync') => inServiceWorker(setSettingsInExtension, { value: settings, area }),
    async close() {
      await ctx.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

// ---- Firefox ----------------------------------------------------------------------------------

async function launchFirefox(extensionDir: string | null): Promise<BenchBrowser> {
  // Puppeteer makes a temporary profile and removes it on close().
  const options = firefoxLaunchOptions();
  const pp: PpBrowser = await puppeteer.launch({
    ...options,
    // Full-precision clocks: Firefox rounds performance.now() to 1 ms (or coarser) by default.
    extraPrefsFirefox: { ...options.extraPrefsFirefox, 'privacy.reduceTimerPrecision': false },
  });
  let controller: PpPage | undefined;
  try {
    if (extensionDir) {
      const id = await pp.installExtension(extensionDir);
      if (id !== GECKO_ID) throw new Error(`installed extension id ${id}, expected ${GECKO_ID}`);
      // An extension tab: the privileged context that writes the settings.
      controller = await pp.newPage();
      await gotoExtensionPage(controller, `moz-extension://${FIREFOX_EXTENSION_UUID}/popup.html?bench-controller`);
      for (const p of await pp.pages()) if (p !== controller) await p.close().catch(() => {});
    }
  } catch (error) {
    await pp.close().catch(() => {});
    throw error;
  }
  const version = await pp.version();

  const wrap = (page: PpPage): BenchPage => ({
    goto: async (url) => {
      await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    },
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
    addScriptFile: async (path) => {
      await page.addScriptTag({ path });
    },
    mouseMove: (x, y, steps = 4) => page.mouse.move(x, y, { steps }),
    close: () => page.close(),
  });

  return {
    name: 'firefox',
    version,
    newPage: async () => {
      const page = await pp.newPage();
      // The selected tab: a background tab gets no animation frames (hover checks, first paint).
      await page.bringToFront();
      await page.evaluateOnNewDocument(installProbes);
      return wrap(page);
    },
    writeSettings: async (settings, area = 'sync') => {
      if (!controller) throw new Error('bench: no extension in this browser');
      await controller.evaluate(setSettingsInExtension, { value: settings, area });
    },
    close: () => pp.close().catch(() => {}),
  };
}
