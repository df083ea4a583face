import { describe, expect, it } from 'vitest';
import { tm } from '../../core/i18n';
import {
  BRIEFING_FILE_FORMAT,
  describeFileProblem,
  cleanSource,
  cleanTitle,
  exportFileName,
  isTextFile,
  mergeImported,
  newBriefingId,
  parseBriefingFile,
  serializeBriefingFile,
  sourceHasCredentials,
  titleFromFileName,
} from '../../core/briefing-file';
import { MAX_BRIEFING_BYTES, MAX_READER_BRIEFINGS } from '../../core/briefing-limits';
import type { Briefing } from '../../core/types';

const HAMA = 'Hama fell to the rebels on 5 December after a week of fighting, witnesses said.';

function file(briefings: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: BRIEFING_FILE_FORMAT, version: 1, exported: '2024-12-08T00:00:00.000Z', briefings, ...extra });
}

const good = (n: number) => ({ id: `b${n}`, title: `Briefing ${n}`, text: `${HAMA} (${n})` });

describe('parseBriefingFile', () => {
  it('reads a good file: ids, cleaned titles, sources, enabled (default true)', () => {
    const parsed = parseBriefingFile(
      file([
        { ...good(1), title: '  Hama \n report ', source: 'https://example.org/a b'.replace(' ', '%20'), enabled: false },
        good(2),
      ]),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.briefings).toEqual([
      { id: 'b1', title: 'Hama report', text: `${HAMA} (1)`, source: 'https://example.org/a%20b', builtIn: false, enabled: false },
      { id: 'b2', title: 'Briefing 2', text: `${HAMA} (2)`, builtIn: false, enabled: true },
    ]);
  });

  it('reads what serializeBriefingFile writes (round trip), leaving built-in briefings out', () => {
    const list: Briefing[] = [
      { id: 'x', title: 'X', text: HAMA, source: 'https://example.org/', enabled: true },
      { id: 'bundled', title: 'B', text: HAMA, builtIn: true },
      { id: 'y', title: 'Y', text: '<script>alert(1)</script> Aleppo.', enabled: false },
    ];
    const json = serializeBriefingFile(list, new Date('2024-12-08T10:00:00Z'));
    expect(JSON.parse(json)).toMatchObject({ format: BRIEFING_FILE_FORMAT, version: 1, exported: '2024-12-08T10:00:00.000Z' });
    const parsed = parseBriefingFile(json);
    expect(parsed.ok && parsed.briefings.map((b) => [b.id, b.text, b.enabled])).toEqual([
      ['x', HAMA, true],
      ['y', '<script>alert(1)</script> Aleppo.', false],
    ]);
  });

  it('accepts a byte order mark and a null or empty source', () => {
    const parsed = parseBriefingFile(`\uFEFF${file([{ ...good(1), source: null }, { ...good(2), source: '' }])}`);
    expect(parsed.ok && parsed.briefings.map((b) => b.source)).toEqual([undefined, undefined]);
  });

  it.each([
    ['not JSON', 'this is not json {', 'not-json', { key: 'briefings_import_not_json' }, /not JSON/],
    ['JSON but not an object', '[1, 2]', 'not-briefings-file', { key: 'briefings_import_not_file' }, /not a Syria Lens briefings file/],
    ['another format', JSON.stringify({ format: 'other', version: 1, briefings: [] }), 'not-briefings-file', { key: 'briefings_import_not_file' }, /not a Syria Lens/],
    ['another version', file([good(1)], { version: 2 }), 'version', { key: 'briefings_import_version', substitutions: ['2', '1'] }, /version 2; this Syria Lens reads version 1/],
    ['no version', JSON.stringify({ format: BRIEFING_FILE_FORMAT, briefings: [good(1)] }), 'version', { key: 'briefings_import_version', substitutions: ['none', '1'] }, /version none/],
    ['no list', JSON.stringify({ format: BRIEFING_FILE_FORMAT, version: 1 }), 'no-list', { key: 'briefings_import_no_list' }, /no list/],
    ['an empty list', file([]), 'empty-list', { key: 'briefings_import_empty' }, /no briefings/],
    ['an entry that is not an object', file([good(1), 'text']), 'not-an-object', { key: 'briefings_import_not_object', substitutions: ['2'] }, /^Briefing 2 is not a briefing/],
    ['an entry without id', file([good(1), good(2), { title: 'T', text: HAMA }]), 'no-id', { key: 'briefings_import_no_id', substitutions: ['3'] }, /^Briefing 3 has no id/],
    ['an empty id', file([{ ...good(1), id: ' ' }]), 'no-id', { key: 'briefings_import_no_id', substitutions: ['1'] }, /^Briefing 1 has no id/],
    ['two entries with one id', file([good(1), good(2), { ...good(3), id: 'b1' }]), 'duplicate-id', { key: 'briefings_import_duplicate_id', substitutions: ['3', '1'] }, /^Briefing 3 has the same id as briefing 1/],
    ['an entry without title', file([good(1), { id: 'b2', title: '  ', text: HAMA }]), 'no-title', { key: 'briefings_import_no_title', substitutions: ['2'] }, /^Briefing 2 has no title/],
    ['an entry without text', file([good(1), good(2), { id: 'b3', title: 'T' }]), 'no-text', { key: 'briefings_import_no_text', substitutions: ['3'] }, /^Briefing 3 has no text/],
    ['an entry with blank text', file([{ ...good(1), text: ' \n ' }]), 'no-text', { key: 'briefings_import_no_text', substitutions: ['1'] }, /^Briefing 1 has no text/],
    ['an entry with text that is not a string', file([{ ...good(1), text: 42 }]), 'no-text', { key: 'briefings_import_no_text', substitutions: ['1'] }, /^Briefing 1 has no text/],
    ['binary text', file([{ ...good(1), text: 'PK\u0003\u0004\u0000\u0000binary' }]), 'bad-text', { key: 'briefings_import_binary', substitutions: ['1'] }, /briefing 1 does not look like text/],
    ['a javascript: source', file([{ ...good(1), source: 'javascript:alert(1)' }]), 'bad-source', { key: 'briefings_import_bad_source', substitutions: ['1'] }, /^Briefing 1 has a source that is not a web address/],
    ['a relative source', file([{ ...good(1), source: '/news' }]), 'bad-source', { key: 'briefings_import_bad_source', substitutions: ['1'] }, /not a web address/],
    ['a source that is not a string', file([{ ...good(1), source: 7 }]), 'bad-source', { key: 'briefings_import_bad_source', substitutions: ['1'] }, /not a web address/],
    ['enabled that is not a boolean', file([{ ...good(1), enabled: 'yes' }]), 'bad-enabled', { key: 'briefings_import_bad_enabled', substitutions: ['1'] }, /^Briefing 1 has an on\/off value/],
  ])('refuses %s, saying what is wrong', (_what, json, code, descriptor, english) => {
    const parsed = parseBriefingFile(json);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem.code).toBe(code);
    expect(parsed.error).toEqual(descriptor);
    expect(describeFileProblem(parsed.problem)).toEqual(descriptor);
    expect(tm(parsed.error)).toMatch(english);
  });

  it('refuses a briefing over 1 MB and reports its size', () => {
    const parsed = parseBriefingFile(file([good(1), { ...good(2), text: 'a'.repeat(MAX_BRIEFING_BYTES + 1) }]));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem).toMatchObject({
      code: 'bad-text',
      briefing: 2,
      tooLarge: MAX_BRIEFING_BYTES + 1,
      detail: { key: 'briefing_text_too_large', substitutions: ['1.00', '1,000,001', '1,000,000'] },
    });
    expect(parsed.error).toEqual({ key: 'briefings_import_too_large', substitutions: ['2', '1.00 MB'] });
    expect(tm(parsed.error)).toBe('Briefing 2 is too large (1.00 MB; the limit is 1 MB).');
  });
});

