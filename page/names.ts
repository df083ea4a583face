/**
 * The names Syria Lens uses in a page. A page shares its DOM and its highlight registry with us,
 * so every name starts with `syria-lens-`: ours are easy to find, and never a page's.
 * Small on purpose: the content script imports it.
 */
import { ENTITY_KINDS, MARK_STYLES, type EntityKind, type MarkStyle } from '../core/types';

/** Highlight names start with this prefix: the registry is shared with the page's own code. */
export const HIGHLIGHT_PREFIX = 'syria-lens-';
/** The highlight of the one mark the keyboard (or the popup) brought into view. */
export const FOCUS_HIGHLIGHT = `${HIGHLIGHT_PREFIX}focus`;

/** `syria-lens-underline-person`: marks.css styles each of these. */
export function highlightName(style: MarkStyle, kind: EntityKind): string {
  return `${HIGHLIGHT_PREFIX}${style}-${kind}`;
}

/** The card's host element (page/card-host.ts). */
export const CARD_TAG = 'syria-lens-card';
/** The fallback painter's wrapper (page/paint.ts); the scanner treats it as inline. */
export const MARK_TAG = 'syria-lens-mark';

/** Is this node one of our own elements (the card host, a fallback mark)? */
export function isOwnElement(node: Node): boolean {
  return node.nodeType === 1 && (node as Element).localName.startsWith(HIGHLIGHT_PREFIX);
}

/**
 * Removes what an earlier copy of the content script left in this document. Firefox unloads the
 * old copy on an update or reload without running any of its code again, and injects the new
 * copy into open tabs. The old copy's Highlight objects belong to its dead sandbox (reading them
 * throws), so they are removed from the registry by name.
 */
export function removeLeftovers(doc: Document): void {
  for (const host of doc.querySelectorAll(CARD_TAG)) host.remove();
  const registry = doc.defaultView?.CSS?.highlights;
  if (!registry) return;
  for (const style of MARK_STYLES) for (const kind of ENTITY_KINDS) registry.delete(highlightName(style, kind));
  registry.delete(FOCUS_HIGHLIGHT);
}
