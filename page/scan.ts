/**
 * The scanner: turns the visible text of a DOM subtree into one string the matcher can read,
 * and maps offsets in that string back to text nodes.
 *
 * Text of inline elements is joined as a reader sees it (`Bashar al-<b>Assad</b>` reads
 * "Bashar al-Assad"), while separate blocks are joined with U+2029 PARAGRAPH SEPARATOR, which
 * the matcher never lets a name span. DOM only — no extension API — so the command-line
 * annotator runs the very same code on a parsed HTML file.
 */
import { MARK_TAG } from './names';

export const BLOCK_SEPARATOR = '\u2029';

/** Elements whose content a reader does not see as prose, or must not be touched (by localName). */
const SKIPPED_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title', 'code', 'pre', 'kbd', 'samp',
  'textarea', 'input', 'select', 'option', 'button', 'svg', 'math', 'canvas', 'video', 'audio',
  'object', 'embed', 'iframe',
  // Our own fallback marks. (The card's host holds nothing but a closed shadow root.)
  MARK_TAG,
]);

/**
 * Is this element a region the scanner never reads? Called for every element of the page, so
 * it is a Set lookup plus, only for elements that have attributes, three attribute reads
 * (measured several times cheaper than `Element.matches` with the equivalent selector list).
 */
export function isSkippedElement(el: Element, localName = el.localName): boolean {
  if (SKIPPED_TAGS.has(localName)) return true;
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable !== 'false';
}

/** The same rule as a selector, for looking up from a node (`closest`). */
export const SKIPPED_SELECTOR = [
  ...SKIPPED_TAGS,
  '[contenteditable]:not([contenteditable="false"])',
  '[aria-hidden="true"]',
  '[hidden]',
].join(',');

/** Elements that flow inside a line of text; anything else starts a new block. */
const INLINE_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'label',
  'mark', 'q', 'ruby', 'rb', 'rt', 's', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u',
  'var', 'wbr', 'nobr', 'big', 'tt', 'acronym', 'strike', MARK_TAG,
]);

/** Inline elements that still break the words around them (`rebel<br>forces` is two words). */
const BREAKING_TAGS = new Set(['br', 'img', 'hr', 'input', 'select', 'textarea', 'button', 'iframe']);

export interface TextIndex {
  /** Visible text; blocks joined by BLOCK_SEPARATOR. */
  text: string;
  /** The text nodes that make up `text`, in document order. */
  nodes: Text[];
  /** `starts[i]` is where `nodes[i].data` begins in `text`. */
  starts: number[];
  /** `blocks[i]` is the block element `nodes[i]` flows in: the unit a rescan replaces. */
  blocks: Element[];
  /** Open shadow roots met on the way: each is scanned on its own. */
  shadowRoots: ShadowRoot[];
}

export interface ScanOptions {
  /**
   * Also skip the elements (and their content) for which this is true: the annotator, which has
   * no layout, passes `isHiddenByInlineStyle`. In the browser the scan does not ask about styles
   * at all — that could force a layout in the middle of page load — and PageMarks drops marks
   * in blocks the browser does not render later, in idle time.
   */
  skip?: (el: Element) => boolean;
}

/** Is `el` (or an ancestor) a region the scanner never reads? */
export function isInSkippedRegion(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return el ? el.closest(SKIPPED_SELECTOR) !== null : false;
}

/** The element whose text `node` flows in: its nearest non-inline ancestor (or the root). */
export function blockOf(node: Node, root?: Node): Element {
  let el = node.nodeType === 1 ? (node as Element) : node.parentElement!;
  while (el !== root && INLINE_TAGS.has(el.localName) && el.parentElement) {
    el = el.parentElement;
  }
  return el;
}

/** Is `el` hidden by an inline `style` (display: none, visibility: hidden)? See ScanOptions. */
export function isHiddenByInlineStyle(el: Element): boolean {
  const style = (el as HTMLElement).style;
  return !!style && (style.display === 'none' || style.visibility === 'hidden');
}

/**
 * Reads the visible text under `root` all at once. `root` itself is not tested against the
 * skip rules (callers rescanning a block check `isInSkippedRegion` first).
 */
