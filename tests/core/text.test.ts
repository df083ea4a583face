import { describe, expect, it } from 'vitest';
import { isWhiteSpaceAt, isWhiteSpaceCode, trimSpan } from '../../core/text';

describe('isWhiteSpaceCode', () => {
  it('agrees with RegExp \\s on every UTF-16 code unit', () => {
    const mismatches: number[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      if (isWhiteSpaceCode(c) !== /\s/u.test(String.fromCharCode(c))) mismatches.push(c);
    }
    expect(mismatches).toEqual([]);
  });

  it('isWhiteSpaceAt is false past either end', () => {
    expect(isWhiteSpaceAt(' a', 0)).toBe(true);
    expect(isWhiteSpaceAt(' a', 1)).toBe(false);
    expect(isWhiteSpaceAt(' a', 2)).toBe(false);
    expect(isWhiteSpaceAt(' a', -1)).toBe(false);
  });

  it('trimSpan drops white space at both ends only', () => {
    const text = '\u00a0 Hama fell. \u2029';
    const [start, end] = trimSpan(text, 0, text.length);
    expect(text.slice(start, end)).toBe('Hama fell.');
    expect(trimSpan('   ', 0, 3)).toEqual([3, 3]);
  });
});
