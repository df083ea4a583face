// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { contrastRatio, cssVariable, GRAPHIC_PAIRS, palette, paletteCss, TEXT_PAIRS } from '../../components/palette';
import { repoFile } from './render';

const themes = ['light', 'dark'] as const;

describe('contrastRatio', () => {
  it('computes WCAG 2 ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#123456', '#123456')).toBe(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(() => contrastRatio('red', '#ffffff')).toThrow();
  });
});

describe('palette', () => {
  it('text reaches WCAG AA (4.5:1) in both themes', () => {
    const table: Record<string, string> = {};
    for (const theme of themes) {
      for (const [fg, bg] of TEXT_PAIRS) {
        const ratio = contrastRatio(palette[theme][fg], palette[theme][bg]);
        table[`${theme} ${fg} on ${bg}`] = ratio.toFixed(2);
        expect(ratio, `${theme}: ${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
      }
    }
    expect(Object.keys(table)).toHaveLength(TEXT_PAIRS.length * 2);
  });

  it('switch tracks, thumb and focus ring reach 3:1 in both themes', () => {
    const table: Record<string, string> = {};
    for (const theme of themes) {
      for (const [fg, bg] of GRAPHIC_PAIRS) {
        const ratio = contrastRatio(palette[theme][fg], palette[theme][bg]);
        table[`${theme} ${fg} on ${bg}`] = ratio.toFixed(2);
        expect(ratio, `${theme}: ${fg} on ${bg}`).toBeGreaterThanOrEqual(3);
      }
    }
    expect(Object.keys(table)).toHaveLength(GRAPHIC_PAIRS.length * 2);
  });
});

function withoutPalette(css: string): string {
  return css.replace(/\/\* palette:start[\s\S]*?palette:end \*\//, '');
}

describe.each([
  ['components/card.css', '.sl-card'],
  ['components/popup.css', ':root'],
  ['components/options.css', ':root'],
])('%s', (file, selector) => {
  const css = repoFile(file);

  it('holds the palette exactly as paletteCss() writes it', () => {
    // On failure: paste paletteCss(selector) from components/palette.ts over the block.
    expect(css).toContain(paletteCss(selector));
  });

  it('takes every colour from the palette', () => {
    const rest = withoutPalette(css);
    expect(rest).not.toMatch(/#[0-9a-f]{3,8}\b/i);
    const known = new Set((Object.keys(palette.light) as (keyof typeof palette.light)[]).map(cssVariable));
    // Colour variables only; --sl-card-max-block-size is the card host's size hint, --sl-safe-* the page's safe areas.
    const names = [...rest.matchAll(/var\((--sl-[a-z-]+)[,)]/g)].map((m) => m[1]!).filter((n) => n !== '--sl-card-max-block-size' && !n.startsWith('--sl-safe-'));
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect(known, name).toContain(name);
  });

  it('has a dark theme, respects reduced motion, and uses a readable 14px system font', () => {
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\)/);
    const reduced = /@media \(prefers-reduced-motion: reduce\)\s*{([\s\S]*?)\n}/.exec(css)?.[1] ?? '';
    expect(reduced).toMatch(/transition: none/);
    expect(reduced).toMatch(/animation: none/);
    expect(css).toMatch(/font-size: 14px/);
    expect(css).toMatch(/font-family: system-ui/);
  });
});

describe('card.css', () => {
  const css = repoFile('components/card.css');
  it('resets inheritance at the shadow host and bounds the card', () => {
    expect(css).toMatch(/:host\s*{\s*all: initial;/);
    expect(css).toMatch(/max-inline-size: min\(360px/);
    expect(css).toMatch(/max-block-size: min\(440px, var\(--sl-card-max-block-size, [^;]+;\s*overflow-y: auto;/);
  });
  it('does not reach outside its shadow root', () => {
    expect(withoutPalette(css)).not.toMatch(/(^|\n)\s*(html|body|:root)\b/);
  });
});

describe('stylesheets', () => {
  // A colour transition runs whenever a colour changes, the reader's switch to the dark theme
  // included: for 120 ms text and its background pass through colours no pair above describes
  // (white text on a blue halfway to light blue is about 1.1:1). That is what made axe, run right
  // after the test switched the options page to dark, find low contrast on its buttons now and
  // then. Colours change at once; only movement (the switch's thumb) is animated.
  it.each(['card.css', 'popup.css', 'options.css', 'briefings.css', 'welcome.css'])('%s never transitions a colour', (file) => {
    const css = repoFile(`components/${file}`);
    const transitions = [...css.matchAll(/transition(?:-property)?\s*:\s*([^;}]+)/g)].map((m) => m[1]!.trim());
    const colour = /\b(?:all|color|background|background-color|border|border-color|outline|outline-color|fill|stroke|box-shadow)\b/;
    expect(transitions.filter((value) => value !== 'none !important' && colour.test(value))).toEqual([]);
  });
});

