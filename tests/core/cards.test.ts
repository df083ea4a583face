import { describe, expect, it } from 'vitest';
import { briefingDate, cardFor, shortTitle } from '../../core/cards';
import { compileBriefing, type CompiledBriefing } from '../../core/compile-briefing';
import type { Entity } from '../../core/types';
import { briefing, entity, fakeFind } from './briefing-helpers';

describe('cardFor', () => {
  const find = fakeFind({ Iran: 'iran', Hama: 'hama', Aleppo: 'aleppo', Russia: 'russia', Assad: 'assad', HTS: 'hts' });
  const iran = entity('iran');
  const byId = new Map(['iran', 'hama', 'aleppo', 'russia', 'assad'].map((id) => [id, entity(id)]));
  const first = compileBriefing(
    briefing('first', 'Iran is leaving Syria after Hama fell to the rebels. Iran and Russia disagree about Hama. Aleppo is quiet today.', { builtIn: true }),
    find,
  );
  const second = compileBriefing(
    briefing('second', 'Iran sent envoys to Russia last week for more talks. HTS says Iran has no role left. Iran is leaving Syria after Hama fell to the rebels.', {
      source: 'https://example.com/briefing',
    }),
    find,
  );

  it('labels background by briefing, in the given order, and merges related entities', () => {
    const card = cardFor(iran, [first, second], byId);
    expect(card.entity).toBe(iran);
    expect(card.backgrounds).toEqual([
      {
        briefingId: 'first',
        briefingTitle: 'Title of first',
        shortTitle: 'Title of first',
        sentences: ['Iran is leaving Syria after Hama fell to the rebels.', 'Iran and Russia disagree about Hama.'],
      },
      {
        briefingId: 'second',
        briefingTitle: 'Title of second',
        shortTitle: 'Title of second',
        source: 'https://example.com/briefing',
        // The sentence the first briefing already quoted is not repeated.
        sentences: ['Iran sent envoys to Russia last week for more talks.', 'HTS says Iran has no role left.'],
      },
    ]);
    // Hama 2 + 1 and Russia 1 + 1 shared sentences; `hts` is not a known entity (hidden or removed).
    expect(card.related).toEqual([
      { id: 'hama', name: 'Hama' },
      { id: 'russia', name: 'Russia' },
    ]);
  });

  it('shows only briefings that have sentences for the entity, and respects the limit', () => {
    const aleppo = cardFor(entity('aleppo'), [first, second], byId);
    expect(aleppo.backgrounds.map((b) => b.briefingId)).toEqual(['first']);
    expect(aleppo.related).toEqual([]);
    const limited = cardFor(iran, [second, first], byId, { limit: 1 });
    expect(limited.backgrounds.map((b) => [b.briefingId, b.sentences.length])).toEqual([
      ['second', 1],
      ['first', 1],
    ]);
    expect(cardFor(entity('nobody'), [first, second], byId)).toEqual({ entity: entity('nobody'), backgrounds: [], related: [], briefingCount: 2 });
  });

  it('works on a compiled briefing read back from storage', () => {
    const stored = JSON.parse(JSON.stringify([first, second])) as CompiledBriefing[];
    expect(cardFor(iran, stored, byId)).toEqual(cardFor(iran, [first, second], byId));
  });

  describe('grounded in the briefings (issue 10)', () => {
    const words = { HTS: 'hts', rebels: 'rebels', Russia: 'russia', Assad: 'assad', Hmeimim: 'hmeimim' };
    const find10 = fakeFind(words);
    const rebels = entity('rebels', 'Rebels');
    const hts: Entity = { ...entity('hts', 'Hayat Tahrir al-Sham'), broader: ['rebels'] };
    const hmeimim: Entity = { ...entity('hmeimim', 'Hmeimim'), broader: ['russia', 'syria'] };
    const known = new Map([rebels, hts, hmeimim, entity('russia'), entity('assad')].map((e) => [e.id, e]));
    const bundled = compileBriefing(
      briefing('bundled', 'The rebels took Hama. Russia bombed the road as the rebels advanced. Assad fled.', { date: '2024-12-07', builtIn: true }),
      find10,
    );
    const readers = compileBriefing(briefing('reader', 'HTS leads the offensive. HTS was once linked to al-Qaeda.', { date: '2024-12-20' }), find10);

    it("gives an entity its own sentences from a reader's briefing that names it", () => {
      const card = cardFor(hts, [bundled, readers], known);
      expect(card.backgrounds.map((b) => [b.briefingId, b.sentences])).toEqual([['reader', ['HTS leads the offensive.', 'HTS was once linked to al-Qaeda.']]]);
      expect(card.broader).toBeUndefined();
      expect(card.briefingCount).toBe(2);
    });

    it('quotes the broader entity, labelled, when no briefing names the entity', () => {
      const card = cardFor(hts, [bundled], known, { factsDate: '2024-12-31' });
      expect(card.backgrounds).toEqual([]);
      expect(card.factsDate).toBe('2024-12-31');
      expect(card.broader).toEqual({
        id: 'rebels',
        name: 'Rebels',
        backgrounds: [
          {
            briefingId: 'bundled',
            briefingTitle: 'Title of bundled',
            shortTitle: 'Title of bundled',
            date: '2024-12-07',
            sentences: ['The rebels took Hama.', 'Russia bombed the road as the rebels advanced.'],
          },
        ],
      });
      // HTS's related entities are its own, not the rebels': it has none here.
      expect(card.related).toEqual([]);
    });

    it('takes the first broader entity some briefing names, at most three sentences per briefing', () => {
      const long = compileBriefing(briefing('long', 'Russia one. Russia two is here. Russia three again. Russia four, last.'), find10);
      const card = cardFor(hmeimim, [long], known);
      expect(card.broader?.id).toBe('russia');
      expect(card.broader?.backgrounds[0]?.sentences).toHaveLength(3);
      expect(cardFor(hmeimim, [long], known, { broaderLimit: 1 }).broader?.backgrounds[0]?.sentences).toHaveLength(1);
    });

    it('has no broader part when neither the entity nor a broader one is named, or a broader one is unknown', () => {
      const quiet = compileBriefing(briefing('quiet', 'Nothing to see here. Nothing at all.'), find10);
      expect(cardFor(hts, [quiet], known).broader).toBeUndefined();
      const withoutRebels = new Map([...known].filter(([id]) => id !== 'rebels'));
      expect(cardFor(hts, [bundled], withoutRebels).broader).toBeUndefined();
      expect(cardFor(hts, [], known)).toMatchObject({ backgrounds: [], briefingCount: 0 });
    });

    it('puts the newest briefing first, undated ones last', () => {
      const older = compileBriefing(briefing('older', 'Assad spoke in 2023.', { date: '2023-05-01' }), find10);
      const undated = compileBriefing(briefing('undated', 'Assad was seen on television.'), find10);
      const card = cardFor(entity('assad'), [undated, older, bundled], known);
      expect(card.backgrounds.map((b) => [b.briefingId, b.date])).toEqual([
        ['bundled', '2024-12-07'],
        ['older', '2023-05-01'],
        ['undated', undefined],
      ]);
    });

    it('puts the briefing added last first among those of the same day (an article the reader just chose)', () => {
      const sameDay = compileBriefing(briefing('article', 'Assad left Damascus on the day.', { date: '2024-12-07' }), find10);
      const card = cardFor(entity('assad'), [bundled, sameDay], known);
      expect(card.backgrounds.map((b) => b.briefingId)).toEqual(['article', 'bundled']);
    });
  });
});

