/**
 * Reads what a page says about itself (Open Graph type, schema.org JSON-LD types) for the
 * pure news detector in core/sites. Broken JSON-LD is common on real sites: it is skipped.
 */
import type { NewsSignals } from '../core/news';

function collectTypes(value: unknown, into: string[], depth = 0): void {
  if (depth > 4 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collectTypes(item, into, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  const type = record['@type'];
  if (typeof type === 'string') into.push(type);
  else if (Array.isArray(type)) for (const t of type) if (typeof t === 'string') into.push(t);
  if (record['@graph']) collectTypes(record['@graph'], into, depth + 1);
}

export function readNewsSignals(doc: Document): NewsSignals {
  const ogType = doc.querySelector('meta[property="og:type"]')?.getAttribute('content') ?? null;
  const jsonLdTypes: string[] = [];
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      collectTypes(JSON.parse(script.textContent ?? ''), jsonLdTypes);
    } catch {
      // Not our page's bug to report.
    }
  }
  return { ogType, jsonLdTypes, hostname: doc.location?.hostname ?? '' };
}

/**
 * The page whose address and news signals decide whether this frame is marked: a same-origin
 * frame (including about:blank and srcdoc ones) belongs to the top page, which carries the
 * og:type/JSON-LD. A frame with an ancestor from another origin (an ad, an embed) is judged on
 * its own address, by site rules only (`crossOrigin`): what it says about itself switches nothing on.
 */
export function decidingPage(win: Window): { url: string; signals: NewsSignals; crossOrigin?: true } {
  const { location } = win;
  if (win.top === win) return { url: location.href, signals: readNewsSignals(win.document) };
  // ancestorOrigins (Chromium) sees every ancestor; reading the top page is the check elsewhere.
  const ancestors = location.ancestorOrigins as DOMStringList | undefined;
  if (!ancestors || [...ancestors].every((origin) => origin === location.origin)) {
    try {
      const top = win.top!;
      return { url: top.location.href, signals: readNewsSignals(top.document) };
    } catch {
      // Cross-origin: the top page is not ours to read.
    }
  }
  return { url: location.href, signals: { jsonLdTypes: [], hostname: location.hostname }, crossOrigin: true };
}
