/**
 * The readers' briefings file: what "Export" writes and "Import" reads, and the checks a
 * reader's briefing passes before it is kept (title, source address, text). Pure: no DOM, no
 * browser API.
 *
 *   { "format": "syria-lens-briefings", "version": 1, "exported": "2024-12-08T10:00:00.000Z",
 *     "briefings": [ { "id": "…", "title": "…", "text": "…", "source": "https://…", "enabled": true } ] }
 *
 * A file is taken whole or not at all: the first problem is reported (with the briefing's
 * number, counting from 1) and nothing is imported.
 */
import {
  MAX_BRIEFING_BYTES,
  MAX_READER_BRIEFINGS,
  MAX_TOTAL_BRIEFING_BYTES,
  megabytes,
  totalBytes,
  utf8Length,
  validateBriefingText,
} from './briefing-limits';
import type { Message } from './i18n';
import type { Briefing } from './types';

export const BRIEFING_FILE_FORMAT = 'syria-lens-briefings';
export const BRIEFING_FILE_VERSION = 1;
/** Longest title kept (characters). */
export const MAX_TITLE_CHARS = 200;
/** Longest id accepted in a file (characters). */
export const MAX_ID_CHARS = 200;
/** Longest source address accepted (characters). */
export const MAX_SOURCE_CHARS = 2000;

/** One briefing as the file holds it. */
export interface BriefingFileEntry {
  id: string;
  title: string;
  text: string;
  source?: string;
  /** `YYYY-MM-DD`: the day the briefing speaks for (an article's publication date). */
  date?: string;
  enabled?: boolean;
}

export interface BriefingFile {
  format: typeof BRIEFING_FILE_FORMAT;
  version: typeof BRIEFING_FILE_VERSION;
  exported: string;
  briefings: BriefingFileEntry[];
}

/** What is wrong with a file, as a code (see `describeFileProblem` for the message). */
export type BriefingFileProblem =
  | { code: 'not-json' }
  | { code: 'not-briefings-file' }
  | { code: 'version'; version: string }
  | { code: 'no-list' }
  | { code: 'empty-list' }
  | { code: 'too-many'; count: number }
  | { code: 'total-too-large'; bytes: number }
  | { code: 'not-an-object'; briefing: number }
  | { code: 'no-id'; briefing: number }
  | { code: 'duplicate-id'; briefing: number; other: number }
  | { code: 'no-title'; briefing: number }
  | { code: 'no-text'; briefing: number }
  | { code: 'bad-text'; briefing: number; detail: Message; /** Bytes, when the text is too large. */ tooLarge?: number }
  | { code: 'bad-source'; briefing: number }
  | { code: 'source-credentials'; briefing: number }
  | { code: 'bad-enabled'; briefing: number };

export type ParsedBriefingFile =
  | { ok: true; briefings: Briefing[] }
  | { ok: false; problem: BriefingFileProblem; error: Message };

/** The problem as a message for the reader (render it with `tm`). */
export function describeFileProblem(problem: BriefingFileProblem): Message {
  switch (problem.code) {
    case 'not-json':
      return { key: 'briefings_import_not_json' };
    case 'not-briefings-file':
      return { key: 'briefings_import_not_file' };
    case 'version':
      return { key: 'briefings_import_version', substitutions: [problem.version, String(BRIEFING_FILE_VERSION)] };
    case 'no-list':
      return { key: 'briefings_import_no_list' };
    case 'empty-list':
      return { key: 'briefings_import_empty' };
    case 'too-many':
      return { key: 'briefings_import_too_many', substitutions: [String(problem.count), String(MAX_READER_BRIEFINGS)] };
    case 'total-too-large':
      return { key: 'briefings_import_total_too_large', substitutions: [megabytes(problem.bytes), megabytes(MAX_TOTAL_BRIEFING_BYTES)] };
    case 'not-an-object':
      return { key: 'briefings_import_not_object', substitutions: [String(problem.briefing)] };
    case 'no-id':
      return { key: 'briefings_import_no_id', substitutions: [String(problem.briefing)] };
    case 'duplicate-id':
      return { key: 'briefings_import_duplicate_id', substitutions: [String(problem.briefing), String(problem.other)] };
    case 'no-title':
      return { key: 'briefings_import_no_title', substitutions: [String(problem.briefing)] };
    case 'no-text':
      return { key: 'briefings_import_no_text', substitutions: [String(problem.briefing)] };
    case 'bad-text':
      // The page shows the size in the reader's number format (see formatSize in BriefingsApp).
      return problem.tooLarge !== undefined
        ? {
            key: 'briefings_import_too_large',
            substitutions: [String(problem.briefing), `${(problem.tooLarge / 1_000_000).toFixed(2)} MB`],
          }
        : { key: 'briefings_import_binary', substitutions: [String(problem.briefing)] };
    case 'bad-source':
      return { key: 'briefings_import_bad_source', substitutions: [String(problem.briefing)] };
    case 'source-credentials':
      return { key: 'briefings_import_source_credentials', substitutions: [String(problem.briefing)] };
    case 'bad-enabled':
      return { key: 'briefings_import_bad_enabled', substitutions: [String(problem.briefing)] };
  }
}

