/**
 * What one page needs from the settings: whether to mark it, which entities, and how. The
 * background computes it (core/configure-lens.ts) so that the content script, which runs on
 * every page, carries neither the settings schema nor the catalogue — only this type.
 */
import type { MatcherPlan } from './matcher';
import type { Entity, InactiveReason, MarkStyle } from './types';

export interface LensConfig {
  active: boolean;
  reason?: InactiveReason;
  /** Entities to mark on the page (the reader's kinds and hidden list applied). */
  entities: Entity[];
  /** The matcher for those entities, prepared once in the background (see core/matcher.ts). */
  matcher: MatcherPlan;
  markStyle: MarkStyle;
  firstOnly: boolean;
  hoverDelayMs: number;
  /** A tap (touch, pen) on a mark opens its card. */
  tapToOpen: boolean;
}

/** Does going from one config to the next need a new scan, or can a running lens follow? */
export function needsRestart(previous: LensConfig, next: LensConfig): boolean {
  return (
    previous.active !== next.active ||
    previous.firstOnly !== next.firstOnly ||
    // Taps are listened for, or not, from the start (the setting seldom changes).
    previous.tapToOpen !== next.tapToOpen ||
    JSON.stringify(previous.entities) !== JSON.stringify(next.entities)
  );
}
