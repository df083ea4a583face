/**
 * The command-line annotator, run as a child process the way `npm run -s annotate -- FILE...` runs it.
 * HTML goes through page/scan.ts's extractText, so this also checks that the text the content
 * script reads from a news page gives the reviewed counts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const articles = fileURLToPath(new URL('../../../shared/corpus/articles/', import.meta.url));
const gold = JSON.parse(readFileSync(new URL('../../../shared/corpus/gold-v2.json', import.meta.url), 'utf8')) as Record<
  string,
  Record<string, number>
>;
/** The 44 ids gold-v2 counts (`assad_other` is not an entity). */
const ENTITY_IDS = Object.keys(Object.values(gold)[0]!).filter((id) => id !== 'assad_other');

interface Line {
  file: string;
  language?: string;
  mentions: Array<{ entity: string; text: string; start: number; end: number }>;
}

function annotate(...files: string[]) {
  const result = spawnSync(`${repo}node_modules/.bin/vite-node`, ['scripts/annotate.ts', ...files], {
    cwd: repo,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const lines = result.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Line);
  return { status: result.status, stderr: result.stderr, lines };
}

function counts(line: Line): Record<string, number> {
  const out: Record<string, number> = {};
  for (const mention of line.mentions) out[mention.entity] = (out[mention.entity] ?? 0) + 1;
  return out;
}

const htmlFiles = Object.keys(gold).map((txt) => txt.replace(/\.txt$/, '.html'));

describe('annotate CLI', () => {
  it('prints one JSON line per file with entity, text and offsets', () => {
    const txt = `${articles}02-nyt-morning-what-is-happening-in-syria.txt`;
    const html = `${articles}02-nyt-morning-what-is-happening-in-syria.html`;
    const { status, stderr, lines } = annotate(txt, html);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(lines.map((line) => line.file)).toEqual([txt, html]);
    const text = readFileSync(txt, 'utf8');
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['file', 'language', 'mentions']);
      expect(line.language).toBe('en'); // the .txt detected, the .html declared
      expect(line.mentions.length).toBeGreaterThan(50);
      for (const mention of line.mentions) {
        expect(Object.keys(mention)).toEqual(['entity', 'text', 'start', 'end']);
        expect(ENTITY_IDS).toContain(mention.entity);
        expect(mention.end - mention.start).toBe(mention.text.length);
      }
    }
    // .txt offsets index the file itself.
    for (const mention of lines[0]!.mentions) expect(text.slice(mention.start, mention.end)).toBe(mention.text);
    expect(lines[0]!.mentions[0]).toEqual({ entity: 'syria', text: 'Syria', start: 21, end: 26 });
    expect(lines[0]!.mentions.find((m) => m.entity === 'assad')).toMatchObject({ text: 'Bashar al-Assad' });
    // Both versions of the article give the same mentions.
    expect(lines[1]!.mentions.map((m) => [m.entity, m.text])).toEqual(lines[0]!.mentions.map((m) => [m.entity, m.text]));
  }, 60_000);

  it('gives the reviewed counts for every .html article (visible text only)', () => {
    const { status, stderr, lines } = annotate(...htmlFiles.map((name) => articles + name));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(lines).toHaveLength(htmlFiles.length);
    for (const [i, line] of lines.entries()) {
      const expected = gold[Object.keys(gold)[i]!]!;
      const got = counts(line);
      for (const id of ENTITY_IDS) expect(got[id] ?? 0, `${htmlFiles[i]}: ${id}`).toBe(expected[id]);
    }
  }, 60_000);

  it('reports a missing file on stderr, annotates the others and exits with 1', () => {
    const missing = `${articles}no-such-article.txt`;
    const good = `${articles}01-nyt-how-to-understand-syrias-civil-war.txt`;
    const { status, stderr, lines } = annotate(missing, good, `${repo}no-such-dir/page.html`);
    expect(status).toBe(1);
    expect(stderr).toContain(missing);
    expect(stderr).toContain('no-such-dir/page.html');
    expect(stderr.trim().split('\n')).toHaveLength(2);
    expect(lines.map((line) => line.file)).toEqual([good]);
    expect(counts(lines[0]!)).toMatchObject({ syria: gold['01-nyt-how-to-understand-syrias-civil-war.txt']!.syria });
  }, 60_000);

  it('prints a usage line and exits with 2 without files, or with a --lang that is no language', () => {
    for (const args of [[], ['--lang'], ['--lang', '12', `${articles}01-nyt-how-to-understand-syrias-civil-war.txt`]]) {
      const { status, stderr, lines } = annotate(...args);
      expect(status, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/usage/);
      expect(lines).toEqual([]);
    }
  }, 60_000);
});

