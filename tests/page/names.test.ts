// @vitest-environment happy-dom
/** The names Syria Lens uses in a page (page/names.ts), and the stylesheet that paints them. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ENTITY_KINDS, MARK_STYLES } from '../../core/types';
import { CARD_TAG, FOCUS_HIGHLIGHT, highlightName, isOwnElement, MARK_TAG, removeLeftovers } from '../../page/names';

// (happy-dom has its own URL class: resolve the path with Node's.)
const MARKS_CSS = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../entrypoints/content/marks.css'), 'utf8');

describe('marks.css', () => {
  it('paints every kind in every visible style, and the focused mark; the "none" style paints nothing', () => {
    const rules = new Set([...MARKS_CSS.matchAll(/::highlight\(([\w-]+)\)/g)].map((m) => m[1]));
    const wanted = MARK_STYLES.filter((style) => style !== 'none').flatMap((style) => ENTITY_KINDS.map((kind) => highlightName(style, kind)));
    expect(wanted.filter((name) => !rules.has(name))).toEqual([]);
    expect(rules.has(FOCUS_HIGHLIGHT)).toBe(true);
    expect([...rules].filter((name) => name?.includes('-none-'))).toEqual([]);
    // Nothing else: a rule for a name the painter never registers is a typo.
    expect([...rules].filter((name) => name !== FOCUS_HIGHLIGHT && !wanted.includes(name!))).toEqual([]);
  });
});

describe('removeLeftovers', () => {
  afterEach(() => {
    delete (window as { CSS?: unknown }).CSS;
  });

  it("removes an earlier copy's card host and highlights, and nothing of the page's", () => {
    const registry = new Map<string, unknown>([
      [highlightName('underline', 'person'), {}],
      [highlightName('background', 'topic'), {}],
      [FOCUS_HIGHLIGHT, {}],
      ['the-page-own', {}],
    ]);
    (window as { CSS?: unknown }).CSS = { highlights: registry };
    document.body.innerHTML = '<p>Text</p>';
    document.documentElement.append(document.createElement(CARD_TAG));
    removeLeftovers(document);
    expect(document.querySelector(CARD_TAG)).toBeNull();
    expect([...registry.keys()]).toEqual(['the-page-own']);
  });

  it('isOwnElement knows our elements by their names', () => {
    expect(isOwnElement(document.createElement(CARD_TAG))).toBe(true);
    expect(isOwnElement(document.createElement(MARK_TAG))).toBe(true);
    expect(isOwnElement(document.createElement('syria'))).toBe(false);
    expect(isOwnElement(document.createTextNode('syria-lens-card'))).toBe(false);
  });
});
