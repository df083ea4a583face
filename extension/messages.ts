/**
 * Messages between the extension's parts. Settings never travel as messages: every part
 * reads them from browser.storage and follows storage.onChanged (one-way data flow); the
 * background turns them into what one page needs (its LensConfig) when a content script asks.
 */
import type { LensConfig } from '../core/lens-config';
import type { NewsSignals } from '../core/sites';
import type { InactiveReason } from '../core/types';

export type { InactiveReason };

export interface PageState {
  /** Host name of the page that answered. */
  host: string;
  active: boolean;
  reason?: InactiveReason;
  /** Mentions per entity id on the page now. */
  counts: Record<string, number>;
  total: number;
}

/** Popup and background → content script. */
export type ContentRequest =
  | { type: 'get-page-state' }
  /**
   * Scroll to the next mention of `entity` (any entity when absent) after the last one
   * revealed, emphasise it and open its card.
   */
  | { type: 'reveal-mention'; entity?: string; direction?: 1 | -1 };

/** Content script (and extension pages) → background. */
export type BackgroundRequest =
  /** What should this page mark, and how? Answered with a LensConfig. */
  | { type: 'lens-config'; url: string; signals: NewsSignals }
  /** The card for an entity: answered with CardData, or null for an unknown entity. */
  | { type: 'card'; entity: string }
  /** Inject the card UI script into the sender's frame (loaded on first hover only). */
  | { type: 'load-card-ui' }
  | { type: 'mentions-changed'; total: number; active: boolean }
  /** The reader clicked a card's source: show the briefing with this sentence highlighted. */
  | { type: 'open-briefing'; briefingId: string; sentence: string };

export type { LensConfig };
