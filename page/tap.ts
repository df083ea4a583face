/**
 * Taps on touch screens (and pens): a finger that comes down and lifts again soon, close to
 * where it came down. Whatever the browser makes a gesture of (a pan, a fling, a pinch) ends in
 * `pointercancel` and is no tap; a touch that moves or lasts (a drag, a long press that selects
 * text) is none either. Only trusted events count: a page script cannot open cards by
 * synthesizing taps.
 *
 * The listeners are passive and never call preventDefault: every touch still does what the page
 * and the browser make of it (follow a link, zoom on a double tap, scroll, select).
 */

/** A finger moves a little while it taps; further than this, it drags or starts a scroll. */
export const TAP_SLOP_PX = 10;
/** Held longer than this, a touch is a long press (text selection, context menu), not a tap. */
export const TAP_MAX_MS = 500;

/**
 * The listener for `pointerdown`, `pointerup` and `pointercancel` that calls `onTap` with the
 * `pointerup` of every tap by touch or pen, outside links.
 *
 * A tap in a link is the link's: it is followed as the page intends and opens no card (the reader
 * finds that name in the popup's list). At the document, the target of an event in a shadow root
 * is its host, so a link around the host still counts.
 */
export function tapListener(onTap: (up: PointerEvent) => void): (event: PointerEvent) => void {
  let down: PointerEvent | null = null;
  return (event) => {
    if (event.type === 'pointerdown') {
      down = event.isTrusted && event.isPrimary && event.pointerType !== 'mouse' ? event : null;
      return;
    }
    // pointerup; or pointercancel: the browser took the touch for a pan, a fling, a pinch.
    // (A PointerEvent's x and y are its clientX and clientY.)
    if (
      event.type === 'pointerup' &&
      down &&
      event.isTrusted &&
      event.pointerId === down.pointerId &&
      event.timeStamp - down.timeStamp <= TAP_MAX_MS &&
      Math.hypot(event.x - down.x, event.y - down.y) <= TAP_SLOP_PX &&
      !(event.target as Element).closest?.('a[href]')
    ) {
      onTap(event);
    }
    down = null;
  };
}

/** Listens for taps (see `tapListener`) on `doc`, passively, until `signal` aborts. */
export function listenForTaps(doc: Document, onTap: (up: PointerEvent) => void, signal: AbortSignal): void {
  const listener = tapListener(onTap);
  for (const type of ['pointerdown', 'pointerup', 'pointercancel'] as const) {
    doc.addEventListener(type, listener, { capture: true, passive: true, signal });
  }
}
