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
 * og:type/JSON-LD; a cross-origin frame is judged on its own.
 */
export function decidingPage(win: Window): { url: string; signals: PageSignals } {
  try {
    const top = win.top;
    if (top && top !== win) return { url: top.location.href, signals: readNewsSignals(top.document) };
  } catch {
    // Cross-origin: the top page is not ours to read.
  }
  return { url: win.location.href, signals: readNewsSignals(win.document) };
}
