/**
 * What a page's injected script may answer for "Use this article as a briefing"
 * (extension/messages.ts ARTICLE_CHECK, ARTICLE_ANSWER): checked by the popup, since the script
 * runs in the page's renderer; and the article made a briefing (core/article-briefing.ts).
 */
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { articleBriefing, articleTitle } from '../../core/article-briefing';
import { MAX_BRIEFING_BYTES } from '../../core/briefing-limits';

vi.mock('wxt/browser', () => ({ browser: {} }));
const { ARTICLE_CHECK, readArticleAnswer } = await import('../../extension/messages');

const GOOD = {
  ok: true,
  url: 'https://news.example/2024/12/07/syria.html',
  title: 'How to Understand Syria’s Civil War',
  site: 'Example News',
  published: '2024-12-07',
  text: 'Rebels took Hama on Thursday.\n\nThey moved on toward Homs.',
  ms: 12.5,
};

describe('ARTICLE_ANSWER', () => {
  it('accepts an article and the two refusals', () => {
    expect(readArticleAnswer(GOOD)).toEqual(GOOD);
    expect(readArticleAnswer({ ...GOOD, site: null, published: null })).toMatchObject({ site: null, published: null });
    expect(readArticleAnswer({ ok: false, reason: 'not-article' })).toEqual({ ok: false, reason: 'not-article' });
    expect(readArticleAnswer({ ok: false, reason: 'no-text' })).toEqual({ ok: false, reason: 'no-text' });
  });

  it('drops fields it does not know', () => {
    expect(readArticleAnswer({ ...GOOD, html: '<img onerror=alert(1)>' })).not.toHaveProperty('html');
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'Rebels took Hama'],
    ['an unknown reason', { ok: false, reason: 'blocked' }],
    ['no text', { ...GOOD, text: '' }],
    ['text over the 1 MB limit', { ...GOOD, text: 'a'.repeat(MAX_BRIEFING_BYTES + 1) }],
    ['a text that is not a string', { ...GOOD, text: ['Rebels'] }],
    ['a date that is not a day', { ...GOOD, published: '7 December 2024' }],
    ['a negative time', { ...GOOD, ms: -1 }],
    ['a missing url', { ...GOOD, url: undefined }],
    ['an enormous title', { ...GOOD, title: 'x'.repeat(10_001) }],
  ])('refuses %s', (_what, answer) => {
    expect(() => readArticleAnswer(answer)).toThrow(/not valid/);
  });
});

describe('ARTICLE_CHECK', () => {
  it('is a yes or no with the address', () => {
    expect(v.is(ARTICLE_CHECK, { article: true, url: 'https://a.example/' })).toBe(true);
    expect(v.is(ARTICLE_CHECK, { article: 'yes', url: 'https://a.example/' })).toBe(false);
    expect(v.is(ARTICLE_CHECK, { article: false })).toBe(false);
  });
});

describe('articleTitle', () => {
  it('adds the site when the title does not say it', () => {
    expect(articleTitle(GOOD)).toBe('How to Understand Syria’s Civil War — Example News');
    expect(articleTitle({ ...GOOD, title: 'Syria explained | Example News' })).toBe('Syria explained | Example News');
    expect(articleTitle({ ...GOOD, site: null })).toBe('How to Understand Syria’s Civil War');
    expect(articleTitle({ ...GOOD, title: '  ', site: null })).toBe('news.example');
  });
});

describe('articleBriefing', () => {
  it('is a reader’s briefing with the title given, the address as source and the publication day as date', () => {
    const made = articleBriefing(GOOD, '  My title ', new Set(), Date.UTC(2024, 11, 8));
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.briefing).toMatchObject({ title: 'My title', source: GOOD.url, date: '2024-12-07', text: GOOD.text, builtIn: false, enabled: true });
    expect(made.briefing.id).toMatch(/^reader-/);
  });

  it('falls back to the article’s title, leaves out an address that is not http(s) and a missing date', () => {
    const made = articleBriefing({ ...GOOD, url: 'file:///tmp/a.html', published: null }, '', new Set());
    expect(made.ok && made.briefing).toMatchObject({ title: articleTitle(GOOD) });
    expect(made.ok && made.briefing).not.toHaveProperty('source');
    expect(made.ok && made.briefing).not.toHaveProperty('date');
  });

  it('refuses text over 1 MB of UTF-8 (under the schema’s character count)', () => {
    const made = articleBriefing({ ...GOOD, text: 'ح'.repeat(600_000) }, 'T', new Set());
    expect(made).toMatchObject({ ok: false, error: { key: 'briefing_text_too_large' } });
  });
});
