/**
 * Does a page look like a news article? What it says about itself (Open Graph type, schema.org
 * JSON-LD types, read by page/news-signals.ts) or the outlet it is on. Pure: no browser API.
 */
import { normalizeHost } from './sites';

/** What the page tells about itself; read from the document by the content script. */
export interface NewsSignals {
  /** `<meta property="og:type" content="…">`, if any. */
  ogType?: string | null;
  /** Every `@type` found in the page's JSON-LD, e.g. `NewsArticle` or `https://schema.org/NewsArticle`. */
  jsonLdTypes: string[];
  hostname: string;
}

/**
 * What the content script reads from the page for NewsSignals, as it is: the JSON-LD scripts'
 * text is parsed in the background (`jsonLdTypes`), so the script on every page carries no parser.
 */
export interface PageSignals {
  ogType?: string | null;
  /** The text of each `<script type="application/ld+json">`. */
  jsonLd: string[];
  hostname: string;
}

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

/** Every `@type` in JSON-LD texts. Broken JSON-LD is common on real sites: it is skipped. */
export function jsonLdTypes(scripts: readonly string[]): string[] {
  const types: string[] = [];
  for (const script of scripts) {
    try {
      collectTypes(JSON.parse(script), types);
    } catch {
      // Not our page's bug to report.
    }
  }
  return types;
}

/** NewsSignals from what the page read. */
export function newsSignals({ ogType, jsonLd, hostname }: PageSignals): NewsSignals {
  return { ogType, jsonLdTypes: jsonLdTypes(jsonLd), hostname };
}

/** schema.org types of news and news-like articles (compared in lower case). */
const NEWS_TYPES: ReadonlySet<string> = new Set(
  [
    'Article',
    'NewsArticle',
    'AnalysisNewsArticle',
    'AskPublicNewsArticle',
    'BackgroundNewsArticle',
    'OpinionNewsArticle',
    'ReportageNewsArticle',
    'ReviewNewsArticle',
    'SatiricalArticle',
    'Report',
    'BlogPosting',
    'LiveBlogPosting',
  ].map((t) => t.toLowerCase()),
);

/** Major news outlets: any page on them (and their subdomains) counts as news. */
const NEWS_HOSTS: readonly string[] = [
  // International agencies and broadcasters
  'reuters.com',
  'apnews.com',
  'afp.com',
  'bbc.co.uk',
  'bbc.com',
  'aljazeera.com',
  'aljazeera.net',
  'france24.com',
  'dw.com',
  'rfi.fr',
  'euronews.com',
  'cnn.com',
  'npr.org',
  'news.sky.com',
  // United States
  'nytimes.com',
  'washingtonpost.com',
  'wsj.com',
  'theatlantic.com',
  'newyorker.com',
  'bloomberg.com',
  'politico.com',
  'axios.com',
  'latimes.com',
  'nbcnews.com',
  'cbsnews.com',
  'abcnews.go.com',
  'pbs.org',
  'time.com',
  'foreignpolicy.com',
  'foreignaffairs.com',
  // United Kingdom and Europe
  'theguardian.com',
  'ft.com',
  'economist.com',
  'independent.co.uk',
  'telegraph.co.uk',
  'thetimes.com',
  'thetimes.co.uk',
  'politico.eu',
  'lemonde.fr',
  'lefigaro.fr',
  'liberation.fr',
  'spiegel.de',
  'zeit.de',
  'faz.net',
  'sueddeutsche.de',
  'nzz.ch',
  'elpais.com',
  'corriere.it',
  'repubblica.it',
  // Middle East and the region
  'middleeasteye.net',
  'thenationalnews.com',
  'arabnews.com',
  'aawsat.com',
  'al-monitor.com',
  'lorientlejour.com',
  'haaretz.com',
  'timesofisrael.com',
  'rudaw.net',
  'syriadirect.org',
  'enabbaladi.net',
  'newlinesmag.com',
];

/** Does the page look like a news article: og:type article, a schema.org article type, or a news outlet? */
export function looksLikeNews(signals: NewsSignals): boolean {
  const og = signals.ogType?.trim().toLowerCase();
  if (og === 'article' || og?.startsWith('article:')) return true;
  for (const type of signals.jsonLdTypes) {
    // `https://schema.org/NewsArticle`, `schema:NewsArticle` and `NewsArticle` are the same type.
    const name = type.trim().split(/[/:#]/).pop()?.toLowerCase() ?? '';
    if (NEWS_TYPES.has(name)) return true;
  }
  const host = normalizeHost(signals.hostname);
  return NEWS_HOSTS.some((h) => host === h || host.endsWith('.' + h));
}
