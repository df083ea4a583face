// @vitest-environment happy-dom
/** The names Syria Lens uses in a page (page/names.ts, core/mark-names.ts), and the stylesheet that paints them. */
import { afterEach, describe, expect, it } from 'vitest';
import { focusName, highlightName, MARK_TOKEN, markCss, newMarkToken } from '../../core/mark-names';
import { ENTITY_KINDS, MARK_STYLES } from '../../core/types';
import { CARD_TAG, isOwnElement, MARK_TAG, removeDeadHighlights } from '../../page/names';

describe('highlight names', () => {
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

describe('removeDeadHighlights', () => {
  afterEach(() => {
    delete (window as { CSS?: unknown }).CSS;
  });

  it("removes only highlights of an earlier copy's dead sandbox, never the page's own", () => {
    const dead = new Proxy({}, { get: () => { throw new TypeError("can't access dead object"); } });
    const registry = new Map<string, unknown>([
      ['abcdefghija', dead],
      ['syria-lens-underline-person', { size: 1 }],
      ['the-page-own', { size: 0 }],
    ]);
    (window as { CSS?: unknown }).CSS = { highlights: registry };
    document.body.innerHTML = '<p>Text</p>';
    document.documentElement.append(document.createElement(CARD_TAG));
    removeDeadHighlights(document);
    expect(document.querySelector(CARD_TAG)).not.toBeNull();
    expect([...registry.keys()]).toEqual(['syria-lens-underline-person', 'the-page-own']);
  });

  it('isOwnElement knows our elements by their names', () => {
    expect(isOwnElement(document.createElement(CARD_TAG))).toBe(true);
    expect(isOwnElement(document.createElement(MARK_TAG))).toBe(true);
    expect(isOwnElement(document.createElement('syria'))).toBe(false);
    expect(isOwnElement(document.createTextNode('syria-lens-card'))).toBe(false);
  });
});
