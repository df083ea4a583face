/**
 * Cards for the background: compiles the enabled briefings once per catalogue and briefing
 * list, then answers card requests from every tab out of that cache.
 */
import { cardFor } from '../core/cards';
import { compileBriefing, type CompiledBriefing } from '../core/compile-briefing';
import { createMatcher } from '../core/matcher';
import type { Briefing, CardData, Entity } from '../core/types';

export class CardCache {
  private key = '';
  private compiled: CompiledBriefing[] = [];
  private entitiesById = new Map<string, Entity>();

  /** The card for `entityId` given the reader's entities and briefings, or null if unknown. */
  card(entityId: string, entities: readonly Entity[], briefings: readonly Briefing[]): CardData | null {
    const enabled = briefings.filter((briefing) => briefing.enabled !== false);
    const key = JSON.stringify([entities, enabled.map((b) => [b.id, b.title, b.source, b.text.length, b.text.slice(0, 64)])]);
    if (key !== this.key) {
      const find = createMatcher(entities).find;
      this.compiled = enabled.map((briefing) => compileBriefing(briefing, find));
      this.entitiesById = new Map(entities.map((entity) => [entity.id, entity]));
      this.key = key;
    }
    const entity = this.entitiesById.get(entityId);
    return entity ? cardFor(entity, this.compiled, this.entitiesById) : null;
  }
}
