/**
 * Sentences of a briefing: where they start and end, so a card can quote them verbatim and the
 * briefing viewer can mark them. Pure: no DOM, no browser API.
 *
 * The splitter never interprets markup: pasted HTML or script is just text.
 */
import { isWhiteSpaceAt, trimSpan } from './text';

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
export function* splitting(text: string, out: Sentence[]): Generator<void, void> {
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

/**
 * [start, end) of each paragraph: blocks of text between blank lines (or U+2029), trimmed, empty
 * ones left out. The briefing viewer shows a briefing in the same paragraphs.
 */
export function paragraphs(text: string): Array<[number, number]> {
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
    if (k < end && !isWhiteSpaceAt(text, k)) {
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
  while (n < end && isWhiteSpaceAt(text, n)) n++;
  if (n >= end) return true;
  const nextWord = text.slice(n, Math.min(end, n + 40)).replace(OPENERS, '');
  const first = nextWord[0] ?? '';
  const lowerNext = /^\p{Ll}/u.test(first);
  // "…said to be... unclear", "“Why?” he asked": a lower-case word continues the sentence.
  if (lowerNext) return false;
  if (marks !== '.') return true;

  // A single full stop: look at the word before it.
  let w = at;
  while (w > blockStart && !isWhiteSpaceAt(text, w - 1)) w--;
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
