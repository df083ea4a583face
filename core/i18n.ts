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

/** The UI's language as a BCP 47 tag (`en-US`), from the browser's predefined `@@ui_locale` message; `en` without one. */
export function uiLocale(): string {
  let locale = '';
  try {
    locale = translator?.('@@ui_locale') ?? '';
  } catch {
    locale = '';
  }
  return /^[a-zA-Z]{2,3}(?:[_-][a-zA-Z0-9]{2,8})*$/.test(locale) ? locale.replace(/_/g, '-') : 'en';
}

/**
 * A day (`YYYY-MM-DD`) written out in the reader's language: "31 December 2024", "31 décembre 2024".
 * The day is a calendar day, not an instant: it is formatted in UTC so no time zone moves it.
 * Anything else is returned as it is.
 */
export function formatDay(day: string, locale: string = uiLocale()): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const time = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!);
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };
  try {
    return new Intl.DateTimeFormat(locale, options).format(time);
  } catch {
    return new Intl.DateTimeFormat('en', options).format(time);
  }
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

/**
 * Something to tell the reader, not yet translated: what pure modules (core/, the stores) return
 * or store instead of a sentence. Render it with `tm`. Substitutions fill the message's
 * placeholders (`$1`…`$9`); they are data (numbers, names, addresses), never English words.
 */
export interface Message {
  key: MessageKey;
  substitutions?: string[];
}

/**
 * A message descriptor in the reader's language. A plain string is shown as it is: settings
 * problems stored by older versions were English sentences.
 */
export function tm(message: Message | string): string {
  return typeof message === 'string' ? message : t(message.key, message.substitutions);
}

/** Is `value` a message descriptor (e.g. one read back from storage)? */
export function isMessage(value: unknown): value is Message {
  if (!value || typeof value !== 'object') return false;
  const { key, substitutions } = value as { key?: unknown; substitutions?: unknown };
  return (
    typeof key === 'string' &&
    /^[a-z0-9]+(_[a-z0-9]+)*$/.test(key) &&
    (substitutions === undefined || (Array.isArray(substitutions) && substitutions.every((s) => typeof s === 'string')))
  );
}

/**
 * An Error the reader should be told about: `message` is English for logs, `userMessage` is
 * what the UI shows (with `tm`). See `userMessageOf`.
 */
export class UserFacingError extends Error {
  constructor(
    readonly userMessage: Message,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'UserFacingError';
  }
}

/**
 * An error's own words, for logs and for the detail in a message: its message (else its name),
 * or the value itself as text.
 */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}

/** What to tell the reader about an error: its message for the reader when it carries one, else its own words. */
export function readableError(error: unknown): string {
  const message = userMessageOf(error);
  return message ? tm(message) : errorText(error);
}

/** The descriptor an error carries for the reader (a `UserFacingError` or a subclass), if any. */
export function userMessageOf(error: unknown): Message | null {
  if (!error || typeof error !== 'object') return null;
  const message = (error as { userMessage?: unknown }).userMessage;
  return isMessage(message) ? message : null;
}
