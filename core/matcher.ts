/**
 * The matcher: finds mentions of entities in a text. Pure — no DOM, no browser API.
 *
 * `createMatcher` compiles all aliases of an entity set once into ONE search RegExp and tables,
 * sorted by form, from the matched text to the entity; `find` then costs about one RegExp pass
 * over the text plus a Map lookup or two per candidate (see matcherFromPlan for why the
 * RegExp has the shape it has).
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
 *   so the alias inside them (Assad) is not a mention either. The longest name at a position wins
 *   (`Syrian National Army` is one `sna` and no `syria`); names side by side are separate.
 * - Names know their language: `find(text, language)` uses the names of that language plus those
 *   spelled alike in every language (a German `Europa` is no mention in English). Without a
 *   language, or with one the catalogue has no names for, every name is used.
 * - Something else with the same letters is not a mention (issue 10): an alias may list words that
 *   make it something else next to it (`notFollowedBy`: Turkey *dinners*; `notPrecededBy`: *Latin*
 *   America), be an abbreviation that is also a word (`notInAllCaps`: US in TRUST US), or be a
 *   surname alone (`surname`: al-Sharaa after *Farouk* al-Sharaa is Farouk).
 * - Soft hyphens (U+00AD) are ignored (`Da\u00ADmascus` counts); offsets and `text` still index the
 *   original string.
 * - No mention inside a URL (`https://…`, `www.…`, a bare domain such as `aleppo.com`) or an
 *   e-mail address.
 * - Arabic: a word may carry the attached prefixes و ف (and), ب ك ل (in, like, for) and the
 *   article ال, also combined (وال، بال، فبال، لل …). Such a mention covers the WHOLE written
 *   word (`ودمشق`, `للأسد`): the prefixes are part of the word a reader sees, and marking part of a
 *   joined Arabic word would cut its letters apart. Suffixes follow the normal boundary rule
 *   (`دمشقي` is not a mention). After an article, the form written with the article decides
 *   first: `للحمص` is "for the chickpeas" (the notAlias الحمص), not Homs.
 */
import type { Alias, Entity, FindMentions, Mention } from './types';

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
 * the common cases of the boundary tests, from a table. Made with a plain character class: a
 * Unicode-property RegExp costs milliseconds to compile on every page that first needs it.
 */
const LATIN1_WORD = new Uint8Array(256);
for (let c = 0; c < 256; c++) LATIN1_WORD[c] = +/[\w\xaa\xb2\xb3\xb5\xb9\xba\xbc-\xbe\xc0-\xd6\xd8-\xf6\xf8-\xff]/.test(String.fromCharCode(c));

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

/**
 * What a lookup table maps a form to: an entity id; `'!' + id`, a notAlias of that entity (matched
 * only to be swallowed, and remembered for `surname` aliases); or a number, an alias with context
 * rules (`MatcherPlan.rules[n]`).
 */
export type Target = string | number;


/**
 * When an alias is something else (issue 10), as prepared by the background: the context words
 * already in the form `contextAt` reads the text in, so the page only compares strings (no
 * RegExp to compile: compiling the long lists — Damascus, *Alabama*; Moscow, *Idaho* … — cost a
 * page more than searching all its text).
 */
export interface ContextRule {
  /** The entity the alias names. */
  id: string;
  /** Words tried right after the name, by their first character (see contextWords). */
  after?: ContextWords;
  /** Words tried just before the name, by their last character. */
  before?: ContextWords;
  /** Not a mention in text written in capitals (`notInAllCaps`). */
  caps?: 1;
  /** A surname alone (`surname`). */
  surname?: 1;
}

/**
 * Context words by the character a reader meets first next to the name — the first character of
 * a word after it, the last of a word before it (`#`, a number, under each digit) — so that most
 * names, followed by a character no word begins with, are decided by one lookup.
 */
export type ContextWords = Record<string, string[]>;

