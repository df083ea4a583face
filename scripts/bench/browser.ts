/** Chromium for the benchmark: one context with the built extension, one without. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { installProbes } from './in-page';

export const CHROMIUM_BIN = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

export interface BenchBrowser {
  context: BrowserContext;
  /** The extension's service worker (only with an extension). */
  worker(): Promise<Worker>;
  close(): Promise<void>;
}

export async function launch(extensionDir: string | null): Promise<BenchBrowser> {
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
  // Long tasks and node counts from document start, in every page of this context.
  await context.addInitScript(installProbes);

  let worker: Worker | undefined;
  return {
    context,
    async worker() {
      if (!extensionDir) throw new Error('bench: no extension in this context');
      if (worker && context.serviceWorkers().includes(worker)) return worker;
      worker =
        context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
        (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
      return worker;
    },
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Runs `fn(arg)` in the extension's service worker, retrying once if the worker was restarted. */
export async function inServiceWorker<A, R>(browser: BenchBrowser, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
  // (Playwright's overloads cannot see that a generic `fn` fits them.)
  const run = async () => (await (await browser.worker()).evaluate(fn as never, arg as never)) as R;
  try {
    return await run();
  } catch (error) {
    if (!/closed|destroyed|Target/i.test(String(error))) throw error;
    return await run();
  }
}

/**
 * Writes the reader's settings the way the extension stores them: `storage.sync`, key `settings`;
 * or `area: 'local'`, the extension's own fallback (`storage.local` with `settingsArea: 'local'`),
 * which has no write-rate quota (sync allows 120 writes a minute).
 */
export function writeSettings(browser: BenchBrowser, settings: object, area: 'sync' | 'local' = 'sync'): Promise<void> {
  return inServiceWorker(
    browser,
    async ({ value, area }: { value: object; area: 'sync' | 'local' }) => {
      type Area = { set(items: object): Promise<void> };
      const api = (globalThis as unknown as { chrome: { storage: { sync: Area; local: Area } } }).chrome;
      if (area === 'sync') await api.storage.sync.set({ settings: value });
      else await api.storage.local.set({ settings: value, settingsArea: 'local' });
    },
    { value: settings, area },
  );
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
