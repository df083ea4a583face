/**
 * The reader's settings, pure: schema, defaults, migration from older stored formats and
 * field-by-field repair. No browser API; extension/settings-store.ts reads and writes them.
 *
 * `parseSettings` never throws. A damaged field falls back to its default while the other
 * fields are kept; inside lists (site rules, added entities…) only the damaged items are dropped
 * (an added place whose only damage is its coordinates keeps its name, without the coordinates).
 */
import * as v from 'valibot';
import { AliasTextSchema, EntityIdSchema, EntitySchema, MAX_ALIASES, MAX_OWN_ENTITIES, MAX_OWN_NAMES, ownNameCount } from './entity';
import { ENTITY_KINDS, MARK_STYLES, type EntityChanges, type EntityKind, type MarkStyle } from './types';
import type { Message } from './i18n';
import { decidingSiteRule, siteRuleHost, validatePattern, type SiteMode, type SiteRule } from './sites';

export type { SiteMode, SiteRule };

/** The format written now. Raise it, and add a step to MIGRATIONS, when the stored shape changes. */
export const SETTINGS_VERSION = 1;

export type Scope = 'news' | 'all';

export interface Settings {
  schemaVersion: typeof SETTINGS_VERSION;
  /** Global on/off. */
  enabled: boolean;
  /** `news`: run by itself on pages that look like news articles; `all`: on every site. */
  scope: Scope;
  /** Per-site always on / always off; see `decidingSiteRule` in ./sites for which rule wins. */
  siteRules: SiteRule[];
  kinds: Record<EntityKind, boolean>;
  /** Mark only the first mention of each entity (false: every mention). */
  markFirstOnly: boolean;
  markStyle: MarkStyle;
  /** How long the pointer rests on a mark before its card opens. */
  hoverDelayMs: number;
  /** On touch screens (and pens), a tap on a mark opens its card at once. */
  tapToOpen: boolean;
  /** Show the number of mentions on the toolbar button. */
  showBadge: boolean;
  entityChanges: EntityChanges;
}

export const HOVER_DELAY_MIN_MS = 0;
export const HOVER_DELAY_MAX_MS = 3000;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** A fresh, mutable copy of the defaults. */
export function defaultSettings(): Settings {
  return {
    schemaVersion: SETTINGS_VERSION,
    enabled: true,
    scope: 'news',
    siteRules: [],
    kinds: { person: true, place: true, country: true, group: true, topic: true },
    markFirstOnly: false,
    markStyle: 'underline',
    hoverDelayMs: 500,
    tapToOpen: true,
    showBadge: true,
    entityChanges: { added: [], extraAliases: {}, hidden: [] },
  };
}

/** The defaults, frozen (writing to them throws). Use `defaultSettings()` for a copy to change. */
export const DEFAULT_SETTINGS: Settings = deepFreeze(defaultSettings());

// ---------------------------------------------------------------------------------------------
// Schema

const SiteRuleSchema = v.object({
  pattern: v.pipe(
    v.string(),
    v.trim(),
    v.check((p) => validatePattern(p) === null, 'not a site or match pattern'),
  ),
  mode: v.picklist(['on', 'off']),
});

/** Extra aliases of one built-in entity: as many as an entity may have. */
const ExtraAliasesSchema = v.pipe(v.array(AliasTextSchema), v.maxLength(MAX_ALIASES));

// The reader's entities are checked by the one entity validator (core/entity.ts), and their
// names counted: every page compiles them (limits in core/entity.ts).
const EntityChangesSchema = v.pipe(
  v.object({
    added: v.pipe(v.array(EntitySchema), v.maxLength(MAX_OWN_ENTITIES)),
    extraAliases: v.record(v.string(), ExtraAliasesSchema),
    hidden: v.array(EntityIdSchema),
  }),
  v.check((changes) => ownNameCount(changes) <= MAX_OWN_NAMES, `at most ${MAX_OWN_NAMES} names of the reader's own`),
);

/** One switch per kind of entity; `satisfies` makes the compiler check it lists every kind. */
const KindsSchema = v.object({
  person: v.boolean(),
  place: v.boolean(),
  country: v.boolean(),
  group: v.boolean(),
  topic: v.boolean(),
} satisfies Record<EntityKind, v.BooleanSchema<undefined>>);

