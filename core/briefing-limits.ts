/**
 * What text can be a briefing: at most 1 MB of UTF-8, not empty, not binary; and how many
 * briefings a reader may keep, how large all together. Checked by the briefings page as the
 * reader types, by the briefings file reader and by the store. Pure.
 */
import type { Message } from './i18n';

/** Largest briefing accepted, in bytes of UTF-8. */
export const MAX_BRIEFING_BYTES = 1_000_000;
/** Most briefings of the reader's own. */
export const MAX_READER_BRIEFINGS = 200;
/**
 * Largest size of all the reader's briefings together, in bytes of UTF-8: Chromium gives an
 * extension's storage.local 10 MB, which the settings and the compiled cards share.
 */
export const MAX_TOTAL_BRIEFING_BYTES = 8_000_000;

/** `1.40 MB`: a size as the messages about limits give it. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(bytes % 1_000_000 === 0 ? 0 : 2)} MB`;
}

/**
 * Can the reader keep these briefings all together? At most MAX_READER_BRIEFINGS of them, at most
 * MAX_TOTAL_BRIEFING_BYTES of text. `null` when they can; otherwise why not.
 */
export function checkBriefingCollection(briefings: ReadonlyArray<{ text: string }>): Message | null {
  if (briefings.length > MAX_READER_BRIEFINGS) {
    return { key: 'briefing_store_too_many', substitutions: [String(MAX_READER_BRIEFINGS)] };
  }
  const bytes = totalBytes(briefings);
  if (bytes > MAX_TOTAL_BRIEFING_BYTES) {
    return { key: 'briefing_store_total_too_large', substitutions: [megabytes(bytes), megabytes(MAX_TOTAL_BRIEFING_BYTES)] };
  }
  return null;
}

/** Bytes of UTF-8 of all the texts. */
export function totalBytes(briefings: ReadonlyArray<{ text: string }>): number {
  let bytes = 0;
  for (const { text } of briefings) bytes += utf8Length(text);
  return bytes;
}

/** Bytes of `text` in UTF-8 (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  // A few native RegExp passes instead of a loop over every character: the briefings page
  // checks a pasted megabyte on every edit, and a cold loop over it took tens of milliseconds.
  // Each UTF-16 unit is 1 byte, plus 1 more from U+0080, plus 1 more from U+0800; a surrogate
  // pair (two units that would count 3 + 3) is 4 bytes; a lone surrogate counts as U+FFFD, 3.
  const nonAscii = text.replace(ASCII_RUNS, '');
  if (nonAscii.length === 0) return text.length;
  const fromU0800 = nonAscii.replace(BELOW_U0800_RUNS, '');
  // Pairs are counted in the text itself: removing characters could join two lone surrogates.
  const pairUnits = SURROGATE.test(fromU0800) ? text.length - text.replace(SURROGATE_PAIRS, '').length : 0;
  return text.length + nonAscii.length + fromU0800.length - pairUnits;
}

// eslint-disable-next-line no-control-regex -- counting bytes: every ASCII character, controls included
const ASCII_RUNS = /[\u0000-\u007f]+/g;
const BELOW_U0800_RUNS = /[\u0080-\u07ff]+/g;
const SURROGATE_PAIRS = /[\ud800-\udbff][\udc00-\udfff]/g;
const SURROGATE = /[\ud800-\udfff]/;
/** C0 controls except tab, line feed, vertical tab, form feed, carriage return; DEL; C1 controls; U+FFFD. */
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const ODD_CHARACTERS = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufffd]/g;

function formatBytes(bytes: number): string {
  return bytes.toLocaleString('en-US');
}

/**
 * Can this text be a briefing? Refuses empty text, text over 1 MB (1,000,000 bytes of UTF-8) and
 * text that looks binary (NUL characters, or many control or U+FFFD replacement characters).
 * Markup is fine: it is kept as plain text and never interpreted.
 */
export function validateBriefingText(text: string): { ok: true } | { ok: false; error: Message } {
  if (typeof text !== 'string' || text.trim() === '') {
    return { ok: false, error: { key: 'briefing_text_empty' } };
  }
  // A UTF-16 unit is at most 3 bytes of UTF-8: shorter texts need no counting.
  if (text.length * 3 > MAX_BRIEFING_BYTES) {
    const bytes = utf8Length(text);
    if (bytes > MAX_BRIEFING_BYTES) {
      const mb = (bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 2 : 1);
      return {
        ok: false,
        error: { key: 'briefing_text_too_large', substitutions: [mb, formatBytes(bytes), formatBytes(MAX_BRIEFING_BYTES)] },
      };
    }
  }
  if (text.indexOf('\u0000') !== -1) {
    return { ok: false, error: { key: 'briefing_text_nul' } };
  }
  const odd = text.length - text.replace(ODD_CHARACTERS, '').length;
  if (odd >= 3 && odd / text.length >= 0.02) {
    const share = ((odd / text.length) * 100).toFixed(odd / text.length < 0.1 ? 1 : 0);
    return { ok: false, error: { key: 'briefing_text_control', substitutions: [share] } };
  }
  return { ok: true };
}
