/**
 * User Timing measures named `syria-lens:…`: how long the page side's work takes, read by the
 * benchmark (`npm run bench`, scripts/bench/in-page.ts) from the page's performance timeline.
 *
 * They exist ONLY in benchmark builds (`SYRIA_LENS_BENCH=1 wxt build`, into .output/bench/):
 * the build defines `__SYRIA_LENS_BENCH__`, and in a normal build every function here is empty
 * and `timingStart()` is 0, so the minifier drops the calls and the extension leaves no entry in
 * a page's performance timeline (a page could read them, and they would say the extension is
 * there). The unit tests define it too (vitest.config.ts), so they can check the scans.
 *
 * - `syria-lens:setup` — preparing the matcher and warming it up, per lens;
 * - `syria-lens:scan` — a full scan, wall time (pauses included); `syria-lens:slice` — each slice
 *   of it, between two pauses (the work itself);
 * - `syria-lens:rescan` — the latest rescan of changed blocks; `syria-lens:hidden-check` — the
 *   latest check for marks in blocks the browser does not render;
 * - `syria-lens:card` — a mark (not a measure) when an opened card has rendered its first frame.
 */

declare const __SYRIA_LENS_BENCH__: boolean | undefined;

/** True in benchmark builds only (a compile-time constant: false code is dropped). */
export const TIMING: boolean = typeof __SYRIA_LENS_BENCH__ !== 'undefined' && __SYRIA_LENS_BENCH__;

export type MeasureName = 'syria-lens:setup' | 'syria-lens:scan' | 'syria-lens:slice' | 'syria-lens:rescan' | 'syria-lens:hidden-check';

/** What a full scan records (cleared before each, so a page open for hours does not collect them). */
export const SCAN_MEASURES: readonly MeasureName[] = ['syria-lens:slice', 'syria-lens:scan', 'syria-lens:rescan', 'syria-lens:hidden-check'];

/** Measures of which only the latest is kept: they happen all day on a live page. */
const LATEST_ONLY: readonly MeasureName[] = ['syria-lens:rescan', 'syria-lens:hidden-check'];

/** The start of a measure: `performance.now()` in benchmark builds, 0 (no call) otherwise. */
export function timingStart(): number {
  return TIMING ? performance.now() : 0;
}

export function clearMeasures(names: readonly MeasureName[]): void {
  if (!TIMING) return;
  try {
    for (const name of names) performance.clearMeasures(name);
  } catch {
    // See measure().
  }
}

/** Records a measure from `start` (a `timingStart()` time) until now. */
export function measure(name: MeasureName, start: number): void {
  if (!TIMING) return;
  try {
    if (LATEST_ONLY.includes(name)) performance.clearMeasures(name);
    performance.measure(name, { start, end: performance.now() });
  } catch {
    // User Timing is a nicety for the benchmark; never let it break the page.
  }
}

/** Marks the frame in which an opened card is first painted (the hover-latency figure). */
export function markCardPainted(win: Window): void {
  if (!TIMING) return;
  win.requestAnimationFrame(() => {
    try {
      performance.clearMarks('syria-lens:card');
      performance.mark('syria-lens:card');
    } catch {
      // See measure().
    }
  });
}