/** The whole current format, strict. Everything `parseSettings` returns passes it. */
export const SettingsSchema = v.object({
  schemaVersion: v.literal(SETTINGS_VERSION),
  enabled: v.boolean(),
  scope: v.picklist(['news', 'all']),
  siteRules: v.array(SiteRuleSchema),
  kinds: KindsSchema,
  markFirstOnly: v.boolean(),
  markStyle: v.picklist(MARK_STYLES),
  hoverDelayMs: v.pipe(v.number(), v.integer(), v.minValue(HOVER_DELAY_MIN_MS), v.maxValue(HOVER_DELAY_MAX_MS)),
  tapToOpen: v.boolean(),
  showBadge: v.boolean(),
  entityChanges: EntityChangesSchema,
});

// The schema and the Settings interface must describe the same thing.
type SchemaOutput = v.InferOutput<typeof SettingsSchema>;
const _schemaMatchesType: SchemaOutput extends Settings ? (Settings extends SchemaOutput ? true : never) : never = true;
void _schemaMatchesType;

type Field = Exclude<keyof Settings, 'schemaVersion'>;
const FIELDS = Object.keys(SettingsSchema.entries).filter((k): k is Field => k !== 'schemaVersion');

/** "<setting>: the saved value $1 was not valid; reset to $2.", one message for each setting. */
const RESET: Record<Field, Message> = {
  enabled: { key: 'settings_problem_reset_enabled' },
  scope: { key: 'settings_problem_reset_scope' },
  siteRules: { key: 'settings_problem_reset_site_rules' },
  kinds: { key: 'settings_problem_reset_kinds' },
  markFirstOnly: { key: 'settings_problem_reset_mark_first_only' },
  markStyle: { key: 'settings_problem_reset_mark_style' },
  hoverDelayMs: { key: 'settings_problem_reset_hover_delay' },
  tapToOpen: { key: 'settings_problem_reset_tap_to_open' },
  showBadge: { key: 'settings_problem_reset_show_badge' },
  entityChanges: { key: 'settings_problem_reset_entity_changes' },
};

function describe(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 40 ? text.slice(0, 37) + '…' : text;
}

// ---------------------------------------------------------------------------------------------
// Migration

type Raw = Record<string, unknown>;

/**
 * Version 0, before `schemaVersion` existed:
 * `{ on: boolean, disabledSites: string[], style?: 'underline' | 'highlight' }`,
 * where a disabled site was written as a host name or a whole address.
 */
function migrateV0toV1(old: Raw): Raw {
  const next: Raw = {};
  if ('on' in old) next.enabled = old.on;
  if ('disabledSites' in old) {
    next.siteRules = Array.isArray(old.disabledSites)
      ? old.disabledSites.map((site: unknown) => ({
          // Unreadable entries go through as they are, so that repair names them.
          pattern: typeof site === 'string' ? (siteRuleHost(site) ?? site) : site,
          mode: 'off',
        }))
      : old.disabledSites;
  }
  if ('style' in old) next.markStyle = old.style === 'highlight' ? 'background' : old.style;
  return next;
}

/** `MIGRATIONS[n]` turns a version-n object into a version-(n+1) object; repair comes after. */
const MIGRATIONS: Record<number, (old: Raw) => Raw> = {
  0: migrateV0toV1,
};

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The stored format's version: 0 for the format before versions were stored. */
function storedVersion(raw: Raw, problems: Message[]): number {
  const version = raw.schemaVersion;
  if (version === undefined) {
    const looksV0 = 'on' in raw || 'disabledSites' in raw;
    return looksV0 ? 0 : SETTINGS_VERSION;
  }
  if (typeof version === 'number' && Number.isInteger(version) && version >= 0) {
    if (version > SETTINGS_VERSION) {
      problems.push({ key: 'settings_problem_newer_version' });
      return SETTINGS_VERSION;
    }
    return version;
  }
  problems.push({ key: 'settings_problem_bad_version', substitutions: [describe(version)] });
  return SETTINGS_VERSION;
}

