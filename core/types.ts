/**
 * Shared vocabulary of the pure core. No browser API, no DOM. Every part of the extension
 * imports these names from here; lists elsewhere (labels, schemas, defaults) are typed
 * against them so the compiler catches one that falls out of step.
 */

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
  /** Language subtags (`en`, `ar`…) of the pages this alias is looked for on; absent: every language. */
  lang?: string[];
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
  /** Ids of broader entities (a city's country, a group's coalition). */
  broader?: string[];
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

/** Finds mentions in a text: what the matcher offers to the briefing compiler and the page. */
export type FindMentions = (text: string) => Mention[];

/** A summarized document the cards draw background from. */
export interface Briefing {
  id: string;
  title: string;
  /** Address of the original, if the reader gave one. */
  source?: string;
  text: string;
  /** Bundled with the extension, as opposed to added by the reader. */
  builtIn?: boolean;
  enabled?: boolean;
}

/** The background one briefing gives one entity, quoted verbatim, best sentence first. */
export interface CardBackground {
  briefingId: string;
  briefingTitle: string;
  source?: string;
  sentences: string[];
}

/** Everything a card shows. Built by the core, rendered by components/Card. */
export interface CardData {
  entity: Entity;
  backgrounds: CardBackground[];
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
