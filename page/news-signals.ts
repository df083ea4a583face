/**
 * Reads what a page says about itself (Open Graph type, schema.org JSON-LD) for the pure news
 * detector in core/news.ts, which the background runs (it also parses the JSON-LD there).
 */
import type { PageSignals } from '../core/news';

export function readNewsSignals(doc: Document): PageSignals {
  return {
    ogType: doc.querySelector('meta[property="og:type"]')?.getAttribute('content'),
    jsonLd: [...doc.querySelectorAll('script[type="application/ld+json"]')].map((script) => script.textContent ?? ''),
    hostname: doc.location?.hostname ?? '',
  };
}

/**
 * The page whose address and news signals decide whether this frame is marked: a same-origin
 * frame (including about:blank and srcdoc ones) belongs to the top page, which carries the
 * og:type/JSON-LD. A frame with an ancestor from another origin (an ad, an embed) is judged on
 * its own address, by site rules only (`crossOrigin`): what it says about itself switches nothing on.
 */
export function decidingPage(win: Window): { url: string; signals: PageSignals; crossOrigin?: true } {
  const { location } = win;
  if (win.top === win) return { url: location.href, signals: readNewsSignals(win.document) };
  // ancestorOrigins sees every ancestor (where the browser has it); reading the top page is the
  // check elsewhere. The document's origin, not its address's: an about:srcdoc or about:blank
  // frame inherits its parent's origin, while its location.origin is "null".
  const ancestors = location.ancestorOrigins as DOMStringList | undefined;
  if (!ancestors || [...ancestors].every((origin) => origin === win.origin)) {
    try {
      const top = win.top!;
      return { url: top.location.href, signals: readNewsSignals(top.document) };
    } catch {
      // Cross-origin: the top page is not ours to read.
    }
  }
  return { url: location.href, signals: { jsonLd: [], hostname: location.hostname }, crossOrigin: true };
}