export function extractText(root: Node, options: ScanOptions = {}): TextIndex {
  const steps = scanText(root, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** How many nodes the scanner visits between pauses where its caller may yield to the page. */
const NODES_PER_STEP = 256;

/**
 * The same as `extractText`, as a generator that pauses every few hundred nodes so a caller
 * can give the page its turn on huge documents. The DOM may change during a pause: callers
 * observe mutations and rescan what changed.
 */
export function* scanText(root: Node, options: ScanOptions = {}): Generator<void, TextIndex> {
  const doc = root.ownerDocument ?? (root as Document);
  const { skip } = options;
  const shadowRoots: ShadowRoot[] = [];
  // NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, as numbers: the annotator has no globals.
  // No `acceptNode` filter: a JS callback per node costs more than the whole native walk
  // (measured 2.5–8 ms against 0.1 ms on the 130 KB benchmark page), so skipped subtrees are
  // stepped over by hand below.
  const walker = doc.createTreeWalker(root, 0x1 | 0x4);
  /** Moves the walker past the current node's subtree; returns the next node, or null at the end. */
  const skipSubtree = (): Node | null => {
    for (;;) {
      const sibling = walker.nextSibling();
      if (sibling) return sibling;
      if (!walker.parentNode()) return null;
    }
  };

  const parts: string[] = [];
  const nodes: Text[] = [];
  const starts: number[] = [];
  const blocks: Element[] = [];
  const blockCache = new Map<Element, Element>();
  let length = 0;
  let lastBlock: Element | null = null;
  let pendingBreak = false;

  let visited = 0;
  for (let node = walker.nextNode(); node; ) {
    if (++visited % NODES_PER_STEP === 0) yield;
    if (node.nodeType === 1) {
      const el = node as Element;
      const name = el.localName;
      if (isSkippedElement(el, name) || skip?.(el)) {
        node = skipSubtree();
        continue;
      }
      if (el.shadowRoot) shadowRoots.push(el.shadowRoot);
      if (BREAKING_TAGS.has(name)) pendingBreak = true;
      node = walker.nextNode();
      continue;
    }
    const textNode = node as Text;
    node = walker.nextNode();
    const data = textNode.data;
    if (data.length === 0) continue;
    const parent = textNode.parentElement;
    let block: Element;
    if (parent) {
      let cached = blockCache.get(parent);
      if (!cached) {
        cached = blockOf(parent, root);
        blockCache.set(parent, cached);
      }
      block = cached;
    } else {
      block = (root.nodeType === 1 ? root : doc.documentElement) as Element;
    }
    if (lastBlock !== null && (block !== lastBlock || pendingBreak)) {
      parts.push(BLOCK_SEPARATOR);
      length += 1;
    }
    pendingBreak = false;
    lastBlock = block;
    nodes.push(textNode);
    starts.push(length);
    blocks.push(block);
    parts.push(data);
    length += data.length;
  }
  return { text: parts.join(''), nodes, starts, blocks, shadowRoots };
}

/**
 * Maps sorted text offsets back to DOM points in one linear pass (mentions arrive sorted, so
 * this is cheaper than a binary search per offset). `end` offsets are resolved as "end of
 * the previous node" when they fall on a node boundary, so a range never starts a node late.
 * The point found is left in `node`, `offset` and `index` rather than returned as an object:
 * a page with thousands of mentions would otherwise make thousands of objects to throw away.
 */
export class OffsetMapper {
  /** After `seek` returned true: the text node of the point… */
  node: Text | null = null;
  /** …the offset in it… */
  offset = 0;
  /** …and the node's index in the TextIndex. */
  index = 0;

  readonly #text: TextIndex;

  constructor(text: TextIndex) {
    this.#text = text;
  }

  /**
   * Moves to the DOM point of a text offset; false when there is none (the DOM changed).
   * Offsets must come in non-decreasing order.
   */
  seek(offset: number, isEnd: boolean): boolean {
    const { nodes, starts } = this.#text;
    let i = this.index;
    const count = nodes.length;
    if (count === 0) return false;
    // Advance to the last node that starts at or before `offset` (or before, for an end).
    while (i + 1 < count && (isEnd ? starts[i + 1]! < offset : starts[i + 1]! <= offset)) i++;
    this.index = i;
    const node = nodes[i]!;
    const local = offset - starts[i]!;
    // `length`, not `data.length`: reading `data` copies the node's text into a new JS string.
    if (local < 0 || local > node.length) return false;
    this.node = node;
    this.offset = local;
    return true;
  }
}
