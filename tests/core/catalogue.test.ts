import { describe, expect, it } from 'vitest';
import catalogueData from '../../assets/entities.json';
import {
  applyEntityChanges, BUILT_IN_ENTITIES, BUILT_IN_FACTS_DATE, builtInEntities, CatalogueError, parseEntities, parseFactsDate,
} from '../../core/catalogue';
import { checkEntity } from '../../core/entity';
import { createMatcher } from '../../core/matcher';
import { ENTITY_KINDS, type Entity, type EntityChanges } from '../../core/types';

/** The 11 ids of the first catalogue, then the 33 of "Entity set v2" (issue 10), in catalogue order. */
const BUILT_IN_IDS = [
  'syria', 'iran', 'assad', 'hama', 'aleppo', 'damascus', 'russia', 'ukraine', 'europe', 'rebels', 'refugees',
  'hts', 'sna', 'sdf', 'kurds', 'isis', 'hezbollah', 'irgc', 'sharaa', 'putin', 'erdogan', 'khamenei',
  'homs', 'idlib', 'latakia', 'tartus', 'daraa', 'deir-ez-zor', 'raqqa', 'manbij', 'kobani', 'qamishli', 'palmyra', 'golan',
  'hmeimim', 'quneitra', 'suwayda', 'sednaya', 'turkey', 'israel', 'lebanon', 'iraq', 'jordan', 'united-states',
];

/** A reader's own entity (not in the catalogue). */
function valid(id = 'wagner'): Entity {
  return {
    id,
    name: 'Wagner Group',
    kind: 'group',
    description: 'Russian private military company that fought in Syria from 2015.',
    aliases: [{ text: 'Wagner' }],
  };
}

function changes(partial: Partial<EntityChanges>): EntityChanges {
  return { added: [], extraAliases: {}, hidden: [], ...partial };
}

describe('built-in entities', () => {
  const entities = builtInEntities();

  it('has exactly the expected ids', () => {
    expect(entities.map((e) => e.id)).toEqual(BUILT_IN_IDS);
  });

  it('gives every entity a name, a known kind, a one-line description and aliases', () => {
    for (const e of entities) {
      expect(e.name.trim(), e.id).not.toBe('');
      expect(ENTITY_KINDS, e.id).toContain(e.kind);
      expect(e.description.trim().length, e.id).toBeGreaterThan(10);
      expect(e.description, e.id).not.toMatch(/\n/);
      expect(e.aliases.length, e.id).toBeGreaterThan(0);
    }
  });

  it('has names in Arabic, French, German and Spanish for every entity', () => {
    const arabic = /\p{Script=Arabic}/u;
    for (const e of entities) expect(e.aliases.some((a) => arabic.test(a.text)), e.id).toBe(true);
    const spot: Record<string, string[]> = {
      syria: ['سوريا', 'سورية', 'Syrie', 'Syrien', 'Siria', 'syrisch', 'sirio'],
      damascus: ['دمشق', 'Damas', 'Damaskus', 'Damasco'],
      russia: ['روسيا', 'Russie', 'Russland', 'Rusia'],
      assad: ['الأسد', 'Bachar al-Assad'],
      rebels: ['rebelles', 'Rebellen', 'rebeldes'],
      refugees: ['réfugiés', 'Flüchtlinge', 'refugiados'],
    };
    for (const [id, names] of Object.entries(spot)) {
      const texts = entities.find((e) => e.id === id)!.aliases.map((a) => a.text);
      for (const name of names) expect(texts, `${id}: ${name}`).toContain(name);
    }
  });

  it('gives every alias of another script or spelling its languages, among the five the names support', () => {
    const arabic = /\p{Script=Arabic}/u;
    for (const e of entities) {
      for (const alias of e.aliases) {
        for (const tag of alias.lang ?? []) expect(['en', 'ar', 'fr', 'de', 'es'], `${e.id}: ${alias.text}`).toContain(tag);
        // An Arabic name is Arabic only; a Latin one never is.
        if (arabic.test(alias.text)) expect(alias.lang, `${e.id}: ${alias.text}`).toEqual(['ar']);
        else expect(alias.lang ?? [], `${e.id}: ${alias.text}`).not.toContain('ar');
      }
      // Every entity can be named in each of the five languages.
      for (const tag of ['en', 'ar', 'fr', 'de', 'es']) {
        expect(e.aliases.some((a) => !a.lang || a.lang.includes(tag)), `${e.id} in ${tag}`).toBe(true);
      }
    }
  });

  it('spells the names each language really uses', () => {
    const langOf = (id: string, text: string) => entities.find((e) => e.id === id)!.aliases.find((a) => a.text === text)?.lang;
    expect(langOf('europe', 'Europa')).toEqual(['de', 'es']);
    expect(langOf('turkey', 'Turkish')).toEqual(['en']);
    expect(langOf('turkey', 'türkische')).toEqual(['de']);
    expect(langOf('turkey', 'turc')).toEqual(['fr']);
    expect(langOf('turkey', 'turco')).toEqual(['es']);
    expect(langOf('jordan', 'Jordan')).toEqual(['en']); // German "Jordan" is the river; the country is Jordanien
    expect(langOf('united-states', 'US')).toEqual(['en', 'de']);
    for (const free of ['Homs', 'HTS', 'Idlib', 'Hezbollah', 'Erdoğan']) {
      const owner = entities.find((e) => e.aliases.some((a) => a.text === free))!;
      expect(langOf(owner.id, free), free).toBeUndefined();
    }
  });

  it('states the date its facts hold for, and names broader entities that exist', () => {
    expect(BUILT_IN_FACTS_DATE).toBe('2024-12-31');
    expect((catalogueData as { factsDate?: string }).factsDate).toBe(BUILT_IN_FACTS_DATE);
    const ids = new Set(entities.map((e) => e.id));
    const broader = Object.fromEntries(entities.filter((e) => e.broader).map((e) => [e.id, e.broader]));
    expect(broader).toMatchObject({
      hts: ['rebels'], sna: ['rebels'], putin: ['russia'], khamenei: ['iran'], irgc: ['iran'],
      hmeimim: ['russia', 'syria'], tartus: ['russia', 'syria'], homs: ['syria'],
    });
    for (const list of Object.values(broader)) for (const id of list!) expect(ids).toContain(id);
  });

  it('keeps the other Assads as notAliases', () => {
    const assad = entities.find((e) => e.id === 'assad')!;
    expect(assad.notAliases).toEqual(expect.arrayContaining(['Hafez al-Assad', 'Maher al-Assad', 'Asma al-Assad']));
    expect(assad.aliases.map((a) => a.text)).not.toContain('Bashar');
  });

  it('exports the same entities frozen', () => {
    expect(BUILT_IN_ENTITIES).toEqual(entities);
    expect(Object.isFrozen(BUILT_IN_ENTITIES)).toBe(true);
    expect(Object.isFrozen(BUILT_IN_ENTITIES[0]!.aliases[0])).toBe(true);
  });

  it('returns a fresh copy each time', () => {
    const first = builtInEntities();
    first[0]!.aliases.push({ text: 'Changed' });
    first.pop();
    expect(builtInEntities()).toEqual(entities);
  });
});