// ---------------------------------------------------------------------------------------------
// Repair

function repairField(field: Field, value: unknown, problems: Message[]): unknown {
  const fallback = DEFAULT_SETTINGS[field];
  const reset = (): unknown => {
    problems.push({ ...RESET[field], substitutions: [describe(value), describe(fallback)] });
    return structuredClone(fallback);
  };

  switch (field) {
    case 'hoverDelayMs': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return reset();
      const clamped = Math.min(HOVER_DELAY_MAX_MS, Math.max(HOVER_DELAY_MIN_MS, Math.round(value)));
      if (clamped !== Math.round(value)) {
        problems.push({
          key: 'settings_problem_hover_delay_range',
          substitutions: [String(value), String(HOVER_DELAY_MIN_MS), String(HOVER_DELAY_MAX_MS), String(clamped)],
        });
      }
      return clamped;
    }

    case 'kinds': {
      if (!isRecord(value)) return reset();
      const kinds = { ...DEFAULT_SETTINGS.kinds };
      for (const kind of ENTITY_KINDS) {
        const flag = value[kind];
        if (typeof flag === 'boolean') kinds[kind] = flag;
        else if (flag !== undefined) {
          problems.push({ key: 'settings_problem_kind_flag', substitutions: [kind, describe(flag)] });
        }
      }
      return kinds;
    }

    case 'siteRules': {
      if (!Array.isArray(value)) return reset();
      const rules: SiteRule[] = [];
      for (const item of value) {
        const parsed = v.safeParse(SiteRuleSchema, item);
        if (parsed.success) rules.push(parsed.output);
        else problems.push({ key: 'settings_problem_rule_dropped', substitutions: [describe(item)] });
      }
      return rules;
    }

    case 'entityChanges': {
      if (!isRecord(value)) return reset();
      const changes: EntityChanges = { added: [], extraAliases: {}, hidden: [] };

      /** Names of the reader's own kept so far, and entries / alias lists dropped over the limits. */
      let names = 0;
      let overLimit = 0;
      if (Array.isArray(value.added)) {
        const ids = new Set<string>();
        for (const item of value.added) {
          let parsed = v.safeParse(EntitySchema, item);
          if (!parsed.success && isRecord(item) && item.coordinates !== undefined) {
            // Damaged coordinates (or coordinates on a kind that takes none) cost the entry its
            // map, not the name itself: it is kept without them, and the reader is told.
            const { coordinates: _dropped, ...rest } = item;
            const without = v.safeParse(EntitySchema, rest);
            if (without.success) {
              problems.push({ key: 'settings_problem_coordinates_dropped', substitutions: [`"${without.output.name}"`, describe(item.coordinates)] });
              parsed = without;
            }
          }
          if (parsed.success && !ids.has(parsed.output.id)) {
            if (changes.added.length >= MAX_OWN_ENTITIES || names + parsed.output.aliases.length > MAX_OWN_NAMES) {
              overLimit++;
              continue;
            }
            names += parsed.output.aliases.length;
            ids.add(parsed.output.id);
            changes.added.push(parsed.output);
          } else {
            const name = isRecord(item) && typeof item.name === 'string' ? `"${item.name}"` : describe(item);
            problems.push({ key: 'settings_problem_added_dropped', substitutions: [name] });
          }
        }
      } else if (value.added !== undefined) {
        problems.push({ key: 'settings_problem_added_unreadable' });
      }

      if (isRecord(value.extraAliases)) {
        for (const [id, aliases] of Object.entries(value.extraAliases)) {
          const parsed = v.safeParse(ExtraAliasesSchema, aliases);
          if (!parsed.success) problems.push({ key: 'settings_problem_aliases_dropped', substitutions: [id] });
          else if (names + parsed.output.length > MAX_OWN_NAMES) overLimit++;
          else {
            names += parsed.output.length;
            changes.extraAliases[id] = parsed.output;
          }
        }
      } else if (value.extraAliases !== undefined) {
        problems.push({ key: 'settings_problem_aliases_unreadable' });
      }
      if (overLimit > 0) {
        problems.push({
          key: 'settings_problem_names_over_limit',
          substitutions: [String(overLimit), String(MAX_OWN_ENTITIES), String(MAX_OWN_NAMES)],
        });
      }

      if (Array.isArray(value.hidden)) {
        for (const id of value.hidden) {
          const parsed = v.safeParse(EntityIdSchema, id);
          if (parsed.success) {
            if (!changes.hidden.includes(parsed.output)) changes.hidden.push(parsed.output);
          } else problems.push({ key: 'settings_problem_hidden_dropped', substitutions: [describe(id)] });
        }
      } else if (value.hidden !== undefined) {
        problems.push({ key: 'settings_problem_hidden_unreadable' });
      }
      return changes;
    }

    default: {
      const parsed = v.safeParse(SettingsSchema.entries[field], value);
      return parsed.success ? parsed.output : reset();
    }
  }
}

