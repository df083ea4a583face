/**
 * Cards for the background: compiles the enabled briefings once per catalogue and briefing
 * list, then answers card requests from every tab out of that cache.
 */
import { BUILT_IN_ENTITIES, BUILT_IN_FACTS_DATE } from '../core/catalogue';
import { briefingDate, cardFor } from '../core/cards';
import { compileBriefing, type CompiledBriefing } from '../core/compile-briefing';
import { createMatcher } from '../core/matcher';
import type { Briefing, CardData, Entity } from '../core/types';

const BUILT_IN_IDS: ReadonlySet<string> = new Set(BUILT_IN_ENTITIES.map((entity) => entity.id));

export class CardCache {
  private key = '';
  private compiled: CompiledBriefing[] = [];
  private entitiesById = new Map<string, Entity>();

  /** The card for `entityId` given the reader's entities and briefings, or null if unknown. */
  card(entityId: string, entities: readonly Entity[], briefings: readonly Briefing[]): CardData | null {
    const enabled = briefings.filter((briefing) => briefing.enabled !== false);
    const key = JSON.stringify([entities, enabled.map((b) => [b.id, b.title, b.source, b.date, b.text.length, b.text.slice(0, 64)])]);
    if (key !== this.key) {
      const find = createMatcher(entities).find;
      this.compiled = enabled.map((briefing) => {
        const date = briefingDate(briefing);
        return compileBriefing(date === undefined ? briefing : { ...briefing, date }, find);
      });
      this.entitiesById = new Map(entities.map((entity) => [entity.id, entity]));
      this.key = key;
    }
    const entity = this.entitiesById.get(entityId);
    if (!entity) return null;
    // The catalogue's date is for the catalogue's descriptions: a reader's own entity has none.
    const factsDate = BUILT_IN_IDS.has(entity.id) ? BUILT_IN_FACTS_DATE : undefined;
    return cardFor(entity, this.compiled, this.entitiesById, factsDate === undefined ? {} : { factsDate });
  }
}
