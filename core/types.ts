/**
 * Shared vocabulary of the pure core. No browser API, no DOM. Every part of the extension
 * imports these names from here; lists elsewhere (labels, schemas, defaults) are typed
 * against them so the compiler catches one that falls out of step.
 */
import type { LatLon } from './geo';

/** The kinds of entity, in the order the options page lists them. */
export const ENTITY_KINDS = ['person', 'place', 'country', 'group', 'topic'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** How marks look on the page: a dotted underline, a tinted background, or nothing (cards on hover only). */
export const MARK_STYLES = ['underline', 'background', 'none'] as const;
export type MarkStyle = (typeof MARK_STYLES)[number];

/**
 * One way an entity is written. `text` is literal (not a RegExp); spaces in it match
 * any run of white space including a no-break space, and `-` matches `-` or U+2011.
 */
export interface Alias {
  text: string;
  /** `true`: any letter case (rebels, Rebels, REBELS). Otherwise exact case, plus the ALL-CAPS form. */
  anyCase?: boolean;
  /**
   * The languages that write the name this way (lower-case primary subtags: `en`, `ar`, `fr`,
   * `de`, `es`). Absent: spelled so in every language (`Homs`, `HTS`). A page is matched with the
   * names of its language plus these (see core/language.ts).
   */
  lang?: string[];
  /** Words that, right after the name, make it something else (any case; `#`: a number): Turkey *dinners*, HTS *code*. */
  notFollowedBy?: string[];
  /** Words that, right before the name, make it something else (any case): *Latin* America, *Michael* Jordan. */
  notPrecededBy?: string[];
  /** An abbreviation that is also a word (US / us): not a mention in text written in capitals (TRUST US). */
  notInAllCaps?: boolean;
  /**
   * A family name alone: it names the person whose full name came last before it in the text —
   * this entity's (an alias) or another person's (one of its notAliases: Farouk al-Sharaa … al-Sharaa).
   */
  surname?: boolean;
}

export interface Entity {
  id: string;
  name: string;
  kind: EntityKind;
  /** One line, shown under the name on the card. */
  description: string;
  aliases: Alias[];
  /**
   * Names that contain an alias but mean someone else (Hafez al-Assad is not Bashar
   * al-Assad). They are matched and swallowed so the alias inside them is not a mention.
   */
  notAliases?: string[];
  /** Ids of broader entities a card falls back to when no briefing names this one (HTS → rebels). */
  broader?: string[];
  /**
   * Where a reader's own place is (decimal degrees, WGS 84): its card then shows a locator map.
   * Only places carry it (core/entity.ts says why); bundled places take theirs from GeoNames at
   * build time (scripts/maps/), not from the catalogue.
   */
  coordinates?: LatLon;
}

/** One occurrence of an entity in a text; `start`/`end` are UTF-16 offsets, end exclusive. */
export interface Mention {
  entity: string;
  start: number;
  end: number;
  text: string;
}

/** What a reader changed in the entity catalogue (issue 4): stored in settings, applied on load. */
export interface EntityChanges {
  /** Entities the reader added, e.g. "Hayat Tahrir al-Sham" with alias "HTS". */
  added: Entity[];
  /** Extra aliases for built-in entities, by entity id. */
  extraAliases: Record<string, string[]>;
  /** Built-in entity ids the reader does not want marked. */
  hidden: string[];
}

/**
 * Finds mentions in a text: what the matcher offers to the briefing compiler and the page.
 * `language` (a lower-case primary subtag, see core/language.ts) limits the names to those of that
 * language plus those spelled alike in every language; without it, every language's names are used.
 */
export type FindMentions = (text: string, language?: string) => Mention[];

/** A summarized document the cards draw background from. */
export interface Briefing {
  id: string;
  title: string;
  /** Address of the original, if the reader gave one. */
  source?: string;
  text: string;
  /**
   * The day the document speaks for (`YYYY-MM-DD`): a bundled briefing's own date, or, for a
   * reader's briefing made from an article, the article's publication date.
   * A reader's briefing without one shows the day it was added, which its id records
   * (core/cards.ts briefingDate).
   */
  date?: string;
  /** Bundled with the extension, as opposed to added by the reader. */
  builtIn?: boolean;
  enabled?: boolean;
}

/** The background one briefing gives one entity, quoted verbatim, best sentence first. */
export interface CardBackground {
  briefingId: string;
  briefingTitle: string;
  /** The title cut to a few words, shown with each quote (core/cards.ts shortTitle); the card falls back to the title. */
  shortTitle?: string;
  /** The briefing's date (`YYYY-MM-DD`), when it has one. */
  date?: string;
  source?: string;
  sentences: string[];
}

/** Everything a card shows. Built by the core, rendered by components/Card. */
export interface CardData {
  entity: Entity;
  /** The date the entity's description holds for (`YYYY-MM-DD`): the catalogue's, for a built-in entity. */
  factsDate?: string;
  /** What the briefings say about the entity itself, newest briefing first. */
  backgrounds: CardBackground[];
  /**
   * Only when no briefing names the entity: what they say about the first of its broader entities
   * that one does name (HTS → the rebels), newest briefing first. The card labels it as such.
   */
  broader?: { id: string; name: string; backgrounds: CardBackground[] };
  /** Enabled briefings the card looked in (the card says "the briefing" or "your N briefings"); absent: not known. */
  briefingCount?: number;
  /** Entities named in the same briefing sentences, most shared first. */
  related: { id: string; name: string }[];
}

/**
 * Why a tab shows no marks: the reader switched Syria Lens off everywhere (`disabled`) or on this
 * site (`site-off`); automatic mode, and the page does not look like a news article (`not-news`);
 * a browser page, store page, PDF… where no content script can run (`unsupported`).
 */
export const INACTIVE_REASONS = ['disabled', 'site-off', 'not-news', 'unsupported'] as const;
export type InactiveReason = (typeof INACTIVE_REASONS)[number];