const REGEXP_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/** A literal text as RegExp source (spaces and hyphens stay as they are). */
function escapeText(text: string): string {
  return text.replace(REGEXP_SYNTAX, '\\$&');
}

function cleanAlias(text: string): string {
  return text.replaceAll(SOFT_HYPHEN, '').trim().replace(/\s+/gu, ' ').replace(HYPHENS, '-');
}

/**
 * Separators of one name that get a head (see addForm): more than any name of the catalogue has
 * (Islamic State of Iraq and the Levant: 6).
 */
const MAX_HEADS = 8;

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
 * and every page only turns it into a RegExp (`matcherFromPlan`).
 */
export interface MatcherPlan {
  /** The languages aliases are written for; bit i of a mask stands for `languages[i]`. */
  languages: string[];
  /**
   * The search RegExp's source for each language, and under '' the one for text in a language the
   * names are not written for (every name): see matcherFromPlan. '' when a language has no names.
   */
  sources: Record<string, string>;
  /** Length of the longest literal form: how far a name reaches once white-space runs are collapsed. */
  longestForm: number;
  /**
   * Exact and ALL-CAPS forms of non-Arabic aliases (first row usable in a language wins), as a
   * Table: one string. A plan crosses to every page; as a few strings rather than thousands of
   * little arrays it costs the page next to nothing to receive and keep (those arrays, with the
   * entities' aliases, made the page's GC run twice during the first scan, ~10 ms), and the page
   * finds a form with one indexOf the first time it meets it.
   */
  exact: Table;
  /** `anyCase` forms, lower-cased. */
  anyCase: Table;
  /** Arabic forms. */
  arabic: Table;
  /** Arabic forms that began with ال, without it (found after لل, بال …). */
  stripped: Table;
  /** What rows point to: an entity id, `'!' + id` (a notAlias), or a rule's index (see Target). */
  targets: Target[];
  /** Context rules of aliases that can be something else; targets index them. */
  rules: ContextRule[];
}

/**
 * A lookup table as one string: rows `ROW_END form FIELD targetIndex FIELD mask`, sorted by form
 * (rows of one form in the order they were added). Forms never hold FIELD or ROW_END
 * (planMatcher leaves out aliases with such control characters).
 */
export type Table = string;
const FIELD = '\x1f';
const ROW_END = '\x1e';
/** Does a form hold FIELD or ROW_END? */
const hasTableControls = (text: string): boolean => text.includes(FIELD) || text.includes(ROW_END);

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