function fail(problem: BriefingFileProblem): ParsedBriefingFile {
  return { ok: false, problem, error: describeFileProblem(problem) };
}

/** Is `value` a real day written `YYYY-MM-DD` (a briefing's `date`)? */
export function isBriefingDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/**
 * Control and format characters (zero-width spaces and joiners, bidi marks, embeddings,
 * overrides and isolates, soft hyphens, tags) and lone surrogates: a title shown on a card must
 * read as it is, not be turned around or hide text (`\u202Egnp.exe`).
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}]/gu;

/** A title as kept: white space collapsed, invisible characters removed, trimmed, at most MAX_TITLE_CHARS. */
export function cleanTitle(title: string): string {
  // White space first (tabs and line breaks are controls too), then the invisible characters,
  // then the spaces those may have left side by side.
  return title.replace(/\s+/gu, ' ').replace(INVISIBLE, '').replace(/ {2,}/g, ' ').trim().slice(0, MAX_TITLE_CHARS).trim();
}

function parseSource(source: string): URL | null {
  const trimmed = source.trim();
  if (trimmed === '' || trimmed.length > MAX_SOURCE_CHARS || /\s/u.test(trimmed)) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null;
  return url;
}

/** Does this source address carry a user name or password (`https://user:pass@host/`)? */
export function sourceHasCredentials(source: string): boolean {
  const url = parseSource(source);
  return url !== null && (url.username !== '' || url.password !== '');
}

/**
 * The source address as kept, or null when it is not an absolute http(s) address, or carries a
 * user name or password (a secret, and a way to dress one site up as another:
 * `https://news.example@evil.test/`). An empty string is not an address either: the caller
 * decides whether the field was optional.
 */
export function cleanSource(source: string): string | null {
  const url = parseSource(source);
  if (url === null || url.username !== '' || url.password !== '') return null;
  return url.href;
}

