/**
 * The briefing compiler: turns a summarized document into what a card needs — for each entity,
 * the sentences that mention it (quoted verbatim, best first) and the entities named with it.
 *
 * Pure: no DOM, no browser API. The only "platform" calls are yielding to the event loop and
 * reading the clock in `compileBriefingInChunks` (setTimeout or scheduler.yield, and
 * performance.now), which every JS runtime has.
 *
 * The compiler never interprets markup: pasted HTML or script is just text, quoted as it is.
 */
import type { Message } from './i18n';
import type { Briefing, CardBackground, CardData, Entity, FindMentions, Mention } from './types';

// ---------------------------------------------------------------------------------------------
// Sentences
// ---------------------------------------------------------------------------------------------

/** One sentence of a briefing. `text === briefing.text.slice(start, end)`: never reworded. */
export interface Sentence {
  text: string;
  /** UTF-16 offsets into the briefing text, end exclusive; white space around the sentence excluded. */
  start: number;
  end: number;
  /** Index of the paragraph (blocks of text separated by blank lines, counting every non-blank one). */
  paragraph: number;
}

/** Characters that end a sentence (a run of them counts as one: `?!`, `...`), as char codes. */
const TERMINATORS = new Set([...'.!?…؟۔。！？'].map((c) => c.charCodeAt(0)));
/** Closing quotes and brackets that belong to the sentence they follow: `."`, `.”`, `.’`, `.)`. */
const CLOSERS = new Set([...'"\'”’»›)]}」』'].map((c) => c.charCodeAt(0)));

function isTerminator(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || (c > 127 && TERMINATORS.has(c));
}
/** Opening quotes and brackets skipped when looking at the first letter of the next sentence. */
const OPENERS = /^["'“‘«‹([{「『¿¡\-–—*•·]+/u;

/** Titles before a name: a full stop after them never ends a sentence (Mr. Assad, Gen. Smith). */
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'st', 'gen', 'col', 'lt', 'sgt', 'capt', 'maj', 'cpl', 'pvt',
  'adm', 'cmdr', 'cdr', 'brig', 'gov', 'sen', 'rep', 'rev', 'fr', 'hon', 'pres', 'supt', 'insp',
  'messrs', 'mme', 'mlle', 'sheikh', 'mt', 'ft', 'ave', 'blvd',
]);
/** Abbreviations used inside a sentence (e.g., i.e., vs.): never end one. */
const INSIDE = new Set(['e.g', 'i.e', 'cf', 'vs', 'viz', 'approx', 'ca', 'esp', 'incl', 'resp', 'al', 'eg', 'ie']);
/** Before a number they are abbreviations (Dec. 8, No. 5, p. 12); before a capital, maybe a sentence end. */
const BEFORE_NUMBERS = new Set([
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'no', 'nos', 'vol', 'p', 'pp', 'art', 'fig', 'ch', 'sec', 'para', 'op', 'res',
]);
/** Words that start sentences: after U.S. or U.N., only these make the full stop a sentence end. */
const STARTERS = new Set([
  'the', 'a', 'an', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those',
  'there', 'in', 'on', 'at', 'but', 'and', 'however', 'meanwhile', 'after', 'before', 'when', 'while',
  'if', 'as', 'some', 'many', 'most', 'both', 'his', 'her', 'their', 'our', 'such', 'yet', 'still',
  'then', 'since', 'although', 'though', 'despite', 'for', 'with', 'from', 'by', 'what', 'why', 'how',
  'who', 'where', 'no', 'not', 'one', 'two', 'other', 'another', 'several', 'few', 'all', 'each',
]);
/** A dotted abbreviation: U.S, U.N, a.m (the final full stop is the one being judged). */
const DOTTED = /^(?:\p{L}\.)+\p{L}$/u;
/** An initial: J. (in J. Smith, George W. Bush). */
const INITIAL = /^\p{Lu}$/u;

