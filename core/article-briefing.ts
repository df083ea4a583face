/**
 * "Use this article as a briefing": what a reader's briefing made from an article read on a page
 * holds. Pure: the popup reads the article (extension/messages.ts extractPageArticle) and saves
 * the briefing (extension/briefing-store.ts) like any other reader's briefing.
 */
import { cleanSource, cleanTitle, isBriefingDate, newBriefingId } from './briefing-file';
import { validateBriefingText } from './briefing-limits';
import type { Message } from './i18n';
import type { Briefing } from './types';

/** An article as read from a page (extension/messages.ts ArticleAnswer, when ok). */
export interface ReadArticle {
  url: string;
  title: string;
  site: string | null;
  published: string | null;
  text: string;
}

/**
 * The title a briefing from this article gets: the article's title and, when the title does not
 * already say it, the site's name ("Syria's war — The Atlantic"); the address's host when the
 * page has no title at all.
 */
export function articleTitle(article: Pick<ReadArticle, 'title' | 'site' | 'url'>): string {
  const title = cleanTitle(article.title);
  const site = cleanTitle(article.site ?? '');
  if (title === '') return cleanTitle(site || hostOf(article.url));
  if (site === '' || title.toLowerCase().includes(site.toLowerCase())) return title;
  return cleanTitle(`${title} — ${site}`);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/**
 * The reader's briefing for `article`, with an id none of `taken` has; or why it cannot be one
 * (no text, over 1 MB, binary-looking: core/briefing-limits.ts).
 */
export function articleBriefing(
  article: ReadArticle,
  title: string,
  taken: ReadonlySet<string>,
  now: number = Date.now(),
): { ok: true; briefing: Briefing } | { ok: false; error: Message } {
  const valid = validateBriefingText(article.text);
  if (!valid.ok) return valid;
  const briefing: Briefing = {
    id: newBriefingId(taken, now),
    title: cleanTitle(title) || articleTitle(article),
    text: article.text,
    builtIn: false,
    enabled: true,
  };
  const source = cleanSource(article.url);
  if (source !== null) briefing.source = source;
  if (isBriefingDate(article.published)) briefing.date = article.published;
  return { ok: true, briefing };
}
