/**
 * Reads the article on a page for "Use this article as a briefing": Mozilla's Readability (the
 * Firefox Reader View's extractor) runs on a copy of the document, so the page itself is never
 * changed, and the article comes back as plain text, one paragraph per block. DOM, no extension
 * API. Only the script the popup injects on demand imports this (entrypoints/extract-article.ts):
 * Readability stays out of the content script that runs on every page.
 */
import { Readability } from '@mozilla/readability';
import { articleMetadata } from './article-metadata';

/** What the page script answers; checked by the popup (extension/messages.ts ARTICLE_ANSWER). */
export type ArticleAnswer =
  | {
      ok: true;
      url: string;
      title: string;
      site: string | null;
      /** `YYYY-MM-DD`, or null. */
      published: string | null;
      text: string;
      /** Milliseconds the extraction took in the page. */
      ms: number;
    }
  | { ok: false; reason: 'not-article' | 'no-text' };

/** Elements whose end ends a paragraph of the briefing. */
const BLOCK =
  /^(?:ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|BR|DD|DIV|DL|DT|FIGCAPTION|FIGURE|FOOTER|H[1-6]|HEADER|HR|LI|MAIN|OL|P|PRE|SECTION|TABLE|TD|TH|TR|UL)$/;

/** The article in `doc`, read on a deep copy; `doc` is left as it was. */
export function readArticle(doc: Document, now: () => number = () => performance.now()): ArticleAnswer {
  const started = now();
  // Readability rewrites the tree it is given: it only ever sees the copy.
  const copy = doc.cloneNode(true) as Document;
  const metadata = articleMetadata(doc);
  const parsed = new Readability<Element>(copy, { serializer: (node) => node as Element }).parse();
  if (!parsed?.content) return { ok: false, reason: 'not-article' };
  const text = plainText(parsed.content);
  if (text === '') return { ok: false, reason: 'no-text' };
  return {
    ok: true,
    url: doc.location?.href ?? doc.URL,
    title: metadata.title ?? clean(parsed.title ?? '') ?? '',
    site: metadata.site ?? clean(parsed.siteName ?? ''),
    published: metadata.published,
    text,
    ms: now() - started,
  };
}

/** The text of `root` as paragraphs separated by blank lines: block elements end a paragraph. */
export function plainText(root: Node): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const paragraph = clean(current);
    if (paragraph !== null) paragraphs.push(paragraph);
    current = '';
  };
  const visit = (node: Node) => {
    if (node.nodeType === 3) {
      current += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const name = (node as Element).tagName.toUpperCase();
    if (name === 'SCRIPT' || name === 'STYLE' || name === 'NOSCRIPT' || name === 'TEMPLATE') return;
    const block = BLOCK.test(name);
    if (block) flush();
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
    if (block) flush();
  };
  visit(root);
  flush();
  return paragraphs.join('\n\n');
}

function clean(text: string): string | null {
  const out = text.replace(/\s+/g, ' ').trim();
  return out === '' ? null : out;
}
