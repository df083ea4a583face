/**
 * What an entity may be: the ONE validator (valibot) for entities wherever they come from — the
 * bundled catalogue (`assets/entities.json`, core/catalogue.ts), the reader's own entities kept in
 * the settings (core/settings.ts) and the options page's "add a name" form (components/EntityEditor).
 * Pure: no browser API, no DOM.
 *
 * The rules, once:
 * - an id is one word: not empty, no white space (it ends up in message keys, element ids, storage);
 * - a name is not blank; names and alias texts are trimmed;
 * - an alias (or a name that is not an entity) contains a letter or a digit: `-` or `.` alone
 *   would mark half the page;
 * - `anyCase` is kept only when true; unknown fields are dropped;
 * - everything is bounded (see the limits below): a name or alias of 6 KB, or thousands of them,
 *   would be compiled into the RegExp every page runs (issue 9).
 * Optional fields: an alias's `lang` (language subtags of the pages it is looked for on), its
 * context words and flags (`notFollowedBy`, `notPrecededBy`, `notInAllCaps`, `surname`: what makes
 * the same letters something else, see core/types.ts) and an entity's `broader` (ids of broader
 * entities, never itself) and a place's `coordinates` (`{lat, lon}`, checked by core/geo.ts; only a
 * place may carry them). A new field is one more line in `EntitySchema`.
 */
import * as v from 'valibot';
import { LatLonSchema } from './geo';
import { ENTITY_KINDS, type Alias, type Entity, type EntityChanges } from './types';

