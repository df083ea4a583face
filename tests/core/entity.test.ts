/**
 * The one entity validator (core/entity.ts) and the three places that use it: the catalogue, the
 * settings (the reader's own entities) and the options page's "add a name" form. They used to
 * disagree (the settings accepted an id with a space and an alias of `-`); now an entity one of
 * them refuses, every one refuses.
 */
import { describe, expect, it } from 'vitest';
import { applyEntityChanges, CatalogueError, parseEntities } from '../../core/catalogue';
import { checkEntity, describeIssues, EntitySchema, isUsableName } from '../../core/entity';
import { defaultSettings, parseSettings } from '../../core/settings';
import type { Entity } from '../../core/types';
import { checkNewEntity } from '../../components/EntityEditor';
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