/** Equality of JSON-like values; object key order does not matter, an `undefined` member counts as absent. */
function sameJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keysA = Object.keys(a).filter((k) => a[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => b[k] !== undefined);
  return keysA.length === keysB.length && keysA.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
}

export interface ParsedSettings {
  settings: Settings;
  /** The stored value differs from `settings` and should be written back (migrated, filled in, repaired). */
  repaired: boolean;
  /** What was damaged and reset, as messages to show the reader (`tm`). Empty after a clean read or a migration. */
  problems: Message[];
}

/**
 * Reads a stored settings value, whatever it is. Never throws.
 * - nothing stored (`undefined`/`null`): the defaults, not `repaired`;
 * - a JSON string: parsed first;
 * - an older format: migrated step by step to the current one;
 * - a damaged field: its default, the other fields kept; unknown keys dropped;
 * - missing fields: their defaults, without a problem (a newer format may add fields).
 */
export function parseSettings(raw: unknown): ParsedSettings {
  const problems: Message[] = [];
  if (raw === undefined || raw === null) return { settings: defaultSettings(), repaired: false, problems };

  let value: unknown = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      problems.push({ key: 'settings_problem_unreadable' });
      return { settings: defaultSettings(), repaired: true, problems };
    }
  }
  if (!isRecord(value)) {
    problems.push({ key: 'settings_problem_unreadable' });
    return { settings: defaultSettings(), repaired: true, problems };
  }

  let current: Raw = value;
  for (let version = storedVersion(value, problems); version < SETTINGS_VERSION; version++) {
    const migrate = MIGRATIONS[version];
    if (!migrate) {
      problems.push({ key: 'settings_problem_cannot_upgrade', substitutions: [String(version)] });
      break;
    }
    current = migrate(current);
  }

  const settings = defaultSettings() as unknown as Raw;
  for (const field of FIELDS) {
    if (current[field] !== undefined) settings[field] = repairField(field, current[field], problems);
  }
  const result = settings as unknown as Settings;
  return { settings: result, repaired: !sameJson(raw, result), problems };
}

// ---------------------------------------------------------------------------------------------
// Site rules as the popup sees them

/**
 * Sets the popup's rule for a site: `host` (a host name or a page address) gets a host-name rule,
 * written without `www.` so it covers the site's subdomains too (see `siteRuleHost`). `null`
 * removes that rule, so the site follows the other rules and the scope again. Match patterns
 * written on the options page are left alone; a more specific one of them may still decide
 * (check with `siteModeFor`). An unreadable `host` leaves the settings as they are.
 */
export function setSiteMode(settings: Settings, host: string, mode: SiteMode | null): Settings {
  const ruleHost = siteRuleHost(host);
  if (!ruleHost) return settings;
  const sameSite = (rule: SiteRule): boolean =>
    !rule.pattern.includes('://') && siteRuleHost(rule.pattern) === ruleHost;
  const siteRules = settings.siteRules.filter((rule) => !sameSite(rule));
  if (mode) siteRules.push({ pattern: ruleHost, mode });
  return { ...settings, siteRules };
}

/** The mode the site rules give `url` (`undefined`: no rule matches, the scope decides). */
export function siteModeFor(settings: Pick<Settings, 'siteRules'>, url: string): SiteMode | undefined {
  return decidingSiteRule(settings.siteRules, url)?.mode;
}
