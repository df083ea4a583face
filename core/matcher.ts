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
const IS_WORD_CHAR = /^[\p{L}\p{N}\p{M}_]$/u;
/**
 * Attached Arabic prefixes, read backwards from the start of a name: a conjunction (و ف), then a
 * preposition (ب ك ل) and/or the article ال; ل + ال is written لل.
 */
const ARABIC_PREFIX_BEFORE = /(?:[وف]?(?:[بك]?ال|لل|[بكل])|[وف])$/u;
const ARABIC_ARTICLE = 'ال';
const SOFT_HYPHEN = '\u00AD';

const IS_ARABIC = /^\p{Script=Arabic}/u;
const HYPHENS = /[\u2010\u2011]/g;

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

/**
 * Word characters among U+0000–U+00FF (ASCII and Latin-1: letters, digits, ª µ º ² ³ ¹ ¼–¾, `_`):
 * the common cases of the boundary tests, without a RegExp. Latin-1 by hand, because the
 * Unicode-property RegExp costs milliseconds to compile on every page that first needs it.
 */
const LATIN1_WORD = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  LATIN1_WORD[c] =
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 ||
    c === 0xaa || c === 0xb2 || c === 0xb3 || c === 0xb5 || c === 0xb9 || c === 0xba ||
    (c >= 0xbc && c <= 0xbe) || (c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7) ? 1 : 0;
}

/** Is the UTF-16 code unit `c` (not a surrogate) a word character? */
function isWordCode(c: number, text: string, i: number): boolean {
  if (c < 256) return LATIN1_WORD[c] === 1;
  // General Punctuation (U+2000–U+206F: spaces, dashes, curly quotes, format marks) holds no
  // letter, digit or mark; it is what sits next to names in news text.
  if (c >= 0x2000 && c <= 0x206f) return false;
  return IS_WORD_CHAR.test(text[i]!);
}

export interface Matcher {
  find: FindMentions;
}

/** Entity id, or `null` for a notAlias (matched only to be swallowed). */
export type Target = string | null;

const REGEXP_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/** A literal text as RegExp source (spaces and hyphens stay as they are). */
function escapeText(text: string): string {
  return text.replace(REGEXP_SYNTAX, '\\$&');
}

/** An alternation, longest first: at one start the engine then takes the longest form that fits. */
function alternation(forms: Map<string, number>): string {
  return [...forms].sort((a, b) => b[1] - a[1]).map(([source]) => source).join('|');
}

function cleanAlias(text: string): string {
  return text.replaceAll(SOFT_HYPHEN, '').trim().replace(/\s+/gu, ' ').replace(HYPHENS, '-');
}

/** White space other than ' ' and U+2029 (RegExp source): what may sit between words besides a space. */
const ODD_SPACE = '[\\t\\n\\v\\f\\r\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u202f\\u205f\\u3000\\ufeff]';
/** The hyphens other than `-` (RegExp source). */
const ODD_HYPHEN = '[\\u2010\\u2011]';

/** White space (as RegExp `\\s` has it) other than U+2029, which a name never spans. */
function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x202f ||
    c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function isOddHyphenCode(c: number): boolean {
  return c === 0x2010 || c === 0x2011;
}

function isWordCharBefore(text: string, i: number): boolean {
  if (i <= 0) return false;
  const c = text.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) return IS_WORD_CHAR.test(text.slice(i - 2, i));
  return isWordCode(c, text, i - 1);
}

