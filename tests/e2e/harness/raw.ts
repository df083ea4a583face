/**
 * The Playwright context / Puppeteer browser behind the harness. The harness hides them; some tests
 * need them (request and console listeners, colour-scheme emulation, protocol-level evaluation,
 * screenshots). `keepRawLaunches()` wraps `chromium.launchPersistentContext` and `puppeteer.launch`
 * (the same module instances the harness calls) to keep what they return, and `rawPage()` finds
 * the Playwright/Puppeteer page behind a harness page by a mark left in `window.name`.
 *
 *   const raw = keepRawLaunches();               // at the top level of a test file, before launching
 *   const browser = await launchChromium();
 *   raw.context!.on('request', …);
 *   const page = await rawPage(raw, harnessPage); // Playwright page (Chromium) / Puppeteer page (Firefox)
 */
import { chromium, type BrowserContext, type Page as PwPage } from 'playwright-core';
import puppeteer, { type Browser as PpBrowser, type Page as PpPage } from 'puppeteer-core';
import type { HarnessPage } from './browsers';

export interface RawLaunches {
  /** The last Playwright persistent context launched (Chromium). */
  context?: BrowserContext;
  /** The last Puppeteer browser launched (Firefox). */
  firefox?: PpBrowser;
  /** Extra Firefox prefs for the next `puppeteer.launch` only (then cleared). */
  nextFirefoxPrefs?: Record<string, unknown>;
}

export interface RawHooks {
  /** Called with each new Chromium context before the harness gets it. */
  onContext?: (context: BrowserContext) => void | Promise<void>;
  /** Called with each new Firefox browser before the harness gets it. */
  onFirefox?: (browser: PpBrowser) => void | Promise<void>;
}

/** Wrap the launchers the harness calls; call once per test file, at its top level. */
export function keepRawLaunches({ onContext, onFirefox }: RawHooks = {}): RawLaunches {
  const raw: RawLaunches = {};
  const launchPersistent = chromium.launchPersistentContext.bind(chromium);
  chromium.launchPersistentContext = (async (...args: Parameters<typeof launchPersistent>) => {
    const context = await launchPersistent(...args);
    raw.context = context;
    await onContext?.(context);
    return context;
  });
  const launchPp = puppeteer.launch.bind(puppeteer);
  puppeteer.launch = (async (options: Parameters<typeof launchPp>[0] = {}) => {
    const prefs = raw.nextFirefoxPrefs;
    raw.nextFirefoxPrefs = undefined;
    const next = prefs ? { ...options, extraPrefsFirefox: { ...options.extraPrefsFirefox, ...prefs } } : options;
    const browser = await launchPp(next);
    raw.firefox = browser;
    await onFirefox?.(browser);
    return browser;
  });
  return raw;
}

/** The Playwright (Chromium) or Puppeteer (Firefox) page behind a harness page. */
export async function rawPage(raw: RawLaunches, page: HarnessPage): Promise<PwPage | PpPage> {
  const tag = `sl-e2e-${Math.random().toString(36).slice(2)}`;
  await page.evaluate((t) => {
    window.name = t;
  }, tag);
  const candidates: (PwPage | PpPage)[] = page.browserName === 'chromium' ? raw.context!.pages() : await raw.firefox!.pages();
  for (const candidate of candidates) {
    const name = await (candidate as PwPage).evaluate(() => window.name).catch(() => '');
    if (name === tag) return candidate;
  }
  throw new Error(`no raw page for ${page.url}`);
}

/** The Playwright page behind a Chromium harness page. */
export async function rawChromiumPage(raw: RawLaunches, page: HarnessPage): Promise<PwPage> {
  if (page.browserName !== 'chromium') throw new Error(`not a Chromium page: ${page.url}`);
  return (await rawPage(raw, page)) as PwPage;
}
