/**
 * The names of the elements Syria Lens may put in a page (the card host while a card shows; the
 * fallback painter's wrappers in a browser without the CSS Highlight API). Highlight names are
 * per document instead (core/mark-names.ts). Small on purpose: the content script imports it.
 */

import { CARD_HOST_NAME, cardHostName } from '../core/mark-names';

/** The fallback painter's wrapper (page/paint.ts); the scanner treats it as inline. */
export const MARK_TAG = 'syria-lens-mark';

/** Is this node one of our own elements (the card host, a fallback mark)? */
export function isOwnElement(node: Node): boolean {
  if (node.nodeType !== 1) return false;
  const name = (node as Element).localName;
  return name === MARK_TAG || CARD_HOST_NAME.test(name);
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
 * unloaded without running again, and its host stays in the page with its last card. The host's
 * name comes from this document's token, which every copy shares (core/mark-names.ts) and a page
 * cannot predict. Called when a lens starts.
 */
export function removeDeadCardHosts(doc: Document, token: string): void {
  for (const host of doc.querySelectorAll(cardHostName(token))) host.remove();
}