function isWordCharAt(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) return IS_WORD_CHAR.test(text.slice(i, i + 2));
  return isWordCode(c, text, i);
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
 * A matcher for an entity set, ready to be built on a page: plain data (it crosses the
 * extension's messaging). Preparing it takes a few thousand string operations over the whole
 * catalogue — ten milliseconds and more in a page's cold code — so the background prepares it
 * and every page only turns it into Maps and a RegExp (`matcherFromPlan`).
 */
export interface MatcherPlan {
  /** Source of the candidate search RegExp: literal forms, longest first (see matcherFromPlan). */
  source: string;
  /** Length of the longest literal form: how far a name reaches once white-space runs are collapsed. */
  longestForm: number;
  /** Exact and ALL-CAPS forms of non-Arabic aliases → entity id (`null`: a notAlias, swallowed). */
  exact: Array<[string, Target]>;
  /** `anyCase` forms, lower-cased → entity id. */
  anyCase: Array<[string, Target]>;
  /** Arabic forms → entity id. */
  arabic: Array<[string, Target]>;
  /** Arabic forms that began with ال, without it (found after لل, بال …). */
  stripped: Array<[string, Target]>;
}

/**
 * `planMatcher` that remembers its last answer: when a setting changes, every open tab asks for
 * its config at once, and all of them need the plan for the same entities.
 */
export function lastPlanCache(): (entities: readonly Entity[]) => MatcherPlan {
  let last: { key: string; plan: MatcherPlan } | null = null;
  return (entities) => {
    const key = JSON.stringify(entities);
    if (last?.key !== key) last = { key, plan: planMatcher(entities) };
    return last.plan;
  };
}

/** Builds a matcher for an entity set: `planMatcher` and `matcherFromPlan` in one go. */
export function createMatcher(entities: readonly Entity[]): Matcher {
  return matcherFromPlan(planMatcher(entities));
}

/** Prepares the matcher for an entity set: its search RegExp's source and its lookup tables. */
export function planMatcher(entities: readonly Entity[]): MatcherPlan {
  /** Exact and ALL-CAPS forms of non-Arabic aliases → entity id. */
  const exact = new Map<string, Target>();
  /** `anyCase` forms, lower-cased → entity id. */
  const anyCase = new Map<string, Target>();
  /** Arabic forms → entity id; `stripped`: forms that began with ال, without it (after لل, بال …). */
  const arabic = new Map<string, Target>();
  const stripped = new Map<string, Target>();

  /** RegExp source → length in characters, for the literal candidate search. */
  const literalForms = new Map<string, number>();
  /** The longest literal form: how far a name can reach once white-space runs are collapsed. */
  let longestForm = 0;

  const addLiteral = (text: string, tail = '', tailLength = 0): void => {
    literalForms.set(escapeText(text) + tail, text.length + tailLength);
  };

  const addForm = (text: string): void => {
    // Under the `i` flag the letter case of a literal does not matter, except where lower-casing
    // changes the length (İ → i̇): keep those as written.
    const lower = text.toLowerCase();
    const literal = lower.length === text.length ? lower : text;
    addLiteral(literal);
    longestForm = Math.max(longestForm, literal.length);
    // The literal form has single spaces and plain hyphens. The words before a separator,
    // followed by another one (two spaces, a line break, a no-break space, U+2011…), are a
    // candidate that `looseMatch` decides. Only these rare heads carry a character class: an
    // ordinary "Bashar al-Assad" is found by its literal form alone, and the text is searched
    // as it is, with no normalised copy.
    for (let i = 0; i < literal.length; i++) {
      const c = literal[i];
      if (c === ' ') {
        const head = literal.slice(0, i);
        addLiteral(head + '  ');
        addLiteral(head + ' ', ODD_SPACE, 1);
        addLiteral(head, ODD_SPACE, 1);
      } else if (c === '-') {
        addLiteral(literal.slice(0, i), ODD_HYPHEN, 1);
      }
    }
  };

  const add = (rawText: string, caseInsensitive: boolean, target: Target): void => {
    const text = cleanAlias(rawText);
    if (text === '' || !/[\p{L}\p{N}]/u.test(text)) return;
    if (IS_ARABIC.test(text)) {
      if (!arabic.has(text)) arabic.set(text, target);
      addForm(text);
      if (text.startsWith(ARABIC_ARTICLE) && text.length > ARABIC_ARTICLE.length + 1) {
        const rest = text.slice(ARABIC_ARTICLE.length);
        if (!stripped.has(rest)) stripped.set(rest, target);
        addForm(rest);
      }
      return;
    }
    if (caseInsensitive) {
      const key = text.toLowerCase();
      if (!anyCase.has(key)) anyCase.set(key, target);
      addForm(text);
      return;
    }
    for (const form of new Set([text, text.toUpperCase()])) {
      if (!exact.has(form)) exact.set(form, target);
      addForm(form);
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

  return {
    source: alternation(literalForms),
    longestForm,
    exact: [...exact],
    anyCase: [...anyCase],
    arabic: [...arabic],
    stripped: [...stripped],
  };
}

/**
 * Builds the matcher a plan describes, once per page. Its RegExp is compiled on first use,
 * which costs far more than a search.
 *
 * How it stays fast: the search RegExp (flags `gi`) is an alternation of LITERAL forms — V8
 * scans those several times faster than patterns with look-arounds or the `u` flag — and it runs
 * over the text as it is (no normalised copy: on a fresh page that copy cost more than the
 * search). It only proposes candidates: JS then checks both word boundaries (a table for
 * Latin-1) and the letter case (a Map lookup on the matched text). Only where the literal form
 * cannot decide — the first words of a multi-word name followed by two spaces, a line break, a
 * no-break space or U+2011 (`Bashar\u00A0al\u2011Assad`), or a multi-word candidate that does
 * not fit (`European union` is `European` and a word) — does `looseMatch` read a few dozen
 * characters from there with the same forms, anchored.
 */
export function matcherFromPlan(plan: MatcherPlan): Matcher {
  if (plan.source === '') return { find: () => [] };
  const exact = new Map(plan.exact);
  const anyCase = new Map(plan.anyCase);
  const arabic = new Map(plan.arabic);
  const stripped = new Map(plan.stripped);
  const { source, longestForm } = plan;
  // No `u` flag and no look-around: V8 then scans a pure literal alternation, case-insensitively,
  // several times faster (with `iu` it is ten times slower). Both boundaries are checked in JS.
  const pattern = new RegExp(source, 'gi');
  /** The same forms, anchored: made on first use (most pages never need it). */
  let anchored: RegExp | null = null;

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

  /**
   * The name that starts at `index` when the literal form cannot decide: a multi-word name with
   * a run of white space or an odd hyphen inside (`Bashar\u00A0\u00A0al\u2011Assad`), or a
   * candidate in the wrong case that may begin a shorter name (`European union`). The text from
   * `index` is read with each white-space run as one space and each hyphen as `-` (the form
   * the lookup tables hold), and the longest name found there in the right case, ending on a
   * word boundary, wins. Returns its end in `text` and its entity, or null.
   */
  const looseMatch = (text: string, index: number, isArabic: boolean, prefix: string): { end: number; target: Target } | null => {
    let window = '';
    /** `ends[k]`: where in `text` the k-th character of `window` ends. */
    const ends: number[] = [];
    for (let i = index; i < text.length && window.length < longestForm && i - index < 4096; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x2029) break;
      if (isSpaceCode(c)) {
        if (window.endsWith(' ')) continue;
        window += ' ';
      } else {
        window += isOddHyphenCode(c) ? '-' : text[i];
      }
      ends.push(i + 1);
    }
    anchored ??= new RegExp(source, 'iy');
    for (let limit = window.length; limit > 0; ) {
      anchored.lastIndex = 0;
      const m = anchored.exec(limit === window.length ? window : window.slice(0, limit));
      if (m === null) return null;
      const key = m[0];
      const end = ends[key.length - 1]!;
      const target = key.endsWith(' ') || isWordCharAt(text, end) ? undefined : lookUp(key, isArabic, prefix);
      if (target !== undefined) return { end, target };
      limit = key.length - 1; // a shorter name may still start here
    }
    return null;
  };

  const search = (text: string): Mention[] => {
    const mentions: Mention[] = [];
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const candidate = m[0];
      const index = m.index;
      const isArabic = isArabicCode(candidate.charCodeAt(0));
      let prefix = '';
      if (isWordCharBefore(text, index)) {
        const found = isArabic ? arabicPrefixBefore(text, index) : null;
        if (found === null) {
          pattern.lastIndex = index + 1;
          continue;
        }
        prefix = found;
      }
      let end = index + candidate.length;
      // The first words of a multi-word name, then an odd separator (see addForm).
      const last = candidate.charCodeAt(candidate.length - 1);
      const runAfterHead = isSpaceCode(last) || isOddHyphenCode(last);
      // A literal form has single spaces and plain hyphens: the candidate is its own lookup key.
      let target = runAfterHead || isWordCharAt(text, end) ? undefined : lookUp(candidate, isArabic, prefix);
      // The literal form cannot decide: a head, or a multi-word candidate that does not fit.
      if (target === undefined && (runAfterHead || candidate.indexOf(' ') !== -1 || candidate.indexOf('-') !== -1)) {
        const loose = looseMatch(text, index, isArabic, prefix);
        if (loose !== null) {
          end = loose.end;
          target = loose.target;
        }
      }
      if (target === undefined) {
        // Part of a longer word, a form in the wrong case, or one that lacks its article.
        pattern.lastIndex = index + 1;
        continue;
      }
      pattern.lastIndex = end;
      if (target === null) continue; // a notAlias: swallowed
      const start = index - prefix.length;
      // A dot joining the mention to more letters may make it part of a host name (aleppo.com).
      if ((text.charCodeAt(start - 1) === 46 || text.charCodeAt(end) === 46) && inBareDomain(text, start, end)) continue;
      mentions.push({ entity: target, start, end, text: text.slice(start, end) });
    }
    return mentions;
  };

  const find: FindMentions = (text) => {
    let mentions = text.indexOf(SOFT_HYPHEN) === -1
      ? search(text)
      : withoutSoftHyphens(text, search);
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
