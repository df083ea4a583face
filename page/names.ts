/**
 * The names of the elements Syria Lens may put in a page (the card host while a card shows; the
 * fallback painter's wrappers in a browser without the CSS Highlight API). Highlight names are
 * random per document instead (core/mark-names.ts). Small on purpose: the content script imports it.
 */

/** The card's host element (page/card-host.ts). */
export const CARD_TAG = 'syria-lens-card';
/** The fallback painter's wrapper (page/paint.ts); the scanner treats it as inline. */
export const MARK_TAG = 'syria-lens-mark';

/** Is this node one of our own elements (the card host, a fallback mark)? */
export function isOwnElement(node: Node): boolean {
  return node.nodeType === 1 && (node as Element).localName.startsWith('syria-lens-');
}

/**
 * Takes out of the registry the highlights an earlier copy of the content script left. Firefox
 * unloads the old copy on an update or reload without running any of its code again, and injects
 * the new copy into open tabs; the old copy's Highlight objects belong to its dead sandbox, so
 * reading one throws. Only those are removed: a page's own highlights (and elements) are never
 * touched, whatever their names.
 */
export function removeDeadHighlights(doc: Document): void {
  const registry = doc.defaultView?.CSS?.highlights;
  registry?.forEach((highlight, name) => {
    try {
      void highlight.size;
    } catch {
      registry.delete(name);
    }
  });
}