/** Reads a briefings file. Any problem: nothing is returned but the first problem found. */
export function parseBriefingFile(json: string): ParsedBriefingFile {
  let data: unknown;
  try {
    data = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch {
    return fail({ code: 'not-json' });
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return fail({ code: 'not-briefings-file' });
  const file = data as Record<string, unknown>;
  if (file.format !== BRIEFING_FILE_FORMAT) return fail({ code: 'not-briefings-file' });
  if (file.version !== BRIEFING_FILE_VERSION) {
    return fail({ code: 'version', version: file.version === undefined ? 'none' : String(JSON.stringify(file.version)).slice(0, 20) });
  }
  if (!Array.isArray(file.briefings)) return fail({ code: 'no-list' });
  if (file.briefings.length === 0) return fail({ code: 'empty-list' });
  if (file.briefings.length > MAX_READER_BRIEFINGS) return fail({ code: 'too-many', count: file.briefings.length });

  const briefings: Briefing[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < file.briefings.length; i++) {
    const n = i + 1;
    const entry: unknown = file.briefings[i];
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return fail({ code: 'not-an-object', briefing: n });
    const b = entry as Record<string, unknown>;
    if (typeof b.id !== 'string' || b.id.trim() === '' || b.id.length > MAX_ID_CHARS) return fail({ code: 'no-id', briefing: n });
    const other = seen.get(b.id);
    if (other !== undefined) return fail({ code: 'duplicate-id', briefing: n, other });
    seen.set(b.id, n);
    if (typeof b.title !== 'string' || cleanTitle(b.title) === '') return fail({ code: 'no-title', briefing: n });
    if (typeof b.text !== 'string' || b.text.trim() === '') return fail({ code: 'no-text', briefing: n });
    const valid = validateBriefingText(b.text);
    if (!valid.ok) {
      const bytes = utf8Length(b.text);
      return fail({ code: 'bad-text', briefing: n, detail: valid.error, ...(bytes > MAX_BRIEFING_BYTES ? { tooLarge: bytes } : {}) });
    }
    let source: string | undefined;
    if (b.source !== undefined && b.source !== null && b.source !== '') {
      const clean = typeof b.source === 'string' ? cleanSource(b.source) : null;
      if (clean === null) {
        return fail({ code: typeof b.source === 'string' && sourceHasCredentials(b.source) ? 'source-credentials' : 'bad-source', briefing: n });
      }
      source = clean;
    }
    if (b.enabled !== undefined && typeof b.enabled !== 'boolean') return fail({ code: 'bad-enabled', briefing: n });
    const briefing: Briefing = { id: b.id, title: cleanTitle(b.title), text: b.text, builtIn: false, enabled: b.enabled !== false };
    if (source !== undefined) briefing.source = source;
    // A date is a detail: one that is not a real day is left out rather than refusing the file.
    if (isBriefingDate(b.date)) briefing.date = b.date;
    briefings.push(briefing);
  }
  const bytes = totalBytes(briefings);
  if (bytes > MAX_TOTAL_BRIEFING_BYTES) return fail({ code: 'total-too-large', bytes });
  return { ok: true, briefings };
}

/** The file "Export" writes for the reader's briefings (built-in ones are left out). */
export function serializeBriefingFile(briefings: readonly Briefing[], now: Date = new Date()): string {
  const file: BriefingFile = {
    format: BRIEFING_FILE_FORMAT,
    version: BRIEFING_FILE_VERSION,
    exported: now.toISOString(),
    briefings: briefings
      .filter((b) => !b.builtIn)
      .map((b) => {
        const entry: BriefingFileEntry = { id: b.id, title: b.title, text: b.text };
        if (b.source !== undefined) entry.source = b.source;
        if (b.date !== undefined) entry.date = b.date;
        entry.enabled = b.enabled !== false;
        return entry;
      }),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** `syria-lens-briefings-2024-12-08.json` */
export function exportFileName(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `syria-lens-briefings-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}

export interface MergeResult {
  /** The reader's briefings after the import, in order: kept ones first, then new ones. */
  briefings: Briefing[];
  added: number;
  /** Reader's briefings replaced by an imported one with the same id. */
  replaced: number;
  /** Imported briefings whose id was a built-in briefing's: they got a new id (added). */
  renamed: number;
}

/**
 * Adds imported briefings to the reader's. An imported briefing with the id of one of the
 * reader's briefings REPLACES it, in place (importing an export again updates rather than
 * doubles). One with the id of a built-in briefing is added under a new id.
 */
export function mergeImported(existing: readonly Briefing[], imported: readonly Briefing[], builtInIds: ReadonlySet<string> = new Set()): MergeResult {
  const byId = new Map(imported.map((b) => [b.id, b]));
  let replaced = 0;
  const briefings = existing.map((b) => {
    const next = byId.get(b.id);
    if (!next) return b;
    byId.delete(b.id);
    replaced++;
    return next;
  });
  const taken = new Set([...builtInIds, ...briefings.map((b) => b.id), ...imported.map((b) => b.id)]);
  let added = 0;
  let renamed = 0;
  for (const b of byId.values()) {
    if (builtInIds.has(b.id)) {
      const id = newBriefingId(taken);
      taken.add(id);
      briefings.push({ ...b, id });
      renamed++;
    } else {
      briefings.push(b);
    }
    added++;
  }
  return { briefings, added, replaced, renamed };
}

/** A fresh id for a reader's briefing, not in `taken`: `reader-<time>-<random>`. */
export function newBriefingId(taken: ReadonlySet<string> = new Set(), now: number = Date.now()): string {
  for (;;) {
    const random = Math.floor(Math.random() * 36 ** 6).toString(36).padStart(6, '0');
    const id = `reader-${now.toString(36)}-${random}`;
    if (!taken.has(id)) return id;
  }
}

/** Title from a file name: `iran-report_v2.md` → `iran-report_v2`. */
export function titleFromFileName(name: string): string {
  return cleanTitle(name.replace(/\.(?:txt|md|markdown|text)$/i, ''));
}

/** Is this file (by name and type) a plain-text or Markdown file the page accepts? */
export function isTextFile(name: string, type: string): boolean {
  if (/\.(?:txt|md|markdown|text)$/i.test(name)) return true;
  return /^text\/(?:plain|markdown|x-markdown)\b/i.test(type);
}
