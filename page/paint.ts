/**
 * The painter: how marks become visible. One small interface, two implementations:
 * - HighlightPainter (default): `Range`s in the CSS Custom Highlight registry. The page's DOM
 *   is not touched at all, so frameworks, carets and layout never notice us.
 * - WrapPainter (fallback for browsers without the API): wraps each mark in a
 *   `<syria-lens-mark>` element and restores the exact original text nodes on removal.
 */
import type { EntityKind, MarkStyle } from '../core/types';
import { FOCUS_HIGHLIGHT, highlightName, MARK_TAG } from './names';

/** A painted mention. */
export interface Mark {
  entity: string;
  kind: EntityKind;
  range: Range;
  /** The block element the mark's text flows in: the unit a rescan replaces. */
  block: Element;
}

export interface Painter {
  readonly kind: 'highlight' | 'wrap';
  add(marks: readonly Mark[]): void;
  remove(marks: readonly Mark[]): void;
  /** Emphasise one mark (keyboard navigation, "reveal" from the popup); null clears. */
  focus(mark: Mark | null): void;
  setStyle(style: MarkStyle): void;
  /** Removes every mark and everything the painter registered or inserted. */
  clear(): void;
}

export function supportsHighlights(win: Window & typeof globalThis): boolean {
  return typeof win.Highlight === 'function' && typeof win.CSS !== 'undefined' && !!win.CSS.highlights;
}

export class HighlightPainter implements Painter {
  readonly kind = 'highlight' as const;
  private readonly byKind = new Map<EntityKind, Highlight>();
  private readonly focusHighlight: Highlight;

  constructor(
    private readonly win: Window & typeof globalThis,
    private style: MarkStyle,
  ) {
    this.focusHighlight = new win.Highlight();
    this.focusHighlight.priority = 1;
  }

  private highlightFor(kind: EntityKind): Highlight {
    let highlight = this.byKind.get(kind);
    if (!highlight) {
      highlight = new this.win.Highlight();
      this.byKind.set(kind, highlight);
      this.win.CSS.highlights.set(highlightName(this.style, kind), highlight);
    }
    return highlight;
  }

  add(marks: readonly Mark[]): void {
    this.ensureRegistered();
    for (const mark of marks) this.highlightFor(mark.kind).add(mark.range);
  }

  remove(marks: readonly Mark[]): void {
    for (const mark of marks) {
      this.byKind.get(mark.kind)?.delete(mark.range);
      this.focusHighlight.delete(mark.range);
    }
  }

  focus(mark: Mark | null): void {
    this.focusHighlight.clear();
    if (mark) {
      this.focusHighlight.add(mark.range);
      this.ensureRegistered();
    }
  }

  setStyle(style: MarkStyle): void {
    if (style === this.style) return;
    for (const [kind, highlight] of this.byKind) {
      this.win.CSS.highlights.delete(highlightName(this.style, kind));
      this.win.CSS.highlights.set(highlightName(style, kind), highlight);
    }
    this.style = style;
  }

  /**
   * A page may call `CSS.highlights.clear()` (the registry is shared): put ours back. Cheap
   * enough to call before every batch of new marks.
   */
  ensureRegistered(): void {
    const registry = this.win.CSS.highlights;
    for (const [kind, highlight] of this.byKind) {
      const name = highlightName(this.style, kind);
      if (registry.get(name) !== highlight) registry.set(name, highlight);
    }
    if (this.focusHighlight.size > 0 && registry.get(FOCUS_HIGHLIGHT) !== this.focusHighlight) {
      registry.set(FOCUS_HIGHLIGHT, this.focusHighlight);
    }
  }

  clear(): void {
    const registry = this.win.CSS.highlights;
    for (const [kind, highlight] of this.byKind) {
      highlight.clear();
      const name = highlightName(this.style, kind);
      if (registry.get(name) === highlight) registry.delete(name);
    }
    this.byKind.clear();
    this.focusHighlight.clear();
    if (registry.get(FOCUS_HIGHLIGHT) === this.focusHighlight) registry.delete(FOCUS_HIGHLIGHT);
  }
}