/**
 * Splits a text into sentences, with offsets into it so a page can highlight them.
 *
 * - Blank lines (and U+2029) always end a sentence; a single line break is white space, except
 *   after a short line without final punctuation (a heading, a link line) or before a list bullet.
 * - A full stop after an abbreviation (Mr., Dr., Gen., U.S., e.g., Dec. 8), an initial, or inside a
 *   number (3.5) or a host name does not end a sentence; `etc.` does when a capital follows.
 * - Closing quotes and brackets after the mark stay with the sentence (`."`, `.”`, `.’`).
 * - Any mark (`.`, `?`, `!`, `...`, `…`) followed by a lower-case word does not end the sentence.
 * - Line-only calls to action without final punctuation ("Read the original article here",
 *   "Read more", "Click here", "Subscribe…") and bare links are not background: dropped.
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const steps = splitting(text, sentences);
  while (!steps.next().done);
  return sentences;
}

/** Splits `text` into `out`, yielding after each paragraph (so a caller can pause between them). */
function* splitting(text: string, out: Sentence[]): Generator<void, void> {
  let paragraph = 0;
  for (const [pStart, pEnd] of paragraphs(text)) {
    for (const [lStart, lEnd] of lineBlocks(text, pStart, pEnd)) {
      if (isCallToAction(text, lStart, lEnd)) continue;
      splitBlock(text, lStart, lEnd, paragraph, out);
    }
    paragraph++;
    yield;
  }
}

const BLANK_LINE = /\r?\n[ \t\f\v\u00a0]*(?:\r?\n[ \t\f\v\u00a0]*)+|\r[ \t]*\r|\u2029/g;

/** [start, end) of each non-blank paragraph, trimmed. */
function paragraphs(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let from = 0;
  const push = (start: number, end: number) => {
    const [s, e] = trimSpan(text, start, end);
    if (e > s) spans.push([s, e]);
  };
  BLANK_LINE.lastIndex = 0;
  for (let m = BLANK_LINE.exec(text); m !== null; m = BLANK_LINE.exec(text)) {
    push(from, m.index);
    from = m.index + m[0].length;
  }
  push(from, text.length);
  return spans;
}

/** Is the UTF-16 unit at `i` white space (as `\s` defines it)? `false` past the end. */
function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 160 || Number.isNaN(c)) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && isSpaceAt(text, start)) start++;
  while (end > start && isSpaceAt(text, end - 1)) end--;
  return [start, end];
}

