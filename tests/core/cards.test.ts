import { describe, expect, it } from 'vitest';
import { cardFor } from '../../core/cards';
import { compileBriefing, type CompiledBriefing } from '../../core/compile-briefing';
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
        sentences: ['Iran is leaving Syria after Hama fell to the rebels.', 'Iran and Russia disagree about Hama.'],
      },
      {
        briefingId: 'second',
        briefingTitle: 'Title of second',
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
    expect(cardFor(entity('nobody'), [first, second], byId)).toEqual({ entity: entity('nobody'), backgrounds: [], related: [] });
  });

  it('works on a compiled briefing read back from storage', () => {
    const stored = JSON.parse(JSON.stringify([first, second])) as CompiledBriefing[];
    expect(cardFor(iran, stored, byId)).toEqual(cardFor(iran, [first, second], byId));
  });
});

