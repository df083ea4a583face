/**
 * User Timing measures named `syria-lens:…`: how long the page side's work takes, read by the
 * benchmark (`npm run bench`, scripts/bench/in-page.ts) from the page's performance timeline.
 *
 * - `syria-lens:setup` — preparing the matcher and warming it up, per lens;
 * - `syria-lens:scan` — a full scan, wall time (pauses included); `syria-lens:slice` — each slice
 *   of it, between two pauses (the work itself);
 * - `syria-lens:rescan` — the latest rescan of changed blocks; `syria-lens:hidden-check` — the
 *   latest check for marks in blocks the browser does not render.
 */

export type MeasureName = 'syria-lens:setup' | 'syria-lens:scan' | 'syria-lens:slice' | 'syria-lens:rescan' | 'syria-lens:hidden-check';

/** What a full scan records (cleared before each, so a page open for hours does not collect them). */
export const SCAN_MEASURES: readonly MeasureName[] = ['syria-lens:slice', 'syria-lens:scan', 'syria-lens:rescan', 'syria-lens:hidden-check'];

/** Measures of which only the latest is kept: they happen all day on a live page. */
const LATEST_ONLY: ReadonlySet<MeasureName> = new Set(['syria-lens:rescan', 'syria-lens:hidden-check']);

export function clearMeasures(names: readonly MeasureName[]): void {
  try {
    for (const name of names) performance.clearMeasures(name);
  } catch {
    // See measure().
  }
}

/** Records a measure from `start` (a `performance.now()` time) until now. */
export function measure(name: MeasureName, start: number): void {
  try {
    if (LATEST_ONLY.has(name)) performance.clearMeasures(name);
    performance.measure(name, { start, end: performance.now() });
  } catch {
    // User Timing is a nicety for the benchmark; never let it break the page.
  }
}
