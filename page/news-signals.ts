/**
 * Reads what a page says about itself (Open Graph type, schema.org JSON-LD types) for the
 * pure news detector in core/sites. Broken JSON-LD is common on real sites: it is skipped.
 */
import type { NewsSignals } from '../core/sites';

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