/** Does a name or alias have something to match: a letter or a digit? */
export function isUsableName(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

const got = (issue: v.BaseIssue<unknown>): string => `(got ${issue.received})`;

// Limits. Far above what the catalogue needs (longest alias 46 characters, most aliases 66, most
// context words 61, longest description 277), far below what would slow a page down.
/** Longest name, alias, notAlias or context word (characters, after trimming). */
export const MAX_NAME_CHARS = 100;
/** Longest entity id (characters). */
export const MAX_ID_CHARS = 100;
/** Most aliases (and most notAliases, most context words of one alias) an entity may have. */
export const MAX_ALIASES = 100;
/** Longest description (characters). */
export const MAX_DESCRIPTION_CHARS = 500;
/** Most broader entities. */
export const MAX_BROADER = 20;

/** Most entities a reader may add (settings, `entityChanges.added`). */
export const MAX_OWN_ENTITIES = 200;
/**
 * Most names of the reader's own, all together: the aliases of the entities they added plus the
 * extra aliases of built-in ones. Bounds what every page compiles, whatever the counts above allow.
 */
export const MAX_OWN_NAMES = 1000;

/** The names of the reader's own in `changes` (see MAX_OWN_NAMES). */
export function ownNameCount(changes: Pick<EntityChanges, 'added' | 'extraAliases'>): number {
  let count = 0;
  for (const entity of changes.added) count += entity.aliases.length;
  for (const aliases of Object.values(changes.extraAliases)) count += aliases.length;
  return count;
}

const atMostChars = (max: number) => v.maxLength<string, number, (issue: v.BaseIssue<unknown>) => string>(max, (issue) => `must be at most ${max} characters long (got ${(issue.input as string).length})`);
const atMostItems = <T>(max: number) => v.maxLength<T[], number, (issue: v.BaseIssue<unknown>) => string>(max, (issue) => `must have at most ${max} items (got ${(issue.input as T[]).length})`);

/** An entity id: one word, not empty. Also what `hidden` and `broader` list. */
export const EntityIdSchema = v.pipe(
  v.string('must be a non-empty string'),
  v.nonEmpty('must be a non-empty string'),
  atMostChars(MAX_ID_CHARS),
  v.regex(/^\S+$/u, (issue) => `must not contain white space ${got(issue)}`),
);

/** The text of an alias (or of a notAlias): trimmed, with a letter or digit. */
export const AliasTextSchema = v.pipe(
  v.string('must be a string'),
  v.trim(),
  atMostChars(MAX_NAME_CHARS),
  v.check(isUsableName, (issue) => `must contain a letter or digit ${got(issue)}`),
);

/** A BCP 47 primary language subtag, lower case: `en`, `ar`, `fr`, `de`, `es`. */
const LanguageSchema = v.pipe(
  v.string('must be a string'),
  v.regex(/^[a-z]{2,3}$/, (issue) => `must be a language subtag such as "en" or "ar" ${got(issue)}`),
);

const objectMessage = (issue: v.BaseIssue<unknown>): string => (issue.expected === 'Object' ? `must be an object ${got(issue)}` : 'is missing');

/** A context word (`dinners` after Turkey, `Latin` before America): a letter or digit, or `#` (a number). */
const ContextWordsSchema = v.pipe(
  v.array(
    v.pipe(
      v.string('must be a string'),
      atMostChars(MAX_NAME_CHARS),
      v.check((word) => word === '#' || isUsableName(word), (issue) => `must be a word with a letter or digit, or "#" ${got(issue)}`),
    ),
    'must be an array of words',
  ),
  v.nonEmpty('must not be empty'),
  atMostItems(MAX_ALIASES),
);

export const AliasSchema = v.pipe(
  v.object(
    {
      text: AliasTextSchema,
      anyCase: v.optional(v.boolean('must be a boolean')),
      lang: v.optional(
        v.pipe(
          v.array(LanguageSchema, 'must be an array of language subtags'),
          v.nonEmpty('must not be empty'),
          v.check((tags) => new Set(tags).size === tags.length, 'must not repeat a language'),
        ),
      ),
      notFollowedBy: v.optional(ContextWordsSchema),
      notPrecededBy: v.optional(ContextWordsSchema),
      notInAllCaps: v.optional(v.boolean('must be a boolean')),
      surname: v.optional(v.boolean('must be a boolean')),
    },
    objectMessage,
  ),
  v.transform(({ text, anyCase, lang, notFollowedBy, notPrecededBy, notInAllCaps, surname }): Alias => {
    const alias: Alias = { text };
    if (anyCase === true) alias.anyCase = true;
    if (lang !== undefined) alias.lang = lang;
    if (notFollowedBy !== undefined) alias.notFollowedBy = notFollowedBy;
    if (notPrecededBy !== undefined) alias.notPrecededBy = notPrecededBy;
    if (notInAllCaps === true) alias.notInAllCaps = true;
    if (surname === true) alias.surname = true;
    return alias;
  }),
);

export const EntitySchema = v.pipe(
  v.object(
    {
      id: EntityIdSchema,
      name: v.pipe(v.string('must be a non-empty string'), v.trim(), v.nonEmpty('must be a non-empty string'), atMostChars(MAX_NAME_CHARS)),
      kind: v.picklist(ENTITY_KINDS, (issue) => `must be one of ${ENTITY_KINDS.join(', ')} ${got(issue)}`),
      description: v.pipe(v.string('must be a string'), atMostChars(MAX_DESCRIPTION_CHARS)),
      aliases: v.pipe(v.array(AliasSchema, 'must be an array'), atMostItems(MAX_ALIASES)),
      notAliases: v.optional(v.pipe(v.array(AliasTextSchema, 'must be an array of names'), atMostItems(MAX_ALIASES))),
      broader: v.optional(
        v.pipe(v.array(EntityIdSchema, 'must be an array of entity ids'), v.nonEmpty('must not be empty'), atMostItems(MAX_BROADER)),
      ),
      coordinates: v.optional(LatLonSchema),
    },
    objectMessage,
  ),
  v.check(({ id, broader }) => !broader?.includes(id), '"broader" must not name the entity itself'),
  // Coordinates say where a point is: a place's card draws a dot there. A country's map shades
  // its shape, which one point cannot give (nor a person's, a group's or a topic's anything), so
  // other kinds may not carry them rather than carrying a point no card would use.
  v.forward(
    v.partialCheck(
      [['kind'], ['coordinates']],
      ({ kind, coordinates }) => coordinates === undefined || kind === 'place',
      (issue) => `are only for places (the kind is "${(issue.input as { kind?: unknown }).kind as string}")`,
    ),
    ['coordinates'],
  ),
  v.transform(({ notAliases, broader, coordinates, ...required }): Entity => {
    const entity: Entity = required;
    if (notAliases !== undefined) entity.notAliases = notAliases;
    if (broader !== undefined) entity.broader = [...new Set(broader)];
    if (coordinates !== undefined) entity.coordinates = { lat: coordinates.lat, lon: coordinates.lon };
    return entity;
  }),
);

// The schema and the Entity type (core/types.ts, where each field is explained) must describe
// the same fields: a field added to one and not the other fails to compile here.
type SchemaInput = v.InferInput<typeof EntitySchema>;
const _schemaMatchesEntity: Entity extends SchemaInput ? (SchemaInput extends Entity ? true : never) : never = true;
void _schemaMatchesEntity;

/** `aliases[1].text`, `"id"`: where an issue is, as the catalogue's error messages name it. */
function issuePath(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const step of issue.path ?? []) {
    const key = step.key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? `"${String(key)}"` : `.${String(key)}`;
  }
  return out;
}

/** The first issue as one line: `aliases[0].text must contain a letter or digit (got "-")`. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'is not valid';
  const where = issuePath(issue);
  return where === '' ? issue.message : `${where} ${issue.message}`;
}

export type EntityCheck =
  | { ok: true; value: Entity }
  /** `field`: the entity's field that is wrong (`aliases`, `id`…), or '' when the value is not an object. */
  | { ok: false; error: string; field: string };

/**
 * Checks one entity and returns a clean copy (see the rules above). Never throws; the error
 * names the field that is wrong.
 */
export function checkEntity(value: unknown): EntityCheck {
  const parsed = v.safeParse(EntitySchema, value);
  if (parsed.success) return { ok: true, value: parsed.output };
  const key = parsed.issues[0]?.path?.[0]?.key;
  return { ok: false, error: describeIssues(parsed.issues), field: typeof key === 'string' ? key : '' };
}