interface Wrapping {
  /** The text node the mark was cut from; after restoring it holds the original text again. */
  original: Text;
  middle: Text;
  after: Text;
  wrapper: HTMLElement;
}

/**
 * Fallback painter. Every wrap splits a text node into before · mark · after; removal replays
 * the splits backwards, so the page ends with the very same text nodes and data it had.
 */
export class WrapPainter implements Painter {
  readonly kind = 'wrap' as const;
  private readonly wrappings = new Map<Mark, Wrapping[]>();
  /** Set while we mutate the DOM, so the scanner's MutationObserver can ignore our own edits. */
  mutating = false;

  constructor(
    private readonly doc: Document,
    private style: MarkStyle,
  ) {}

  add(marks: readonly Mark[]): void {
    this.mutating = true;
    try {
      // Back to front: splitting a text node late never moves the offsets of earlier marks in it.
      for (let i = marks.length - 1; i >= 0; i--) this.wrap(marks[i]!);
    } finally {
      this.mutating = false;
    }
  }

  private wrap(mark: Mark): void {
    const { startContainer, startOffset, endContainer, endOffset } = mark.range;
    if (startContainer.nodeType !== 3 || endContainer.nodeType !== 3) return;
    // Collect the text nodes the range covers, then wrap each covered piece.
    const pieces: { node: Text; start: number; end: number }[] = [];
    const walker = this.doc.createTreeWalker(mark.range.commonAncestorContainer, 0x4);
    walker.currentNode = startContainer;
    for (let node: Node | null = startContainer; node; node = walker.nextNode()) {
      const text = node as Text;
      const start = node === startContainer ? startOffset : 0;
      const end = node === endContainer ? endOffset : text.data.length;
      if (end > start) pieces.push({ node: text, start, end });
      if (node === endContainer) break;
    }
    const done: Wrapping[] = [];
    for (const piece of pieces) {
      const middle = piece.node.splitText(piece.start);
      const after = middle.splitText(piece.end - piece.start);
      const wrapper = this.doc.createElement(MARK_TAG);
      wrapper.setAttribute('data-kind', mark.kind);
      wrapper.setAttribute('data-style', this.style);
      middle.replaceWith(wrapper);
      wrapper.appendChild(middle);
      done.push({ original: piece.node, middle, after, wrapper });
    }
    this.wrappings.set(mark, done);
    // Keep the mark's range meaningful for hit-testing and positioning.
    if (done.length > 0) {
      mark.range.setStart(done[0]!.middle, 0);
      const last = done[done.length - 1]!;
      mark.range.setEnd(last.middle, last.middle.data.length);
    }
  }

  remove(marks: readonly Mark[]): void {
    this.mutating = true;
    try {
      // Undo in reverse order of wrapping: later wraps split nodes that earlier ones created.
      const all = [...this.wrappings.entries()];
      const wanted = new Set(marks);
      for (let i = all.length - 1; i >= 0; i--) {
        const [mark, pieces] = all[i]!;
        if (!wanted.has(mark)) continue;
        for (let j = pieces.length - 1; j >= 0; j--) unwrap(pieces[j]!);
        this.wrappings.delete(mark);
      }
    } finally {
      this.mutating = false;
    }
  }

  focus(mark: Mark | null): void {
    for (const [m, pieces] of this.wrappings) {
      for (const piece of pieces) {
        if (m === mark) piece.wrapper.setAttribute('data-focus', '');
        else piece.wrapper.removeAttribute('data-focus');
      }
    }
  }

  setStyle(style: MarkStyle): void {
    this.style = style;
    for (const pieces of this.wrappings.values()) {
      for (const piece of pieces) piece.wrapper.setAttribute('data-style', style);
    }
  }

  clear(): void {
    this.remove([...this.wrappings.keys()]);
  }
}

function unwrap({ original, middle, after, wrapper }: Wrapping): void {
  if (wrapper.parentNode) wrapper.replaceWith(middle);
  // Merge the pieces back into the original node only if the page left them alone.
  if (middle.previousSibling === original && middle.nextSibling === after) {
    original.appendData(middle.data + after.data);
    middle.remove();
    after.remove();
  }
}
