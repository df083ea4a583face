/**
 * Injected by the popup into the top frame of its tab when it opens (extension/messages.ts
 * `checkPageArticle`): does the page look like an article that "Use this article as a briefing"
 * can read? Only Readability's quick readerability check, which reads the page and changes
 * nothing; the full extractor (extract-article.ts) is injected only when the reader asks.
 */
import isProbablyReaderable from '@mozilla/readability/Readability-readerable.js';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';

export default defineUnlistedScript(() => ({ article: isProbablyReaderable(document), url: location.href }));
