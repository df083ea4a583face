// @vitest-environment happy-dom
/** A page's title, site name and publication day from its metadata (page/article-metadata.ts). */
import { describe, expect, it } from 'vitest';
import { articleMetadata, publicationDay } from '../../page/article-metadata';

function page(head: string, body = ''): Document {
  const doc = document.implementation.createHTMLDocument('');
  doc.documentElement.innerHTML = `<head>${head}</head><body>${body}</body>`;
  return doc;
}

const ld = (value: unknown) => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;

describe('articleMetadata', () => {
  it('reads Open Graph and article meta tags', () => {
    const doc = page(
      '<title>Syria — Example News</title>' +
        '<meta property="og:title" content="  Rebels take   Hama ">' +
        '<meta property="og:site_name" content="Example News">' +
        '<meta property="article:published_time" content="2024-12-05T21:30:00-05:00">',
    );
    expect(articleMetadata(doc)).toEqual({ title: 'Rebels take Hama', site: 'Example News', published: '2024-12-05' });
  });

  it('reads JSON-LD: a NewsArticle in @graph, its headline, publisher and datePublished', () => {
    const doc = page(
      '<title>Fallback title</title>' +
        ld({
          '@context': 'https://schema.org',
          '@graph': [
            { '@type': 'WebSite', name: 'Not the article' },
            { '@type': ['NewsArticle'], headline: 'Assad flees to Moscow', datePublished: '2024-12-08T10:00:00Z', publisher: { '@type': 'Organization', name: 'The Daily' } },
          ],
        }),
    );
    expect(articleMetadata(doc)).toEqual({ title: 'Assad flees to Moscow', site: 'The Daily', published: '2024-12-08' });
  });

  it('meta tags come before JSON-LD, and JSON-LD before <time>', () => {
    const doc = page(
      '<meta name="og:title" content="From the meta tag">' +
        ld({ '@type': 'Article', headline: 'From JSON-LD', datePublished: '2024-01-02' }) +
        '<meta property="article:published_time" content="2024-01-01">',
      '<article><time datetime="2024-01-03">3 January</time></article>',
    );
    expect(articleMetadata(doc)).toMatchObject({ title: 'From the meta tag', published: '2024-01-01' });
    const withoutMeta = page(ld({ '@type': 'BlogPosting', datePublished: '2024-01-02' }), '<time datetime="2024-01-03"></time>');
    expect(articleMetadata(withoutMeta).published).toBe('2024-01-02');
  });

  it('falls back to <time datetime> in the article, then to a <time> that only has text', () => {
    const dated = page('<title>T</title>', '<header><time datetime="2023-05-01">old</time></header><article><p>x</p><time datetime="2024-12-07T08:00">Dec 7</time></article>');
    expect(articleMetadata(dated).published).toBe('2024-12-07');
    const textOnly = page('<title>T</title>', '<p>Posted <time>December 9, 2024</time></p>');
    expect(articleMetadata(textOnly).published).toBe('2024-12-09');
  });

  it('says null for what the page does not give, and survives broken JSON-LD', () => {
    const doc = page('<script type="application/ld+json">{ not json</script>' + ld({ '@type': 'Article', datePublished: 'yesterday' }));
    expect(articleMetadata(doc)).toEqual({ title: null, site: null, published: null });
  });

  it('uses the document title when there is no og:title or headline', () => {
    expect(articleMetadata(page('<title> The Fall of the House of Assad </title>')).title).toBe('The Fall of the House of Assad');
  });
});

describe('publicationDay', () => {
  it.each([
    ['2024-12-07', '2024-12-07'],
    ['2024-12-07T23:30:00-05:00', '2024-12-07'],
    ['2024-12-07 08:00', '2024-12-07'],
    ['7 December 2024', '2024-12-07'],
    ['7th Dec. 2024', '2024-12-07'],
    ['December 7, 2024', '2024-12-07'],
    ['Sept 3, 2024', '2024-09-03'],
    ['Updated May 1, 2025 at 10:00', '2025-05-01'],
  ])('%s → %s', (input, day) => {
    expect(publicationDay(input)).toBe(day);
  });

  it.each(['2024-02-30', '2024-13-01', 'yesterday', '7 Decembre 2024', '', '12/07/2024', '0999-01-01'])('%s → null', (input) => {
    expect(publicationDay(input)).toBeNull();
  });
});