const BULLET = /^(?:[-*•·–—]\s|\d{1,3}[.)]\s)/u;
const LINE_END_PUNCTUATION = /[.!?…;:,؟۔"'”’»)\]]$/u;

/**
 * Splits a paragraph at line breaks that end a block on their own: after a short line without
 * final punctuation (a heading, a link line) that a capital or a digit follows, or before a bullet.
 * Hard-wrapped prose (lines near the wrap width) stays one block.
 */
function lineBlocks(text: string, start: number, end: number): Array<[number, number]> {
  const body = text.slice(start, end);
  if (body.indexOf('\n') === -1 && body.indexOf('\r') === -1) return [[start, end]];
  const lines: Array<[number, number]> = [];
  const re = /\r\n|\n|\r/g;
  let from = 0;
  for (let m = re.exec(body); m !== null; m = re.exec(body)) {
    lines.push([start + from, start + m.index]);
    from = m.index + m[0].length;
  }
  lines.push([start + from, end]);
  let longest = 0;
  for (const [s, e] of lines) longest = Math.max(longest, e - s);
  const blocks: Array<[number, number]> = [];
  let blockStart = lines[0]![0];
  for (let i = 0; i < lines.length - 1; i++) {
    const [s, e] = trimSpan(text, lines[i]![0], lines[i]![1]);
    const [ns, ne] = trimSpan(text, lines[i + 1]![0], lines[i + 1]![1]);
    const line = text.slice(s, e);
    const next = text.slice(ns, ne);
    const shortLine = line.length < 0.6 * longest && !LINE_END_PUNCTUATION.test(line);
    const nextStarts = /^[\p{Lu}\p{Lo}\p{N}"“‘«]/u.test(next);
    if (BULLET.test(next) || BULLET.test(line) || (shortLine && nextStarts)) {
      blocks.push([blockStart, e]);
      blockStart = ns;
    }
  }
  blocks.push([blockStart, end]);
  return blocks.map(([s, e]) => trimSpan(text, s, e)).filter(([s, e]) => e > s);
}

/** Phrases that mark a line as a link or a call to action, wherever it ends. */
const CALL_TO_ACTION = /^(?:read more|read the (?:full|original|rest|whole|entire)\b|click here|tap here|subscribe|sign up|continue reading|learn more|see more|view (?:the )?(?:original|full|source)|share this|follow us)/i;
/** A line starting so is a link line when it also has no final punctuation and names a link. */
const LINK_VERB = /^(?:read|click|tap|see|view|visit|open|go to|watch|listen|follow|more|source|link|download)\b/i;
const LINK_WORD = /\b(?:here|more|article|story|link|source|original|below|above|report|video|podcast|newsletter)\b/i;
const BARE_LINK = /^(?:https?:\/\/|www\.)\S+$/i;

/** Is the block [start, end) a line-only link placeholder or call to action? */
function isCallToAction(text: string, start: number, end: number): boolean {
  if (end - start > 120) return false;
  const line = text.slice(start, end);
  if (/[\r\n]/.test(line)) return false;
  if (BARE_LINK.test(line)) return true;
  // Trailing ellipsis, colon or arrow is part of a call to action ("Subscribe…", "Read more →").
  const core = line.replace(/(?:\s*(?:…|\.\.\.|:|→|»|>|›))+$/u, '');
  const finalPunctuation = /[.!?؟]$/.test(core);
  if (CALL_TO_ACTION.test(core)) return !finalPunctuation || core.length <= 40;
  return !finalPunctuation && LINK_VERB.test(core) && LINK_WORD.test(core);
}

/** Splits one block [start, end) into sentences appended to `out`. */
function splitBlock(text: string, start: number, end: number, paragraph: number, out: Sentence[]): void {
  let sentenceStart = start;
  let i = start;
  while (i < end) {
    if (!isTerminator(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < end && isTerminator(text.charCodeAt(j))) j++;
    const marks = text.slice(i, j);
    let k = j;
    while (k < end && CLOSERS.has(text.charCodeAt(k))) k++;
    if (k < end && !isSpaceAt(text, k)) {
      // 3.5, U.S.-backed, aleppo.com, "Why?!": not at a word's end.
      i = j;
      continue;
    }
    if (endsSentence(text, start, i, marks, k, end)) {
      pushSentence(text, sentenceStart, k, paragraph, out);
      sentenceStart = k;
    }
    i = k;
  }
  pushSentence(text, sentenceStart, end, paragraph, out);
}

function pushSentence(text: string, start: number, end: number, paragraph: number, out: Sentence[]): void {
  const [s, e] = trimSpan(text, start, end);
  if (e <= s) return;
  if (!/[\p{L}\p{N}]/u.test(text.slice(s, e))) return; // stray punctuation
  out.push({ text: text.slice(s, e), start: s, end: e, paragraph });
}

/**
 * Does the run of `marks` at [at, …) — followed by white space from `after` — end a sentence?
 * `blockStart` bounds the look-back for the word before the mark.
 */
function endsSentence(text: string, blockStart: number, at: number, marks: string, after: number, end: number): boolean {
  let n = after;
  while (n < end && isSpaceAt(text, n)) n++;
  if (n >= end) return true;
  const nextWord = text.slice(n, Math.min(end, n + 40)).replace(OPENERS, '');
  const first = nextWord[0] ?? '';
  const lowerNext = /^\p{Ll}/u.test(first);
  // "…said to be... unclear", "“Why?” he asked": a lower-case word continues the sentence.
  if (lowerNext) return false;
  if (marks !== '.') return true;

  // A single full stop: look at the word before it.
  let w = at;
  while (w > blockStart && !isSpaceAt(text, w - 1)) w--;
  const word = text.slice(w, at).replace(OPENERS, '');
  const lower = word.toLowerCase();
  const digitNext = /^\p{N}/u.test(first);
  const upperNext = /^\p{Lu}/u.test(first);
  if (word === '') return true;
  if (TITLES.has(lower) && /^\p{Lu}/u.test(word)) return false;
  if (INSIDE.has(lower)) return false;
  if (BEFORE_NUMBERS.has(lower)) return !digitNext;
  if (INITIAL.test(word)) return false;
  if (DOTTED.test(word)) {
    // U.S. Army / in the U.S. The rebels…: only a common sentence opener makes it an end.
    const opener = (/^[\p{L}’']+/u.exec(nextWord)?.[0] ?? '').toLowerCase();
    return upperNext && STARTERS.has(opener);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Compiling
// ---------------------------------------------------------------------------------------------

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
  let sliceStart = performance.now();
  for (;;) {
    signal?.throwIfAborted();
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart < sliceMs) continue;
    await yieldToEventLoop();
    sliceStart = performance.now();
  }
}

function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler && typeof scheduler.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
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
    title: briefing.title,
    sentences: order.map((i) => ({ ...all[i]! })),
    entities,
  };
  if (briefing.source !== undefined) compiled.source = briefing.source;
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
    while (i > 0 && isSpaceAt(text, i - 1)) i--;
    if (i === 0) break;
    const wordEnd = i;
    while (i > 0 && !isSpaceAt(text, i - 1)) i--;
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

// ---------------------------------------------------------------------------------------------
// Cards
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------------------------

/** Largest briefing accepted, in bytes of UTF-8. */
export const MAX_BRIEFING_BYTES = 1_000_000;

/** Bytes of `text` in UTF-8 (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  // A few native RegExp passes instead of a loop over every character: the briefings page
  // checks a pasted megabyte on every edit, and a cold loop over it took tens of milliseconds.
  // Each UTF-16 unit is 1 byte, plus 1 more from U+0080, plus 1 more from U+0800; a surrogate
  // pair (two units that would count 3 + 3) is 4 bytes; a lone surrogate counts as U+FFFD, 3.
  const nonAscii = text.replace(ASCII_RUNS, '');
  if (nonAscii.length === 0) return text.length;
  const fromU0800 = nonAscii.replace(BELOW_U0800_RUNS, '');
  // Pairs are counted in the text itself: removing characters could join two lone surrogates.
  const pairUnits = SURROGATE.test(fromU0800) ? text.length - text.replace(SURROGATE_PAIRS, '').length : 0;
  return text.length + nonAscii.length + fromU0800.length - pairUnits;
}

// eslint-disable-next-line no-control-regex -- counting bytes: every ASCII character, controls included
const ASCII_RUNS = /[\u0000-\u007f]+/g;
const BELOW_U0800_RUNS = /[\u0080-\u07ff]+/g;
const SURROGATE_PAIRS = /[\ud800-\udbff][\udc00-\udfff]/g;
const SURROGATE = /[\ud800-\udfff]/;
/** C0 controls except tab, line feed, vertical tab, form feed, carriage return; DEL; C1 controls; U+FFFD. */
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const ODD_CHARACTERS = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufffd]/g;

function formatBytes(bytes: number): string {
  return bytes.toLocaleString('en-US');
}

/**
 * Can this text be a briefing? Refuses empty text, text over 1 MB (1,000,000 bytes of UTF-8) and
 * text that looks binary (NUL characters, or many control or U+FFFD replacement characters).
 * Markup is fine: it is kept as plain text and never interpreted.
 */
export function validateBriefingText(text: string): { ok: true } | { ok: false; error: Message } {
  if (typeof text !== 'string' || text.trim() === '') {
    return { ok: false, error: { key: 'briefing_text_empty' } };
  }
  // A UTF-16 unit is at most 3 bytes of UTF-8: shorter texts need no counting.
  if (text.length * 3 > MAX_BRIEFING_BYTES) {
    const bytes = utf8Length(text);
    if (bytes > MAX_BRIEFING_BYTES) {
      const mb = (bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 2 : 1);
      return {
        ok: false,
        error: { key: 'briefing_text_too_large', substitutions: [mb, formatBytes(bytes), formatBytes(MAX_BRIEFING_BYTES)] },
      };
    }
  }
  if (text.indexOf('\u0000') !== -1) {
    return { ok: false, error: { key: 'briefing_text_nul' } };
  }
  const odd = text.length - text.replace(ODD_CHARACTERS, '').length;
  if (odd >= 3 && odd / text.length >= 0.02) {
    const share = ((odd / text.length) * 100).toFixed(odd / text.length < 0.1 ? 1 : 0);
    return { ok: false, error: { key: 'briefing_text_control', substitutions: [share] } };
  }
  return { ok: true };
}
