/**
 * When browser.storage refuses a write: the one test for "the area is full", and the error the
 * briefings page shows for it. No browser API here, so the pages' components can use it too.
 *
 * What the browsers say: Chromium rejects with `QUOTA_BYTES quota exceeded`,
 * `QUOTA_BYTES_PER_ITEM quota exceeded` or (sync, written too often) `MAX_WRITE_OPERATIONS_PER_…
 * quota exceeded`; Firefox with a `QuotaExceededError`.
 */
import { errorText, UserFacingError } from '../core/i18n';

/** Chromium's storage.local quota (QUOTA_BYTES) without the `unlimitedStorage` permission, which Syria Lens does not ask for. */
export const LOCAL_QUOTA_BYTES = 10 * 1024 * 1024;

function errorName(error: unknown): string {
  if (!error || typeof error !== 'object' || !('name' in error)) return '';
  return String(error.name);
}

/** Did the browser refuse a write because the area is full (or sync was written too often)? */
export function isQuotaError(error: unknown): boolean {
  return errorName(error) === 'QuotaExceededError' || /quota|QUOTA_BYTES|MAX_WRITE_OPERATIONS/i.test(errorText(error));
}

/**
 * The browser refused to store the briefings (storage quota). Nothing was changed. The page
 * shows `bytes` in the reader's number format; `userMessage` says the same with sizes in MB.
 */
export class BriefingQuotaError extends UserFacingError {
  override name = 'BriefingQuotaError';
  constructor(
    /** Bytes the briefings would have taken (JSON, UTF-8). */
    readonly bytes: number,
    cause: unknown,
  ) {
    const wanted = (bytes / 1_000_000).toFixed(1);
    const allowed = (LOCAL_QUOTA_BYTES / 1_000_000).toFixed(1);
    super(
      { key: 'briefing_store_quota', substitutions: [wanted, allowed] },
      `Not enough room in the browser's storage: your briefings would take ${wanted} MB ` +
        `and the browser keeps at most ${allowed} MB for Syria Lens. ` +
        'Delete or shorten a briefing, then try again. Nothing was changed.',
      { cause },
    );
  }
}
