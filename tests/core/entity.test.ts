/**
 * The one entity validator (core/entity.ts) and the three places that use it: the catalogue, the
 * settings (the reader's own entities) and the options page's "add a name" form. They used to
 * disagree (the settings accepted an id with a space and an alias of `-`); now an entity one of
 * them refuses, every one refuses.
 */
import { describe, expect, it } from 'vitest';
import { applyEntityChanges, CatalogueError, parseEntities } from '../../core/catalogue';
import { readFileSync } from 'node:fs';
import {
  checkEntity,
  describeIssues,
  EntitySchema,
  isUsableName,
  MAX_ALIASES,
  MAX_BROADER,
  MAX_DESCRIPTION_CHARS,
  MAX_NAME_CHARS,
  MAX_OWN_ENTITIES,
  MAX_OWN_NAMES,
  ownNameCount,
} from '../../core/entity';
import { defaultSettings, parseSettings, SettingsSchema } from '../../core/settings';
import type { Entity } from '../../core/types';
import { checkNewEntity } from '../../components/entity-input';
import * as v from 'valibot';

function hts(): Entity {
  return {
    id: 'hts',
    name: 'Hayat Tahrir al-Sham',
    kind: 'group',
    description: 'Islamist armed group that led the December 2024 offensive.',
    aliases: [{ text: 'HTS' }, { text: 'Hayat Tahrir al-Sham', anyCase: true }],
  };
}

/** What the settings keep of one added entity (parseSettings drops damaged ones one by one). */
function keptBySettings(entity: unknown): boolean {
  const { settings } = parseSettings({ ...defaultSettings(), entityChanges: { added: [entity], extraAliases: {}, hidden: [] } });
  return settings.entityChanges.added.length === 1;
}

function keptByCatalogue(entity: unknown): boolean {
  try {
    parseEntities([entity]);
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogueError);
    return false;
  }
}

describe('checkEntity', () => {
  it('accepts a valid entity and returns a clean copy', () => {
    expect(checkEntity(hts())).toEqual({ ok: true, value: hts() });
    const messy = { ...hts(), name: '  Hayat Tahrir al-Sham ', extra: 1, aliases: [{ text: ' HTS ', anyCase: false, colour: 'red' }] };
    expect(checkEntity(messy)).toEqual({ ok: true, value: { ...hts(), aliases: [{ text: 'HTS' }] } });
  });

  it('never throws, and names the field that is wrong', () => {
    for (const value of [null, undefined, 1, 'x', [], {}, { id: 'x' }]) expect(checkEntity(value).ok).toBe(false);
    expect(checkEntity({ ...hts(), id: 'a b' })).toEqual({ ok: false, field: 'id', error: '"id" must not contain white space (got "a b")' });
    expect(checkEntity({ ...hts(), aliases: [{ text: '-' }] })).toEqual({
      ok: false,
      field: 'aliases',
      error: '"aliases"[0].text must contain a letter or digit (got "-")',
    });
    expect(checkEntity('HTS')).toMatchObject({ ok: false, field: '', error: 'must be an object (got "HTS")' });
  });

  it('keeps the optional language of an alias and the broader entities, checked', () => {
    const entity = { ...hts(), aliases: [{ text: 'HTS', lang: ['en', 'fr'] }, { text: 'هيئة تحرير الشام', lang: ['ar'] }], broader: ['rebels'] };
    expect(checkEntity(entity)).toEqual({ ok: true, value: entity });
    expect(checkEntity({ ...hts(), aliases: [{ text: 'HTS', lang: ['English'] }] })).toMatchObject({
      ok: false,
      error: '"aliases"[0].lang[0] must be a language subtag such as "en" or "ar" (got "English")',
    });
    expect(checkEntity({ ...hts(), broader: ['free syrian army'] })).toMatchObject({ ok: false, field: 'broader' });
  });

  it('describes an issue at the top level without a path', () => {
    const parsed = v.safeParse(EntitySchema, 3);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(describeIssues(parsed.issues)).toBe('must be an object (got 3)');
  });

  it('isUsableName: a letter or a digit in any script', () => {
    for (const text of ['HTS', 'دمشق', '1949', 'Ç']) expect(isUsableName(text), text).toBe(true);
    for (const text of ['-', '.', ' ', '', '—…']) expect(isUsableName(text), text).toBe(false);
  });
});