describe('annotate CLI: names know their language', () => {
  const dir = mkdtempSync(join(tmpdir(), 'syria-lens-annotate-'));
  const write = (name: string, content: string) => {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  };
  const pairs = (line: Line) => line.mentions.map((m) => [m.entity, m.text]);

  const german = write('bericht.txt', 'Die Rebellen nahmen Damaskus ein. Europa blickt besorgt auf Syrien, die Türkei und Assads Verbündete in Moskau.\n');
  const english = write('report.txt', 'The Europa Clipper launched while Europa League fans watched. Turkey dinners were served in Syria and Europe.\n');
  const page = write(
    'mixed.html',
    '<!doctype html><html lang="en"><body>' +
      '<p>The Europa League final and the Europa Clipper: not the continent, but Syria.</p>' +
      '<blockquote lang="de-DE"><p>Die Europäische Union und Europa reden mit der Türkei über Syrien.</p></blockquote>' +
      '<p xml:lang="ar" lang="ar">قالت هيئة تحرير الشام إن قواتها دخلت حمص.</p>' +
      '<p>In English again: Europa, and the Turkish army.</p>' +
      '</body></html>',
  );

  it('detects an undeclared text\'s language and uses its names', () => {
    const { status, lines } = annotate(german, english);
    expect(status).toBe(0);
    expect(lines.map((line) => line.language)).toEqual(['de', 'en']);
    expect(pairs(lines[0]!)).toEqual([
      ['rebels', 'Rebellen'], ['damascus', 'Damaskus'], ['europe', 'Europa'], ['syria', 'Syrien'], ['turkey', 'Türkei'],
      ['assad', 'Assads'], ['russia', 'Moskau'],
    ]);
    // English: the spacecraft, the league and the bird are not Europe or Turkey.
    expect(pairs(lines[1]!)).toEqual([['syria', 'Syria'], ['europe', 'Europe']]);
  }, 60_000);

  it('--lang declares the language instead of detecting it; --lang all uses every name', () => {
    const english = annotate('--lang', 'en-GB', german).lines[0]!;
    expect(english.language).toBe('en');
    expect(pairs(english)).toEqual([]);
    const all = annotate(`--lang=all`, german).lines[0]!;
    expect(all.language).toBeUndefined();
    expect(pairs(all).map(([id]) => id)).toContain('europe');
  }, 60_000);

  it('matches each HTML block with the names of its nearest lang, then the document\'s', () => {
    const { status, lines } = annotate(page);
    expect(status).toBe(0);
    expect(lines[0]!.language).toBe('en');
    expect(pairs(lines[0]!)).toEqual([
      ['syria', 'Syria'],
      ['europe', 'Europäische Union'], ['europe', 'Europa'], ['turkey', 'Türkei'], ['syria', 'Syrien'],
      ['hts', 'هيئة تحرير الشام'], ['homs', 'حمص'],
      ['turkey', 'Turkish'],
    ]);
    // A declared language wins over --lang, which stands in for a Content-Language header.
    expect(pairs(annotate('--lang', 'de', page).lines[0]!)).toEqual(pairs(lines[0]!));
  }, 60_000);

  it.sequential('cleans up', () => rmSync(dir, { recursive: true, force: true }));
});
