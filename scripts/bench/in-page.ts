/**
 * Code the benchmark runs in the page's main world. Every function here is serialised into
 * the page on its own (Playwright `evaluate` / `addInitScript`), so none may use anything
 * from outside its own body.
 */

export interface LongTask {
  start: number;
  duration: number;
}

export interface NodeCounts {
  elements: number;
  texts: number;
}

interface BenchGlobals {
  longTasks: LongTask[];
  /** How long tasks are seen: the Long Tasks API (Chromium), or a setTimeout(0) heartbeat (Firefox). */
  longTaskSource: 'longtask' | 'heartbeat';
  /** Node counts when DOMContentLoaded fired: before any content script (document_idle) ran. */
  atDomContentLoaded: (NodeCounts & { at: number }) | null;
}

export interface RunResult {
  /** Milliseconds from start to the last mark (reference: registered; mark.js: `done`). */
  ms: number;
  /** Marks made. */
  marks: number;
}

export interface PageProbe {
  longTasks: LongTask[];
  longTaskSource: 'longtask' | 'heartbeat';
  atDomContentLoaded: (NodeCounts & { at: number }) | null;
  now: NodeCounts;
  /** Ranges in the extension's `CSS.highlights` entries (names: ten letters and one of a–j, core/mark-names.ts). */
  extensionMarks: number;
  /**
   * `syria-lens:setup` measures, if the content script records one (optional): its start-up
   * before the first scan (settings read, matcher compiled), which no other measure covers.
   */
  setup: { start: number; duration: number }[];
  scan: { start: number; duration: number }[];
  slices: { start: number; duration: number }[];
  rescans: { start: number; duration: number }[];
  domContentLoadedEnd: number;
  loadEnd: number;
}

/** Installed at document start (before the page's own scripts): long tasks and node counts. */
export function installProbes(): void {
  const count = (): NodeCounts => {
    let texts = 0;
    const walker = document.createTreeWalker(document, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) texts++;
    return { elements: document.getElementsByTagName('*').length, texts };
  };
  const globals: BenchGlobals = { longTasks: [], longTaskSource: 'longtask', atDomContentLoaded: null };
  (window as unknown as { __bench: BenchGlobals }).__bench = globals;
  if (PerformanceObserver.supportedEntryTypes.includes('longtask')) {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) globals.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } else {
    // Firefox has no Long Tasks API: a setTimeout(0) heartbeat sees every stretch of ≥ 50 ms in
    // which no task of the page's could run. A gap is a task's length plus at most a timer's
    // clamp (4 ms), so it can only overstate a task, never miss one.
    globals.longTaskSource = 'heartbeat';
    let last = performance.now();
    const beat = () => {
      const now = performance.now();
      if (now - last >= 50) globals.longTasks.push({ start: last, duration: now - last });
      last = now;
      setTimeout(beat, 0);
    };
    setTimeout(beat, 0);
  }
  document.addEventListener(
    'DOMContentLoaded',
    () => {
      globals.atDomContentLoaded = { at: performance.now(), ...count() };
    },
    { once: true, capture: true },
  );
}

/** Everything the report reads from a page, in one call. */
export function probePage(): PageProbe {
  let texts = 0;
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) texts++;
  let extensionMarks = 0;
  CSS.highlights.forEach((highlight, name) => {
    if (/^[a-z]{10}[a-j]$/.test(name)) extensionMarks += highlight.size;
  });
  const entries = (name: string) =>
    performance.getEntriesByName(name).map((entry) => ({ start: entry.startTime, duration: entry.duration }));
  const globals = (window as unknown as { __bench?: BenchGlobals }).__bench;
  const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return {
    longTasks: globals?.longTasks.slice() ?? [],
    longTaskSource: globals?.longTaskSource ?? 'longtask',
    atDomContentLoaded: globals?.atDomContentLoaded ?? null,
    now: { elements: document.getElementsByTagName('*').length, texts },
    extensionMarks,
    setup: entries('syria-lens:setup'),
    scan: entries('syria-lens:scan'),
    slices: entries('syria-lens:slice'),
    rescans: entries('syria-lens:rescan'),
    domContentLoadedEnd: navigation?.domContentLoadedEventEnd ?? 0,
    loadEnd: navigation?.loadEventEnd ?? 0,
  };
}

/** Ranges in the extension's highlights (for polling). */
export function countExtensionMarks(): number {
  let marks = 0;
  CSS.highlights.forEach((highlight, name) => {
    if (/^[a-z]{10}[a-j]$/.test(name)) marks += highlight.size;
  });
  return marks;
}

/**
 * (a) The reference: a TreeWalker over the body's text nodes, the one combined RegExp run on
 * each, one Range per match, all in one Highlight. Timed as a whole, RegExp construction included.
 */
export function runReference(regexp: { source: string; flags: string }): RunResult {
  const started = performance.now();
  const pattern = new RegExp(regexp.source, regexp.flags);
  const highlight = new Highlight();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const tag = node.parentNode?.nodeName;
    if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT' || tag === 'TEXTAREA') continue;
    const data = node.data;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(data); match; match = pattern.exec(data)) {
      const range = new Range();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      highlight.add(range);
    }
  }
  CSS.highlights.set('bench-reference', highlight);
  return { ms: performance.now() - started, marks: highlight.size };
}

/**
 * (b) mark.js (already injected as a script): `markRegExp` with the same combined RegExp, per
 * text node (acrossElements off, as the reference). Timed from the call to `done`.
 */