describe('shortTitle', () => {
  it('keeps a short title, cuts at the first separator that leaves a few words, else at a word', () => {
    expect(shortTitle('Iran withdraws from Syria as rebels advance, December 2024')).toBe('Iran withdraws from Syria as rebels advance');
    expect(shortTitle('Syria: a short history')).toBe('Syria: a short history');
    expect(shortTitle('  Rebels  take   Aleppo ')).toBe('Rebels take Aleppo');
    expect(shortTitle('The long road from the first protests in Daraa to the fall of Damascus and after')).toBe(
      'The long road from the first protests in Daraa…',
    );
    expect([...shortTitle('x'.repeat(80))]).toHaveLength(49);
  });
});

describe('briefingDate', () => {
  it("is the briefing's own date, else the day a reader's briefing was added (its id), else none", () => {
    expect(briefingDate({ id: 'syria-2024-12-iran-withdrawal', date: '2024-12-07' })).toBe('2024-12-07');
    const added = Date.UTC(2025, 0, 15, 23, 59);
    expect(briefingDate({ id: `reader-${added.toString(36)}-abc123` })).toBe('2025-01-15');
    expect(briefingDate({ id: 'reader-zz-abc123' })).toBeUndefined();
    expect(briefingDate({ id: 'imported-briefing' })).toBeUndefined();
    expect(briefingDate({ id: 'x', date: '7 December' })).toBeUndefined();
  });
});
