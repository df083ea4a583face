/** The briefings page's words for sizes and problems, in the reader's language and number format. */
import { MAX_BRIEFING_BYTES, utf8Length, validateBriefingText } from '../core/briefing-limits';
import { describeFileProblem, type BriefingFileProblem } from '../core/briefing-file';
import { readableError, t, tm } from '../core/i18n';
import { BriefingQuotaError } from '../extension/storage-errors';

/** The page's number format (its language). */
export const numbers = () => new Intl.NumberFormat(typeof document !== 'undefined' ? document.documentElement.lang || undefined : undefined, { maximumFractionDigits: 1 });

/** 812 bytes, 12.3 KB, 1.0 MB (decimal units, as the 1 MB limit is). */
export function formatSize(bytes: number): string {
  const n = numbers();
  if (bytes < 1000) return t('briefings_size_bytes', [n.format(bytes)]);
  if (bytes < 1_000_000) return t('briefings_size_kb', [n.format(Math.round(bytes / 100) / 10)]);
  return t('briefings_size_mb', [new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(Math.round(bytes / 10_000) / 100)]);
}

/** Why this text cannot be a briefing, translated, or null when it can. */
export function textProblem(text: string): string | null {
  if (validateBriefingText(text).ok) return null;
  if (text.trim() === '') return t('briefings_error_empty');
  const bytes = utf8Length(text);
  if (bytes > MAX_BRIEFING_BYTES) return t('briefings_error_too_large', [formatSize(bytes)]);
  return t('briefings_error_binary');
}

/** A problem of a briefings file, as the reader should read it. */
export function fileProblemMessage(problem: BriefingFileProblem): string {
  // A size in the reader's number format; every other problem as the file reader describes it.
  if (problem.code === 'bad-text' && problem.tooLarge !== undefined) {
    return t('briefings_import_too_large', [String(problem.briefing), formatSize(problem.tooLarge)]);
  }
  return tm(describeFileProblem(problem));
}

/** A store error as the reader should read it. */
export function storeErrorMessage(error: unknown): string {
  if (error instanceof BriefingQuotaError) return t('briefings_error_quota', [formatSize(error.bytes)]);
  return `${t('briefings_error_save')} ${readableError(error)}`;
}