/** Prepares the matcher for an entity set: its search RegExp's sources and its lookup tables. */
export function planMatcher(entities: readonly Entity[]): MatcherPlan {
  const languages = [...new Set(entities.flatMap((entity) => entity.aliases.flatMap((alias) => alias?.lang ?? [])))].sort();
  const maskOf = (lang: readonly string[] | undefined): number =>
    (lang ?? []).reduce((mask, tag) => mask | (1 << languages.indexOf(tag)), 0);
  /** A row usable in either language set: 0 (every language) absorbs the other. */
  const union = (a: number, b: number): number => (a === 0 || b === 0 ? 0 : a | b);

  /** form → rows (target, mask), in the order they were added: the first usable one wins. */
  const table = () => new Map<string, Array<[Target, number]>>();
  const exact = table();
  const anyCase = table();
  const arabic = table();
  const stripped = table();
  const put = (rows: Map<string, Array<[Target, number]>>, key: string, target: Target, mask: number): void => {
    const list = rows.get(key);
    if (!list) return void rows.set(key, [[target, mask]]);
    const same = list.find((row) => row[0] === target);
    if (same) same[1] = union(same[1], mask);
    else list.push([target, mask]);
  };

  /** RegExp source → [length in characters, language mask], for the literal candidate search. */
  const literalForms = new Map<string, [number, number]>();
  /** First words of multi-word forms (RegExp source) → [length, language mask]: see addForm. */
  const headForms = new Map<string, [number, number]>();
  /** The longest literal form: how far a name can reach once white-space runs are collapsed. */
  let longestForm = 0;

  const addTo = (forms: Map<string, [number, number]>, mask: number, text: string): void => {
    const source = escapeText(text);
    const known = forms.get(source);
    forms.set(source, [text.length, known ? union(known[1], mask) : mask]);
  };

  const addForm = (text: string, mask: number): void => {
    // Under the `i` flag the letter case of a literal does not matter, except where lower-casing
    // changes the length (İ → i̇): keep those as written.
    const lower = text.toLowerCase();
    const literal = lower.length === text.length ? lower : text;
    addTo(literalForms, mask, literal);
    longestForm = Math.max(longestForm, literal.length);
    // The literal form has single spaces and plain hyphens. The words before a separator,
    // followed by another one (two spaces, a line break, a no-break space, U+2011…), are a
    // candidate that `looseMatch` decides: these heads form ONE group of the RegExp (see
    // matcherFromPlan). An ordinary "Bashar al-Assad" is found by its literal form alone, and the
    // text is searched as it is, with no normalised copy.
    // Heads only at the first MAX_HEADS separators: one per separator would make the RegExp grow
    // with the square of a name's length (3,000 one-letter words built a 27 MB pattern). A longer
    // name also gets its words up to and WITH the last head's separator as a literal form: that
    // candidate ends in a space or hyphen, so `looseMatch` decides it, and an odd separator
    // further on is still found. The pattern stays linear in the length of the names.
    let heads = 0;
    for (let i = 0; i < literal.length; i++) {
      const c = literal[i];
      if (c !== ' ' && c !== '-') continue;
      addTo(headForms, mask, literal.slice(0, i));
      if (++heads < MAX_HEADS) continue;
      if (/[ -]/.test(literal.slice(i + 1))) addTo(literalForms, mask, literal.slice(0, i + 1));
      break;
    }
  };

  const add = (rawText: string, caseInsensitive: boolean, target: Target, mask: number): void => {
    const text = cleanAlias(rawText);
    if (text === '' || !/[\p{L}\p{N}]/u.test(text) || hasTableControls(text)) return;
    if (IS_ARABIC.test(text)) {
      put(arabic, text, target, mask);
      addForm(text, mask);
      if (text.startsWith(ARABIC_ARTICLE) && text.length > ARABIC_ARTICLE.length + 1) {
        const rest = text.slice(ARABIC_ARTICLE.length);
        put(stripped, rest, target, mask);
        addForm(rest, mask);
      }
      return;
    }
    if (caseInsensitive) {
      put(anyCase, text.toLowerCase(), target, mask);
      addForm(text, mask);
      return;
    }
    for (const form of new Set([text, text.toUpperCase()])) {
      put(exact, form, target, mask);
      addForm(form, mask);
    }
  };

  const rules: ContextRule[] = [];
  const ruleIndex = new Map<string, number>();
  /** The target of an alias: its entity id, or the index of its context rule. */
  const targetOf = (alias: Alias, id: string): Target => {
    const rule: ContextRule = { id };
    if (alias.notFollowedBy?.length) rule.after = contextWords(alias.notFollowedBy, true);
    if (alias.notPrecededBy?.length) rule.before = contextWords(alias.notPrecededBy, false);
    if (alias.notInAllCaps) rule.caps = 1;
    if (alias.surname) rule.surname = 1;
    if (Object.keys(rule).length === 1) return id;
    const key = JSON.stringify(rule);
    let index = ruleIndex.get(key);
    if (index === undefined) {
      index = rules.push(rule) - 1;
      ruleIndex.set(key, index);
    }
    return index;
  };

  // notAliases first: when a name is both, swallowing it is the safer reading. They hold in
  // every language (a notAlias only ever hides the alias inside it).
  for (const entity of entities) {
    for (const name of entity.notAliases ?? []) if (typeof name === 'string') add(name, false, '!' + entity.id, 0);
  }
  for (const entity of entities) {
    for (const alias of entity.aliases) {
      if (alias && typeof alias.text === 'string') {
        add(alias.text, alias.anyCase === true, targetOf(alias, entity.id), maskOf(alias.lang));
      }
    }
  }

  const targets: Target[] = [];
  const targetIndex = new Map<Target, number>();
  const encode = (map: Map<string, Array<[Target, number]>>): Table => {
    let table = '';
    for (const key of [...map.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      for (const [target, mask] of map.get(key)!) {
        let index = targetIndex.get(target);
        if (index === undefined) targetIndex.set(target, (index = targets.push(target) - 1));
        table += ROW_END + key + FIELD + index + FIELD + mask;
      }
    }
    return table;
  };
  // Longest first: at one start the RegExp engine then takes the longest form that fits.
  const longestFirst = (forms: Map<string, [number, number]>): Array<[string, number]> =>
    [...forms].sort((a, b) => b[1][0] - a[1][0]).map(([source, [, mask]]) => [source, mask]);
  const literals = longestFirst(literalForms);
  const heads = longestFirst(headForms);
  const sources: Record<string, string> = {};
  for (const language of ['', ...languages]) {
    const bit = language === '' ? -1 : 1 << languages.indexOf(language);
    const join = (forms: Array<[string, number]>): string =>
      forms.filter(([, mask]) => mask === 0 || (mask & bit) !== 0).map(([source]) => source).join('|');
    const literal = join(literals);
    const head = join(heads);
    // No `u` flag and no look-around: V8 then scans a pure literal alternation, case-insensitively,
    // several times faster (with `iu` it is ten times slower). Both boundaries are checked in JS.
    // The heads followed by an odd separator come first, as ONE group: a character class in each
    // of hundreds of alternatives makes V8 give up its fast literal scan (hundreds of times
    // slower), and every alternative more costs compile time on the page.
    sources[language] = head && literal ? `(?:${head})(?:  | ?${ODD_SPACE}|${ODD_HYPHEN})|${literal}` : literal;
  }
  return {
    languages,
    sources,
    longestForm,
    exact: encode(exact),
    anyCase: encode(anyCase),
    arabic: encode(arabic),
    stripped: encode(stripped),
    targets,
    rules,
  };
}

/**
 * Context words (see ContextRule) as `contextAt` reads text: letters in lower case, each
 * white-space run one space, `’` as `'`, every hyphen `-`; `#` stands for a number. Gaps of
 * white space and hyphens between the name and a word are skipped before comparing.
 */
function contextWords(words: readonly string[], after: boolean): ContextWords {
  const byChar: ContextWords = {};
  const put = (c: string, word: string) => (byChar[c] ??= []).includes(word) || byChar[c].push(word);
  for (const word of words) {
    if (word === '#') for (const digit of '0123456789') put(digit, '#');
    else {
      const folded = foldContext(cleanAlias(word));
      if (folded) put(after ? folded[0]! : folded.at(-1)!, folded);
    }
  }
  return byChar;
}

/** A text (already cleaned: single spaces, plain hyphens) in the form contextAt compares it with. */
function foldContext(text: string): string {
  let folded = '';
  for (const c of text) folded += c === '’' ? "'" : lowerChar(c);
  return folded;
}

/** One character in lower case, unless lower-casing would change its length (İ). */
function lowerChar(c: string): string {
  const lower = c.toLowerCase();
  return lower.length === c.length ? lower : c;
}

/** The character at `i` as context words are written (see foldContext), as a code unit. */
function foldedCode(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  if (isOddHyphenCode(c)) return 45;
  if (c === 0x2019) return 39;
  const lower = text[i]!.toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : c;
}

function isGapCode(c: number): boolean {
  return isSpaceCode(c) || c === 45 || isOddHyphenCode(c);
}

/**
 * Is one of the context `words` next to a name: read from `from` forwards (`after`) or
 * from just before `from` backwards, past the white space and hyphens that touch the name, with
 * any white-space run for a space, as a whole word, and never across a block separator?
 */
function contextAt(text: string, from: number, after: boolean, words: ContextWords): boolean {
  // Plain loops, no closure: this runs for hundreds of candidates in cold code. `(j >>> 0) < n`
  // is `0 <= j < n` in one test.
  const step = after ? 1 : -1;
  const length = text.length;
  let i = after ? from : from - 1;
  while ((i >>> 0) < length && isGapCode(text.charCodeAt(i))) i += step;
  const list = (i >>> 0) < length ? words[String.fromCharCode(foldedCode(text, i))] : undefined;
  if (list === undefined) return false;
  next: for (let k = 0; k < list.length; k++) {
    const word = list[k]!;
    if (word === '#') return true; // a digit is there
    let j = i;
    for (let n = 0; n < word.length; n++) {
      const w = word.charCodeAt(after ? n : word.length - 1 - n);
      if ((j >>> 0) >= length) continue next;
      if (w !== 32) {
        if (foldedCode(text, j) !== w) continue next;
        j += step;
        continue;
      }
      if (!isSpaceCode(text.charCodeAt(j))) continue next;
      while ((j >>> 0) < length && isSpaceCode(text.charCodeAt(j))) j += step;
    }
    // A word ending in a letter must end there (`Day` is no `Dayton`); `Ala.` need not.
    if (after ? !isWordCharAt(word, word.length - 1) || !isWordCharAt(text, j) : !isWordCharAt(word, 0) || !isWordCharBefore(text, j + 1)) {
      return true;
    }
  }
  return false;
}

/**
 * Builds the matcher a plan describes, once per page. Its RegExp is compiled on first use,
 * which costs far more than a search.
 *
 * How it stays fast: the search RegExp (flags `gi`) is an alternation of LITERAL forms — V8
 * scans those several times faster than patterns with look-arounds or the `u` flag — and it runs
 * over the text as it is (no normalised copy: on a fresh page that copy cost more than the
 * search). It only proposes candidates: JS then checks both word boundaries (a table for
 * Latin-1) and the letter case (a lookup of the matched text in the tables). Only where the literal form
 * cannot decide — the first words of a multi-word name followed by two spaces, a line break, a
 * no-break space or U+2011 (`Bashar\u00A0al\u2011Assad`), or a multi-word candidate that does
 * not fit (`European union` is `European` and a word) — does `looseMatch` read a few dozen
 * characters from there with the same forms, anchored.
 */
export function matcherFromPlan(plan: MatcherPlan): Matcher {
  const { longestForm, rules } = plan;
  /** The search RegExp of each language ('': every name) and its bit in the plan's masks, made on first use. */
  const made = new Map<string, Tables | null>();

  const tablesFor = (language = ''): Tables | null => {
    const i = plan.languages.indexOf(language);
    // A language the names are not written for gets every name (see the module comment).
    const key = i < 0 ? '' : language;
    let tables = made.get(key);
    if (tables === undefined) {
      const bit = i < 0 ? -1 : 1 << i;
      const source = plan.sources[key] ?? '';
      const look = (table: Table) => lookup(table, plan.targets, bit);
      tables = source === '' ? null : {
        pattern: new RegExp(source, 'gi'),
        exact: look(plan.exact),
        anyCase: look(plan.anyCase),
        arabic: look(plan.arabic),
        stripped: look(plan.stripped),
      };
      made.set(key, tables);
    }
    return tables;
  };

  /** The target a normalised form names; `undefined`: none. */
  const lookUp = (t: Tables, key: string, isArabic: boolean, prefix: string): Target | undefined => {
    if (isArabic) {
      // After an article, the name written with it decides first (للحمص: the notAlias الحمص).
      const target = prefix.endsWith(ARABIC_ARTICLE) || prefix.endsWith('لل') ? t.stripped(key) : undefined;
      return target !== undefined ? target : t.arabic(key);
    }
    const target = t.exact(key);
    return target !== undefined ? target : t.anyCase(key.toLowerCase());
  };

  /**
   * The name that starts at `index` when the literal form cannot decide: a multi-word name with
   * a run of white space or an odd hyphen inside (`Bashar\u00A0\u00A0al\u2011Assad`), or a
   * candidate in the wrong case that may begin a shorter name (`European union`). The text from
   * `index` is read with each white-space run as one space and each hyphen as `-` (the form
   * the lookup tables hold), and the longest name found there in the right case, ending on a
   * word boundary, wins. Returns its end in `text` and its target, or null.
   */
  const looseMatch = (t: Tables, text: string, index: number, isArabic: boolean, prefix: string): { end: number; target: Target } | null => {
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
    // The search RegExp itself, from the window's start: the leftmost match is at 0 if any form
    // fits there, and the first form that fits is the longest. (An anchored copy would be
    // compiled anew: as costly as the search RegExp, on every page with a name over a line
    // break.) Its heads group needs two spaces or an odd separator, which a window has not. The
    // block separator after the window keeps the string two-byte, as the page's text is: V8
    // compiles a RegExp once more for each string width. (`search` sets the RegExp's lastIndex
    // again after every call.)
    const { pattern } = t;
    for (let limit = window.length; limit > 0; ) {
      pattern.lastIndex = 0;
      const m = pattern.exec((limit === window.length ? window : window.slice(0, limit)) + '\u2029');
      if (m === null || m.index !== 0) return null;
      const key = m[0];
      const end = ends[key.length - 1]!;
      const target = key.endsWith(' ') || isWordCharAt(text, end) ? undefined : lookUp(t, key, isArabic, prefix);
      if (target !== undefined) return { end, target };
      limit = key.length - 1; // a shorter name may still start here
    }
    return null;
  };

  /** Is the name at [start, end) something else (see ContextRule)? `seen`: where each entity / notAlias was last found. */
  const isSomethingElse = (rule: ContextRule, text: string, start: number, end: number, seen: Map<string, number>): boolean =>
    (rule.after !== undefined && contextAt(text, end, true, rule.after)) ||
    (rule.before !== undefined && contextAt(text, start, false, rule.before)) ||
    (rule.caps === 1 && inCapitals(text, start, end)) ||
    (rule.surname === 1 && (seen.get('!' + rule.id) ?? -1) > (seen.get(rule.id) ?? -1));

  const search = (text: string, t: Tables): Mention[] => {
    const mentions: Mention[] = [];
    // A Map: storing ids as new keys of a plain object changed its shape again and again (a hot
    // line in a CPU profile of the first scan).
    const seen = new Map<string, number>();
    const { pattern } = t;
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
      let target = runAfterHead || isWordCharAt(text, end) ? undefined : lookUp(t, candidate, isArabic, prefix);
      // The literal form cannot decide: a head, or a multi-word candidate that does not fit.
      if (target === undefined && (runAfterHead || candidate.indexOf(' ') !== -1 || candidate.indexOf('-') !== -1)) {
        const loose = looseMatch(t, text, index, isArabic, prefix);
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
      const start = index - prefix.length;
      if (typeof target === 'number') {
        const rule = rules[target]!;
        if (isSomethingElse(rule, text, start, end, seen)) continue;
        target = rule.id;
      }
      seen.set(target, start);
      if (target.charCodeAt(0) === 33) continue; // '!': a notAlias, swallowed
      // A dot joining the mention to more letters may make it part of a host name (aleppo.com).
      if ((text.charCodeAt(start - 1) === 46 || text.charCodeAt(end) === 46) && inBareDomain(text, start, end)) continue;
      mentions.push({ entity: target, start, end, text: text.slice(start, end) });
    }
    return mentions;
  };

  const find: FindMentions = (text, language) => {
    const tables = tablesFor(language);
    if (tables === null) return [];
    let mentions = text.indexOf(SOFT_HYPHEN) === -1
      ? search(text, tables)
      : withoutSoftHyphens(text, (stripped) => search(stripped, tables));
    if (mentions.length === 0) return mentions;
    if (text.indexOf('://') !== -1 || text.indexOf('www.') !== -1 || text.indexOf('@') !== -1) {
      mentions = outsideSpans(mentions, linkSpans(text));
    }
    return mentions;
  };

  return { find };
}

/** One language's search RegExp and its lookup tables (see matcherFromPlan). */
interface Tables {
  pattern: RegExp;
  /** The plan's tables (MatcherPlan), looked up with this language's bit. */
  exact: Lookup;
  anyCase: Lookup;
  arabic: Lookup;
  stripped: Lookup;
}

/**
 * A plan Table, for one language, with a Map filled as forms are met: the first usable row of a
 * form is found in the table the first time, and by one Map lookup every time after (a page meets
 * a few dozen forms, each many times). Cheaper in a page's cold code than either searching the
 * table for every candidate or making a Map of all its rows up front (measured: +3 ms).
 */
function lookup(table: Table, targets: readonly Target[], bit: number): Lookup {
  const known = new Map<string, Target | null>();
  return (form) => {
    let target = known.get(form);
    if (target === undefined) {
      const index = rowFor(table, form, bit);
      known.set(form, (target = index === undefined ? null : targets[index] ?? null));
    }
    return target ?? undefined;
  };
}

/** The target a form names in one language's table; undefined: none. */
type Lookup = (form: string) => Target | undefined;

/**
 * The target index of the first row for `form` usable with language bit `bit` (-1: any row) in
 * a Table; undefined when there is none. Found with indexOf (the table begins with ROW_END, so
 * every row is ROW_END form FIELD…): a page looks each form up once (Lookup).
 */
export function rowFor(table: Table, form: string, bit: number): number | undefined {
  const key = ROW_END + form + FIELD;
  for (let at = table.indexOf(key); at !== -1; at = table.indexOf(key, at + 1)) {
    const targetEnd = table.indexOf(FIELD, at + key.length);
    const rowEnd = table.indexOf(ROW_END, targetEnd);
    const mask = Number(table.slice(targetEnd + 1, rowEnd === -1 ? undefined : rowEnd));
    if (mask === 0 || (mask & bit) !== 0) return Number(table.slice(at + key.length, targetEnd));
  }
  return undefined;
}

/** Where a sentence, line or block ends: the text around a name is read up to these. */
const SENTENCE_END = /[.!?\n\u2029]/;

/**
 * Is the text around [start, end) — its sentence, within 40 characters either way — written in
 * capitals: letters, none of them lower-case (TRUST US)?
 */
function inCapitals(text: string, start: number, end: number): boolean {
  const around = text.slice(Math.max(0, start - 40), start).split(SENTENCE_END).pop()! + ' ' + text.slice(end, end + 40).split(SENTENCE_END)[0];
  return around === around.toUpperCase() && around !== around.toLowerCase();
}

/**
 * Mentions in a text whose parts are in different languages (a page's blocks, each with its
 * `lang`): one `find` per run of consecutive spans in the same language, offsets in `text`.
 * Spans should end at block boundaries (U+2029), which no name spans anyway.
 */
export function findInSpans(
  find: FindMentions,
  text: string,
  spans: ReadonlyArray<{ start: number; end: number; language?: string | undefined }>,
): Mention[] {
  const mentions: Mention[] = [];
  for (let i = 0; i < spans.length; ) {
    const { start, language } = spans[i]!;
    let end = spans[i]!.end;
    for (i++; i < spans.length && spans[i]!.start === end && spans[i]!.language === language; i++) end = spans[i]!.end;
    for (const mention of find(text.slice(start, end), language)) {
      mention.start += start;
      mention.end += start;
      mentions.push(mention);
    }
  }
  return mentions;
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
