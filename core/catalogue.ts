/**
 * The entity catalogue: the built-in entities (data in `assets/entities.json`) and the
 * reader's changes to them. Pure — no browser API.
 */
import catalogueData from '../assets/entities.json';
import { checkEntity, isUsableName } from './entity';
import type { Alias, Entity, EntityChanges } from './types';

/** A malformed catalogue: the message names the entry and the field. */
export class CatalogueError extends Error {
  override name = 'CatalogueError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads catalogue data — `{ "entities": [...] }` or a bare array — into entities.
 * Throws a CatalogueError naming the first malformed entry; ids must be unique.
 */
export function parseEntities(data: unknown, source = 'entity catalogue'): Entity[] {
  const list = isRecord(data) ? data.entities : data;
  if (!Array.isArray(list)) throw new CatalogueError(`${source}: expected an "entities" array`);
  const seen = new Set<string>();
  const entities = list.map((value, i) => {
    const checked = checkEntity(value);
    const label = isRecord(value) && typeof value.id === 'string' ? `entity #${i} (${JSON.stringify(value.id)})` : `entity #${i}`;
    if (!checked.ok) throw new CatalogueError(`${source}: ${label}: ${checked.error}`);
    if (seen.has(checked.value.id)) throw new CatalogueError(`${source}: ${label}: duplicate id`);
    if (checked.value.aliases.length === 0) throw new CatalogueError(`${source}: ${label}: has no aliases`);
    // A bundled place's map dot comes from GeoNames at build time (scripts/maps/sources.ts), one
    // source for every bundled place; coordinates are for the reader's own places.
    if (checked.value.coordinates) throw new CatalogueError(`${source}: ${label}: "coordinates" are for the reader's own places (bundled places take theirs from scripts/maps/sources.ts)`);
    seen.add(checked.value.id);
    return checked.value;
  });
  for (const entity of entities) {
    const unknown = entity.broader?.find((id) => !seen.has(id));
    if (unknown !== undefined) throw new CatalogueError(`${source}: entity ${JSON.stringify(entity.id)}: "broader" names an unknown entity ${JSON.stringify(unknown)}`);
  }
  return entities;
}

/** `YYYY-MM-DD`. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The date the catalogue's facts hold for (`"factsDate": "2024-12-31"` at the top of the data), or
 * undefined when it states none. Throws a CatalogueError when it is not a real `YYYY-MM-DD` date.
 */
export function parseFactsDate(data: unknown, source = 'entity catalogue'): string | undefined {
  const value = isRecord(data) ? data.factsDate : undefined;
  if (value === undefined) return undefined;
  const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  const date = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : null;
  if (!m || !date || date.getUTCDate() !== +m[3]! || date.getUTCMonth() !== +m[2]! - 1) {
    throw new CatalogueError(`${source}: "factsDate" must be a date written YYYY-MM-DD (got ${JSON.stringify(value)})`);
  }
  return m[0];
}

function deepFreeze(entity: Entity): Readonly<Entity> {
  for (const alias of entity.aliases) {
    for (const list of [alias.lang, alias.notFollowedBy, alias.notPrecededBy]) if (list) Object.freeze(list);
    Object.freeze(alias);
  }
  Object.freeze(entity.aliases);
  if (entity.notAliases) Object.freeze(entity.notAliases);
  if (entity.broader) Object.freeze(entity.broader);
  if (entity.coordinates) Object.freeze(entity.coordinates);
  return Object.freeze(entity);
}

/** The date the built-in catalogue's facts hold for (`YYYY-MM-DD`): cards show it with the description. */
export const BUILT_IN_FACTS_DATE: string | undefined = parseFactsDate(catalogueData, 'assets/entities.json');

/** The entities bundled with the extension (frozen; see builtInEntities for a copy to change). */
export const BUILT_IN_ENTITIES: readonly Readonly<Entity>[] = Object.freeze(
  parseEntities(catalogueData, 'assets/entities.json').map(deepFreeze),
);

/** The entities bundled with the extension. A fresh copy each call: callers may change it. */
export function builtInEntities(): Entity[] {
  return BUILT_IN_ENTITIES.map(copyEntity);
}

function copyAlias(alias: Alias): Alias {
  const copy: Alias = { ...alias };
  if (alias.lang) copy.lang = [...alias.lang];
  if (alias.notFollowedBy) copy.notFollowedBy = [...alias.notFollowedBy];
  if (alias.notPrecededBy) copy.notPrecededBy = [...alias.notPrecededBy];
  return copy;
}

function copyEntity(entity: Entity): Entity {
  const copy: Entity = { ...entity, aliases: entity.aliases.map(copyAlias) };
  if (entity.notAliases) copy.notAliases = [...entity.notAliases];
  if (entity.broader) copy.broader = [...entity.broader];
  if (entity.coordinates) copy.coordinates = { ...entity.coordinates };
  return copy;
}

/**
 * Applies what a reader changed: hidden ids are removed, extra aliases are appended (exact case,
 * duplicates ignored), and added entities are appended. An added entity that is invalid or whose id
 * is already taken is dropped; its name counts as an alias even if the reader did not list it.
 * Never throws on bad stored data; never changes its arguments.
 */
export function applyEntityChanges(entities: readonly Entity[], changes: Partial<EntityChanges> | undefined): Entity[] {
  const hidden = new Set(Array.isArray(changes?.hidden) ? changes.hidden : []);
  const taken = new Set(entities.map((entity) => entity.id));
  const added: Entity[] = [];
  for (const value of Array.isArray(changes?.added) ? changes.added : []) {
    const checked = checkEntity(value);
    if (!checked.ok || taken.has(checked.value.id)) continue;
    const entity = checked.value;
    if (!entity.aliases.some((alias) => alias.text === entity.name) && isUsableName(entity.name)) {
      entity.aliases.unshift({ text: entity.name });
    }
    taken.add(entity.id);
    added.push(entity);
  }
  const extra = isRecord(changes?.extraAliases) ? changes.extraAliases : {};
  const result: Entity[] = [];
  for (const original of [...entities, ...added]) {
    if (hidden.has(original.id)) continue;
    const entity = copyEntity(original);
    const more = Object.prototype.hasOwnProperty.call(extra, entity.id) ? extra[entity.id] : undefined;
    if (Array.isArray(more)) {
      const known = new Set(entity.aliases.map((alias) => alias.text));
      for (const text of more) {
        if (typeof text !== 'string' || !isUsableName(text)) continue;
        const clean = text.trim();
        if (known.has(clean)) continue;
        known.add(clean);
        entity.aliases.push({ text: clean });
      }
    }
    result.push(entity);
  }
  // A reader's entity may name a broader one that does not exist (any more): that name is dropped.
  for (const entity of result) {
    if (!entity.broader) continue;
    const broader = entity.broader.filter((id) => taken.has(id) && id !== entity.id);
    if (broader.length > 0) entity.broader = broader;
    else delete entity.broader;
  }
  return result;
}