describe('the catalogue, the settings and the editor agree', () => {
  const cases: [string, unknown, boolean][] = [
    ['a valid entity', hts(), true],
    ['an id with a space', { ...hts(), id: 'free army' }, false],
    ['an alias of "-"', { ...hts(), aliases: [{ text: '-' }] }, false],
    ['a blank name', { ...hts(), name: '   ' }, false],
    ['an unknown kind', { ...hts(), kind: 'militia' }, false],
    ['a notAlias of "."', { ...hts(), notAliases: ['.'] }, false],
    ['an alias with a language', { ...hts(), aliases: [{ text: 'HTS', lang: ['en'] }] }, true],
  ];

  it.each(cases)('%s: catalogue and settings both %s', (_what, entity, valid) => {
    expect(keptByCatalogue(entity)).toBe(valid);
    expect(keptBySettings(entity)).toBe(valid);
    // The catalogue applies the reader's added entities with the same check.
    expect(applyEntityChanges([], { added: [entity as Entity], extraAliases: {}, hidden: [] }).length).toBe(valid ? 1 : 0);
  });

  it('the editor refuses what the others refuse, and says which field', () => {
    expect(checkNewEntity({ name: '-', kind: 'group', aliases: '', description: '' }, [])).toMatchObject({ ok: false, field: 'name' });
    expect(checkNewEntity({ name: 'HTS', kind: 'group', aliases: 'Tahrir, -', description: '' }, [])).toMatchObject({ ok: false, field: 'aliases' });
    const made = checkNewEntity({ name: 'Free  Syrian Army', kind: 'group', aliases: 'FSA', description: '' }, []);
    expect(made).toMatchObject({ ok: true, entity: { id: 'free-syrian-army', name: 'Free Syrian Army' } });
    // What the editor makes, the settings keep and the catalogue accepts.
    if (made.ok) {
      expect(keptBySettings(made.entity)).toBe(true);
      expect(keptByCatalogue(made.entity)).toBe(true);
    }
  });

  it('extra aliases and hidden ids follow the same rules in the settings', () => {
    const { settings, problems } = parseSettings({
      ...defaultSettings(),
      entityChanges: { added: [], extraAliases: { assad: ['al-Asad'], idlib: ['-'] }, hidden: ['idlib', 'not an id'] },
    });
    expect(settings.entityChanges.extraAliases).toEqual({ assad: ['al-Asad'] });
    expect(settings.entityChanges.hidden).toEqual(['idlib']);
    expect(problems.map((p) => p.key)).toEqual(['settings_problem_aliases_dropped', 'settings_problem_hidden_dropped']);
  });
});

