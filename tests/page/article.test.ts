// @vitest-environment happy-dom
/** Reading the article on a page (page/article.ts): on a copy, the page untouched, as paragraphs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainText, readArticle } from '../../page/article';

const CORPUS = join(__dirname, '../../../shared/corpus/articles');

describe('readArticle', () => {
  it('reads a corpus page’s article, title and date without changing the page', () => {
    const html = readFileSync(join(CORPUS, '01-nyt-how-to-understand-syrias-civil-war.html'), 'utf8');
    document.open();
    document.write(html);
    document.close();
    const before = document.documentElement.outerHTML;
    const answer = readArticle(document);
    expect(document.documentElement.outerHTML).toBe(before);
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.title).toBe('How to Understand Syria’s Rapidly Changing Civil War');
    expect(answer.published).toBe('2024-12-07');
    expect(answer.text.split('\n\n')[0]).toMatch(/^(?:How to Understand|Syrian opposition fighters|Rebel groups fighting)/);
    expect(answer.text).toContain('Rebel groups fighting to depose President Bashar al-Assad');
    expect(answer.text).not.toContain('Newsletters');
    expect(answer.ms).toBeGreaterThanOrEqual(0);
  });
});

describe('plainText', () => {
  it('ends a paragraph at each block, keeps inline text together, skips scripts', () => {
    const root = document.createElement('div');
    root.innerHTML = '<h2>Hama</h2><p>Rebels <em>took</em>\n  the city.</p><script>x()</script><ul><li>One</li><li>Two</li></ul>Tail<br>end';
    expect(plainText(root)).toBe('Hama\n\nRebels took the city.\n\nOne\n\nTwo\n\nTail\n\nend');
  });
});
