/**
 * Translation seam. No browser API here: entrypoints plug the browser's catalogue in with
 * `setTranslator((key, subs) => browser.i18n.getMessage(key, subs))`. Without a translator
 * or when it has no message (it returns ''), the fallback messages are used (tests install
 * public/_locales/en/messages.json), with the same placeholder rules as the browser.
 *
 * The English file is imported for its type only: in the extension the browser's catalogue
 * always answers, and the content scripts should not carry a second copy of every string.
 */
import type en from '../public/_locales/en/messages.json';

/** A key of public/_locales/en/messages.json (Chrome allows only [a-zA-Z0-9_]; we use snake_case). */
export type MessageKey = keyof typeof en;

export type Translator = (key: string, substitutions?: string[]) => string;

/** One entry of a messages.json file. */
export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

let english: Readonly<Record<string, MessageEntry>> = {};

/** Messages used when no translator is set or it has no message (tests, the command line). */
export function setFallbackMessages(messages: Readonly<Record<string, MessageEntry>>): void {
  english = messages;
}

let translator: Translator | null = null;

/** Plug in the browser's catalogue; `null` goes back to English only. */
export function setTranslator(fn: Translator | null): void {
  translator = fn;
}

/** The message for `key` in the reader's language, `$1`…`$9` replaced by `substitutions`. */
export function t(key: MessageKey, substitutions?: string[]): string {
  if (translator) {
    let translated = '';
    try {
      translated = translator(key, substitutions);
    } catch {
      // A catalogue that throws (e.g. more than 9 substitutions) must not take the UI down.
    }
    if (translated) return translated;
  }
  return englishMessage(key, substitutions);
}

/**
 * The fallback (English) message for `key`, or the key itself when there is none (so a missing
 * message shows up rather than a blank).
 */
export function englishMessage(key: string, substitutions: readonly string[] = []): string {
  const entry = Object.hasOwn(english, key) ? english[key] : undefined;
  return entry ? formatMessage(entry, substitutions) : key;
}

/**
 * A messages.json entry with the browser's substitution rules: `$name$` (any case) takes the
 * placeholder's `content`, then `$1`…`$9` take the substitutions (missing ones become ''),
 * and `$$` is a literal `$`. Substituted text is inserted once, never re-expanded.
 */
export function formatMessage(entry: MessageEntry, substitutions: readonly string[] = []): string {
  const placeholders = new Map(
    Object.entries(entry.placeholders ?? {}).map(([name, placeholder]) => [name.toLowerCase(), placeholder.content]),
  );
  const expanded = entry.message.replace(
    /\$([a-zA-Z0-9_@]+)\$/g,
    (whole, name: string) => placeholders.get(name.toLowerCase()) ?? whole,
  );
  return expanded.replace(/\$(\$|[1-9])/g, (_whole, what: string) =>
    what === '$' ? '$' : (substitutions[Number(what) - 1] ?? ''),
  );
}

/** The UI's writing direction, from the browser's predefined `@@bidi_dir` message. */
export function uiDirection(): 'ltr' | 'rtl' {
  let dir = '';
  try {
    dir = translator?.('@@bidi_dir') ?? '';
  } catch {
    dir = '';
  }
  return dir === 'rtl' ? 'rtl' : 'ltr';
}

const STRONG_RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/u;
const LETTER = /\p{L}/u;

/** Direction of a text from its first strong (letter) character, like `dir="auto"`. Default 'ltr'. */
export function textDirection(text: string): 'ltr' | 'rtl' {
  for (const char of text) {
    if (LETTER.test(char)) return STRONG_RTL.test(char) ? 'rtl' : 'ltr';
  }
  return 'ltr';
}
