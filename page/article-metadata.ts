/**
 * What a news page says about itself: its title, the site's name and the day it was published,
 * read from the page's metadata (Open Graph and article meta tags, JSON-LD, `<time>`). Read-only:
 * nothing here changes the document. DOM, no extension API; used by the script the popup injects
 * to read an article (entrypoints/extract-article.ts), never by the content script.
 */

export interface ArticleMetadata {
  title: string | null;
  site: string | null;
  /** The publication day, `YYYY-MM-DD`, or null when the page gives none that can be read. */
  published: string | null;
}

/** Title, site name and publication day of `doc`; each null when the page does not say. */
export function articleMetadata(doc: Document): ArticleMetadata {
  const ld = jsonLdArticles(doc);
  const title =
    meta(doc, 'og:title') ?? meta(doc, 'twitter:title') ?? firstString(ld.map((item) => item.headline ?? item.name)) ?? text(doc.title);
  const site =
    meta(doc, 'og:site_name') ??
    meta(doc, 'application-name') ??
    firstString(ld.map((item) => nameOf(item.publisher))) ??
    null;
  const published =
    firstDay([
      meta(doc, 'article:published_time'),
      meta(doc, 'og:published_time'),
      ...ld.map((item) => item.datePublished),
      meta(doc, 'datePublished'),
      meta(doc, 'date'),
      meta(doc, 'dc.date'),
      meta(doc, 'dcterms.created'),
      // The first `<time datetime>` in the article, else in the page: usually the dateline.
      doc.querySelector('article time[datetime]')?.getAttribute('datetime'),
      doc.querySelector('time[datetime]')?.getAttribute('datetime'),
      doc.querySelector('time')?.textContent,
    ]) ?? null;
  return { title, site, published };
}

/** The content of `<meta property|name|itemprop="key">` (any case), trimmed; null when absent or empty. */
function meta(doc: Document, key: string): string | null {
  const want = key.toLowerCase();
  for (const element of doc.querySelectorAll('meta[content]')) {
    const names = [element.getAttribute('property'), element.getAttribute('name'), element.getAttribute('itemprop')];
    if (names.some((name) => name?.trim().toLowerCase() === want)) {
      const value = text(element.getAttribute('content'));
      if (value !== null) return value;
    }
  }
  return null;
}

function text(value: string | null | undefined): string | null {
  const clean = value?.replace(/\s+/g, ' ').trim() ?? '';
  return clean === '' ? null : clean;
}

type LdItem = Record<string, unknown>;

const ARTICLE_TYPE = /(?:Article|BlogPosting|Report|NewsArticle)$/;

/** JSON-LD objects that describe an article (top level, in arrays or in `@graph`), in page order. */
function jsonLdArticles(doc: Document): LdItem[] {
  const out: LdItem[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 4 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const item = value as LdItem;
    const types = ([] as unknown[]).concat(item['@type'] ?? []);
    if (types.some((type) => typeof type === 'string' && ARTICLE_TYPE.test(type))) out.push(item);
    visit(item['@graph'], depth + 1);
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''), 0);
    } catch {
      // A page's broken JSON-LD says nothing.
    }
  }
  return out;
}

function nameOf(value: unknown): unknown {
  if (Array.isArray(value)) return nameOf(value[0]);
  return value !== null && typeof value === 'object' ? (value as LdItem).name : value;
}

function firstString(values: readonly unknown[]): string | null {
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const clean = text(value);
    if (clean !== null) return clean;
  }
  return null;
}

function firstDay(values: readonly unknown[]): string | null {
  for (const value of values) {
    const day = typeof value === 'string' ? publicationDay(value) : null;
    if (day !== null) return day;
  }
  return null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The day a date string names, `YYYY-MM-DD`: ISO 8601 (the day as written, whatever the time
 * zone: a paper dated 7 December is dated the 7th), or an English "7 December 2024" /
 * "December 7, 2024". Null for anything else or an impossible day.
 */
export function publicationDay(value: string): string | null {
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(value);
  if (iso) return validDay(+iso[1]!, +iso[2]!, +iso[3]!);
  const dayFirst = /\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/.exec(value);
  if (dayFirst) return validDay(+dayFirst[3]!, monthOf(dayFirst[2]!), +dayFirst[1]!);
  const monthFirst = /\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(value);
  if (monthFirst) return validDay(+monthFirst[3]!, monthOf(monthFirst[1]!), +monthFirst[2]!);
  return null;
}

function monthOf(name: string): number {
  const lower = name.toLowerCase();
  // "May" and the full names and their three-letter forms ("Sept" too); nothing else.
  const index = MONTHS.findIndex((month) => lower.startsWith(month));
  const full = new Date(Date.UTC(2000, index, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' }).toLowerCase();
  return index >= 0 && (lower.length === 3 || lower === 'sept' || full === lower) ? index + 1 : 0;
}

function validDay(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return date.toISOString().slice(0, 10);
}