describe('mergeImported', () => {
  const mine: Briefing[] = [
    { id: 'a', title: 'A', text: 'Old A.', enabled: true },
    { id: 'b', title: 'B', text: 'Old B.', enabled: false },
  ];

  it('replaces a briefing with the same id in place and adds the others at the end', () => {
    const result = mergeImported(mine, [
      { id: 'c', title: 'C', text: 'New C.' },
      { id: 'a', title: 'A2', text: 'New A.' },
    ]);
    expect(result.briefings.map((b) => [b.id, b.title])).toEqual([
      ['a', 'A2'],
      ['b', 'B'],
      ['c', 'C'],
    ]);
    expect(result).toMatchObject({ added: 1, replaced: 1, renamed: 0 });
  });

  it('gives a new id to an imported briefing that has a built-in briefing’s id', () => {
    const result = mergeImported(mine, [{ id: 'bundled', title: 'Mine', text: 'T.' }], new Set(['bundled']));
    expect(result).toMatchObject({ added: 1, replaced: 0, renamed: 1 });
    const added = result.briefings[2]!;
    expect(added.id).not.toBe('bundled');
    expect(added.id).toMatch(/^reader-/);
    expect(added.title).toBe('Mine');
  });
});

describe('helpers', () => {
  it('cleanSource keeps absolute http(s) addresses only', () => {
    expect(cleanSource(' https://www.bbc.com/news/world-middle-east ')).toBe('https://www.bbc.com/news/world-middle-east');
    expect(cleanSource('http://example.org')).toBe('http://example.org/');
    for (const bad of ['', 'bbc.com', 'ftp://x.org/a', 'javascript:alert(1)', 'data:text/html,<b>', 'https://a b.org', 'https://']) {
      expect(cleanSource(bad), bad).toBeNull();
    }
  });

  it('cleanTitle collapses white space and bounds the length', () => {
    expect(cleanTitle('  a \n\t b ')).toBe('a b');
    expect(cleanTitle('x'.repeat(500))).toHaveLength(200);
  });

  it('titleFromFileName drops the text extension', () => {
    expect(titleFromFileName('Aleppo report.md')).toBe('Aleppo report');
    expect(titleFromFileName('notes.TXT')).toBe('notes');
    expect(titleFromFileName('data.json')).toBe('data.json');
  });

  it('isTextFile accepts .txt/.md by name or text/plain, text/markdown by type', () => {
    expect(isTextFile('a.txt', '')).toBe(true);
    expect(isTextFile('a.md', '')).toBe(true);
    expect(isTextFile('notes', 'text/plain')).toBe(true);
    expect(isTextFile('notes', 'text/markdown')).toBe(true);
    expect(isTextFile('a.pdf', 'application/pdf')).toBe(false);
    expect(isTextFile('a.png', 'image/png')).toBe(false);
    expect(isTextFile('page.html', 'text/html')).toBe(false);
  });

  it('newBriefingId avoids taken ids; exportFileName is dated', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 50; i++) ids.add(newBriefingId(ids, 1));
    expect(ids.size).toBe(50);
    expect(exportFileName(new Date(2024, 11, 8))).toBe('syria-lens-briefings-2024-12-08.json');
  });
});

