/**
 * Which language each piece of a page's text is in, so that it is matched with the names of that
 * language (issue 10): the nearest `lang` / `xml:lang` on the text's element or its ancestors,
 * then the document's, then `Content-Language` — which the content script cannot see as a
 * header, only as the `<meta http-equiv>` pragma. core/language.ts decides, as in the
 * command-line annotator. Text where nothing declares a language is left undecided here: the
 * browser detects it (page/marks.ts asks once per page). DOM only.
 */
import { decideLanguage } from '../core/language';
import type { TextIndex } from './scan';

/** A stretch of a TextIndex's text in one language; `language` undefined: nothing declares one. */
export interface LanguageRun {
  start: number;
  end: number;
  language: string | undefined;
}

/**
 * The runs of one declared language over `index.text`, in order and back to back: each text node
 * counts in the language of its element, with the separator after it. A `lang` inside an open
 * shadow root counts there; the host's does not reach in (the document's and Content-Language do).
 */
export function languageRuns({ nodes, starts, text }: TextIndex): LanguageRun[] {
  const doc = nodes[0]?.ownerDocument;
  const docLang = doc?.documentElement.getAttribute('lang');
  const contentLanguage = doc?.querySelector('meta[http-equiv="Content-Language" i]')?.getAttribute('content');
  // Most pages declare a language on the root element only (or nowhere): then every text node
  // has the same nearest declaration, and one query spares a lookup per element (a few ms on a
  // long page, several times that in Firefox, where each DOM call from an extension costs more).
  // Small rescans skip the query, which reads the whole document when nothing matches.
  const same = nodes.length > 64 && (nodes[0]!.getRootNode() as ParentNode).querySelector(DECLARING_BELOW_ROOT) === null;
  const runs: LanguageRun[] = [];
  let last: LanguageRun | undefined;
  /** Starts as no element at all, so that the first text node (even one without a parent) is looked up. */
  let parent: Element | null | undefined;
  let language: string | undefined;
  for (let i = 0; i < nodes.length; i++) {
    const el = same && i ? parent : nodes[i]!.parentElement;
    // Text nodes of one element come one after another: one lookup for all of them.
    if (el !== parent) {
      parent = el;
      const declaring = el?.closest(DECLARING);
      language = decideLanguage({ blockLang: declaring && (declaring.getAttribute('lang') ?? declaring.getAttribute('xml:lang')), docLang, contentLanguage });
    }
    if (last && last.language === language) continue;
    const start = i ? starts[i]! : 0;
    if (last) last.end = start;
    runs.push((last = { start, end: text.length, language }));
  }
  return runs;
}

/** Elements that declare a language. */
const DECLARING = '[lang],[xml\\:lang]';
/** The same, except the document's root element (whose declaration every text node shares). */
const DECLARING_BELOW_ROOT = '[lang]:not(:root),[xml\\:lang]:not(:root)';
