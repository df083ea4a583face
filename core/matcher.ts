/**
 * The matcher: finds mentions of entities in a text. Pure — no DOM, no browser API.
 *
 * `createMatcher` compiles all aliases of an entity set once into ONE search RegExp and Maps from
 * the matched text to the entity; `find` then costs about one RegExp pass over the text plus a
 * few Map lookups per candidate (see createMatcher for why the RegExp has the shape it has).
 *
 * Rules (the counting rules of the shared corpus, which are what readers expect):
 * - Whole words in any script: the characters on both sides of a mention are not letters,
 *   digits, combining marks or `_`. Hyphens, dashes, apostrophes and punctuation are boundaries
 *   (`Iran-backed`, `anti-Assad`, `Assad’s` count; `Hamas`, `Syriac`, `Assads` do not).
 * - Exact case, plus the ALL-CAPS form of every alias (`IRAN`); `anyCase` aliases in any case.
 * - In an alias a space matches any run of white space (incl. U+00A0) but never U+2029, the
 *   paragraph separator the page scanner puts between blocks; `-` matches `-`, U+2010 or U+2011.
 * - Longest match wins at the same start (`Bashar al-Assad`, `European Union`, `rebel forces`
 *   are one mention each). Mentions are sorted by start and never overlap.
 * - `notAliases` (Hafez al-Assad) are matched like aliases and swallowed: they yield no mention,
 *   so the alias inside them (Assad) is not a mention either.
 * - Soft hyphens (U+00AD) are ignored (`Da\u00ADmascus` counts); offsets and `text` still index the
 *   original string.
 * - No mention inside a URL (`https://…`, `www.…`, a bare domain such as `aleppo.com`) or an
 *   e-mail address.
 * - Arabic: a word may carry the attached prefixes و ف (and), ب ك ل (in, like, for) and the
 *   article ال, also combined (وال، بال، فبال، لل …). Such a mention covers the WHOLE written
 *   word (`ودمشق`, `للأسد`): the prefixes are part of the word a reader sees, and marking part of a
 *   joined Arabic word would cut its letters apart. Suffixes follow the normal boundary rule
 *   (`دمشقي` is not a mention).
 */
import type { Entity, FindMentions, Mention } from './types';

/** Letters, digits, combining marks and `_`: what a word is made of. */
const WORD_CHAR = '[\\p{L}\\p{N}\\p{M}_]';
const IS_WORD_CHAR = /^[\p{L}\p{N}\p{M}_]$/u;
/** A space in an alias: any run of white space except the paragraph separator U+2029. */
const SPACE = '[^\\S\\u2029]+';
/** A hyphen in an alias: hyphen-minus, U+2010 hyphen or U+2011 non-breaking hyphen. */
const HYPHEN = '[\\-\\u2010\\u2011]';
/**
 * Attached Arabic prefixes, read backwards from the start of a name: a conjunction (و ف), then a
 * preposition (ب ك ل) and/or the article ال; ل + ال is written لل.
 */
const ARABIC_PREFIX_BEFORE = /(?:[وف]?(?:[بك]?ال|لل|[بكل])|[وف])$/u;
const ARABIC_ARTICLE = 'ال';
const SOFT_HYPHEN = '\u00AD';

const IS_ARABIC = /^\p{Script=Arabic}/u;
const WHITESPACE_RUN = /[^\S\u2029]+/gu;
const HYPHENS = /[\u2010\u2011]/g;
const NEEDS_NORMALISING = /[^\S\u2029]|[\u2010\u2011]/u;
/** Word separators inside a multi-word alias (as written, or in a matched text). */
const SEPARATORS = /[\s\u2010\u2011-]/u;

