import { describe, expect, it } from 'vitest';
import { applyEntityChanges, BUILT_IN_ENTITIES, builtInEntities, CatalogueError, parseEntities } from '../../core/catalogue';
import { createMatcher } from '../../core/matcher';
import { ENTITY_KINDS, type Entity, type EntityChanges } from '../../core/types';

const BUILT_IN_IDS = ['syria', 'iran', 'assad', 'hama', 'aleppo', 'damascus', 'russia', 'ukraine', 'europe', 'rebels', 'refugees'];

function valid(id = 'hts'): Entity {
  return {
    id,
    name: 'Hayat Tahrir al-Sham',
    kind: 'group',
    description: 'Islamist armed group that led the December 2024 offensive.',
    aliases: [{ text: 'HTS' }],
  };
}

function changes(partial: Partial<EntityChanges>): EntityChanges {
  return { added: [], extraAliases: {}, hidden: [], ...partial };
}

describe('built-in entities', () => {
  const entities = builtInEntities();

  it('has exactly the expected ids', () => {
    expect(entities.map((e) => e.id).sort()).toEqual([...BUILT_IN_IDS].sort());
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
    ['a missing name', [{ ...valid(), name: undefined }], /entity #0 \("hts"\): "name" must be a non-empty string/],
    ['an unknown kind', [{ ...valid(), kind: 'city' }], /"kind" must be one of person, place, country, group, topic \(got "city"\)/],
    ['a missing description', [{ ...valid(), description: 5 }], /"description" must be a string/],
    ['aliases that are not an array', [{ ...valid(), aliases: 'HTS' }], /"aliases" must be an array/],
    ['an alias without text', [{ ...valid(), aliases: [{ text: 'ok' }, { txt: 'HTS' }] }], /"aliases"\[1\]\.text is missing/],
    ['an alias of punctuation only', [{ ...valid(), aliases: [{ text: ' - ' }] }], /"aliases"\[0\]\.text must contain a letter or digit \(got "-"\)/],
    ['a non-boolean anyCase', [{ ...valid(), aliases: [{ text: 'HTS', anyCase: 'yes' }] }], /"aliases"\[0\]\.anyCase must be a boolean/],
    ['bad notAliases', [{ ...valid(), notAliases: ['ok', 3] }], /"notAliases"\[1\] must be a string/],
    ['no aliases', [{ ...valid(), aliases: [] }], /has no aliases/],
    ['a duplicate id', [valid(), valid()], /entity #1 \("hts"\): duplicate id/],
  ])('rejects %s with a clear message', (_what, data, message) => {
    expect(() => parseEntities(data, 'test.json')).toThrow(CatalogueError);
    expect(() => parseEntities(data, 'test.json')).toThrow(message);
    expect(() => parseEntities(data, 'test.json')).toThrow(/^test\.json: /);
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
    const hts = result.at(-1)!;
    expect(hts.id).toBe('hts');
    expect(hts.aliases.map((a) => a.text)).toEqual(['Hayat Tahrir al-Sham', 'HTS']);
    expect(createMatcher(result).find('HTS, or Hayat Tahrir al-Sham, took Aleppo.').map((m) => [m.entity, m.text])).toEqual([
      ['hts', 'HTS'], ['hts', 'Hayat Tahrir al-Sham'], ['aleppo', 'Aleppo'],
    ]);
  });

  it('drops added entities that are invalid or whose id is taken, and never throws', () => {
    const bad = [
      { ...valid('syria') }, // collides with a built-in
      { ...valid('hama') }, // collides even when hidden
      { ...valid('x1'), kind: 'city' },
      null,
      'HTS',
      valid('hts'),
      { ...valid('hts'), name: 'Second HTS' }, // collides with an earlier added one
    ] as unknown as Entity[];
    const result = applyEntityChanges(base, changes({ added: bad, hidden: ['hama'] }));
    expect(result.map((e) => e.id)).toEqual([...BUILT_IN_IDS.filter((id) => id !== 'hama'), 'hts']);
    expect(result.at(-1)!.name).toBe('Hayat Tahrir al-Sham');
  });

  it('applies extra aliases and hiding to added entities too', () => {
    const added = applyEntityChanges(base, changes({ added: [valid()], extraAliases: { hts: ['Tahrir al-Sham'] } }));
    expect(added.at(-1)!.aliases.map((a) => a.text)).toContain('Tahrir al-Sham');
    const hidden = applyEntityChanges(base, changes({ added: [valid()], hidden: ['hts'] }));
    expect(hidden.map((e) => e.id)).not.toContain('hts');
  });

  it('survives malformed stored changes', () => {
    const junk = { added: 'x', extraAliases: ['a'], hidden: 'syria' } as unknown as EntityChanges;
    expect(applyEntityChanges(base, junk)).toEqual(base);
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
