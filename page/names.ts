/**
 * The names of the elements Syria Lens may put in a page (the card host while a card shows; the
 * fallback painter's wrappers in a browser without the CSS Highlight API). Highlight names are
 * per document instead (core/mark-names.ts). Small on purpose: the content script imports it.
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
 * Takes these names out of the highlight registry: those an earlier copy of the content script
 * registered in this document (see `entrypoints/content`). By name, one by one: in Firefox, once
 * the old copy is unloaded, even listing the registry throws ("Permission denied to access
 * object"). The names come from this install's secret, so a page's own highlights are never hit.
 */
export function removeHighlightsNamed(doc: Document, names: readonly string[]): void {
  const registry = doc.defaultView?.CSS?.highlights;
  if (!registry) return;
  for (const name of names) {
    try {
      registry.delete(name);
    } catch {
      // Nothing more can be done for this name.
    }
  }
}

/**
 * Takes out the card an earlier copy of the content script left showing: in Firefox that copy is
 * unloaded without running again, and its host stays in the page with its last card. Ours are
 * recognised by the closed shadow root only an extension can see (`openOrClosedShadowRoot`
 * exists in Firefox's content scripts, where the problem is). Called only when a lens starts, so
 * that with Syria Lens off nothing at all is done to what a page holds.
 */
export function removeDeadCardHosts(doc: Document): void {
  for (const host of doc.querySelectorAll(CARD_TAG)) {
    if ((host as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot) host.remove();
  }
}
