/**
 * What the options page's Names section reads from what a reader types: lists of names, the
 * "add a name" form (its checks and messages, in the reader's language), coordinates. Pure: no
 * DOM, no extension API; the components (EntityEditor, OwnEntities) only show what it decides.
 */
import { parseLatLon, type LatLon } from '../core/geo';
import { t, tm } from '../core/i18n';
import { checkEntity, isUsableName, MAX_ALIASES, MAX_NAME_CHARS, MAX_OWN_ENTITIES, MAX_OWN_NAMES, ownNameCount } from '../core/entity';
import type { Entity, EntityChanges, EntityKind } from '../core/types';

/**
 * A comma-separated list of names: trimmed, empty parts dropped, duplicates dropped (first
 * one kept). `bad` lists the parts that have no letter or digit, `long` those over
 * MAX_NAME_CHARS characters.
 */
export function parseAliasList(text: string): { aliases: string[]; bad: string[]; long: string[] } {
  const aliases: string[] = [];
  const bad: string[] = [];
  const long: string[] = [];
  for (const part of text.split(/[,،]/u)) {
    const alias = part.trim().replace(/\s+/gu, ' ');
    if (alias === '') continue;
    if (!isUsableName(alias)) bad.push(alias);
    else if (alias.length > MAX_NAME_CHARS) long.push(alias);
    else if (!aliases.includes(alias)) aliases.push(alias);
  }
  return { aliases, bad, long };
}

/** What is wrong with a list of aliases as `parseAliasList` read it (the form's message), or null. */
export function aliasListError({ aliases, bad, long }: ReturnType<typeof parseAliasList>, extra = 0): string | null {
  if (bad.length > 0) return t('options_alias_unusable');
  if (long.length > 0) return t('options_alias_too_long', [String(MAX_NAME_CHARS)]);
  if (aliases.length + extra > MAX_ALIASES) return t('options_alias_too_many', [String(MAX_ALIASES)]);
  return null;
}

