/**
 * What one page needs from the settings: whether to mark it, which entities, and how. The
 * background computes it (core/configure-lens.ts) so that the content script, which runs on
 * every page, carries neither the settings schema nor the catalogue — only this type.
 */
import type { MatcherPlan } from './matcher';
import type { EntityKind, InactiveReason, MarkStyle } from './types';

export interface LensConfig {
  active: boolean;
  reason?: InactiveReason;
  /**
   * The kind of each entity to mark on the page (the reader's kinds and hidden list applied), by
   * id: all the page needs of the entities. Not the entities themselves: their thousands of
   * aliases, as little objects in every tab, made the page's GC run during its first scan.
   */
  entityKinds: Record<string, EntityKind>;
  /** The matcher for those entities, prepared once in the background (see core/matcher.ts). */
  matcher: MatcherPlan;
  markStyle: MarkStyle;
  firstOnly: boolean;
  hoverDelayMs: number;
  /** A tap (touch, pen) on a mark opens its card. */
  tapToOpen: boolean;
  /**
   * The reader's own names (entities they added, aliases they gave): found and hoverable, but
   * given no visible mark, since a page can read every registered highlight with its text.
   */
  privateNames?: PrivateNames;
}

export interface PrivateNames {
  /** Ids of the entities the reader added. */
  entities: string[];
  /** Aliases the reader gave built-in entities. */
  aliases: string[];
}

/** Does going from one config to the next need a new scan, or can a running lens follow? */
export function needsRestart(previous: LensConfig, next: LensConfig): boolean {
  return (
    previous.active !== next.active ||
    previous.firstOnly !== next.firstOnly ||
    // Taps are listened for, or not, from the start (the setting seldom changes).
    previous.tapToOpen !== next.tapToOpen ||
    // The plan holds every alias and rule: the same plan and kinds, the same marks.
    JSON.stringify([previous.entityKinds, previous.matcher, previous.privateNames]) !== JSON.stringify([next.entityKinds, next.matcher, next.privateNames])
  );
}