export function runMarkJs(regexp: { source: string; flags: string }): Promise<RunResult> {
  type MarkInstance = { markRegExp(re: RegExp, options: { done: (total: number) => void }): void };
  const MarkJs = (window as unknown as { Mark?: new (context: Element) => MarkInstance }).Mark;
  if (!MarkJs) return Promise.reject(new Error('mark.js is not on the page'));
  return new Promise((resolve) => {
    const started = performance.now();
    const pattern = new RegExp(regexp.source, regexp.flags);
    new MarkJs(document.body).markRegExp(pattern, {
      done: (total) => resolve({ ms: performance.now() - started, marks: total }),
    });
  });
}

/**
 * (b′) mark.js the way it is usually called: the alias list as keywords with
 * `accuracy: 'exactly'` (mark.js's own word boundaries: white space and ASCII punctuation).
 * It searches the document once per keyword, so it is slow and finds other matches.
 */
export function runMarkJsKeywords(aliases: string[]): Promise<RunResult> {
  type Options = { separateWordSearch: boolean; accuracy: string; caseSensitive: boolean; diacritics: boolean; done: (total: number) => void };
  const MarkJs = (window as unknown as { Mark?: new (context: Element) => { mark(keywords: string[], options: Options): void } }).Mark;
  if (!MarkJs) return Promise.reject(new Error('mark.js is not on the page'));
  return new Promise((resolve) => {
    const started = performance.now();
    new MarkJs(document.body).mark(aliases, {
      separateWordSearch: false,
      accuracy: 'exactly',
      caseSensitive: true,
      diacritics: false,
      done: (total) => resolve({ ms: performance.now() - started, marks: total }),
    });
  });
}

/** Resolves when the extension has finished its first scan (true), or after `timeout` ms (false). */
export function waitForScan(timeout: number): Promise<boolean> {
  return new Promise((resolve) => {
    const until = performance.now() + timeout;
    const check = () => {
      if (performance.getEntriesByName('syria-lens:scan').length > 0) resolve(true);
      else if (performance.now() > until) resolve(false);
      else setTimeout(check, 20);
    };
    check();
  });
}

/** Resolves after `ms` of the page's own time (a pause measured where the work happens). */
export function settle(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves when the page holds `want` extension marks ('none', or exactly `full`), false on timeout. */
export function waitForMarks({ want, full, timeout }: { want: 'none' | 'all'; full: number; timeout: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const until = performance.now() + timeout;
    const check = () => {
      let marks = 0;
      CSS.highlights.forEach((highlight, name) => {
        if (/^[a-z]{10}[a-j]$/.test(name)) marks += highlight.size;
      });
      if (want === 'none' ? marks === 0 : marks === full) resolve(true);
      else if (performance.now() > until) resolve(false);
      else setTimeout(check, 5);
    };
    check();
  });
}

// ---- hover latency ------------------------------------------------------------------------------

/** Starts recording when the pointer last moved (page time). */
export function installPointerClock(): void {
  const g = window as unknown as { __benchPointer?: number };
  window.addEventListener('pointermove', () => (g.__benchPointer = performance.now()), { capture: true, passive: true });
}

/**
 * Scrolls the `index`-th extension mark (document order within each highlight) to the middle of
 * the window and gives the viewport point at its centre, or null.
 */
export function markPoint(index: number): { x: number; y: number; entity: string } | null {
  const ranges: { range: AbstractRange; name: string }[] = [];
  CSS.highlights.forEach((highlight, name) => {
    if (/^[a-z]{10}[a-j]$/.test(name)) for (const range of highlight) ranges.push({ range, name });
  });
  const pick = ranges[index];
  if (!pick || !(pick.range instanceof Range)) return null;
  pick.range.startContainer.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
  const rect = pick.range.getClientRects()[0];
  if (!rect || rect.width === 0) return null;
  return { x: rect.left + Math.min(rect.width / 2, 6), y: rect.top + rect.height / 2, entity: pick.name };
}

/**
 * After the pointer came to rest on a mark: waits for the extension's `syria-lens:card` mark (the
 * frame in which the card was first painted) later than the pointer's last move. Resolves with
 * the time from that move to the card's frame (hover delay included), or NaN after `timeout`.
 */
export function waitForCard(timeout: number): Promise<number> {
  const rest = (window as unknown as { __benchPointer?: number }).__benchPointer ?? Number.NaN;
  return new Promise((resolve) => {
    const until = performance.now() + timeout;
    const check = () => {
      const card = performance.getEntriesByName('syria-lens:card').find((entry) => entry.startTime > rest);
      if (card) resolve(card.startTime - rest);
      else if (performance.now() > until) resolve(Number.NaN);
      else setTimeout(check, 5);
    };
    check();
  });
}

/**
 * Resolves when no card shows (true), false on timeout. The card's host is the extension's only
 * element in the page, a child of <html> beside <head> and <body> that stays hidden between
 * cards; the bench does not know more about it than that.
 */
export function waitForNoCard(timeout: number): Promise<boolean> {
  return new Promise((resolve) => {
    const until = performance.now() + timeout;
    const check = () => {
      const shown = [...document.documentElement.children].some(
        (el) => el !== document.head && el !== document.body && getComputedStyle(el).display !== 'none',
      );
      if (!shown) resolve(true);
      else if (performance.now() > until) resolve(false);
      else setTimeout(check, 20);
    };
    check();
  });
}