/** The id of a reader's entity: its name in lower case without Latin accents, letters and digits joined by `-`. */
export function entityId(name: string): string {
  return name
    .normalize('NFKD')
    // Latin accents only (Ça → ca); other scripts' marks are recomposed below.
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

export interface NewEntityInput {
  name: string;
  kind: EntityKind;
  aliases: string;
  description: string;
  /** The id of a broader entity (its card falls back on it, see core/types.ts `broader`); '' for none. */
  broader?: string;
  /** A place's latitude and longitude as typed (decimal degrees); both blank for none. Other kinds ignore them. */
  lat?: string;
  lon?: string;
}

/** The form's fields that can be wrong (their inputs' ids are `sl-own-<field>`). */
export type NewEntityField = 'name' | 'aliases' | 'lat' | 'lon';

export type NewEntityCheck =
  | { ok: true; entity: Entity }
  | { ok: false; field: NewEntityField; error: string };

const ARABIC_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/gu;

/**
 * A number of degrees as a reader types it: digits (Latin or Arabic-Indic), a decimal point or a
 * decimal comma (35,93), a minus sign (- or −), an optional ° after it. Anything else is returned
 * as the trimmed text, so that parseLatLon's message shows the reader what it could not read.
 */
export function readDegrees(text: string): number | string {
  const trimmed = text.trim();
  const plain = trimmed
    .replace(ARABIC_DIGITS, (digit) => String((digit.codePointAt(0)! - 0x0660) % 0x90))
    .replace(/[\u066b,]/gu, '.')
    .replace(/^[\u2212]/u, '-')
    .replace(/\s*°$/u, '');
  return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/u.test(plain) ? Number(plain) : trimmed;
}

/**
 * Splits "35.9317, 35.9893" (how maps give a point to copy) into its two numbers, or null. A lone
 * comma between digits is a decimal comma ("35,93"), not a separator.
 */
function splitPair(text: string): [string, string] | null {
  const trimmed = text.trim();
  let parts = trimmed.split(/\s*;\s*|\s*,\s+|\s+/u);
  if (parts.length !== 2 && trimmed.includes('.')) parts = trimmed.split(/\s*,\s*/u);
  return parts.length === 2 ? [parts[0]!, parts[1]!] : null;
}

/**
 * The coordinates the form's two fields give: none when both are blank; both numbers pasted into
 * the latitude field with the longitude left blank are taken as the pair. Errors are
 * parseLatLon's (core/geo.ts), in the reader's language, on the field that is wrong.
 */
export function readCoordinates(latText: string, lonText: string): { ok: true; value: LatLon | undefined } | { ok: false; field: 'lat' | 'lon'; error: string } {
  let [lat, lon] = [latText.trim(), lonText.trim()];
  if (lat === '' && lon === '') return { ok: true, value: undefined };
  const pair = lon === '' ? splitPair(lat) : null;
  if (pair) [lat, lon] = pair;
  if (lat === '' || lon === '') return { ok: false, field: lat === '' ? 'lat' : 'lon', error: t('options_own_coordinates_both') };
  const parsed = parseLatLon({ lat: readDegrees(lat), lon: readDegrees(lon) });
  if (parsed.ok) return parsed;
  return { ok: false, field: parsed.error.key === 'geo_error_longitude' ? 'lon' : 'lat', error: tm(parsed.error) };
}

/**
 * Checks the "add a name" form: a name is required; its id (see `entityId`) must not be one
 * already taken by `existing`; the name is always one of the aliases. The entity it makes passes
 * the one entity validator (core/entity.ts), as the settings will check it again when saved.
 * With the reader's `changes`, it also keeps to the limits of entries and names of their own.
 */
export function checkNewEntity(input: NewEntityInput, existing: readonly Entity[], changes?: EntityChanges): NewEntityCheck {
  const name = input.name.trim().replace(/\s+/gu, ' ');
  if (name === '') return { ok: false, field: 'name', error: t('options_own_name_required') };
  if (name.length > MAX_NAME_CHARS) return { ok: false, field: 'name', error: t('options_name_too_long', [String(MAX_NAME_CHARS)]) };
  const id = entityId(name);
  if (!isUsableName(name) || id === '') return { ok: false, field: 'name', error: t('options_own_name_unusable') };
  const clash = existing.find((entity) => entity.id === id);
  if (clash) return { ok: false, field: 'name', error: t('options_own_name_taken', [clash.name]) };
  if (changes && changes.added.length >= MAX_OWN_ENTITIES) {
    return { ok: false, field: 'name', error: t('options_own_too_many', [String(MAX_OWN_ENTITIES)]) };
  }
  const list = parseAliasList(input.aliases);
  const texts = [name, ...list.aliases.filter((alias) => alias !== name)];
  const listError = aliasListError(list, texts.length - list.aliases.length);
  if (listError !== null) return { ok: false, field: 'aliases', error: listError };
  if (changes && ownNameCount(changes) + texts.length > MAX_OWN_NAMES) {
    return { ok: false, field: 'aliases', error: t('options_own_names_full', [String(MAX_OWN_NAMES)]) };
  }
  // Only a place has a point on a map (core/entity.ts); what another kind's hidden fields hold is ignored.
  const coordinates = input.kind === 'place' ? readCoordinates(input.lat ?? '', input.lon ?? '') : { ok: true as const, value: undefined };
  if (!coordinates.ok) return coordinates;
  const checked = checkEntity({
    id,
    name,
    kind: input.kind,
    description: input.description.replace(/\s+/gu, ' ').trim(),
    aliases: texts.map((text) => ({ text })),
    ...(input.broader && existing.some((entity) => entity.id === input.broader) ? { broader: [input.broader] } : {}),
    ...(coordinates.value ? { coordinates: coordinates.value } : {}),
  });
  if (!checked.ok) {
    return checked.field === 'aliases'
      ? { ok: false, field: 'aliases', error: t('options_alias_unusable') }
      : { ok: false, field: 'name', error: t('options_own_name_unusable') };
  }
  return { ok: true, entity: checked.value };
}

/** The form's fields for an entity of the reader's (to edit it): its other names as a list, its point as typed. */
export function inputFromEntity(entity: Entity): NewEntityInput {
  return {
    name: entity.name,
    kind: entity.kind,
    aliases: entity.aliases.map((alias) => alias.text).filter((text) => text !== entity.name).join(', '),
    description: entity.description,
    broader: entity.broader?.[0] ?? '',
    lat: entity.coordinates ? String(entity.coordinates.lat) : '',
    lon: entity.coordinates ? String(entity.coordinates.lon) : '',
  };
}