describe('parseEntities', () => {
  it('accepts the catalogue shape and a bare array', () => {
    expect(parseEntities({ entities: [valid()] })).toEqual([valid()]);
    expect(parseEntities([valid()])).toEqual([valid()]);
  });

  it('keeps anyCase only when true and drops unknown fields', () => {
    const raw = { ...valid(), extra: 1, aliases: [{ text: 'a1', anyCase: true }, { text: 'b2', anyCase: false }] };
    expect(parseEntities([raw])[0]!.aliases).toEqual([{ text: 'a1', anyCase: true }, { text: 'b2' }]);
    expect(parseEntities([raw])[0]).not.toHaveProperty('extra');
  });

  it.each([
    ['not an array', { entities: 3 }, /expected an "entities" array/],
    ['an entry that is not an object', ['x'], /entity #0: must be an object \(got "x"\)/],
    ['a missing id', [{ ...valid(), id: '' }], /entity #0.*"id" must be a non-empty string/],
    ['an id with spaces', [{ ...valid(), id: 'a b' }], /"id" must not contain white space \(got "a b"\)/],
    ['a missing name', [{ ...valid(), name: undefined }], /entity #0 \("wagner"\): "name" must be a non-empty string/],
    ['an unknown kind', [{ ...valid(), kind: 'city' }], /"kind" must be one of person, place, country, group, topic \(got "city"\)/],
    ['a missing description', [{ ...valid(), description: 5 }], /"description" must be a string/],
    ['aliases that are not an array', [{ ...valid(), aliases: 'HTS' }], /"aliases" must be an array/],
    ['an alias without text', [{ ...valid(), aliases: [{ text: 'ok' }, { txt: 'HTS' }] }], /"aliases"\[1\]\.text is missing/],
    ['an alias of punctuation only', [{ ...valid(), aliases: [{ text: ' - ' }] }], /"aliases"\[0\]\.text must contain a letter or digit \(got "-"\)/],
    ['a non-boolean anyCase', [{ ...valid(), aliases: [{ text: 'HTS', anyCase: 'yes' }] }], /"aliases"\[0\]\.anyCase must be a boolean/],
    ['bad notAliases', [{ ...valid(), notAliases: ['ok', 3] }], /"notAliases"\[1\] must be a string/],
    ['no aliases', [{ ...valid(), aliases: [] }], /has no aliases/],
    ['a duplicate id', [valid(), valid()], /entity #1 \("wagner"\): duplicate id/],
  ])('rejects %s with a clear message', (_what, data, message) => {
    expect(() => parseEntities(data, 'test.json')).toThrow(CatalogueError);
    expect(() => parseEntities(data, 'test.json')).toThrow(message);
    expect(() => parseEntities(data, 'test.json')).toThrow(/^test\.json: /);
  });

  it('keeps the language, context and broader fields, and copies them', () => {
    const raw = {
      ...valid(),
      broader: ['russia', 'russia'],
      aliases: [
        { text: 'Wagner', lang: ['en', 'de'], notFollowedBy: ['Tannhäuser', '#'], notPrecededBy: ['Richard'], notInAllCaps: false, surname: true },
        { text: 'ЧВК Вагнер', lang: ['ru'] },
      ],
    };
    const [entity] = parseEntities([raw, { ...valid('russia'), aliases: [{ text: 'Russia' }] }]);
    expect(entity).toEqual({
      ...valid(),
      broader: ['russia'],
      aliases: [
        { text: 'Wagner', lang: ['en', 'de'], notFollowedBy: ['Tannhäuser', '#'], notPrecededBy: ['Richard'], surname: true },
        { text: 'ЧВК Вагнер', lang: ['ru'] },
      ],
    });
    expect(entity!.aliases[0]!.lang).not.toBe(raw.aliases[0]!.lang);
  });

  it.each([
    ['an upper-case language', { text: 'Wagner', lang: ['EN'] }, /"aliases"\[0\]\.lang(\[0\])? must /],
    ['a language with a region', { text: 'Wagner', lang: ['en-GB'] }, /"aliases"\[0\]\.lang(\[0\])? must /],
    ['an empty language list', { text: 'Wagner', lang: [] }, /"aliases"\[0\]\.lang(\[0\])? must /],
    ['a language twice', { text: 'Wagner', lang: ['en', 'en'] }, /"aliases"\[0\]\.lang(\[0\])? must /],
    ['a language that is not a list', { text: 'Wagner', lang: 'en' }, /"aliases"\[0\]\.lang(\[0\])? must /],
    ['context words that are not words', { text: 'Wagner', notFollowedBy: ['-'] }, /"aliases"\[0\]\.notFollowedBy(\[0\])? must be/],
    ['context words that are not a list', { text: 'Wagner', notPrecededBy: 'Richard' }, /"aliases"\[0\]\.notPrecededBy must be/],
    ['a non-boolean notInAllCaps', { text: 'Wagner', notInAllCaps: 1 }, /"aliases"\[0\]\.notInAllCaps must be a boolean/],
    ['a non-boolean surname', { text: 'Wagner', surname: 'yes' }, /"aliases"\[0\]\.surname must be a boolean/],
  ])('rejects an alias with %s', (_what, alias, message) => {
    expect(() => parseEntities([{ ...valid(), aliases: [alias] }], 'test.json')).toThrow(message);
  });

  it('rejects broader ids that are not a list of other ids, or that do not exist', () => {
    expect(() => parseEntities([{ ...valid(), broader: 'russia' }])).toThrow(/"broader" must be an array of entity ids/);
    expect(() => parseEntities([{ ...valid(), broader: [] }])).toThrow(/"broader" must not be empty/);
    expect(() => parseEntities([{ ...valid(), broader: ['wagner'] }])).toThrow(/"broader" must not name the entity itself/);
    expect(() => parseEntities([{ ...valid(), broader: ['a b'] }])).toThrow(/"broader"\[0\] must not contain white space/);
    expect(() => parseEntities([{ ...valid(), broader: ['russia'] }], 'test.json')).toThrow(
      /^test\.json: entity "wagner": "broader" names an unknown entity "russia"/,
    );
  });

  it('reads the facts date, and rejects one that is not a real YYYY-MM-DD date', () => {
    expect(parseFactsDate({ factsDate: '2024-12-31', entities: [] })).toBe('2024-12-31');
    expect(parseFactsDate({ entities: [] })).toBeUndefined();
    expect(parseFactsDate([])).toBeUndefined();
    for (const bad of ['2024-02-30', '31/12/2024', '2024-12-31T00:00', 20241231, '']) {
      expect(() => parseFactsDate({ factsDate: bad }, 'test.json')).toThrow(/^test\.json: "factsDate" must be a date written YYYY-MM-DD/);
    }
  });

  it('checkEntity never throws', () => {
    for (const value of [null, undefined, 1, 'x', [], {}, { id: 'x' }]) {
      expect(checkEntity(value).ok).toBe(false);
    }
    expect(checkEntity(valid())).toEqual({ ok: true, value: valid() });
  });
});

describe('applyEntityChanges', () => {
  const base = builtInEntities();

  it('returns the same entities for no changes, as copies', () => {
    const result = applyEntityChanges(base, changes({}));
    expect(result).toEqual(base);
    expect(result[0]).not.toBe(base[0]);
    expect(applyEntityChanges(base, undefined)).toEqual(base);
  });

  it('removes hidden ids', () => {
    const result = applyEntityChanges(base, changes({ hidden: ['hama', 'ukraine', 'nope'] }));
    expect(result.map((e) => e.id)).toEqual(BUILT_IN_IDS.filter((id) => id !== 'hama' && id !== 'ukraine'));
  });

  it('adds extra aliases to built-ins, without duplicates or blanks', () => {
    const result = applyEntityChanges(base, changes({ extraAliases: { syria: ['Sham', 'Syria', ' ', 'Sham', 42 as unknown as string], nope: ['X'] } }));
    const syria = result.find((e) => e.id === 'syria')!;
    const before = base.find((e) => e.id === 'syria')!;
    expect(syria.aliases).toEqual([...before.aliases, { text: 'Sham' }]);
    expect(createMatcher(result).find('Sham and Syria').map((m) => m.entity)).toEqual(['syria', 'syria']);
  });

  it('adds valid reader entities, with their name as an alias', () => {
    const result = applyEntityChanges(base, changes({ added: [valid()] }));
    const wagner = result.at(-1)!;
    expect(wagner.id).toBe('wagner');
    expect(wagner.aliases.map((a) => a.text)).toEqual(['Wagner Group', 'Wagner']);
    expect(createMatcher(result).find('Wagner, or the Wagner Group, left Aleppo.').map((m) => [m.entity, m.text])).toEqual([
      ['wagner', 'Wagner'], ['wagner', 'Wagner Group'], ['aleppo', 'Aleppo'],
    ]);
  });

  it('drops added entities that are invalid or whose id is taken, and never throws', () => {
    const bad = [
      { ...valid('syria') }, // collides with a built-in
      { ...valid('hama') }, // collides even when hidden
      { ...valid('x1'), kind: 'city' },
      null,
      'Wagner',
      valid('wagner'),
      { ...valid('wagner'), name: 'Second Wagner' }, // collides with an earlier added one
      { ...valid('hts'), name: 'My HTS' }, // a built-in id since issue 10
    ] as unknown as Entity[];
    const result = applyEntityChanges(base, changes({ added: bad, hidden: ['hama'] }));
    expect(result.map((e) => e.id)).toEqual([...BUILT_IN_IDS.filter((id) => id !== 'hama'), 'wagner']);
    expect(result.at(-1)!.name).toBe('Wagner Group');
  });

  it('applies extra aliases and hiding to added entities too', () => {
    const added = applyEntityChanges(base, changes({ added: [valid()], extraAliases: { wagner: ['PMC Wagner'] } }));
    expect(added.at(-1)!.aliases.map((a) => a.text)).toContain('PMC Wagner');
    const hidden = applyEntityChanges(base, changes({ added: [valid()], hidden: ['wagner'] }));
    expect(hidden.map((e) => e.id)).not.toContain('wagner');
  });

  it('survives malformed stored changes', () => {
    const junk = { added: 'x', extraAliases: ['a'], hidden: 'syria' } as unknown as EntityChanges;
    expect(applyEntityChanges(base, junk)).toEqual(base);
  });

  it('lets a reader entity name a broader one, and drops names of entities that do not exist', () => {
    const result = applyEntityChanges(base, changes({ added: [{ ...valid(), broader: ['russia', 'nope'] }, { ...valid('x2'), broader: ['nope'] }] }));
    expect(result.find((e) => e.id === 'wagner')!.broader).toEqual(['russia']);
    expect(result.find((e) => e.id === 'x2')).not.toHaveProperty('broader');
  });

  it('copies the built-ins deeply: changing a copy never reaches the frozen catalogue', () => {
    const copy = applyEntityChanges(base, changes({}));
    const hts = copy.find((e) => e.id === 'hts')!;
    hts.broader!.push('syria');
    hts.aliases.find((a) => a.lang)!.lang!.push('it');
    expect(BUILT_IN_ENTITIES.find((e) => e.id === 'hts')!.broader).toEqual(['rebels']);
    expect(builtInEntities()).toEqual(base);
  });

  it('does not change its arguments', () => {
    const input = builtInEntities();
    const snapshot = structuredClone(input);
    const change = changes({ added: [valid()], extraAliases: { syria: ['Sham'] }, hidden: ['iran'] });
    const changeSnapshot = structuredClone(change);
    applyEntityChanges(input, change);
    expect(input).toEqual(snapshot);
    expect(change).toEqual(changeSnapshot);
  });
});