describe('limits (issue 9)', () => {
  /** The alias that built a 27 MB pattern: 3,000 one-letter words, 6 KB. */
  const hostile = Array.from({ length: 3000 }, () => 'a').join(' ');

  it('an alias, name, notAlias or context word is at most 100 characters', () => {
    const long = 'x'.repeat(MAX_NAME_CHARS + 1);
    expect(checkEntity({ ...hts(), aliases: [{ text: hostile }] })).toMatchObject({ ok: false, field: 'aliases' });
    const error = checkEntity({ ...hts(), aliases: [{ text: hostile }] });
    expect(!error.ok && error.error).toBe('"aliases"[0].text must be at most 100 characters long (got 5999)');
    expect(checkEntity({ ...hts(), name: long })).toMatchObject({ ok: false, field: 'name' });
    expect(checkEntity({ ...hts(), notAliases: [long] })).toMatchObject({ ok: false, field: 'notAliases' });
    expect(checkEntity({ ...hts(), aliases: [{ text: 'HTS', notFollowedBy: [long] }] })).toMatchObject({ ok: false, field: 'aliases' });
    expect(checkEntity({ ...hts(), id: long })).toMatchObject({ ok: false, field: 'id' });
    expect(checkEntity({ ...hts(), description: 'd'.repeat(MAX_DESCRIPTION_CHARS + 1) })).toMatchObject({ ok: false, field: 'description' });
    // Exactly at the limit is fine, and trimming comes first.
    expect(checkEntity({ ...hts(), aliases: [{ text: `  ${'x'.repeat(MAX_NAME_CHARS)}  ` }] }).ok).toBe(true);
  });

  it('an entity has at most 100 aliases, notAliases and context words, and 20 broader entities', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `n${i}`);
    expect(checkEntity({ ...hts(), aliases: many(MAX_ALIASES).map((text) => ({ text })) }).ok).toBe(true);
    expect(checkEntity({ ...hts(), aliases: many(MAX_ALIASES + 1).map((text) => ({ text })) })).toMatchObject({ ok: false, field: 'aliases' });
    expect(checkEntity({ ...hts(), aliases: hostile.split(' ').map((text) => ({ text })) })).toMatchObject({ ok: false, field: 'aliases' });
    expect(checkEntity({ ...hts(), notAliases: many(MAX_ALIASES + 1) })).toMatchObject({ ok: false, field: 'notAliases' });
    expect(checkEntity({ ...hts(), aliases: [{ text: 'HTS', notPrecededBy: many(MAX_ALIASES + 1) }] })).toMatchObject({ ok: false });
    expect(checkEntity({ ...hts(), broader: many(MAX_BROADER + 1) })).toMatchObject({ ok: false, field: 'broader' });
  });

  it('the settings drop an added entity with the hostile alias, and keep the rest', () => {
    const raw = { ...defaultSettings(), entityChanges: { added: [{ ...hts(), id: 'bad', aliases: [{ text: hostile }] }, hts()], extraAliases: { syria: [hostile] }, hidden: [] } };
    const { settings, problems } = parseSettings(raw);
    expect(settings.entityChanges.added.map((e) => e.id)).toEqual(['hts']);
    expect(settings.entityChanges.extraAliases).toEqual({});
    expect(problems.map((p) => p.key)).toEqual(['settings_problem_added_dropped', 'settings_problem_aliases_dropped']);
  });

  it(`the settings keep at most ${MAX_OWN_ENTITIES} added entities and ${MAX_OWN_NAMES} names of the reader's own`, () => {
    const own = (i: number, aliases = 1): Entity => ({
      id: `own-${i}`,
      name: `Own ${i}`,
      kind: 'group',
      description: '',
      aliases: Array.from({ length: aliases }, (_, j) => ({ text: `Own ${i} ${j}` })),
    });
    const tooMany = parseSettings({ ...defaultSettings(), entityChanges: { added: Array.from({ length: 250 }, (_, i) => own(i)), extraAliases: {}, hidden: [] } });
    expect(tooMany.settings.entityChanges.added).toHaveLength(MAX_OWN_ENTITIES);
    expect(tooMany.problems).toEqual([{ key: 'settings_problem_names_over_limit', substitutions: ['50', '200', '1000'] }]);

    // 11 entities of 100 aliases: 1,100 names; the eleventh and the extra aliases go.
    const tooManyNames = parseSettings({
      ...defaultSettings(),
      entityChanges: { added: Array.from({ length: 11 }, (_, i) => own(i, 100)), extraAliases: { syria: ['Sham'] }, hidden: [] },
    });
    expect(tooManyNames.settings.entityChanges.added).toHaveLength(10);
    expect(tooManyNames.settings.entityChanges.extraAliases).toEqual({});
    expect(ownNameCount(tooManyNames.settings.entityChanges)).toBe(MAX_OWN_NAMES);
    expect(tooManyNames.problems[0]).toMatchObject({ key: 'settings_problem_names_over_limit', substitutions: ['2', '200', '1000'] });
    // What repair returns passes the strict schema.
    expect(v.is(SettingsSchema, tooManyNames.settings)).toBe(true);
    expect(v.is(SettingsSchema, { ...tooManyNames.settings, entityChanges: { ...tooManyNames.settings.entityChanges, extraAliases: { syria: ['Sham'] } } })).toBe(false);
  });

  it('the catalogue is well within the limits', () => {
    for (const entity of parseEntities(JSON.parse(readFileSync('assets/entities.json', 'utf8')))) {
      expect(entity.aliases.length).toBeLessThanOrEqual(MAX_ALIASES / 1.5);
      for (const alias of entity.aliases) expect(alias.text.length).toBeLessThanOrEqual(MAX_NAME_CHARS / 2);
    }
  });
});

