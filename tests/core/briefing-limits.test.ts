import { describe, expect, it } from 'vitest';
import { checkBriefingCollection, MAX_BRIEFING_BYTES, MAX_READER_BRIEFINGS, MAX_TOTAL_BRIEFING_BYTES, utf8Length, validateBriefingText } from '../../core/briefing-limits';
import { tm } from '../../core/i18n';
import { BRIEFING_TEXT } from './briefing-helpers';

describe('validateBriefingText', () => {
  it('accepts ordinary text, markup included', () => {
    expect(validateBriefingText(BRIEFING_TEXT)).toEqual({ ok: true });
    expect(validateBriefingText('<script>alert(1)</script> Aleppo fell.')).toEqual({ ok: true });
    expect(validateBriefingText('One odd character \uFFFD in a long enough sentence about Hama and Aleppo.')).toEqual({ ok: true });
  });

  it('refuses empty and white-space-only text', () => {
    expect(validateBriefingText('')).toEqual({ ok: false, error: { key: 'briefing_text_empty' } });
    expect(validateBriefingText(' \n\t \u00a0 ')).toEqual({ ok: false, error: { key: 'briefing_text_empty' } });
    expect(tm({ key: 'briefing_text_empty' })).toBe('The briefing is empty: paste or load some text.');
  });

  it('refuses text over 1 MB of UTF-8 and says how large it is', () => {
    expect(validateBriefingText('a'.repeat(MAX_BRIEFING_BYTES))).toEqual({ ok: true });
    const tooLarge = validateBriefingText('a'.repeat(MAX_BRIEFING_BYTES + 1));
    expect(tooLarge).toEqual({
      ok: false,
      error: { key: 'briefing_text_too_large', substitutions: ['1.00', '1,000,001', '1,000,000'] },
    });
    expect(!tooLarge.ok && tm(tooLarge.error)).toBe(
      'The briefing is too large: 1.00 MB (1,000,001 bytes). The limit is 1 MB (1,000,000 bytes).',
    );
    // Arabic letters are 2 bytes each in UTF-8: 600,000 of them are 1.2 MB.
    const arabic = 'سوريا '.repeat(100_000);
    expect(utf8Length(arabic)).toBe(1_100_000);
    expect(validateBriefingText(arabic)).toEqual({
      ok: false,
      error: { key: 'briefing_text_too_large', substitutions: ['1.10', '1,100,000', '1,000,000'] },
    });
    expect(utf8Length('é😀a')).toBe(2 + 4 + 1);
  });

  it('counts UTF-8 bytes as Node does, lone surrogates included (as U+FFFD)', () => {
    // Characters of every UTF-8 length, pairs, and lone surrogates next to what could join them.
    const pieces = ['a', ' ', '\n', 'é', 'ß', 'ش', '\u07ff', '\u0800', '—', '中', '\uffff', '😀', '\ud800', '\udc00', '\udbff', '\udfff'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 500; n++) {
      let text = '';
      const length = Math.floor(random() * 40);
      for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
      expect(utf8Length(text), JSON.stringify(text)).toBe(Buffer.byteLength(text, 'utf8'));
    }
    expect(utf8Length('\ud800a\udc00')).toBe(3 + 1 + 3);
    expect(utf8Length('\ud800é\udc00')).toBe(3 + 2 + 3);
    expect(utf8Length('')).toBe(0);
  });

  it('refuses binary-looking text', () => {
    expect(validateBriefingText('PK\u0003\u0004\u0000\u0000 archive')).toEqual({
      ok: false,
      error: { key: 'briefing_text_nul' },
    });
    expect(tm({ key: 'briefing_text_nul' })).toBe('This looks like a binary file, not text: it contains NUL characters.');
    const garbled = 'Aleppo \uFFFD\uFFFD\u0007\u001b\uFFFD fell \uFFFD\u0002 to \u0001\uFFFD the rebels.';
    const result = validateBriefingText(garbled);
    expect(result).toEqual({ ok: false, error: { key: 'briefing_text_control', substitutions: [expect.stringMatching(/^\d+$/)] } });
    expect(!result.ok && tm(result.error)).toMatch(/^This looks like a binary file or a wrongly decoded one, not text: \d+% of its characters are control or replacement characters\.$/);
  });
});

describe('checkBriefingCollection (issue 9)', () => {
  it('allows 200 briefings and 8 MB together, no more', () => {
    const text = (bytes: number) => ({ text: 'a'.repeat(bytes) });
    expect(checkBriefingCollection(Array.from({ length: MAX_READER_BRIEFINGS }, () => text(10)))).toBeNull();
    expect(checkBriefingCollection(Array.from({ length: MAX_READER_BRIEFINGS + 1 }, () => text(10)))).toEqual({
      key: 'briefing_store_too_many',
      substitutions: ['200'],
    });
    expect(checkBriefingCollection(Array.from({ length: 8 }, () => text(1_000_000)))).toBeNull();
    const over = checkBriefingCollection([...Array.from({ length: 8 }, () => text(1_000_000)), { text: 'é' }]);
    expect(over).toEqual({ key: 'briefing_store_total_too_large', substitutions: ['8.00 MB', '8 MB'] });
    expect(MAX_TOTAL_BRIEFING_BYTES).toBe(8_000_000);
  });
});
