/**
 * A card's content: what every compiled briefing says about one entity, merged. Pure.
 */
import type { CompiledBriefing } from './compile-briefing';
import type { CardBackground, CardData, Entity } from './types';

export interface CardOptions {
  /** Sentences per briefing (default: all the compiled briefing kept). */
  limit?: number;
  /** Related entities (default 8). */
  relatedLimit?: number;
}

/**
 * The card for an entity: background from every compiled briefing that has sentences for it,
 * labelled by briefing, in the order given; related entities merged across briefings (most shared
 * sentences first), without the entity itself and without ids `entitiesById` does not know (hidden
 * or removed entities). A sentence already quoted from an earlier briefing is not repeated.
 */
export function cardFor(entity: Entity, compiled: readonly CompiledBriefing[], entitiesById: ReadonlyMap<string, Entity>, opts: CardOptions = {}): CardData {
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  const relatedLimit = opts.relatedLimit ?? 8;
  const backgrounds: CardBackground[] = [];
  const quoted = new Set<string>();
  const shared = new Map<string, { shared: number; order: number }>();
  let order = 0;
  for (const briefing of compiled) {
    if (!briefing || typeof briefing !== 'object' || !briefing.entities) continue;
    const entry = Object.hasOwn(briefing.entities, entity.id) ? briefing.entities[entity.id] : undefined;
    if (!entry) continue;
    const sentences: string[] = [];
    for (const i of entry.sentences) {
      if (sentences.length >= limit) break;
      const text = briefing.sentences[i]?.text;
      if (typeof text !== 'string') continue;
      const key = text.replace(/\s+/g, ' ');
      if (quoted.has(key)) continue;
      quoted.add(key);
      sentences.push(text);
    }
    if (sentences.length > 0) {
      const background: CardBackground = { briefingId: briefing.briefingId, briefingTitle: briefing.title, sentences };
      if (briefing.source !== undefined) background.source = briefing.source;
      backgrounds.push(background);
    }
    for (const { id, shared: count } of entry.related) {
      const seen = shared.get(id);
      if (seen) seen.shared += count;
      else shared.set(id, { shared: count, order: order++ });
    }
  }
  const related: CardData['related'] = [];
  for (const [id] of [...shared].sort((a, b) => b[1].shared - a[1].shared || a[1].order - b[1].order)) {
    if (related.length >= relatedLimit) break;
    const other = entitiesById.get(id);
    if (!other || id === entity.id) continue;
    related.push({ id, name: other.name });
  }
  return { entity, backgrounds, related };
}
