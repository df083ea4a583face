// @vitest-environment happy-dom
/** The names Syria Lens uses in a page (page/names.ts, core/mark-names.ts), and the stylesheet that paints them. */
import { afterEach, describe, expect, it } from 'vitest';
import { cardHostName, focusName, highlightName, MARK_TOKEN, markCss, markNames, newMarkToken, tokenFromBytes } from '../../core/mark-names';
import { ENTITY_KINDS, MARK_STYLES } from '../../core/types';
import { isOwnElement, MARK_TAG, removeDeadCardHosts, removeHighlightsNamed } from '../../page/names';

const CARD_TAG = cardHostName('abcdefghij');

describe('highlight names', () => {
  it('a token is ten letters from the first ten bytes, and markNames lists all eleven names of a token', () => {
    expect(tokenFromBytes(new Uint8Array([0, 1, 25, 26, 27, 255, 2, 3, 4, 5, 99, 99]))).toBe('abzabvcdef');
    const names = markNames('abcdefghij');
    expect(names).toHaveLength(11);
    expect(new Set(names.map((name) => name.slice(10)))).toEqual(new Set('abcdefghijk'));
  });

  it('are random per document, neutral, and valid CSS identifiers', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => newMarkToken()));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(token).toMatch(MARK_TOKEN);
    const token = newMarkToken();
    const names = [...MARK_STYLES.flatMap((style) => (style === 'none' ? [] : ENTITY_KINDS.map((kind) => highlightName(token, style, kind)))), focusName(token)];
    expect(new Set(names).size).toBe(11);
    for (const name of names) {
      expect(name).toMatch(/^[a-z]{11}$/);
      expect(name).not.toMatch(/syria|lens/);
    }
  });

  it('markCss paints every kind in every visible style and the focused mark, for that token only', () => {
    const token = 'qwertyuiop';
    const css = markCss(token);
    const rules = new Set([...css.matchAll(/::highlight\(([\w-]+)\)/g)].map((m) => m[1]));
    const wanted = (['underline', 'background'] as const).flatMap((style) => ENTITY_KINDS.map((kind) => highlightName(token, style, kind)));
    expect([...rules].sort()).toEqual([...wanted, focusName(token)].sort());
    expect(css).not.toMatch(/syria|lens|[<>@{]{2}/i);
  });

  it('markCss refuses anything but a token (the background writes CSS with it)', () => {
    for (const bad of ['', 'abc', 'ABCDEFGHIJ', 'abcdefghij){}*{', 'abcdefghijk', 'abcdefghi-']) expect(() => markCss(bad)).toThrow();
  });
});

describe('removeHighlightsNamed', () => {
  afterEach(() => {
    delete (window as { CSS?: unknown }).CSS;
  });

  it("takes out an earlier copy's highlights by name, even dead ones, and nothing of the page's", () => {
    const dead = new Proxy({}, { get: () => { throw new TypeError("can't access dead object"); } });
    const token = 'abcdefghij';
    const registry = new Map<string, unknown>([
      [highlightName(token, 'underline', 'person'), dead],
      [focusName(token), { size: 1 }],
      ['syria-lens-underline-person', { size: 1 }],
      ['the-page-own', { size: 0 }],
    ]);
    (window as { CSS?: unknown }).CSS = { highlights: registry };
    document.body.innerHTML = '<p>Text</p>';
    document.documentElement.append(document.createElement(CARD_TAG));
    removeHighlightsNamed(document, markNames(token));
    expect(document.querySelector(CARD_TAG)).not.toBeNull();
    expect([...registry.keys()]).toEqual(['syria-lens-underline-person', 'the-page-own']);
    document.querySelector(CARD_TAG)!.remove();
  });

  it('isOwnElement knows our elements by their names', () => {
    expect(isOwnElement(document.createElement(CARD_TAG))).toBe(true);
    expect(isOwnElement(document.createElement(cardHostName('zyxwvutsrq')))).toBe(true);
    expect(isOwnElement(document.createElement('syria-lens-card'))).toBe(false);
    expect(isOwnElement(document.createElement(MARK_TAG))).toBe(true);
    expect(isOwnElement(document.createElement('syria'))).toBe(false);
    expect(isOwnElement(document.createTextNode('syria-lens-card'))).toBe(false);
  });
});

describe('removeDeadCardHosts', () => {
  it("removes the card host an earlier copy left in this document (same token), and nothing else", () => {
    const leftover = document.createElement(CARD_TAG);
    leftover.attachShadow({ mode: 'closed' });
    const planted = document.createElement('syria-lens-card');
    const otherToken = document.createElement(cardHostName('zyxwvutsrq'));
    document.documentElement.append(leftover, planted, otherToken);
    removeDeadCardHosts(document, 'abcdefghij');
    expect(leftover.isConnected).toBe(false);
    expect(planted.isConnected && otherToken.isConnected).toBe(true);
    planted.remove();
    otherToken.remove();
  });
});
