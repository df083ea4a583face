/**
 * The long-session check (issue 6 item 5): on one page, switch the extension off and on many
 * times and follow many single-page navigations, then compare heap, DOM counters, listeners
 * and marks with the start. Everything is read after a forced garbage collection (CDP).
 *
 * The switch is written to storage.local with `settingsArea: 'local'` (the extension's own
 * fallback area, read and watched like sync): Chromium's storage.sync refuses more than 120
 * writes a minute (MAX_WRITE_OPERATIONS_PER_MINUTE), and 200 off/on cycles are 400 writes.
 */
import type { CDPSession, Page } from 'playwright-core';
import { writeSettings, type BenchBrowser } from './browser';
import { countExtensionMarks } from './in-page';
import { median } from './stats';

export interface MemorySnapshot {
  heapUsed: number;
  documents: number;
  nodes: number;
  jsEventListeners: number;
  windowListeners: number;
  documentListeners: number;
  marks: number;
  /** User Timing entries named `syria-lens:*` held by the page's performance timeline. */
  timingEntries: number;
}

export interface MemoryResult {
  toggles: number;
  navigations: number;
  before: MemorySnapshot;
  after: MemorySnapshot;
  /** Median ms from the settings write until the marks are gone / back. */
  offLatency: number;
  onLatency: number;
  /** Median ms from replacing the article until its marks are back. */
  navigationLatency: number;
  seconds: number;
}

async function snapshot(page: Page, cdp: CDPSession): Promise<MemorySnapshot> {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const counters = await cdp.send('Memory.getDOMCounters');
  const listenersOn = async (expression: string, depth: number): Promise<number> => {
    const { result } = await cdp.send('Runtime.evaluate', { expression });
    if (!result.objectId) return Number.NaN;
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId, depth, pierce: true });
    await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
    return listeners.length;
  };
  const inPage = await page.evaluate(() => ({
    timingEntries: performance.getEntries().filter((entry) => entry.name.startsWith('syria-lens:')).length,
  }));
  return {
    heapUsed: heap.usedSize,
    documents: counters.documents,
    nodes: counters.nodes,
    jsEventListeners: counters.jsEventListeners,
    windowListeners: await listenersOn('window', 0),
    documentListeners: await listenersOn('document', -1),
    marks: await page.evaluate(countExtensionMarks),
    timingEntries: inPage.timingEntries,
  };
}

/** Keeps the article's original HTML in the page, for the navigations to rebuild from. */
function rememberArticle(): number {
  const article = document.querySelector('article') ?? document.body;
  const parts = [...article.children].map((child) => child.outerHTML);
  (window as unknown as { __benchArticle: string[] }).__benchArticle = parts;
  return parts.length;
}

/** A single-page navigation: new address, and the article replaced by new nodes (its blocks rotated). */
function navigate(step: number): number {
  const parts = (window as unknown as { __benchArticle: string[] }).__benchArticle;
  const shift = (step * 7) % parts.length;
  history.pushState({ step }, '', `${location.pathname}?story=${step}`);
  const article = document.querySelector('article') ?? document.body;
  // Time of the navigation: the extension keeps only its latest rescan measure, so the bench
  // waits for a scan or rescan that ends after this moment.
  const now = performance.now();
  article.innerHTML = [...parts.slice(shift), ...parts.slice(0, shift)].join('');
  return now;
}

export async function longSession(
  browser: BenchBrowser,
  url: string,
  settings: Record<string, unknown>,
  { toggles, navigations }: { toggles: number; navigations: number },
): Promise<MemoryResult> {
  const started = Date.now();
  const page = await browser.context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => performance.getEntriesByName('syria-lens:scan').length > 0, undefined, {
      timeout: 30_000,
      polling: 20,
    });
    const full = await page.evaluate(countExtensionMarks);
    await page.evaluate(rememberArticle);
    const cdp = await browser.context.newCDPSession(page);
    const before = await snapshot(page, cdp);

    const waitForMarks = (predicate: 'none' | 'all') =>
      page.waitForFunction(
        ({ want, full }) => {
          let marks = 0;
          CSS.highlights.forEach((highlight, name) => {
            if (name.startsWith('syria-lens-')) marks += highlight.size;
          });
          return want === 'none' ? marks === 0 : marks === full;
        },
        { want: predicate, full },
        { timeout: 15_000, polling: 5 },
      );

    const off: number[] = [];
    const on: number[] = [];
    for (let i = 0; i < toggles; i++) {
      let t = performance.now();
      await writeSettings(browser, { ...settings, enabled: false }, 'local');
      await waitForMarks('none');
      off.push(performance.now() - t);
      t = performance.now();
      await writeSettings(browser, { ...settings, enabled: true }, 'local');
      await waitForMarks('all');
      on.push(performance.now() - t);
    }

    const nav: number[] = [];
    for (let i = 1; i <= navigations; i++) {
      const t = performance.now();
      const entriesBefore = await page.evaluate(navigate, i); // the navigation's time in the page
      await page.waitForFunction(
        ({ entriesBefore, full }) => {
          const ends = [...performance.getEntriesByName('syria-lens:rescan'), ...performance.getEntriesByName('syria-lens:scan')].map(
            (entry) => entry.startTime + entry.duration,
          );
          if (!ends.some((end) => end > entriesBefore)) return false;
          let marks = 0;
          CSS.highlights.forEach((highlight, name) => {
            if (name.startsWith('syria-lens-')) marks += highlight.size;
          });
          return marks === full;
        },
        { entriesBefore, full },
        { timeout: 15_000, polling: 5 },
      );
      nav.push(performance.now() - t);
    }

    const after = await snapshot(page, cdp);
    await cdp.detach();
    return {
      toggles,
      navigations,
      before,
      after,
      offLatency: median(off),
      onLatency: median(on),
      navigationLatency: median(nav),
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await page.close();
  }
}