describe("coordinates of a reader's own place (issue 12)", () => {
  const kessab = (coordinates?: unknown): Record<string, unknown> => ({
    id: 'kessab',
    name: 'Kessab',
    kind: 'place',
    description: 'Armenian town on the Turkish border.',
    aliases: [{ text: 'Kessab' }],
    ...(coordinates === undefined ? {} : { coordinates }),
  });

  it('a place may carry {lat, lon}, checked by core/geo.ts; other keys are dropped', () => {
    expect(checkEntity(kessab({ lat: 35.9317, lon: 35.9893 }))).toEqual({ ok: true, value: kessab({ lat: 35.9317, lon: 35.9893 }) });
    expect(checkEntity(kessab({ lat: -90, lon: 180, name: 'x' }))).toEqual({ ok: true, value: kessab({ lat: -90, lon: 180 }) });
    expect(checkEntity(kessab())).toEqual({ ok: true, value: kessab() });
  });

  it('refuses coordinates out of range, strings, NaN, infinities and what is not a point, naming the field', () => {
    const bad: [unknown, string][] = [
      [{ lat: 90.5, lon: 36 }, '"coordinates".lat must be from -90 to 90 (got 90.5)'],
      [{ lat: 35, lon: -181 }, '"coordinates".lon must be from -180 to 180 (got -181)'],
      [{ lat: '35.93', lon: 36 }, '"coordinates".lat must be a number (got "35.93")'],
      [{ lat: Number.NaN, lon: 36 }, '"coordinates".lat must be a number (got NaN)'],
      [{ lat: 35, lon: Number.POSITIVE_INFINITY }, '"coordinates".lon must be a finite number (got Infinity)'],
      [{ lat: 35 }, '"coordinates".lon is missing'],
      ['35.93, 35.99', '"coordinates" must be an object with "lat" and "lon" (got "35.93, 35.99")'],
      [null, '"coordinates" must be an object with "lat" and "lon" (got null)'],
    ];
    for (const [coordinates, error] of bad) {
      expect(checkEntity(kessab(coordinates)), JSON.stringify(coordinates)).toEqual({ ok: false, field: 'coordinates', error });
    }
  });

  it('only a place carries them: a country is shaded by its shape, not drawn as a point', () => {
    for (const kind of ['country', 'person', 'group', 'topic']) {
      expect(checkEntity({ ...kessab({ lat: 35, lon: 36 }), kind }), kind).toEqual({
        ok: false,
        field: 'coordinates',
        error: `"coordinates" are only for places (the kind is "${kind}")`,
      });
    }
  });

  it('the bundled catalogue takes none: its places are placed from GeoNames at build time', () => {
    expect(() => parseEntities([kessab({ lat: 35, lon: 36 })])).toThrow(/entity #0 \("kessab"\): "coordinates" are for the reader's own places/);
  });

  it('the settings keep a place with good coordinates, and a damaged one without them, telling the reader', () => {
    const good = kessab({ lat: 35.9317, lon: 35.9893 });
    const keep = parseSettings({ ...defaultSettings(), entityChanges: { added: [good], extraAliases: {}, hidden: [] } });
    expect(keep.settings.entityChanges.added).toEqual([good]);
    expect(keep.problems).toEqual([]);
    expect(keep.repaired).toBe(false);

    const raw = {
      ...defaultSettings(),
      markStyle: 'background',
      entityChanges: {
        added: [kessab({ lat: 'north', lon: 36 }), { ...hts(), coordinates: { lat: 35, lon: 36 } }, { ...kessab(), id: 'not an id', name: 'Other', coordinates: { lat: 1, lon: 2 } }],
        extraAliases: { assad: ['al-Asad'] },
        hidden: ['idlib'],
      },
    };
    const { settings, problems, repaired } = parseSettings(raw);
    expect(repaired).toBe(true);
    // The names stay (without coordinates), the rest of the settings too; a damaged entry that
    // is damaged elsewhere as well is dropped as before.
    expect(settings.entityChanges.added).toEqual([kessab(), hts()]);
    expect(settings.entityChanges.extraAliases).toEqual({ assad: ['al-Asad'] });
    expect(settings.entityChanges.hidden).toEqual(['idlib']);
    expect(settings.markStyle).toBe('background');
    expect(problems).toEqual([
      { key: 'settings_problem_coordinates_dropped', substitutions: ['"Kessab"', '{"lat":"north","lon":36}'] },
      { key: 'settings_problem_coordinates_dropped', substitutions: ['"Hayat Tahrir al-Sham"', '{"lat":35,"lon":36}'] },
      { key: 'settings_problem_added_dropped', substitutions: ['"Other"'] },
    ]);
    expect(v.is(SettingsSchema, settings)).toBe(true);
    // What was repaired reads back the same, with nothing more to say.
    expect(parseSettings(settings)).toMatchObject({ settings, problems: [], repaired: false });
  });

  it("applying the reader's changes keeps a place's coordinates, as a copy", () => {
    const place = kessab({ lat: 35.9317, lon: 35.9893 }) as unknown as Entity;
    const [applied] = applyEntityChanges([], { added: [place], extraAliases: {}, hidden: [] });
    expect(applied?.coordinates).toEqual({ lat: 35.9317, lon: 35.9893 });
    expect(applied?.coordinates).not.toBe(place.coordinates);
  });
});
