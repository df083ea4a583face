/**
 * Sites, pure: may Syria Lens run on this page at all, and does the reader's set of site rules
 * switch it on or off here. No browser API, no DOM. (Does the page look like news: ./news.ts;
 * the decision that puts it all together: `decideActivation` in ./configure-lens.ts.)
 *
 * A site rule's `pattern` is one of two forms:
 * - a host name, `example.com`: that host and all its subdomains, over http and https.
 *   This is what the popup's "this site" switch writes (see `setSiteMode` in ./settings).
 * - a WebExtension match pattern, `*://*.example.com/*`, `https://example.com/news/*`,
 *   `<all_urls>`: what a reader may type on the options page.
 */
import type { Message } from './i18n';

export type SiteMode = 'on' | 'off';

export interface SiteRule {
  pattern: string;
  mode: SiteMode;
}

// ---------------------------------------------------------------------------------------------
// Where content scripts can run

/**
 * Hosts where browsers do not let extensions touch pages: the add-on stores, and Firefox's
 * `extensions.webextensions.restrictedDomains` defaults.
 */
const RESTRICTED_HOSTS: readonly string[] = [
  'chromewebstore.google.com',
  'addons.mozilla.org',
  'discovery.addons.mozilla.org',
  'addons.cdn.mozilla.net',
  'accounts-static.cdn.mozilla.net',
  'accounts.firefox.com',
  'api.accounts.firefox.com',
  'oauth.accounts.firefox.com',
  'profile.accounts.firefox.com',
  'content.cdn.mozilla.net',
  'install.mozilla.org',
  'support.mozilla.org',
  'sync.services.mozilla.com',
];

