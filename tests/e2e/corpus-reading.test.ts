/**
 * Self-test of the end-to-end harness's own reading of the corpus rules (no browser): the
 * classifier the browser tests use to check marked texts must reproduce gold-v2.json on every article,
 * and the briefing must have sentences about the entities whose cards are checked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { briefingSentencesAbout, corpusArticles, countMentions, entityOfMentionText } from './harness/corpus';
import { ARTICLES_DIR } from './harness/paths';

const BLOCK_END = /<\/(?:p|h\d|li|figcaption|blockquote|div|td|th|tr|nav|aside|footer|header|figure|article|main|section|ul|ol|title)>/g;

describe('the e2e harness reads the corpus like gold-v2.json', () => {
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
    expect(entityOfMentionText('Syrian National Army')).toBe('sna');
    expect(entityOfMentionText('Tahrir al-Sham')).toBe('hts');
    for (const jolani of ['Abu Mohammad al-Jolani', 'Abu Mohammed al-Jolani', 'Abu Muhammad al-Jolani', 'Abu Muhammed al-Jolani']) {
      expect(entityOfMentionText(jolani), jolani).toBe('sharaa');
    }
    expect(entityOfMentionText('US')).toBe('united-states');
    expect(entityOfMentionText('us')).toBeUndefined();
    expect(entityOfMentionText('Kurdistan')).toBeUndefined();
  });

  it('counts the longest name, and a bare family name after a namesake as the namesake', () => {
    expect(countMentions('The Syrian National Army and the Islamic State of Iraq and Syria met Lebanese Hezbollah.')).toMatchObject({
      sna: 1, isis: 1, syria: 0, iraq: 0, lebanon: 1, hezbollah: 1,
    });
    expect(countMentions('Farouk al-Sharaa was favoured; al-Sharaa was detained. Later Ahmed al-Sharaa spoke, and Sharaa won.').sharaa).toBe(2);
  });

  it('finds briefing sentences for the hovered entities', () => {
    for (const entity of ['iran', 'assad', 'russia']) expect(briefingSentencesAbout(entity).length).toBeGreaterThan(0);
  });
});
