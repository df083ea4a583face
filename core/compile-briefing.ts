/**
 * The briefing compiler: turns a summarized document into what a card needs — for each entity,
 * the sentences that mention it (quoted verbatim, ranked best first) and the entities named with
 * it. Pure: no DOM, no browser API; `compileBriefingInChunks` gives the event loop its turn
 * (core/yield.ts), which every JS runtime has.
 *
 * The compiler never interprets markup: pasted HTML or script is just text, quoted as it is.
 */
import { cleanSource, cleanTitle } from './briefing-file';
import { isWhiteSpaceAt } from './text';
import { Slice, yieldToEventLoop } from './yield';
import { splitting, type Sentence } from './sentences';
import type { Briefing, FindMentions, Mention } from './types';

/** Bumped when the compiled shape changes, so stored compilations can be recompiled. */
export const COMPILED_BRIEFING_VERSION = 1;

/** What one briefing says about one entity. Indices point into `CompiledBriefing.sentences`. */
export interface CompiledEntity {
  /** Sentences naming the entity, best first, near-duplicates removed, at most `maxSentences`. */
  sentences: number[];
  /** Other entities named in the sentences that name this one, most shared sentences first. */
  related: Array<{ id: string; shared: number }>;
}

/** A briefing compiled for cards. Plain JSON: it can be kept in browser.storage. */
export interface CompiledBriefing {
  version: number;
  briefingId: string;
  title: string;
  source?: string;
  /** The briefing's date (`YYYY-MM-DD`), carried to the card. */
  date?: string;
  /** The sentences some card quotes, in document order (not every sentence of the briefing). */
  sentences: Sentence[];
  /** By entity id. */
  entities: Record<string, CompiledEntity>;
}

export interface CompileOptions {
  /** Sentences kept per entity (default 8). */
  maxSentences?: number;
  /** Related entities kept per entity (default 12). */
  maxRelated?: number;
}

/** Sentences longer than this cannot be shown on a card and are never chosen. */
export const MAX_CARD_SENTENCE_CHARS = 1000;
/** Token-set Jaccard similarity at or above which two sentences count as near-duplicates. */
export const NEAR_DUPLICATE = 0.7;
/** Candidates looked at per entity when removing near-duplicates (keeps the pass linear). */
const MAX_CANDIDATES = 100;

/** A sentence's entity mentions, relative to the sentence. */
interface Found {
  /** Entity ids in the order of their first mention; each once. */
  ids: string[];
  /** Per id: first mention's offset in the sentence, its text, and the number of mentions. */
  first: Map<string, { start: number; end: number; text: string; count: number }>;
  /** The entity-independent part of the sentence's score (see baseScore). */
  base: number;
}

/**
 * Compiles a briefing: for each entity `find` names, its sentences ranked best first, and the
 * entities named with it. Linear in the text (the near-duplicate pass is capped per entity).
 */