/** Store pages that live under a path of a bigger host. */
const RESTRICTED_PATHS: readonly { host: string; path: string }[] = [
  { host: 'chrome.google.com', path: '/webstore' },
  { host: 'microsoftedge.microsoft.com', path: '/addons' },
];

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Lower case, without a trailing dot (`example.com.` is `example.com`). */
export function normalizeHost(host: string): string {
  const lower = host.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

function isPdf(url: URL): boolean {
  if (/\.pdf$/i.test(url.pathname)) return true;
  // PDF viewers served over the web: pdf.js's viewer.html?file=…, Google Docs' viewer?url=….
  const file = url.searchParams.get('file') ?? url.searchParams.get('url');
  return /(^|\/)viewer(\.html)?$/i.test(url.pathname) && file !== null && /\.pdf($|[?#])/i.test(file);
}

/**
 * May a content script mark this page? Only http(s) pages, never browser pages, add-on store
 * pages (browsers forbid it) or PDFs (they are shown by a viewer the content script cannot reach).
 * A PDF served without `.pdf` in its address is caught on the page side by `document.contentType`.
 */
export function canAnnotate(url: string): { ok: true } | { ok: false; reason: 'unsupported' } {
  const parsed = parseUrl(url);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    return { ok: false, reason: 'unsupported' };
  }
  const host = normalizeHost(parsed.hostname);
  if (RESTRICTED_HOSTS.includes(host)) return { ok: false, reason: 'unsupported' };
  for (const { host: h, path } of RESTRICTED_PATHS) {
    if (host === h && (parsed.pathname === path || parsed.pathname.startsWith(path + '/'))) {
      return { ok: false, reason: 'unsupported' };
    }
  }
  if (isPdf(parsed)) return { ok: false, reason: 'unsupported' };
  return { ok: true };
}

/** Why no content script runs in a tab, in the words the popup uses. */
export type UnsupportedReason = 'browser-page' | 'store-page' | 'pdf' | 'file' | 'other';

/**
 * Why a tab at `url` has no content script to answer. An http(s) page without one is taken for
 * a store page (browsers keep extensions off those) — or it was loaded before Syria Lens was
 * installed, which a reload mends.
 */
export function unsupportedReason(url: string | undefined): UnsupportedReason {
  if (!url) return 'other';
  if (/\.pdf($|[?#])/i.test(url)) return 'pdf';
  if (url.startsWith('file:')) return 'file';
  if (/^https?:/.test(url)) return 'store-page';
  return 'browser-page';
}

// ---------------------------------------------------------------------------------------------
// Match patterns and host rules

/** Schemes a match pattern may name. `*` stands for http and https (and ws/wss, as in browsers). */
const PATTERN_SCHEMES = ['*', 'http', 'https', 'ws', 'wss', 'ftp', 'file'] as const;
const STAR_SCHEMES = ['http:', 'https:', 'ws:', 'wss:'];
const ALL_URLS_SCHEMES = ['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:'];

interface ParsedPattern {
  /** Protocols (with the colon) the pattern accepts. */
  schemes: string[];
  /** `null`: any host. */
  host: string | null;
  /** Also the host's subdomains. */
  subdomains: boolean;
  /** `null`: any port. */
  port: string | null;
  /** The path and query pattern cut at each `*` (see `globMatches`); `null`: any path. */
  path: string[] | null;
  /** How specific the pattern is, for choosing between rules; see `compareSpecificity`. */
  specificity: [hostLength: number, exactHost: number, pathLength: number];
}

/** Letters, digits, hyphens and dots, IPv4 or a bracketed IPv6 address, as URL parsing leaves them. */
const HOST_CHARS = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)$/;

/** The host as URL parsing writes it (lower case, punycode), or `null` when it is not a host. */
function canonicalHost(host: string): string | null {
  if (host === '' || /[\s/\\?#@*]/.test(host)) return null;
  let canonical: string;
  try {
    canonical = new URL(`http://${host}/`).hostname;
  } catch {
    return null;
  }
  canonical = normalizeHost(canonical);
  return HOST_CHARS.test(canonical) ? canonical : null;
}

/** Longest site rule pattern accepted (characters): far more than an address a reader types. */
export const MAX_PATTERN_LENGTH = 1000;
/**
 * How much of an address's path and query the rules look at (characters). The page chooses its
 * own address: a rule is checked against at most this much of it, so a long one costs no more.
 */
export const MAX_URL_CHECKED = 2048;

/**
 * Does `text` match a glob cut at its `*`s (`parts`; a `*` matches any run of characters)?
 * Each part is found once, left to right, at its first place after the previous one: for `*`
 * alone that first place is always the right one, so nothing is ever tried twice. A RegExp with
 * `.*` for each `*` backtracks instead: ten of them against a 60-character path took 178 s.
 */
export function globMatches(parts: readonly string[], text: string): boolean {
  const first = parts[0] ?? '';
  if (parts.length === 1) return text === first;
  const last = parts[parts.length - 1]!;
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  const end = text.length - last.length;
  let at = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i]!;
    const found = text.indexOf(part, at);
    if (found === -1 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

type PatternParse = { ok: true; pattern: ParsedPattern } | { ok: false; error: Message };

const parseCache = new Map<string, PatternParse>();

function parsePattern(raw: string): PatternParse {
  const cached = parseCache.get(raw);
  if (cached) return cached;
  const result = parsePatternUncached(raw.trim());
  if (parseCache.size > 500) parseCache.clear();
  parseCache.set(raw, result);
  return result;
}

function parsePatternUncached(p: string): PatternParse {
  if (p === '') return { ok: false, error: { key: 'site_error_empty' } };
  if (p.length > MAX_PATTERN_LENGTH) {
    return { ok: false, error: { key: 'site_error_too_long', substitutions: [String(MAX_PATTERN_LENGTH)] } };
  }
  if (p === '<all_urls>') {
    return {
      ok: true,
      pattern: { schemes: ALL_URLS_SCHEMES, host: null, subdomains: true, port: null, path: null, specificity: [0, 0, 0] },
    };
  }

  const schemeEnd = p.indexOf('://');
  if (schemeEnd === -1) {
    // A plain host name: example.com, also its subdomains; http and https.
    if (p.includes('/')) {
      return { ok: false, error: { key: 'site_error_host_with_path', substitutions: [p] } };
    }
    if (p.includes(':') && !p.startsWith('[')) {
      return { ok: false, error: { key: 'site_error_host_with_port', substitutions: [p] } };
    }
    const host = canonicalHost(p.startsWith('*.') ? p.slice(2) : p);
    if (!host) return { ok: false, error: { key: 'site_error_not_host', substitutions: [p] } };
    return {
      ok: true,
      pattern: {
        schemes: ['http:', 'https:'],
        host,
        subdomains: true,
        port: null,
        path: null,
        specificity: [host.length, 0, 0],
      },
    };
  }

  const scheme = p.slice(0, schemeEnd).toLowerCase();
  if (!(PATTERN_SCHEMES as readonly string[]).includes(scheme)) {
    return { ok: false, error: { key: 'site_error_scheme', substitutions: [scheme] } };
  }
  const rest = p.slice(schemeEnd + 3);
  const slash = rest.indexOf('/');
  if (slash === -1) {
    return { ok: false, error: { key: 'site_error_no_path', substitutions: [p] } };
  }
  let hostPart = rest.slice(0, slash).toLowerCase();
  const pathPart = rest.slice(slash);

  if (scheme === 'file') {
    if (hostPart !== '') return { ok: false, error: { key: 'site_error_file_host' } };
  } else if (hostPart === '') {
    return { ok: false, error: { key: 'site_error_no_host', substitutions: [p] } };
  }

  let port: string | null = null;
  const portMatch = /^(.*?)(?::(\*|\d{1,5}))$/.exec(hostPart);
  if (portMatch && !hostPart.endsWith(']')) {
    hostPart = portMatch[1] ?? '';
    port = portMatch[2] === '*' ? null : (portMatch[2] ?? null);
  }

  let host: string | null = null;
  let subdomains = false;
  if (hostPart === '*') {
    subdomains = true;
  } else if (hostPart !== '') {
    if (hostPart.startsWith('*.')) {
      subdomains = true;
      hostPart = hostPart.slice(2);
    }
    if (hostPart.includes('*')) {
      return { ok: false, error: { key: 'site_error_wildcard', substitutions: [p] } };
    }
    host = canonicalHost(hostPart);
    if (!host) return { ok: false, error: { key: 'site_error_bad_host', substitutions: [hostPart, p] } };
  }

  // Runs of `*` are one `*`; empty parts between them would only cost time.
  const path = pathPart === '/*' ? null : pathPart.replace(/\*+/g, '*').split('*');
  const schemes = scheme === '*' ? STAR_SCHEMES : [`${scheme}:`];
  return {
    ok: true,
    pattern: {
      schemes,
      host,
      subdomains,
      port,
      path,
      specificity: [host?.length ?? 0, host && !subdomains ? 1 : 0, pathPart.replaceAll('*', '').length - 1],
    },
  };
}

/** `null` when `pattern` is a valid site rule pattern, otherwise why not (a message to translate with `tm`). */
export function validatePattern(pattern: string): Message | null {
  const parsed = parsePattern(pattern);
  return parsed.ok ? null : parsed.error;
}

function hostMatches(pattern: ParsedPattern, host: string): boolean {
  if (pattern.host === null) return true;
  if (host === pattern.host) return true;
  return pattern.subdomains && host.endsWith('.' + pattern.host);
}

function matchesParsed(pattern: ParsedPattern, url: URL): boolean {
  if (!pattern.schemes.includes(url.protocol)) return false;
  if (!hostMatches(pattern, normalizeHost(url.hostname))) return false;
  if (pattern.port !== null && url.port !== pattern.port) return false;
  if (pattern.path && !globMatches(pattern.path, (url.pathname + url.search).slice(0, MAX_URL_CHECKED))) return false;
  return true;
}

/**
 * Does `url` match a WebExtension match pattern (`<all_urls>`, `*://*.example.com/*`,
 * `https://example.com/news/*`) or a plain host name (`example.com`: it and its subdomains)?
 * An invalid pattern or URL matches nothing. Without a port in the pattern, any port matches.
 */
export function matchPattern(pattern: string, url: string): boolean {
  const parsed = parsePattern(pattern);
  const target = parseUrl(url);
  return parsed.ok && target !== null && matchesParsed(parsed.pattern, target);
}

/** Positive when `a` is more specific than `b`: longer host, then exact host over subdomains, then longer path. */
function compareSpecificity(a: ParsedPattern, b: ParsedPattern): number {
  for (let i = 0; i < 3; i++) {
    const d = (a.specificity[i] ?? 0) - (b.specificity[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The rule that decides for `url`, if any matches: the most specific matching rule wins
 * (longer host, then an exact host over one with its subdomains, then a longer path);
 * between equally specific rules, `off` wins. So `news.example.com: on` beats
 * `*://*.example.com/*: off`, and `example.com: off` beats `<all_urls>: on`.
 */
export function decidingSiteRule(rules: readonly SiteRule[], url: string): SiteRule | undefined {
  const target = parseUrl(url);
  if (!target) return undefined;
  let best: { rule: SiteRule; pattern: ParsedPattern } | undefined;
  for (const rule of rules) {
    const parsed = parsePattern(rule.pattern);
    if (!parsed.ok || !matchesParsed(parsed.pattern, target)) continue;
    if (!best) {
      best = { rule, pattern: parsed.pattern };
      continue;
    }
    const d = compareSpecificity(parsed.pattern, best.pattern);
    if (d > 0 || (d === 0 && rule.mode === 'off' && best.rule.mode === 'on')) {
      best = { rule, pattern: parsed.pattern };
    }
  }
  return best?.rule;
}

/**
 * The host name a popup rule for `hostOrUrl` is written as: lower case, without `www.`,
 * so that one switch covers example.com, www.example.com and the other subdomains.
 * `null` when it is neither a host nor an http(s) address.
 */
export function siteRuleHost(hostOrUrl: string): string | null {
  let host = hostOrUrl.trim();
  if (host.includes('://')) {
    const parsed = parseUrl(host);
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return null;
    host = parsed.hostname;
  }
  const canonical = canonicalHost(host);
  if (!canonical) return null;
  return canonical.startsWith('www.') && canonical.length > 4 ? canonical.slice(4) : canonical;
}
