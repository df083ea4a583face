/**
 * Which language a block of text is in, for the names of that language (issue 10). Pure: the
 * page side reads the signals from the DOM and the response (`lang` / `xml:lang`, the
 * Content-Language header) and the detector (`i18n.detectLanguage` in the browser, franc-min in
 * the command-line annotator); this decides, the same way everywhere.
 */

/** What is known about a block's language, most specific first. Values are as found (`en-GB`, `DE`). */
export interface LanguageSignals {
  /** The nearest `lang` / `xml:lang` on the block or its ancestors below the root element. */
  blockLang?: string | null | undefined;
  /** The document's own: `lang` / `xml:lang` on its root element. */
  docLang?: string | null | undefined;
  /** The `Content-Language` header (or its `<meta http-equiv>` pragma). */
  contentLanguage?: string | null | undefined;
  /** What a detector read from the text, when nothing above declares a language. */
  detected?: string | null | undefined;
}

/** `en`, `de`, `ar`…: two or three letters (ISO 639), lower case. */
const PRIMARY = /^[a-z]{2,3}$/;
/** Codes that say no language: undetermined, several, no linguistic content. */
const NO_LANGUAGE = new Set(['und', 'mul', 'zxx']);

/**
 * The primary language of a language tag (`en-GB` → `en`, `DE` → `de`), or undefined when the tag
 * says nothing usable: empty, private use (`x-…`), `und`, or malformed. A list (`de, en`, as a
 * Content-Language header may be) names no one language either — as HTML's pragma rule has it.
 */
export function primaryLanguage(tag: string | null | undefined): string | undefined {
  if (typeof tag !== 'string' || tag.includes(',')) return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_]/, 1)[0]!;
  return PRIMARY.test(primary) && !NO_LANGUAGE.has(primary) ? primary : undefined;
}

/**
 * The language to match a block with: the nearest declared one (block, document, then
 * Content-Language), else the detected one; undefined when none is known — the matcher then
 * uses every language's names. A declaration that says nothing (`lang=""`, `und`) is passed over.
 */
export function decideLanguage(signals: LanguageSignals): string | undefined {
  return (
    primaryLanguage(signals.blockLang) ??
    primaryLanguage(signals.docLang) ??
    primaryLanguage(signals.contentLanguage) ??
    primaryLanguage(signals.detected)
  );
}

/** ISO 639-3 codes a detector may give (franc) → the primary subtag the names are tagged with. */
const ISO_639_3: Record<string, string> = {
  eng: 'en', arb: 'ar', ara: 'ar', fra: 'fr', deu: 'de', spa: 'es',
  ita: 'it', por: 'pt', nld: 'nl', tur: 'tr', rus: 'ru', pes: 'fa', fas: 'fa', urd: 'ur', heb: 'he', kmr: 'ku', ckb: 'ku',
};

/** A detector's ISO 639-3 answer as a language tag (`eng` → `en`); others pass as they are, `und` as undefined. */
export function fromIso6393(code: string | null | undefined): string | undefined {
  if (typeof code !== 'string') return undefined;
  return ISO_639_3[code] ?? primaryLanguage(code);
}

/** What the browser's `i18n.detectLanguage` answers. */
export interface DetectedLanguages {
  isReliable: boolean;
  languages: ReadonlyArray<{ language: string; percentage: number }>;
}

/**
 * The language a browser detection names, or undefined when it cannot tell: the detector's first
 * language when it calls itself reliable, or when that language makes most of the text (a page
 * quoting another language is still that page's language). Short text often gets neither.
 */
export function fromDetection(detection: DetectedLanguages): string | undefined {
  const first = detection.languages[0];
  if (!first || !(detection.isReliable || first.percentage >= 60)) return undefined;
  return primaryLanguage(first.language);
}
