/**
 * The names marks are registered under in a page's highlight registry, and the CSS that paints
 * them. The registry is shared with the page's own scripts, so the names say nothing about Syria
 * Lens: each document has a token (ten lower-case letters) and every name is that token plus one
 * letter. The page sees only the names in use while Syria Lens is on there. The token is made by
 * the background from a secret of this install and the document's time origin
 * (extension/mark-token.ts): unpredictable to the page, and the same for every copy of the content
 * script in one document, so a copy that follows an update can take out what the old one left.
 *
 * The CSS is made by the background for one frame's token and inserted only while the lens is on
 * in that frame (no manifest stylesheet a page could probe while the lens is off). Pure.
 */
import { ENTITY_KINDS, type EntityKind, type MarkStyle } from './types';

/** A document's token: what the background accepts before it writes a stylesheet with it. */
export const MARK_TOKEN = /^[a-z]{10}$/;

/** The name of the highlight for marks of one kind in one visible style. */
export function highlightName(token: string, style: Exclude<MarkStyle, 'none'>, kind: EntityKind): string {
  return token + String.fromCharCode(97 + (style === 'underline' ? 0 : 5) + ENTITY_KINDS.indexOf(kind));
}

/** The card's host element (page/card-host.ts): named from the token too, so it names nothing. */
export function cardHostName(token: string): string {
  return token + '-c';
}

/** The shape of a card host's name, whatever the token. */
export const CARD_HOST_NAME = /^[a-z]{10}-c$/;

/** The highlight of the one mark the keyboard (or the popup) brought into view. */
export function focusName(token: string): string {
  return token + 'k';
}

/** A token from random (or keyed-hash) bytes: one letter from each of the first ten. */
export function tokenFromBytes(bytes: Uint8Array): string {
  return String.fromCharCode(...[...bytes.subarray(0, 10)].map((byte) => 97 + (byte % 26)));
}

/** A fresh random token (when the background cannot make this document's own). */
export function newMarkToken(): string {
  return tokenFromBytes(crypto.getRandomValues(new Uint8Array(10)));
}

/** Every name a token's marks can be registered under (each kind in each visible style, and focus). */
export function markNames(token: string): string[] {
  const styles = ['underline', 'background'] as const;
  return [...styles.flatMap((style) => ENTITY_KINDS.map((kind) => highlightName(token, style, kind))), focusName(token)];
}

/** Underline colour and background tint per kind. */
const COLOURS: Record<EntityKind, [string, string]> = {
  person: ['#b3261e', 'rgba(179,38,30,.16)'],
  place: ['#0b6e4f', 'rgba(11,110,79,.16)'],
  country: ['#1d4f7a', 'rgba(29,79,122,.16)'],
  group: ['#7a4b00', 'rgba(160,100,0,.18)'],
  topic: ['#6a3d9a', 'rgba(106,61,154,.16)'],
};

/** The stylesheet for one document's token. "none" has no rule: its marks are not registered at all. */
export function markCss(token: string): string {
  if (!MARK_TOKEN.test(token)) throw new Error('not a mark token');
  const rules = ENTITY_KINDS.map((kind) => {
    const [line, tint] = COLOURS[kind];
    return (
      `::highlight(${highlightName(token, 'underline', kind)}){text-decoration:underline dotted ${line} 2px;text-underline-offset:3px}\n` +
      `::highlight(${highlightName(token, 'background', kind)}){background-color:${tint}}\n`
    );
  });
  return rules.join('') + `::highlight(${focusName(token)}){background-color:rgba(255,200,0,.55);color:inherit}\n`;
}
