/**
 * Hover intent: which mark is under the pointer, and when its card opens and closes.
 *
 * Marks are not elements, so the pointer is hit-tested against them: the caret position under
 * the pointer gives a text node and offset, an index gives the marks on that node, and the
 * mark's own line boxes confirm the pointer is really over it (the caret offset is the same
 * over a word's last letter and the space after it). At most one lookup per animation frame.
 *
 * Timings follow Wikipedia's page previews: open after the pointer rests on a mark, keep a
 * grace period to move onto the card, and once a card is open a neighbour opens at once.
 *
 * Touch has no hover: a tap on a mark opens its card at once, a tap elsewhere closes it
 * (page/tap.ts tells taps from scrolls, long presses and taps on links).
 */
import type { Mark } from './paint';
import { listenForTaps } from './tap';

export interface HitTester {
  marksOnNode(node: Text): readonly Mark[];
  knownShadowRoots(): ShadowRoot[];
}

interface CaretPoint {
  node: Node;
  offset: number;
}

type CaretDocument = Document & {
  caretPositionFromPoint?: (
    x: number,
    y: number,
    options?: { shadowRoots?: ShadowRoot[] },
  ) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

export function caretAt(doc: Document, x: number, y: number, shadowRoots: ShadowRoot[] = []): CaretPoint | null {
  const d = doc as CaretDocument;
  if (typeof d.caretPositionFromPoint === 'function') {
    const position = shadowRoots.length ? d.caretPositionFromPoint(x, y, { shadowRoots }) : d.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  if (typeof d.caretRangeFromPoint === 'function') {
    const range = d.caretRangeFromPoint(x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  }
  return null;
}

function rectContains(rect: DOMRect, x: number, y: number): boolean {
  return x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;
}

/** The line box of `mark` under the point, if the point is over the mark. */
export function lineUnder(mark: Mark, x: number, y: number): DOMRect | null {
  for (const rect of mark.range.getClientRects()) {
    if (rectContains(rect, x, y)) return rect;
  }
  return null;
}

/** The painted mark under the point, or null. */
export function markAt(doc: Document, marks: HitTester, x: number, y: number): Mark | null {
  const caret = caretAt(doc, x, y, marks.knownShadowRoots());
  if (!caret || caret.node.nodeType !== 3) return null;
  for (const mark of marks.marksOnNode(caret.node as Text)) {
    if (lineUnder(mark, x, y)) return mark;
  }
  return null;
}

export interface HoverOptions {
  doc: Document;
  marks: HitTester;
  /** How long the pointer rests on a mark before its card opens. */
  openDelayMs: () => number;
  /** How long a card stays after the pointer leaves, to let the reader move onto it. */
  graceMs: number;
  /** Is this event target inside the card? */
  isInCard: (event: Event) => boolean;
  /** Is the pointer on the card? The page sees no pointer events over the card's frame. */
  cardHasPointer?: () => boolean;
  isPinned: () => boolean;
  /** Whether a tap (touch, pen) on a mark opens its card (the reader's setting). */
  tapToOpen: boolean;
  /** The pointer came to rest on a mark: a chance to fetch what its card needs. */
  prepare?: (mark: Mark) => void;
  open: (mark: Mark, pointer: { x: number; y: number }) => void;
  close: () => void;
  signal: AbortSignal;
}

export class HoverIntent {
  #current: Mark | null = null;
  #openTimer: ReturnType<typeof setTimeout> | undefined;
  #closeTimer: ReturnType<typeof setTimeout> | undefined;
  #candidate: Mark | null = null;
  #frame = 0;
  #pointer: { x: number; y: number } | null = null;
  #pointerInCard = false;
  #buttonsDown = false;

  readonly #options: HoverOptions;

  constructor(options: HoverOptions) {
    this.#options = options;
    const { doc, signal } = options;
    const win = doc.defaultView!;
    const listen = { capture: true, passive: true, signal };
    // Only the reader drives Syria Lens: events a page script made (untrusted) are ignored, so
    // a page can neither open a card nor tell that one would open. (Taps check it themselves.)
    const on = <E extends Event>(target: EventTarget, type: string, handle: (event: E) => void, options: AddEventListenerOptions) =>
      target.addEventListener(type, (event) => event.isTrusted && handle(event as E), options);
    on(doc, 'pointermove', (event: PointerEvent) => this.#onPointerMove(event), listen);
    on(doc, 'pointerdown', () => this.#onPointerDown(), listen);
    on(doc, 'pointerup', () => (this.#buttonsDown = false), listen);
    // A finger "leaves" when it lifts: that must not close the card its tap just opened.
    on(doc.documentElement, 'pointerleave', (event: PointerEvent) => event.pointerType !== 'touch' && this.#leave(), { passive: true, signal });
    if (options.tapToOpen) listenForTaps(doc, (event) => this.#tap(event), signal);
    on(doc, 'keydown', (event: KeyboardEvent) => this.#onKeyDown(event), { capture: true, signal });
    signal.addEventListener('abort', () => {
      clearTimeout(this.#openTimer);
      clearTimeout(this.#closeTimer);
      win.cancelAnimationFrame(this.#frame);
    });
  }

  /** The mark whose card is open, if any. */
  get openMark(): Mark | null {
    return this.#current;
  }

  /** Opens a card now (keyboard navigation, popup "reveal"). */
  openNow(mark: Mark, at: { x: number; y: number }): void {
    this.#cancelOpen();
    this.#cancelClose();
    this.#current = mark;
    this.#options.open(mark, at);
  }

  closeNow(): void {
    this.#cancelOpen();
    this.#cancelClose();
    if (this.#current) {
      this.#current = null;
      this.#options.close();
    }
  }

  #onPointerDown(): void {
    this.#buttonsDown = true;
    this.#cancelOpen();
  }

  #onPointerMove(event: PointerEvent): void {
    // A moving finger scrolls or selects; it never hovers.
    if (event.pointerType === 'touch') return;
    this.#pointer = { x: event.clientX, y: event.clientY };
    this.#pointerInCard = this.#options.isInCard(event);
    this.#buttonsDown = event.buttons !== 0;
    if (!this.#frame) {
      this.#frame = this.#options.doc.defaultView!.requestAnimationFrame(() => {
        this.#frame = 0;
        this.#check();
      });
    }
  }

  /** A tap: the card of the mark under it opens at once; a tap elsewhere closes the open card. */
  #tap(event: PointerEvent): void {
    const options = this.#options;
    if (options.isInCard(event) || this.#isSelecting()) return;
    // (A PointerEvent's x and y are its clientX and clientY.)
    const mark = markAt(options.doc, options.marks, event.x, event.y);
    if (mark) {
      if (mark !== this.#current) this.openNow(mark, event);
    } else if (!options.isPinned()) this.closeNow();
  }

  #check(): void {
    const pointer = this.#pointer;
    if (!pointer) return;
    if (this.#pointerInCard) {
      this.#cancelClose();
      this.#cancelOpen();
      return;
    }
    const mark = markAt(this.#options.doc, this.#options.marks, pointer.x, pointer.y);
    if (mark && mark === this.#current) {
      this.#cancelClose();
      return;
    }
    if (mark && !this.#isSelecting()) {
      if (this.#current && !this.#options.isPinned()) {
        // A card is open: its neighbour opens at once, without a new wait.
        this.openNow(mark, pointer);
      } else if (!this.#current && mark !== this.#candidate) {
        this.#scheduleOpen(mark);
      }
      return;
    }
    this.#cancelOpen();
    if (this.#current && !this.#options.isPinned()) this.#scheduleClose();
  }

  /** The reader is selecting text: a card would get in the way. */
  #isSelecting(): boolean {
    if (this.#buttonsDown) return true;
    const selection = this.#options.doc.getSelection();
    return !!selection && !selection.isCollapsed && selection.toString().trim().length > 0;
  }

  #scheduleOpen(mark: Mark): void {
    this.#cancelOpen();
    this.#candidate = mark;
    this.#options.prepare?.(mark);
    this.#openTimer = setTimeout(() => {
      this.#openTimer = undefined;
      this.#candidate = null;
      const pointer = this.#pointer;
      if (!pointer || this.#isSelecting()) return;
      // Still over the same mark after the wait?
      if (markAt(this.#options.doc, this.#options.marks, pointer.x, pointer.y) !== mark) return;
      this.openNow(mark, pointer);
    }, this.#options.openDelayMs());
  }

  #cancelOpen(): void {
    clearTimeout(this.#openTimer);
    this.#openTimer = undefined;
    this.#candidate = null;
  }

  #scheduleClose(): void {
    if (this.#closeTimer !== undefined) return;
    this.#closeTimer = setTimeout(() => {
      this.#closeTimer = undefined;
      if (!this.#pointerInCard && !this.#options.cardHasPointer?.() && !this.#options.isPinned()) this.closeNow();
    }, this.#options.graceMs);
  }

  #cancelClose(): void {
    clearTimeout(this.#closeTimer);
    this.#closeTimer = undefined;
  }

  #leave(): void {
    this.#pointer = null;
    this.#pointerInCard = false;
    this.#cancelOpen();
    if (this.#current && !this.#options.isPinned()) this.#scheduleClose();
  }

  #onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.#current) {
      this.closeNow();
    }
  }
}