/** Characters of a URL scheme (`https`), of a URL after it, and of an e-mail address. */
const SCHEME_CHAR = /^[A-Za-z0-9+.-]$/;
const URL_CHAR = /^[^\s<>"“”«»]$/u;
const EMAIL_LOCAL_CHAR = /^[\p{L}\p{N}\p{M}._%+-]$/u;
const EMAIL_DOMAIN_CHAR = /^[\p{L}\p{N}\p{M}.-]$/u;
const NEVER = /$^/;
/** A host name (with optional port and path): labels joined by dots, lower-case top-level domain. */
const BARE_DOMAIN = /^(?:[\p{L}\p{N}-]+\.)+[a-z]{2,24}(?::\d+)?(?:[/?#][^\s]*)?$/u;
const LEADING_PUNCTUATION = /^[([{"'‘“«]+/u;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}"'’”»]+$/u;
const NOT_SPACE = /\S/;

/** ASCII letters, digits and `_`: the common case of the left-boundary test, without a RegExp. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[A-Za-z0-9_]/.test(String.fromCharCode(c)) ? 1 : 0;

export interface Matcher {
  find: FindMentions;
}

/** Entity id, or `null` for a notAlias (matched only to be swallowed). */
type Target = string | null;

const REGEXP_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/** A literal text as RegExp source (spaces and hyphens stay as they are). */
function escapeText(text: string): string {
  return text.replace(REGEXP_SYNTAX, '\\$&');
}

/** RegExp tokens, one per character, of an `anyCase` alias: `[rR]`, and loose spaces and hyphens. */
function anyCaseTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const c of text) {
    if (c === ' ') tokens.push(SPACE);
    else if (c === '-') tokens.push(HYPHEN);
    else {
      const lower = c.toLowerCase();
      const upper = c.toUpperCase();
      if (lower === upper || [...lower].length !== 1 || [...upper].length !== 1) tokens.push(escapeText(c));
      else tokens.push(`[${escapeText(lower)}${escapeText(upper)}]`);
    }
  }
  return tokens;
}

/** An alternation, longest first: at one start the engine then takes the longest form that fits. */
function alternation(forms: Map<string, number>): string {
  return [...forms].sort((a, b) => b[1] - a[1]).map(([source]) => source).join('|');
}

/** The form a matched text is looked up under: one space per white-space run, `-` for hyphens. */
function normalise(text: string): string {
  return NEEDS_NORMALISING.test(text) ? text.replace(WHITESPACE_RUN, ' ').replace(HYPHENS, '-') : text;
}

function cleanAlias(text: string): string {
  return text.replaceAll(SOFT_HYPHEN, '').trim().replace(/\s+/gu, ' ').replace(HYPHENS, '-');
}

/** White space other than ' ' and U+2029, and the hyphens U+2010/U+2011: separators the search sees as ' ' / '-'. */
const ODD_SPACE = /[\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u202f\u205f\u3000\ufeff]/g;
const ODD_HYPHEN = /[\u2010\u2011]/g;

/**
 * The text the search runs on: the same length, with every white-space character except U+2029
 * turned into ' ' and U+2010/U+2011 into '-', so that the literal forms match across them.
 */
function plainSeparators(text: string): string {
  ODD_SPACE.lastIndex = 0;
  let plain = ODD_SPACE.test(text) ? text.replace(ODD_SPACE, ' ') : text;
  if (plain.indexOf('\u2011') !== -1 || plain.indexOf('\u2010') !== -1) plain = plain.replace(ODD_HYPHEN, '-');
  return plain;
}

function isWordCharBefore(text: string, i: number): boolean {
  if (i <= 0) return false;
  const c = text.charCodeAt(i - 1);
  if (c < 128) return ASCII_WORD[c] === 1;
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) return IS_WORD_CHAR.test(text.slice(i - 2, i));
  return IS_WORD_CHAR.test(text[i - 1]!);
}

function isWordCharAt(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_WORD[c] === 1;
  if (c >= 0xd800 && c <= 0xdbff) return IS_WORD_CHAR.test(text.slice(i, i + 2));
  return IS_WORD_CHAR.test(text[i]!);
}

function isArabicCode(c: number): boolean {
  return (c >= 0x600 && c <= 0x6ff) || (c >= 0x750 && c <= 0x77f) || (c >= 0x8a0 && c <= 0x8ff) ||
    (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc);
}

/** The attached prefix before an Arabic name at `i`, if the letters before it are exactly one. */
function arabicPrefixBefore(text: string, i: number): string | null {
  const m = ARABIC_PREFIX_BEFORE.exec(text.slice(Math.max(0, i - 4), i));
  if (!m || isWordCharBefore(text, i - m[0].length)) return null;
  return m[0];
}

/**
 * Builds a matcher for an entity set. Build once per set (a few milliseconds for a few hundred
 * aliases, plus the first search, which compiles the RegExp): compiling costs far more than a search.
 *
 * How it stays fast: the search RegExp (flags `gi`) is an alternation of LITERAL forms only —
 * V8 scans those several times faster than patterns with character classes, look-arounds or the
 * `u` flag. It runs over a copy of the text of the same length in which every white-space
 * character but U+2029 is a plain space and U+2010/U+2011 a plain hyphen, so the literal
 * `bashar al-assad` also finds `Bashar\u00A0al\u2011Assad`. It only proposes candidates: JS then
 * checks both word boundaries (a table for ASCII) and the letter case (a Map lookup on the matched
 * text). A second, sticky RegExp with the exact rules runs at one position only when the literal
 * form cannot decide: words of a multi-word name followed by a run of white space, or a
 * multi-word candidate that does not fit (`European union` is `European` and a word).
 */
export function createMatcher(entities: readonly Entity[]): Matcher {
  /** Exact and ALL-CAPS forms of non-Arabic aliases → entity id. */
  const exact = new Map<string, Target>();
  /** `anyCase` forms, lower-cased → entity id. */
  const anyCase = new Map<string, Target>();
  /** Arabic forms → entity id; `stripped`: forms that began with ال, without it (after لل, بال …). */
  const arabic = new Map<string, Target>();
  const stripped = new Map<string, Target>();

  /** RegExp source → length in tokens, for the literal candidate search and the exact sticky one. */
  const literalForms = new Map<string, number>();
  const exactForms = new Map<string, number>();

  const addLiteral = (text: string): void => {
    literalForms.set(escapeText(text), text.length);
  };

  const addForm = (text: string, caseInsensitive: boolean): void => {
    // Under the `i` flag the letter case of a literal does not matter, except where lower-casing
    // changes the length (İ → i̇): keep those as written.
    const lower = text.toLowerCase();
    const literal = lower.length === text.length ? lower : text;
    addLiteral(literal);
    if (caseInsensitive) {
      const strict = anyCaseTokens(text);
      exactForms.set(strict.join(''), strict.length);
    } else {
      exactForms.set(escapeText(text).replaceAll(' ', SPACE).replaceAll('-', HYPHEN), text.length);
    }
    // The words before each space, followed by a run of spaces: a candidate for the exact pattern
    // (the literal form has single spaces; plainSeparators turned other white space into spaces).
    for (let i = literal.indexOf(' '); i !== -1; i = literal.indexOf(' ', i + 1)) addLiteral(literal.slice(0, i) + '  ');
  };

  const add = (rawText: string, caseInsensitive: boolean, target: Target): void => {
    const text = cleanAlias(rawText);
    if (text === '' || !/[\p{L}\p{N}]/u.test(text)) return;
    if (IS_ARABIC.test(text)) {
      if (!arabic.has(text)) arabic.set(text, target);
      addForm(text, false);
      if (text.startsWith(ARABIC_ARTICLE) && text.length > ARABIC_ARTICLE.length + 1) {
        const rest = text.slice(ARABIC_ARTICLE.length);
        if (!stripped.has(rest)) stripped.set(rest, target);
        addForm(rest, false);
      }
      return;
    }
    if (caseInsensitive) {
      const key = text.toLowerCase();
      if (!anyCase.has(key)) anyCase.set(key, target);
      addForm(text, true);
      return;
    }
    for (const form of new Set([text, text.toUpperCase()])) {
      if (!exact.has(form)) exact.set(form, target);
      addForm(form, false);
    }
  };

  // notAliases first: when a name is both, swallowing it is the safer reading.
  for (const entity of entities) {
    for (const name of entity.notAliases ?? []) if (typeof name === 'string') add(name, false, null);
  }
  for (const entity of entities) {
    for (const alias of entity.aliases) {
      if (alias && typeof alias.text === 'string') add(alias.text, alias.anyCase === true, entity.id);
    }
  }

  if (literalForms.size === 0) return { find: () => [] };
  // No `u` flag and no look-around: V8 then scans a pure literal alternation, case-insensitively,
  // several times faster (with `iu` it is ten times slower). Both boundaries are checked in JS.
  const pattern = new RegExp(alternation(literalForms), 'gi');
  const exactPattern = new RegExp(`(?:${alternation(exactForms)})(?!${WORD_CHAR})`, 'uy');

  /** The entity (or `null`, a notAlias) a normalised form names; `undefined`: none. */
  const lookUp = (key: string, isArabic: boolean, prefix: string): Target | undefined => {
    if (isArabic) {
      const target = arabic.get(key);
      if (target !== undefined) return target;
      return prefix.endsWith(ARABIC_ARTICLE) || prefix.endsWith('لل') ? stripped.get(key) : undefined;
    }
    const target = exact.get(key);
    return target !== undefined ? target : anyCase.get(key.toLowerCase());
  };

  /** `plain`: the text with plain separators (see plainSeparators); `original`: for mention texts. */
  const search = (plain: string, original: string): Mention[] => {
    const mentions: Mention[] = [];
    pattern.lastIndex = 0;
    for (let m = pattern.exec(plain); m !== null; m = pattern.exec(plain)) {
      const candidate = m[0];
      const index = m.index;
      const isArabic = isArabicCode(candidate.charCodeAt(0));
      let prefix = '';
      if (isWordCharBefore(plain, index)) {
        const found = isArabic ? arabicPrefixBefore(plain, index) : null;
        if (found === null) {
          pattern.lastIndex = index + 1;
          continue;
        }
        prefix = found;
      }
      let matched = candidate;
      // The first words of a multi-word name, then a run of spaces (see addForm).
      const runAfterHead = candidate.charCodeAt(candidate.length - 1) === 32;
      // A literal form has single spaces and plain hyphens: the candidate is its own lookup key.
      let target = runAfterHead || isWordCharAt(plain, index + candidate.length) ? undefined : lookUp(candidate, isArabic, prefix);
      // The literal form cannot decide: ask the exact pattern what starts here.
      if (target === undefined && (runAfterHead || SEPARATORS.test(candidate))) {
        exactPattern.lastIndex = index;
        const exactMatch = exactPattern.exec(plain);
        if (exactMatch !== null) {
          matched = exactMatch[0];
          target = lookUp(normalise(matched), isArabic, prefix);
        }
      }
      if (target === undefined) {
        // Part of a longer word, a form in the wrong case, or one that lacks its article.
        pattern.lastIndex = index + 1;
        continue;
      }
      const end = index + matched.length;
      pattern.lastIndex = end;
      if (target === null) continue; // a notAlias: swallowed
      const start = index - prefix.length;
      // A dot joining the mention to more letters may make it part of a host name (aleppo.com).
      if ((plain.charCodeAt(start - 1) === 46 || plain.charCodeAt(end) === 46) && inBareDomain(plain, start, end)) continue;
      mentions.push({ entity: target, start, end, text: original.slice(start, end) });
    }
    return mentions;
  };

  const find: FindMentions = (text) => {
    let mentions = text.indexOf(SOFT_HYPHEN) === -1
      ? search(plainSeparators(text), text)
      : withoutSoftHyphens(text, (stripped) => search(plainSeparators(stripped), stripped));
    if (mentions.length === 0) return mentions;
    if (text.indexOf('://') !== -1 || text.indexOf('www.') !== -1 || text.indexOf('@') !== -1) {
      mentions = outsideSpans(mentions, linkSpans(text));
    }
    return mentions;
  };

  return { find };
}

/**
 * Searches `text` with its soft hyphens removed and maps the mentions back to offsets in
 * `text` (a soft hyphen inside a name stays inside the mention's text).
 */
function withoutSoftHyphens(text: string, search: (text: string) => Mention[]): Mention[] {
  /** `positions[k] - k`: where the k-th soft hyphen sits in the stripped text. */
  const shifted: number[] = [];
  for (let i = text.indexOf(SOFT_HYPHEN); i !== -1; i = text.indexOf(SOFT_HYPHEN, i + 1)) {
    shifted.push(i - shifted.length);
  }
  const mentions = search(text.replaceAll(SOFT_HYPHEN, ''));
  // Mentions are sorted, so one cursor walks the soft hyphens once.
  let k = 0;
  for (const mention of mentions) {
    // Original index of stripped index x: x + number of soft hyphens at or before it.
    while (k < shifted.length && shifted[k]! <= mention.start) k++;
    const start = mention.start + k;
    let j = k;
    const last = mention.end - 1;
    while (j < shifted.length && shifted[j]! <= last) j++;
    const end = last + j + 1;
    mention.start = start;
    mention.end = end;
    mention.text = text.slice(start, end);
  }
  return mentions;
}

/**
 * Sorted [start, end) spans of URLs (`scheme://…`, `www.…`) and e-mail addresses. Found from
 * their markers with indexOf and grown character by character only around each marker, so the
 * cost stays with the links, not with the whole text.
 */
function linkSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const grow = (from: number, to: number, back: RegExp, forward: RegExp): [number, number] => {
    while (from > 0 && to - from < 2048 && back.test(charBefore(text, from))) from -= charBefore(text, from).length;
    while (to < text.length && to - from < 2048 && forward.test(charAt(text, to))) to += charAt(text, to).length;
    return [from, to];
  };
  for (let i = text.indexOf('://'); i !== -1; i = text.indexOf('://', i + 3)) {
    const [from, to] = grow(i, i + 3, SCHEME_CHAR, URL_CHAR);
    if (from < i && to > i + 3) spans.push([from, to]);
  }
  for (let i = text.indexOf('www.'); i !== -1; i = text.indexOf('www.', i + 4)) {
    if (isWordCharBefore(text, i)) continue;
    spans.push(grow(i, i + 4, NEVER, URL_CHAR));
  }
  for (let i = text.indexOf('@'); i !== -1; i = text.indexOf('@', i + 1)) {
    const [from, to] = grow(i, i + 1, EMAIL_LOCAL_CHAR, EMAIL_DOMAIN_CHAR);
    // name@host.domain: something before the @, and a dot inside what follows it.
    const domain = text.slice(i + 1, to).replace(/\.+$/, '');
    if (from < i && domain.indexOf('.') > 0) spans.push([from, i + 1 + domain.length]);
  }
  return spans.sort((x, y) => x[0] - y[0]);
}

/** The character (a whole surrogate pair if need be) just before / at `i`. */
function charBefore(text: string, i: number): string {
  const c = text.charCodeAt(i - 1);
  return c >= 0xdc00 && c <= 0xdfff && i >= 2 ? text.slice(i - 2, i) : text[i - 1]!;
}

function charAt(text: string, i: number): string {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff ? text.slice(i, i + 2) : text[i]!;
}

function outsideSpans(mentions: Mention[], spans: Array<[number, number]>): Mention[] {
  if (spans.length === 0) return mentions;
  let s = 0;
  return mentions.filter((mention) => {
    while (s < spans.length && spans[s]![1] <= mention.start) s++;
    const span = spans[s];
    return !(span && span[0] < mention.end);
  });
}

/**
 * `aleppo.com`, `news.syria-today.org/…`: is the mention at [start, end), which touches a dot, part
 * of a host name? Only such mentions do this extra work.
 */
function inBareDomain(text: string, start: number, end: number): boolean {
  const dotBefore = text.charCodeAt(start - 1) === 46 && start >= 2 && NOT_SPACE.test(text[start - 2]!);
  const dotAfter = text.charCodeAt(end) === 46 && end + 1 < text.length && NOT_SPACE.test(text[end + 1]!);
  if (!dotBefore && !dotAfter) return false;
  let from = start;
  while (from > 0 && start - from < 256 && NOT_SPACE.test(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && to - end < 256 && NOT_SPACE.test(text[to]!)) to++;
  const token = text.slice(from, to).replace(LEADING_PUNCTUATION, '').replace(TRAILING_PUNCTUATION, '');
  return BARE_DOMAIN.test(token);
}
