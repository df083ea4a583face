/**
 * Messages between the extension's parts. Settings never travel as messages: every part
 * reads them from browser.storage and follows storage.onChanged (one-way data flow).
 */

import type { InactiveReason } from '../core/types';

export type { InactiveReason };

export interface PageState {
  /** Host name of the page that answered. */
  host: string;
  active: boolean;
  reason?: InactiveReason;
  /** Mentions per entity id on the page now, in page order of first mention. */
  counts: Record<string, number>;
  total: number;
}

/** Popup → content script. */
export type ContentRequest =
  | { type: 'get-page-state' }
  /**
   * Scroll to the next mention of `entity` (any entity when absent) after the last one
   * revealed, emphasise it and open its card.
   */
  | { type: 'reveal-mention'; entity?: string; direction?: 1 | -1 };

/** Content script → background. */
export type BackgroundRequest =
  | { type: 'mentions-changed'; total: number; active: boolean }
  /** The reader clicked a card's source: show the briefing with this sentence highlighted. */
  | { type: 'open-briefing'; briefingId: string; sentence: string };
