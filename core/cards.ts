/**
 * A card's content: what every compiled briefing says about one entity, merged, and, when none of
 * them names it, what they say about a broader entity (HTS → the rebels), so that a card is never
 * empty and never passes the broader entity's sentences off as the entity's own. Pure.
 */
import type { CompiledBriefing } from './compile-briefing';
import type { Briefing, CardBackground, CardData, Entity } from './types';

export interface CardOptions {
  /** Sentences per briefing (default: all the compiled briefing kept). */
  limit?: number;
  /** Sentences per briefing quoted about a broader entity (default 3: it is context, not the subject). */
  broaderLimit?: number;
  /** Related entities (default 8). */
  relatedLimit?: number;
  /** The date the entity's description holds for (`YYYY-MM-DD`). */
  factsDate?: string;
}

/**
 * The card for an entity: background from every compiled briefing that has sentences for it,
 * labelled by briefing, newest briefing first (the one added last on the same day; undated ones last, in the order given);
 * related entities merged across briefings (most shared sentences first), without the entity
 * itself and without ids `entitiesById` does not know (hidden or removed entities). A sentence
 * already quoted from another briefing is not repeated. With no sentence of its own, the card
 * quotes the first of the entity's `broader` entities that some briefing names.
 */
export function cardFor(entity: Entity, compiled: readonly CompiledBriefing[], entitiesById: ReadonlyMap<string, Entity>, opts: CardOptions = {}): CardData {
  const relatedLimit = opts.relatedLimit ?? 8;
  const briefings = newestFirst(compiled.filter((briefing) => briefing && typeof briefing === 'object' && briefing.entities));
  const backgrounds = backgroundsFor(entity.id, briefings, opts.limit ?? Number.POSITIVE_INFINITY);
  const shared = new Map<string, { shared: number; order: number }>();
  let order = 0;
  for (const briefing of briefings) {
    const entry = Object.hasOwn(briefing.entities, entity.id) ? briefing.entities[entity.id] : undefined;
    for (const { id, shared: count } of entry?.related ?? []) {
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
  const card: CardData = { entity, backgrounds, related, briefingCount: briefings.length };
  if (opts.factsDate !== undefined) card.factsDate = opts.factsDate;
  if (backgrounds.length === 0) {
    for (const id of entity.broader ?? []) {
      const other = entitiesById.get(id);
      if (!other || id === entity.id) continue;
      const quoted = backgroundsFor(id, briefings, opts.broaderLimit ?? 3);
      if (quoted.length === 0) continue;
      card.broader = { id, name: other.name, backgrounds: quoted };
      break;
    }
  }
  return card;
}

/** What each briefing says about `id`, in the briefings' order; a sentence is quoted once. */
function backgroundsFor(id: string, briefings: readonly CompiledBriefing[], limit: number): CardBackground[] {
  const backgrounds: CardBackground[] = [];
  const quoted = new Set<string>();
  for (const briefing of briefings) {
    const entry = Object.hasOwn(briefing.entities, id) ? briefing.entities[id] : undefined;
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
    if (sentences.length === 0) continue;
    const background: CardBackground = {
      briefingId: briefing.briefingId,
      briefingTitle: briefing.title,
      shortTitle: shortTitle(briefing.title),
      sentences,
    };
    if (isIsoDate(briefing.date)) background.date = briefing.date;
    if (briefing.source !== undefined) background.source = briefing.source;
    backgrounds.push(background);
  }
  return backgrounds;
}

/**
 * Newest first by date; undated briefings after the dated ones, in the order given. Of two
 * briefings of the same day the one added last comes first: briefings arrive bundled first, then
 * the reader's as they were added, and an article the reader has just chosen should not hide
 * behind the bundled briefing of the same day.
 */
function newestFirst(briefings: readonly CompiledBriefing[]): CompiledBriefing[] {
  const key = (briefing: CompiledBriefing): string => (isIsoDate(briefing.date) ? briefing.date : '');
  return briefings
    .map((briefing, order) => ({ briefing, order, key: key(briefing) }))
    .sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : a.key === '' ? a.order - b.order : b.order - a.order))
    .map(({ briefing }) => briefing);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value);
}

/** Characters of a title kept as its short form. */
export const SHORT_TITLE_CHARS = 48;

/**
 * A briefing's title cut to fit beside a quote: up to the first comma, colon, dash or bar that
 * leaves a few words ("Iran withdraws from Syria as rebels advance, December 2024" → "Iran
 * withdraws from Syria as rebels advance"), then at a word boundary within SHORT_TITLE_CHARS,
 * with an ellipsis when cut there.
 */
export function shortTitle(title: string): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  const cut = /[,:;|–—]|\s-\s/u.exec(clean);
  const head = cut && cut.index >= 12 ? clean.slice(0, cut.index).trim() : clean;
  const chars = [...head];
  if (chars.length <= SHORT_TITLE_CHARS) return head;
  const within = chars.slice(0, SHORT_TITLE_CHARS).join('');
  const space = within.lastIndexOf(' ');
  return `${(space >= SHORT_TITLE_CHARS / 2 ? within.slice(0, space) : within).trimEnd()}…`;
}

/**
 * The date a briefing speaks for: its own `date`, else, for a reader's briefing, the day it was
 * added, which its id records (`reader-<milliseconds in base 36>-…`, core/briefing-file.ts
 * newBriefingId). Undefined when neither is known. Dates are UTC days (`YYYY-MM-DD`).
 */
export function briefingDate(briefing: Pick<Briefing, 'id' | 'date'>): string | undefined {
  if (isIsoDate(briefing.date)) return briefing.date;
  const m = /^reader-([0-9a-z]+)-/.exec(briefing.id);
  if (!m) return undefined;
  const time = parseInt(m[1]!, 36);
  // Ids made before 2020 or in the far future are not times (a file could carry any id).
  if (!Number.isFinite(time) || time < Date.UTC(2020, 0, 1) || time > Date.UTC(2100, 0, 1)) return undefined;
  return new Date(time).toISOString().slice(0, 10);
}
