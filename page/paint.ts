/**
 * The painter: how marks become visible. One small interface, two implementations:
 * - HighlightPainter (default): `Range`s in the CSS Custom Highlight registry. The page's DOM
 *   is not touched at all, so frameworks, carets and layout never notice us.
 * - WrapPainter (fallback for browsers without the API): wraps each mark in a
 *   `<syria-lens-mark>` element and restores the exact original text nodes on removal.
 */
import type { EntityKind, MarkStyle } from '../core/types';
import { focusName, highlightName } from '../core/mark-names';
import { MARK_TAG } from './names';

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
  readonly #byKind = new Map<EntityKind, Highlight>();
  readonly #focusHighlight: Highlight;

  readonly #win: Window & typeof globalThis;
  #style: MarkStyle;
  readonly #token: string;
  readonly #unseen: (mark: Mark) => boolean;

  /**
   * `token`: this document's random part of the highlight names (core/mark-names.ts).
   * `unseen`: marks that get no visible highlight (the reader's own names): the page could read
   * them from the shared registry. They stay in the lens's index, so they still open cards.
   */
  constructor(
    win: Window & typeof globalThis,
    style: MarkStyle,
    token: string,
    unseen: (mark: Mark) => boolean = () => false,
  ) {
    this.#win = win;
    this.#style = style;
    this.#token = token;
    this.#unseen = unseen;
    this.#focusHighlight = new win.Highlight();
    this.#focusHighlight.priority = 1;
  }

  #highlightFor(kind: EntityKind): Highlight {
    let highlight = this.#byKind.get(kind);
    if (!highlight) {
      highlight = new this.#win.Highlight();
      this.#byKind.set(kind, highlight);
    }
    return highlight;
  }

  add(marks: readonly Mark[]): void {
    // An indexed loop: see PageMarks.#createMarks.
    for (let i = 0; i < marks.length; i++) {
      const mark = marks[i]!;
      if (!this.#unseen(mark)) this.#highlightFor(mark.kind).add(mark.range);
    }
    this.ensureRegistered();
  }

  remove(marks: readonly Mark[]): void {
    for (const mark of marks) {
      this.#byKind.get(mark.kind)?.delete(mark.range);
      this.#focusHighlight.delete(mark.range);
    }
  }

  focus(mark: Mark | null): void {
    this.#focusHighlight.clear();
    if (mark && !this.#unseen(mark)) {
      this.#focusHighlight.add(mark.range);
      this.ensureRegistered();
    }
  }

  setStyle(style: MarkStyle): void {
    if (style === this.#style) return;
    this.#unregister();
    this.#style = style;
    this.ensureRegistered();
  }

  /** Our highlights under this style's names; none at all in style "none". */
  #named(): [string, Highlight][] {
    const style = this.#style;
    const token = this.#token;
    if (style === 'none') return [];
    const named = [...this.#byKind].map(([kind, highlight]): [string, Highlight] => [highlightName(token, style, kind), highlight]);
    return [...named, [focusName(token), this.#focusHighlight]];
  }

  /**
   * Registers our highlights that hold marks. Style "none" registers nothing at all: a reader who
   * chose invisible marks leaves nothing in the registry the page shares with us. A page may call
   * `CSS.highlights.clear()`: this puts ours back, and is cheap enough to call before every batch
   * of new marks.
   */
  ensureRegistered(): void {
    const registry = this.#win.CSS.highlights;
    for (const [name, highlight] of this.#named()) if (highlight.size > 0 && registry.get(name) !== highlight) registry.set(name, highlight);
  }

  /** Takes our highlights out of the registry (only ours: a page's own entries stay). */
  #unregister(): void {
    const registry = this.#win.CSS.highlights;
    for (const [name, highlight] of this.#named()) if (registry.get(name) === highlight) registry.delete(name);
  }

  clear(): void {
    this.#unregister();
    for (const highlight of this.#byKind.values()) highlight.clear();
    this.#byKind.clear();
    this.#focusHighlight.clear();
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
  readonly #wrappings = new Map<Mark, Wrapping[]>();
  /** Set while we mutate the DOM, so the scanner's MutationObserver can ignore our own edits. */
  mutating = false;

  readonly #doc: Document;
  #style: MarkStyle;

  constructor(
    doc: Document,
    style: MarkStyle,
  ) {
    this.#doc = doc;
    this.#style = style;
  }

  add(marks: readonly Mark[]): void {
    this.mutating = true;
    try {
      // Back to front: splitting a text node late never moves the offsets of earlier marks in it.
      for (let i = marks.length - 1; i >= 0; i--) this.#wrap(marks[i]!);
    } finally {
      this.mutating = false;
    }
  }

  #wrap(mark: Mark): void {
    const { startContainer, startOffset, endContainer, endOffset } = mark.range;
    if (startContainer.nodeType !== 3 || endContainer.nodeType !== 3) return;
    // Collect the text nodes the range covers, then wrap each covered piece.
    const pieces: { node: Text; start: number; end: number }[] = [];
    const walker = this.#doc.createTreeWalker(mark.range.commonAncestorContainer, 0x4);
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
      const wrapper = this.#doc.createElement(MARK_TAG);
      wrapper.setAttribute('data-kind', mark.kind);
      wrapper.setAttribute('data-style', this.#style);
      wrapper.style.cssText = wrapperCss(this.#style, false);
      middle.replaceWith(wrapper);
      wrapper.appendChild(middle);
      done.push({ original: piece.node, middle, after, wrapper });
    }
    this.#wrappings.set(mark, done);
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
      const all = [...this.#wrappings.entries()];
      const wanted = new Set(marks);
      for (let i = all.length - 1; i >= 0; i--) {
        const [mark, pieces] = all[i]!;
        if (!wanted.has(mark)) continue;
        for (let j = pieces.length - 1; j >= 0; j--) unwrap(pieces[j]!);
        this.#wrappings.delete(mark);
      }
    } finally {
      this.mutating = false;
    }
  }

  focus(mark: Mark | null): void {
    for (const [m, pieces] of this.#wrappings) {
      for (const piece of pieces) {
        if (m === mark) piece.wrapper.setAttribute('data-focus', '');
        else piece.wrapper.removeAttribute('data-focus');
        piece.wrapper.style.cssText = wrapperCss(this.#style, m === mark);
      }
    }
  }

  setStyle(style: MarkStyle): void {
    this.#style = style;
    for (const pieces of this.#wrappings.values()) {
      for (const piece of pieces) {
        piece.wrapper.setAttribute('data-style', style);
        piece.wrapper.style.cssText = wrapperCss(style, piece.wrapper.hasAttribute('data-focus'));
      }
    }
  }

  clear(): void {
    this.remove([...this.#wrappings.keys()]);
  }
}

/** The fallback's look, inline: no stylesheet of ours matches elements a page can make. */
function wrapperCss(style: MarkStyle, focused: boolean): string {
  if (focused) return 'background-color:rgba(255,200,0,.55)';
  if (style === 'underline') return 'text-decoration:underline dotted currentColor 2px;text-underline-offset:3px';
  return style === 'background' ? 'background-color:rgba(29,79,122,.16)' : '';
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
