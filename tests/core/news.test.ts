import { describe, expect, it } from 'vitest';
import { looksLikeNews, type NewsSignals } from '../../core/news';

const noSignals = (hostname: string): NewsSignals => ({ jsonLdTypes: [], hostname });

describe('looksLikeNews', () => {
  it('og:type article counts', () => {
    expect(looksLikeNews({ ogType: 'article', jsonLdTypes: [], hostname: 'blog.example' })).toBe(true);
    expect(looksLikeNews({ ogType: ' Article ', jsonLdTypes: [], hostname: 'blog.example' })).toBe(true);
    expect(looksLikeNews({ ogType: 'website', jsonLdTypes: [], hostname: 'blog.example' })).toBe(false);
    expect(looksLikeNews({ ogType: null, jsonLdTypes: [], hostname: 'blog.example' })).toBe(false);
  });

  it.each([
    'NewsArticle',
    'Article',
    'ReportageNewsArticle',
    'AnalysisNewsArticle',
    'OpinionNewsArticle',
    'BackgroundNewsArticle',
    'BlogPosting',
    'LiveBlogPosting',
    'https://schema.org/NewsArticle',
    'http://schema.org/Article',
    'schema:NewsArticle',
    'newsarticle',
  ])('schema.org type %s counts', (type) => {
    expect(looksLikeNews({ jsonLdTypes: ['WebPage', type], hostname: 'blog.example' })).toBe(true);
  });

  it('other schema.org types do not', () => {
    expect(looksLikeNews({ jsonLdTypes: ['WebPage', 'Organization', 'BreadcrumbList'], hostname: 'x.example' })).toBe(
      false,
    );
    expect(looksLikeNews({ jsonLdTypes: ['Product', 'TechArticleish'], hostname: 'x.example' })).toBe(false);
  });

  it.each([
    'nytimes.com',
    'www.nytimes.com',
    'theatlantic.com',
    'www.bbc.co.uk',
    'www.bbc.com',
    'reuters.com',
    'apnews.com',
    'www.aljazeera.com',
    'www.aljazeera.net',
    'amp.theguardian.com',
    'www.washingtonpost.com',
    'www.ft.com',
    'www.economist.com',
    'www.lemonde.fr',
    'www.spiegel.de',
    'elpais.com',
    'www.france24.com',
    'www.dw.com',
    'edition.cnn.com',
    'www.npr.org',
    'WWW.REUTERS.COM.',
  ])('a news outlet %s counts without signals', (host) => {
    expect(looksLikeNews(noSignals(host))).toBe(true);
  });

  it('look-alike hosts do not count', () => {
    expect(looksLikeNews(noSignals('notnytimes.com'))).toBe(false);
    expect(looksLikeNews(noSignals('nytimes.com.evil.org'))).toBe(false);
    expect(looksLikeNews(noSignals('sky.com'))).toBe(false);
  });
});

describe('jsonLdTypes (parsed in the background from what the page read)', () => {
  it('collects every @type, in graphs and lists, and skips broken JSON-LD', async () => {
    const { jsonLdTypes, newsSignals } = await import('../../core/news');
    const scripts = [
      '{"@context":"https://schema.org","@type":"NewsArticle"}',
      '{"@graph":[{"@type":["WebPage","ReportageNewsArticle"]},{"@type":"Person"}]}',
      '{ broken',
      '[{"@type":"BreadcrumbList"}]',
    ];
    expect(jsonLdTypes(scripts)).toEqual(['NewsArticle', 'WebPage', 'ReportageNewsArticle', 'Person', 'BreadcrumbList']);
    expect(newsSignals({ ogType: null, jsonLd: scripts.slice(0, 1), hostname: 'a.example' })).toEqual({ ogType: null, jsonLdTypes: ['NewsArticle'], hostname: 'a.example' });
  });
});
