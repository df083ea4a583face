/**
 * How e2e tests find Syria Lens's marks in a page. Marks are CSS Custom Highlights registered
 * under names random per document (core/mark-names.ts): ten random lower-case letters, then
 * `a`–`j` for the marks of one kind and style, `k` for the focused mark. Nothing tells a page
 * (or a test) the token, so tests recognise the names by their shape, as any page script could:
 * the test pages register no highlights of that shape themselves.
 *
 * The patterns are strings because the functions that use them run in the page
 * (`page.evaluate`): test there with `new RegExp(MARK_NAME).test(name)`.
 */

/** The name of a highlight holding marks (any kind, any visible style). */
export const MARK_NAME = '^[a-z]{10}[a-j]$';
/** The name of the highlight holding the focused mark (keyboard navigation, the popup's "reveal"). */
export const FOCUS_NAME = '^[a-z]{10}k$';

/** Runs in the page: every marked range, in page order, with its text (the focused mark not repeated). */
export function markedRanges(pattern: string): { text: string; x: number; y: number; width: number; height: number }[] {
  const name = new RegExp(pattern);
  const ranges: Range[] = [];
  CSS.highlights.forEach((highlight, key) => {
    if (name.test(key)) highlight.forEach((range) => ranges.push(range as Range));
  });
  ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  return ranges.map((range) => {
    const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
    return { text: range.toString(), x: r.left, y: r.top, width: r.width, height: r.height };
  });
}
