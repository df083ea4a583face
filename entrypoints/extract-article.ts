/**
 * Injected by the popup into the top frame of its tab when the reader chooses "Use this article
 * as a briefing" (extension/messages.ts `extractPageArticle`): reads the article on a copy of the
 * document (page/article.ts) and answers with its text and metadata as the script's result. The
 * text goes only to the popup; the page is not changed. Not part of the content script: this
 * brings Readability, which no page should carry unless the reader asked for it.
 */
import { isProbablyReaderable } from '@mozilla/readability';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { readArticle, type ArticleAnswer } from '../page/article';

export default defineUnlistedScript((): ArticleAnswer => {
  // Checked again: the page may have changed since the popup asked.
  if (!isProbablyReaderable(document)) return { ok: false, reason: 'not-article' };
  return readArticle(document);
});
