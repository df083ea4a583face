/**
 * The long-session check (issue 6 item 5): on one page, switch the extension off and on many
 * times and follow many single-page navigations, then compare heap, DOM counters, listeners
 * and marks with the start. Chromium: read after a forced garbage collection (CDP); Firefox: the
 * counts the page itself can read (elements, marks, timing entries).
 *
 * The switch is written to storage.local with `settingsArea: 'local'` (the extension's own
 * fallback area, read and watched like sync): Chromium's storage.sync refuses more than 120
 * writes a minute (MAX_WRITE_OPERATIONS_PER_MINUTE), and 200 off/on cycles are 400 writes.
 */
import type { BenchBrowser, BenchPage, CdpMemory } from './browser';
import { countExtensionMarks, waitForMarks, waitForScan } from './in-page';
import { median } from './stats';

export interface MemorySnapshot extends Partial<CdpMemory> {
  /** Elements in the document, counted in the page. */
  elements: number;
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

function inPageCounts(): { elements: number; timingEntries: number } {
  return {
    elements: document.getElementsByTagName('*').length,
    timingEntries: performance.getEntries().filter((entry) => entry.name.startsWith('syria-lens:')).length,
  };
}

async function snapshot(page: BenchPage): Promise<MemorySnapshot> {
  const cdp = page.memory ? await page.memory() : {};
  return { ...cdp, ...(await page.evaluate(inPageCounts)), marks: await page.evaluate(countExtensionMarks) };
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

/** Resolves when a scan or rescan ended after `since` and the page holds `full` marks again. */
function marksBackAfter({ since, full, timeout }: { since: number; full: number; timeout: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const until = performance.now() + timeout;
    const check = () => {
      const ends = [...performance.getEntriesByName('syria-lens:rescan'), ...performance.getEntriesByName('syria-lens:scan')].map(
        (entry) => entry.startTime + entry.duration,
      );
      let marks = 0;
      CSS.highlights.forEach((highlight, name) => {
        if (/^[a-z]{10}[a-j]$/.test(name)) marks += highlight.size;
      });
      if (ends.some((end) => end > since) && marks === full) resolve(true);
      else if (performance.now() > until) resolve(false);
      else setTimeout(check, 5);
    };
    check();
  });
}

export async function longSession(
  browser: BenchBrowser,
  url: string,
  settings: object,
  { toggles, navigations }: { toggles: number; navigations: number },
): Promise<MemoryResult> {
  const started = Date.now();
  const page = await browser.newPage();
  try {
    await page.goto(url);
    if (!(await page.evaluate(waitForScan, 30_000))) throw new Error('long session: no first scan in 30 s');
    const full = await page.evaluate(countExtensionMarks);
    await page.evaluate(rememberArticle);
    const before = await snapshot(page);
    const expect = async (want: 'none' | 'all', what: string) => {
      if (!(await page.evaluate(waitForMarks, { want, full, timeout: 15_000 }))) throw new Error(`long session: ${what} within 15 s`);
    };

    const off: number[] = [];
    const on: number[] = [];
    for (let i = 0; i < toggles; i++) {
      let t = performance.now();
      await browser.writeSettings({ ...settings, enabled: false }, 'local');
      await expect('none', 'marks not gone after switching off');
      off.push(performance.now() - t);
      t = performance.now();
      await browser.writeSettings({ ...settings, enabled: true }, 'local');
      await expect('all', `not all ${full} marks back after switching on`);
      on.push(performance.now() - t);
    }

    const nav: number[] = [];
    for (let i = 1; i <= navigations; i++) {
      const t = performance.now();
      const since = await page.evaluate(navigate, i); // the navigation's time in the page
      if (!(await page.evaluate(marksBackAfter, { since, full, timeout: 15_000 }))) {
        throw new Error(`long session: marks not back within 15 s of navigation ${i}`);
      }
      nav.push(performance.now() - t);
    }

    const after = await snapshot(page);
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
