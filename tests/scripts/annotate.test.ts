/**
 * The command-line annotator, run as a child process the way `npm run -s annotate -- FILE...` runs it.
 * HTML goes through page/scan.ts's extractText, so this also checks that the text the content
 * script reads from a news page gives the reviewed counts.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const articles = fileURLToPath(new URL('../../../shared/corpus/articles/', import.meta.url));
const gold = JSON.parse(readFileSync(new URL('../../../shared/corpus/gold.json', import.meta.url), 'utf8')) as Record<
  string,
  Record<string, number>
>;
const ENTITY_IDS = ['syria', 'iran', 'assad', 'hama', 'aleppo', 'damascus', 'russia', 'ukraine', 'europe', 'rebels', 'refugees'];

interface Line {
  file: string;
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
      expect(Object.keys(line)).toEqual(['file', 'mentions']);
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

  it('prints a usage line and exits with 2 without files', () => {
    const { status, stderr, lines } = annotate();
    expect(status).toBe(2);
    expect(stderr).toMatch(/usage/);
    expect(lines).toEqual([]);
  }, 60_000);
});
