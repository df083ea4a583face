/**
 * Self-test of the end-to-end harness's own reading of the corpus rules (no browser): the
 * classifier the browser tests use to check marked texts must reproduce gold.json on every article,
 * and the briefing must have sentences about the entities whose cards are checked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { briefingSentencesAbout, corpusArticles, countMentions, entityOfMentionText } from './harness/corpus';
import { ARTICLES_DIR } from './harness/paths';

const BLOCK_END = /<\/(?:p|h\d|li|figcaption|blockquote|div|td|th|tr|nav|aside|footer|header|figure|article|main|section|ul|ol|title)>/g;

describe('the e2e harness reads the corpus like gold.json', () => {
  it.each(corpusArticles().map((a) => [a.slug, a] as const))('%s', (_slug, article) => {
    const html = readFileSync(join(ARTICLES_DIR, `${article.slug}.html`), 'utf8');
    // Visible text, with block boundaries kept as line breaks (mentions never span blocks).
    const { document } = parseHTML(html.replace(BLOCK_END, '\n$&'));
    expect(countMentions(document.body.textContent ?? '')).toEqual(article.gold);
    expect(countMentions(readFileSync(join(ARTICLES_DIR, `${article.slug}.txt`), 'utf8'))).toEqual(article.gold);
  });

  it('classifies marked texts', () => {
    expect(entityOfMentionText('Assad')).toBe('assad');
    expect(entityOfMentionText('Bashar\u00a0al\u2011Assad')).toBe('assad');
    expect(entityOfMentionText('Maher al-Assad')).toBe('assad_other');
    expect(entityOfMentionText('IRAN')).toBe('iran');
    expect(entityOfMentionText('iran')).toBeUndefined();
    expect(entityOfMentionText('Rebels')).toBe('rebels');
    expect(entityOfMentionText('Hamas')).toBeUndefined();
    expect(entityOfMentionText('Da\u00admascus')).toBe('damascus');
  });

  it('finds briefing sentences for the hovered entities', () => {
    for (const entity of ['iran', 'assad', 'russia']) expect(briefingSentencesAbout(entity).length).toBeGreaterThan(0);
  });
});
