/**
 * Where the card goes on a phone: a bottom sheet. Pure (no browser API): the card host measures,
 * this decides, the host applies.
 *
 * On a narrow viewport (≤ 600 CSS px) or with a coarse pointer (a finger), a card next to its mark
 * would cover the text around it and leave no room; so it becomes a sheet along the bottom edge:
 * full width, at most half the viewport tall (it scrolls inside), clear of the safe areas (the
 * stylesheet pads it by env(safe-area-inset-*)). The marked word stays visible above it: if the
 * sheet would cover it, the page is scrolled vertically by just enough, never sideways.
 */

/** Viewports this wide or narrower get the bottom sheet. */
export const SHEET_MAX_VIEWPORT_WIDTH_PX = 600;
/** The sheet's greatest height, as a share of the viewport's. */
export const SHEET_MAX_HEIGHT_SHARE = 0.5;
/** Room kept between the mark and the sheet's top edge, and above the mark when scrolling it into view. */
export const SHEET_GAP_PX = 8;

export interface ViewportInfo {
  /** CSS px. */
  width: number;
  height: number;
  /** `(pointer: coarse)`: the primary pointer is a finger. */
  coarsePointer: boolean;
}

/** Whether the card is shown as a bottom sheet. */
export function useSheet(viewport: ViewportInfo): boolean {
  return viewport.width <= SHEET_MAX_VIEWPORT_WIDTH_PX || viewport.coarsePointer;
}

/** The sheet's greatest height in px (whole pixels, never more than half the viewport). */
export function sheetMaxHeight(viewportHeight: number): number {
  return Math.floor(viewportHeight * SHEET_MAX_HEIGHT_SHARE);
}

/**
 * How far to scroll the page (px, positive: down) so that the mark's line box lies between the
 * viewport's top and the sheet's top edge; 0 when it is visible already. A line taller than the
 * room left keeps its top in view.
 */
export function scrollToKeepVisible(mark: { top: number; bottom: number }, viewportHeight: number, sheetHeight: number): number {
  const roomBottom = viewportHeight - sheetHeight - SHEET_GAP_PX;
  if (mark.top >= SHEET_GAP_PX && mark.bottom <= roomBottom) return 0;
  // Below the room (under the sheet): bring its bottom up to the sheet's edge, but never its top above the viewport.
  if (mark.bottom > roomBottom) return Math.round(Math.min(mark.bottom - roomBottom, mark.top - SHEET_GAP_PX));
  // Above the viewport's top: bring it down into view.
  return Math.round(mark.top - SHEET_GAP_PX);
}
