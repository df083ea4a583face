/** Shared vocabulary of the pure core. No browser API, no DOM. */

export type EntityKind = 'person' | 'place' | 'country' | 'group' | 'topic';
export const ENTITY_KINDS: readonly EntityKind[] = ['person', 'place', 'country', 'group', 'topic'];

/**
 * One way an entity is written. `text` is literal (not a RegExp); spaces in it match
 * any run of white space including a no-break space, and `-` matches `-` or U+2011.
 */
export interface Alias {
  text: string;
  /** `true`: any letter case (rebels, Rebels, REBELS). Otherwise exact case, plus the ALL-CAPS form. */
  anyCase?: boolean;
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
}

/** One occurrence of an entity in a text; `start`/`end` are UTF-16 offsets, end exclusive. */
export interface Mention {
  entity: string;
  start: number;
  end: number;
  text: string;
}