describe('hostile briefings (issue 9)', () => {
  it('titles lose control, zero-width, bidi and other format characters', () => {
    // A right-to-left override turns "gnp.exe" around; zero-width spaces hide words; controls ring bells.
    expect(cleanTitle('Report \u202Egnp.exe')).toBe('Report gnp.exe');
    expect(cleanTitle('Al\u200Bep\u200Cpo\u200D \u2066isolated\u2069 \u202Aembedded\u202C \u200Emark\u200F\u061C')).toBe('Aleppo isolated embedded mark');
    expect(cleanTitle('bell\u0007 null\u0000 escape\u001B[31m del\u007F c1\u0085 soft\u00ADhyphen bom\uFEFF tag\u{E0041}')).toBe(
      'bell null escape[31m del c1 softhyphen bom tag',
    );
    expect(cleanTitle('lone \uD800 surrogate')).toBe('lone surrogate');
    expect(cleanTitle('\u202E\u200B\u0007')).toBe('');
    // Letters, marks and the scripts a reader writes in are kept.
    expect(cleanTitle('تقرير حلب — Ça va, Δ 🙂')).toBe('تقرير حلب — Ça va, Δ 🙂');
  });

  it('an imported title is cleaned, and one of invisible characters only is no title', () => {
    const parsed = parseBriefingFile(file([{ ...good(1), title: 'Hama \u202Ereport' }]));
    expect(parsed.ok && parsed.briefings[0]!.title).toBe('Hama report');
    const invisible = parseBriefingFile(file([{ ...good(1), title: '\u200B\u202E' }]));
    expect(!invisible.ok && invisible.problem).toEqual({ code: 'no-title', briefing: 1 });
  });

  it('source addresses with a user name or password are refused', () => {
    for (const source of ['https://user:pass@example.com/', 'https://news.example.com@evil.test/x', 'http://:secret@example.com/']) {
      expect(cleanSource(source), source).toBeNull();
      expect(sourceHasCredentials(source), source).toBe(true);
    }
    expect(sourceHasCredentials('https://example.com/a@b')).toBe(false);
    expect(cleanSource('https://example.com/a@b')).toBe('https://example.com/a@b');
    const parsed = parseBriefingFile(file([good(1), { ...good(2), source: 'https://user:pass@example.com/' }]));
    expect(!parsed.ok && parsed.problem).toEqual({ code: 'source-credentials', briefing: 2 });
    expect(!parsed.ok && tm(parsed.error)).toBe('Briefing 2 has a source address with a user name or password in it.');
  });

  it(`a file of more than ${MAX_READER_BRIEFINGS} briefings is refused`, () => {
    expect(parseBriefingFile(file(Array.from({ length: MAX_READER_BRIEFINGS }, (_, i) => good(i)))).ok).toBe(true);
    const parsed = parseBriefingFile(file(Array.from({ length: 10_000 }, (_, i) => good(i))));
    expect(!parsed.ok && parsed.problem).toEqual({ code: 'too-many', count: 10_000 });
    expect(!parsed.ok && tm(parsed.error)).toBe('The file holds 10000 briefings; at most 200 can be kept.');
  });

  it('a file whose briefings take more than 8 MB together is refused', () => {
    const big = (n: number) => ({ ...good(n), text: `${HAMA} `.repeat(Math.floor(MAX_BRIEFING_BYTES / (HAMA.length + 1))) });
    const parsed = parseBriefingFile(file(Array.from({ length: 9 }, (_, i) => big(i))));
    expect(!parsed.ok && parsed.problem.code).toBe('total-too-large');
    expect(!parsed.ok && tm(parsed.error)).toBe('The briefings in the file take 9 MB together; at most 8 MB can be kept.');
  });
});
