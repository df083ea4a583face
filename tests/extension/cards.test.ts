/**
 * The background's card cache (extension/cards.ts): it compiles the enabled briefings once per
 * set of entities and briefings, and answers every card request from that. The compiler is
 * wrapped to count how often it runs.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BUILT_IN_FACTS_DATE, builtInEntities } from '../../core/catalogue';
import { lensEntities } from '../../core/configure-lens';
import { defaultSettings, parseSettings } from '../../core/settings';
import type { Briefing, Entity } from '../../core/types';

const compiled = vi.hoisted(() => ({ runs: 0 }));
vi.mock('../../core/compile-briefing', async (original) => {
  const real = await original<typeof import('../../core/compile-briefing')>();
  return {
    ...real,
    compileBriefing: (...args: Parameters<typeof real.compileBriefing>) => {
      compiled.runs++;
      return real.compileBriefing(...args);
    },
  };
});

const { CardCache } = await import('../../extension/cards');

const entities = builtInEntities();
const briefing = (id: string, text: string, extra: Partial<Briefing> = {}): Briefing => ({ id, title: `About ${id}`, text, ...extra });
const aleppo = briefing('aleppo', 'Rebels took Aleppo in late November. Iran pulled its advisers out of Aleppo soon after.');
const hama = briefing('hama', 'Hama fell to the rebels a week later. Russia kept bombing the road to Hama.', { source: 'https://example.org/hama' });

beforeEach(() => {
  compiled.runs = 0;
});

describe('CardCache', () => {
  it('compiles each enabled briefing once, then answers from the cache', () => {
    const cache = new CardCache();
    const card = cache.card('rebels', entities, [aleppo, hama]);
    expect(compiled.runs).toBe(2);
    expect(card?.entity.id).toBe('rebels');
    expect(card?.backgrounds.map((b) => b.briefingTitle)).toEqual(['About aleppo', 'About hama']);
    expect(card?.backgrounds[1]?.source).toBe('https://example.org/hama');
    cache.card('iran', entities, [aleppo, hama]);
    cache.card('rebels', [...entities], [{ ...aleppo }, { ...hama }]); // equal, not the same objects
    expect(compiled.runs).toBe(2);
  });

  it('compiles again when the briefings or the entities change', () => {
    const cache = new CardCache();
    cache.card('rebels', entities, [aleppo]);
    cache.card('rebels', entities, [aleppo, hama]);
    expect(compiled.runs).toBe(1 + 2);
    cache.card('rebels', entities.filter((e) => e.id !== 'iran'), [aleppo, hama]);
    expect(compiled.runs).toBe(3 + 2);
    cache.card('rebels', entities.filter((e) => e.id !== 'iran'), [aleppo, { ...hama, title: 'Renamed' }]);
    expect(compiled.runs).toBe(5 + 2);
  });

  it('leaves out briefings the reader switched off', () => {
    const cache = new CardCache();
    const card = cache.card('rebels', entities, [aleppo, { ...hama, enabled: false }]);
    expect(compiled.runs).toBe(1);
    expect(card?.backgrounds.map((b) => b.briefingId)).toEqual(['aleppo']);
  });

  it('knows no card for an entity the reader hid or never had', () => {
    const cache = new CardCache();
    expect(cache.card('nobody', entities, [aleppo])).toBeNull();
    expect(cache.card('iran', entities.filter((e) => e.id !== 'iran'), [aleppo])).toBeNull();
  });

  it('names related entities only among the entities it was given', () => {
    const cache = new CardCache();
    const all = cache.card('rebels', entities, [aleppo, hama])!.related.map((r) => r.id);
    expect(all).toEqual(expect.arrayContaining(['aleppo', 'hama']));
    const withoutHama = cache.card('rebels', entities.filter((e) => e.id !== 'hama'), [aleppo, hama])!.related.map((r) => r.id);
    expect(withoutHama).not.toContain('hama');
  });

  it("dates the built-in entities' facts, and a reader's briefing by the day it was added", () => {
    const cache = new CardCache();
    const added = briefing(`reader-${Date.UTC(2025, 1, 3).toString(36)}-abcdef`, 'Rebels held Aleppo into February.');
    const card = cache.card('rebels', entities, [{ ...aleppo, date: '2024-12-01' }, added])!;
    expect(card.factsDate).toBe(BUILT_IN_FACTS_DATE);
    expect(card.backgrounds.map((b) => [b.briefingId, b.date])).toEqual([
      [added.id, '2025-02-03'],
      ['aleppo', '2024-12-01'],
    ]);
    const own: Entity = { id: 'my-place', name: 'My place', kind: 'place', description: 'Mine.', aliases: [{ text: 'My place' }] };
    expect(cache.card('my-place', [...entities, own], [aleppo])!.factsDate).toBeUndefined();
  });

  it("hands the card a reader's own place with the coordinates from the settings (issue 12)", () => {
    const stored = {
      ...defaultSettings(),
      entityChanges: {
        added: [{ id: 'al-qusayr', name: 'Al-Qusayr', kind: 'place', description: '', aliases: [{ text: 'Qusayr' }], coordinates: { lat: 34.50887, lon: 36.57952 } }],
        extraAliases: {},
        hidden: [],
      },
    };
    const { settings } = parseSettings(JSON.parse(JSON.stringify(stored)));
    const card = new CardCache().card('al-qusayr', lensEntities(settings).all, [briefing('qusayr', 'Fighting reached Qusayr in 2013.')]);
    expect(card?.entity).toMatchObject({ kind: 'place', coordinates: { lat: 34.50887, lon: 36.57952 } });
    expect(card?.backgrounds[0]?.sentences).toEqual(['Fighting reached Qusayr in 2013.']);
  });

  it('falls back to what the briefings say about a broader entity (HTS → the rebels)', () => {
    const card = new CardCache().card('hts', entities, [aleppo])!;
    expect(card.backgrounds).toEqual([]);
    expect(card.broader?.id).toBe('rebels');
    expect(card.broader?.backgrounds[0]?.sentences).toEqual(['Rebels took Aleppo in late November.']);
  });
});