export function compileBriefing(briefing: Briefing, find: FindMentions, options: CompileOptions = {}): CompiledBriefing {
  const steps = compileSteps(briefing, find, options, Number.POSITIVE_INFINITY);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export interface ChunkOptions extends CompileOptions {
  signal?: AbortSignal;
  /** Units of work (sentences scored, entities ranked…) between two points where the compile may pause (default 50). */
  yieldEvery?: number;
  /** Milliseconds of work after which it does pause at the next such point (default 8; 0: at every point). */
  sliceMs?: number;
}

/**
 * Same result as `compileBriefing`, but gives the event loop its turn whenever it has worked for
 * `sliceMs`, so a page compiling a large briefing stays responsive. Pausing by the clock rather
 * than after a fixed amount of work: each pause may cost the page a frame, and a megabyte is a
 * few hundred thousand units of work. Rejects with the signal's reason if aborted.
 */
export async function compileBriefingInChunks(briefing: Briefing, find: FindMentions, options: ChunkOptions = {}): Promise<CompiledBriefing> {
  const { signal, yieldEvery = 50, sliceMs = 8 } = options;
  signal?.throwIfAborted();
  const steps = compileSteps(briefing, find, options, Math.max(1, yieldEvery));
  // Never run to the end in the caller's own task: it gets its promise back first.
  await yieldToEventLoop();
  const slice = new Slice(sliceMs);
  for (;;) {
    signal?.throwIfAborted();
    const step = steps.next();
    if (step.done) return step.value;
    if (!slice.expired()) continue;
    await yieldToEventLoop();
    slice.restart();
  }
}

/** The compiler as a generator: it yields every `every` units of work (sentences, entities). */
function* compileSteps(briefing: Briefing, find: FindMentions, options: CompileOptions, every: number): Generator<void, CompiledBriefing> {
  const maxSentences = Math.max(1, options.maxSentences ?? 8);
  const maxRelated = Math.max(0, options.maxRelated ?? 12);
  const all: Sentence[] = [];
  let work = 0;
  /** Counts one unit of work; true every `every` units, where the compile may pause. */
  const due = (): boolean => {
    if (++work < every) return false;
    work = 0;
    return true;
  };
  let split = 0;
  for (const _ of splitting(briefing.text, all)) {
    // Splitting is cheap per sentence: a pause every few `every` sentences is enough.
    if (all.length - split >= every * 4) {
      split = all.length;
      yield;
    }
  }

  // The summary: the first paragraph that has sentences (the bundled briefing's own summary).
  const summaryParagraph = all[0]?.paragraph ?? 0;

  // 1. Mentions per sentence, and each entity's candidate sentences in document order.
  const found: Array<Found | undefined> = new Array(all.length);
  const candidates = new Map<string, number[]>();
  /** Per entity, how often each surface form occurs (to tell its name from other forms). */
  const forms = new Map<string, Map<string, number>>();
  // `find` runs once per paragraph (fewer, longer calls are faster than one per sentence); each
  // mention goes to the sentence it starts in, with offsets relative to that sentence. Mentions
  // in dropped lines (calls to action) fall between sentences and are ignored.
  let paragraphMentions: Mention[] = [];
  let paragraphStart = 0;
  let cursor = 0;
  for (let i = 0; i < all.length; i++) {
    const sentence = all[i]!;
    if (due()) yield;
    if (i === 0 || all[i - 1]!.paragraph !== sentence.paragraph) {
      let last = i;
      while (last + 1 < all.length && all[last + 1]!.paragraph === sentence.paragraph) last++;
      paragraphStart = sentence.start;
      paragraphMentions = find(briefing.text.slice(paragraphStart, all[last]!.end)).sort((a, b) => a.start - b.start);
      cursor = 0;
    }
    const shift = paragraphStart - sentence.start;
    while (cursor < paragraphMentions.length && paragraphMentions[cursor]!.start + paragraphStart < sentence.start) cursor++;
    let entry: Found | undefined;
    for (; cursor < paragraphMentions.length; cursor++) {
      const mention = paragraphMentions[cursor]!;
      const start = mention.start + shift;
      if (start >= sentence.text.length) break;
      entry ??= { ids: [], first: new Map(), base: 0 };
      const seen = entry.first.get(mention.entity);
      if (seen) {
        seen.count++;
      } else {
        entry.ids.push(mention.entity);
        entry.first.set(mention.entity, { start, end: mention.end + shift, text: mention.text, count: 1 });
      }
      let byForm = forms.get(mention.entity);
      if (!byForm) forms.set(mention.entity, (byForm = new Map()));
      const form = mention.text.toLowerCase();
      byForm.set(form, (byForm.get(form) ?? 0) + 1);
    }
    if (!entry) continue;
    entry.base = baseScore(sentence, entry.ids.length, i, all.length, summaryParagraph);
    found[i] = entry;
    if (sentence.text.length > MAX_CARD_SENTENCE_CHARS) continue;
    for (const id of entry.ids) {
      let list = candidates.get(id);
      if (!list) candidates.set(id, (list = []));
      list.push(i);
    }
  }

  const tokens = new Map<number, Set<string>>();
  const tokensOf = (i: number): Set<string> => {
    let set = tokens.get(i);
    if (!set) tokens.set(i, (set = tokenSet(all[i]!.text)));
    return set;
  };

  // 2. Per entity: rank, drop near-duplicates, count related entities.
  const ranked = new Map<string, { sentences: number[]; related: Array<{ id: string; shared: number }> }>();
  for (const [id, list] of candidates) {
    if (due()) yield;
    const name = nameForm(forms.get(id));
    // Work is counted in sentences, not entities: in a large briefing one entity can have
    // thousands of candidates, and scoring them all at once froze the page for 100 ms.
    const scored: Array<{ i: number; score: number }> = [];
    for (const i of list) {
      if (due()) yield;
      scored.push({ i, score: scoreSentence(all[i]!, found[i]!, id, name) });
    }
    scored.sort((a, b) => b.score - a.score || a.i - b.i);
    const kept: number[] = [];
    for (let c = 0; c < scored.length && c < MAX_CANDIDATES && kept.length < maxSentences; c++) {
      if (due()) yield;
      const i = scored[c]!.i;
      const set = tokensOf(i);
      if (kept.some((k) => jaccard(tokensOf(k), set) >= NEAR_DUPLICATE)) continue;
      kept.push(i);
    }
    const shared = new Map<string, { shared: number; first: number }>();
    for (const i of list) {
      for (const other of found[i]!.ids) {
        if (other === id) continue;
        const entry = shared.get(other);
        if (entry) entry.shared++;
        else shared.set(other, { shared: 1, first: i });
      }
    }
    const related = [...shared]
      .sort((a, b) => b[1].shared - a[1].shared || a[1].first - b[1].first)
      .slice(0, maxRelated)
      .map(([other, { shared: count }]) => ({ id: other, shared: count }));
    ranked.set(id, { sentences: kept, related });
  }

  // 3. Keep only the quoted sentences, renumbered in document order.
  const used = new Set<number>();
  for (const { sentences } of ranked.values()) for (const i of sentences) used.add(i);
  const order = [...used].sort((a, b) => a - b);
  const renumber = new Map(order.map((i, n) => [i, n]));
  const entities: Record<string, CompiledEntity> = Object.create(null) as Record<string, CompiledEntity>;
  for (const [id, { sentences, related }] of ranked) {
    entities[id] = { sentences: sentences.map((i) => renumber.get(i)!), related };
  }
  const compiled: CompiledBriefing = {
    version: COMPILED_BRIEFING_VERSION,
    briefingId: briefing.id,
    // What a card shows is cleaned here too, whatever the briefing came through (a store written
    // by an older version, a synced copy): no invisible or bidi characters, no credentials.
    title: cleanTitle(briefing.title),
    sentences: order.map((i) => ({ ...all[i]! })),
    entities,
  };
  const source = briefing.source === undefined ? null : cleanSource(briefing.source);
  if (source !== null) compiled.source = source;
  if (briefing.date !== undefined) compiled.date = briefing.date;
  return compiled;
}

/** Lower-cased word tokens of a text, as a set. */
function tokenSet(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let both = 0;
  for (const t of small) if (large.has(t)) both++;
  return both / (a.size + b.size - both);
}

/**
 * The form of an entity that is its name: the shortest form the briefing uses (Iran, not Iranian;
 * Russia, not Russian), the more frequent one on a tie (Russia, not Moscow).
 */
function nameForm(byForm: Map<string, number> | undefined): string {
  let best = '';
  let bestCount = 0;
  for (const [form, count] of byForm ?? []) {
    if (best === '' || form.length < best.length || (form.length === best.length && count > bestCount)) {
      best = form;
      bestCount = count;
    }
  }
  return best;
}

const PREPOSITIONS = new Set([
  'in', 'of', 'from', 'to', 'with', 'by', 'for', 'on', 'at', 'about', 'against', 'towards', 'toward',
  'beyond', 'into', 'across', 'regarding', 'despite', 'like', 'between', 'among', 'affecting', 'than',
  'over', 'under', 'through', 'within', 'without', 'near', 'around', 'as', 'and', 'or',
]);
/** A verb right after the mention (maybe after an adverb): the entity is its subject. */
const VERB_AFTER = /^(?:[’']s)?\s+(?:\p{Ll}+ly\s+)?(?:is|are|was|were|has|have|had|will|would|may|might|can|could|should|must|remains?|appears?|seems?|continues?|does|did|began|begins|says|said|becomes|became|faces|faced|seeks|sought|wants|holds|held|controls|controlled|took|takes|lost|loses|fell|falls|seized|captured|launched|withdrew|withdraws|evacuated|evacuates|warned|warns|announced|announces|confirmed|denied|denies|claimed|claims|agreed|refused|rejected|accused|urged|vowed|sent|moved|pulled|backs|backed|supports|supported|started|stated|struck|attacked|deployed)\b/u;
/** A sentence ending in one of these is a full sentence, not a heading. */
const FINAL_PUNCTUATION = new Set([...'.!?…؟۔"\'”’)»'].map((c) => c.charCodeAt(0)));
/** Openers that point back to a sentence the card does not show ("This withdrawal…", "It…"). */
const ANAPHORIC_START = /^(?:this|these|that|those|it|its|they|their|such|he|she|his|her)\b/i;

/**
 * The words (white-space separated) before `offset`: how many, counted up to `cap` (more are
 * reported as `cap`), and the last of them. Scans backwards, so it costs little for late offsets.
 */
function wordsBeforeOffset(text: string, offset: number, cap: number): { count: number; last: string } {
  let i = offset;
  let count = 0;
  let last = '';
  while (count < cap) {
    while (i > 0 && isWhiteSpaceAt(text, i - 1)) i--;
    if (i === 0) break;
    const wordEnd = i;
    while (i > 0 && !isWhiteSpaceAt(text, i - 1)) i--;
    if (count === 0) last = text.slice(i, wordEnd);
    count++;
  }
  return { count, last };
}

/**
 * How good a sentence is as card background for `id` (higher is better):
 * the entity as subject or near the start, the document's own summary and earlier sentences,
 * few other entities, the entity's name (not a derived word), a readable length.
 */
function scoreSentence(sentence: Sentence, entry: Found, id: string, name: string): number {
  const text = sentence.text;
  const mention = entry.first.get(id)!;
  let score = entry.base;

  // Subject, or near the start.
  const { count: wordsBefore, last } = wordsBeforeOffset(text, mention.start, 3);
  const afterPreposition = wordsBefore > 0 && PREPOSITIONS.has(last.toLowerCase().replace(/[^\p{L}]/gu, ''));
  if (wordsBefore === 0) score += 2.5;
  else if (!afterPreposition && (wordsBefore <= 2 || VERB_AFTER.test(text.slice(mention.end, mention.end + 60)))) score += 2;
  else if (mention.start < text.length / 3) score += 0.75;

  // The entity's name rather than a derived word (Iran, not Iranian), named more than once.
  const form = mention.text.toLowerCase();
  if (form === name || form === name + 's' || form === name + 'es') score += 0.75;
  score += 0.25 * Math.min(2, mention.count - 1);
  return score;
}

/**
 * The part of a sentence's score that does not depend on the entity: earlier in the document (the
 * first paragraph is its summary), few names (specific), readable on its own, sensible length.
 */
function baseScore(sentence: Sentence, names: number, index: number, total: number, summaryParagraph: number): number {
  const text = sentence.text;
  let score = 0;
  if (sentence.paragraph === summaryParagraph) score += 1.25;
  score -= index / Math.max(1, total);
  score -= 0.5 * Math.min(4, names - 1);
  if (ANAPHORIC_START.test(text)) score -= 0.75;
  if (!FINAL_PUNCTUATION.has(text.charCodeAt(text.length - 1))) score -= 1;
  const length = text.length;
  if (length < 40) score -= 2;
  else if (length < 60) score -= 0.5;
  else if (length > 500) score -= 3;
  else if (length > 300) score -= 1.5;
  else if (length > 220) score -= 0.5;
  return score;
}
