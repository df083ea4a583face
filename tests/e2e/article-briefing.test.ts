/**
 * "Use this article as a briefing" end to end, in the built extension (issue 12, item 3): the
 * popup for a corpus news page offers it, reads the article on the device (on a copy of the
 * document: the page is unchanged), shows which names it gives sentences to, saves it as a
 * reader's briefing, and a card in another tab then quotes it; on a page that is not an article
 * the popup says why it cannot. Also measured: how long the extraction takes on the six corpus
 * pages, and what it read (title, date, length).
 *
 * Needs `npm run build` first. The card is read only through harness/card.ts.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { steady, waitUntil, type HarnessPage } from './harness/browsers';
import { cardShown, readCard } from './harness/card';
import { corpusArticles, entityOfMentionText, squash } from './harness/corpus';
import { startServer, type StaticServer } from './harness/server';
import { describeBrowser, settledState } from './harness/suite';
import { MARK_NAME } from './harness/marks';

const ARTICLES = corpusArticles();
/** The article made a briefing: the NYT explainer, published 2024-12-07 (its article:published_time). */
const SOURCE = ARTICLES.find((a) => a.slug.startsWith('01-'))!;
const SOURCE_DATE = '2024-12-07';
/** The article read in another tab, and the name hovered there (the source speaks of it too). */
const OTHER = ARTICLES.find((a) => a.slug.startsWith('02-'))!;
const ENTITY = 'hama';

let server: StaticServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

// ---------------------------------------------------------------------------------------------
// Page-side probes (serialised into the page)

/** Viewport rect of the first line of the `nth` marked range whose text is one of `texts`, scrolled into view. */
function markRect({ markName, texts, nth }: { markName: string; texts: string[]; nth: number }) {
  const ranges: Range[] = [];
  CSS.highlights.forEach((highlight, name) => {
    if (!new RegExp(markName).test(name)) return;
    highlight.forEach((r) => {
      if (texts.includes((r as Range).toString())) ranges.push(r as Range);
    });
  });
  ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  const range = ranges[nth];
  if (!range) return null;
  (range.startContainer.parentElement ?? document.body).scrollIntoView({ block: 'center' });
  const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
  return { x: r.left, y: r.top, width: r.width, height: r.height };
}

function markedTexts(markName: string): string[] {
  const out: string[] = [];
  CSS.highlights.forEach((highlight, name) => {
    if (new RegExp(markName).test(name)) highlight.forEach((r) => out.push((r as Range).toString()));
  });
  return out;
}

/** What the popup's article section shows. */
function articleSection() {
  const section = document.querySelector('.sl-popup-article');
  return {
    state: section?.getAttribute('data-state') ?? null,
    why: section?.querySelector('.sl-article-why')?.textContent ?? null,
    reason: section?.querySelector('.sl-article-why')?.getAttribute('data-reason') ?? null,
    offer: section?.querySelector('#sl-article-use') !== null && section !== null,
    names: [...(section?.querySelectorAll('.sl-article-names [data-entity]') ?? [])].map((li) => li.getAttribute('data-entity')),
    title: section?.querySelector<HTMLInputElement>('#sl-article-title')?.value ?? null,
    date: section?.querySelector('time.sl-article-date')?.getAttribute('datetime') ?? null,
    ms: Number(section?.querySelector('[data-extract-ms]')?.getAttribute('data-extract-ms') ?? NaN),
    saveEnabled: section?.querySelector<HTMLButtonElement>('#sl-article-save')?.disabled === false,
    saved: section?.querySelector('.sl-article-saved')?.textContent ?? null,
  };
}

/** A fingerprint of the page as the reader has it: its markup, text and title. */
function pageFingerprint() {
  return { html: document.documentElement.outerHTML, title: document.title, text: document.body.textContent };
}

// ---------------------------------------------------------------------------------------------

interface StoredBriefing {
  id: string;
  title: string;
  text: string;
  source?: string;
  date?: string;
}

/** The sentences of `text` (squashed), roughly as a reader would cut them. */
function sentencesOf(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((paragraph) => paragraph.split(/(?<=[.!?][’”"')]?)\s+(?=[\p{Lu}“"‘'])/u))
    .map(squash)
    .filter((s) => s.length > 30);
}

for (const name of ['chromium', 'firefox'] as const) {
  describeBrowser(name, (get, tracked) => {
    it('the popup makes a corpus article a briefing: preview of names, saved with its date, quoted on a card in another tab; the page is untouched', async () => {
      const browser = get();
      await browser.removeStorage('local', 'briefings');
      try {
        const article = await tracked(browser.openPage(server.url(SOURCE.path)));
        await settledState(browser, article, (s) => s.active && s.total > 0, 'marks on the source article');
        const before = await article.evaluate(pageFingerprint);
        // A tab that is already open when the briefing is saved: its cards must follow without a reload.
        const other = await tracked(browser.openPage(server.url(OTHER.path)));
        await settledState(browser, other, (s) => s.active && (s.counts[ENTITY] ?? 0) > 0, 'marks on the other article');

        const popup = await tracked(browser.openExtensionPage(`popup.html?tab=${article.tabId}`));
        await waitUntil(async () => (await popup.evaluate(articleSection)).offer, { message: 'the popup to offer the article' });
        await popup.clickNth('#sl-article-use');
        const preview = await waitUntil(
          async () => {
            const section = await popup.evaluate(articleSection);
            return section.names.length > 0 && section.saveEnabled ? section : undefined;
          },
          { timeout: 20_000, message: 'the preview of names' },
        );
        // The names it gives sentences to, before saving; the title and date come from the page's metadata.
        expect(preview.names).toEqual(expect.arrayContaining(['homs', ENTITY, 'assad', 'hts']));
        expect(preview.title).toContain('How to Understand Syria’s Rapidly Changing Civil War');
        expect(preview.date).toBe(SOURCE_DATE);
        console.log(`[e2e] ${name}: popup read ${SOURCE.slug} in ${preview.ms} ms; ${preview.names.length} names in the preview`);

        await popup.clickNth('#sl-article-save');
        const stored = await waitUntil(
          async () => {
            const list = (await browser.getStorage('local', 'briefings')).briefings as StoredBriefing[] | undefined;
            return list?.find((b) => b.title === preview.title);
          },
          { message: 'the briefing in storage.local' },
        );
        expect(stored.source).toBe(server.url(SOURCE.path));
        expect(stored.date).toBe(SOURCE_DATE);
        expect(stored.text.length).toBeGreaterThan(3_000);
        // Read from the article, not from the page around it: the navigation links are not in it.
        expect(stored.text).toContain('Rebel groups fighting to depose President Bashar al-Assad');
        expect(stored.text).not.toContain('Newsletters');
        await waitUntil(async () => (await popup.evaluate(articleSection)).saved, { message: 'the popup to say it was saved' });

        // Nothing on the page changed.
        expect(await article.evaluate(pageFingerprint)).toEqual(before);

        // The other tab, open all along: its card quotes the new briefing. The popup closes, as a
        // real one does when the reader goes back to the page.
        await popup.close();
        await article.close();
        await other.bringToFront();
        const texts = [...new Set(await other.evaluate(markedTexts, MARK_NAME))].filter((t) => entityOfMentionText(t) === ENTITY);
        expect(texts.length, `marked texts of ${ENTITY}`).toBeGreaterThan(0);
        const mark = await steady(other, () => other.evaluate(markRect, { markName: MARK_NAME, texts, nth: 0 }), `a ${ENTITY} mark`);
        await other.mouseMove(mark.x - 30, mark.y + mark.height / 2, 1);
        await other.mouseMove(mark.x + mark.width / 2, mark.y + mark.height / 2, 5);
        const fromArticle = sentencesOf(stored.text).filter((s) => /\bHama\b/.test(s));
        expect(fromArticle.length).toBeGreaterThan(0);
        let lastCard = '';
        const card = await waitUntil(
          async () => {
            // No card yet (a busy machine can lose a hover): point away and back, as a reader would.
            if (!(await cardShown(other).catch(() => false))) {
              await other.mouseMove(mark.x - 30, mark.y + mark.height / 2, 1);
              await other.mouseMove(mark.x + mark.width / 2, mark.y + mark.height / 2, 5);
              return undefined;
            }
            const shown = await readCard(other).catch(() => undefined);
            const text = shown ? squash(shown.text) : '';
            lastCard = `shown=${String(await cardShown(other).catch((e) => String(e)))} ${text}`;
            return fromArticle.some((s) => text.includes(s)) ? text : undefined;
          },
          { timeout: 15_000, interval: 700, message: () => `the card to quote a sentence of the article; card: ${lastCard.slice(0, 600)}` },
        );
        expect(card).toContain('Hama');
      } finally {
        await browser.removeStorage('local', 'briefings').catch(() => {});
      }
    });

    it('on a page that is not an article, the popup says why it cannot use it', async () => {
      const browser = get();
      const front = await tracked(browser.openPage(server.url('/fixtures/section-front.html')));
      const popup = await tracked(browser.openExtensionPage(`popup.html?tab=${front.tabId}`));
      const section = await waitUntil(
        async () => {
          const shown = await popup.evaluate(articleSection);
          return shown.state !== 'checking' && shown.state !== null ? shown : undefined;
        },
        { message: 'the popup to finish checking the page' },
      );
      expect(section.state).toBe('not-article');
      expect(section.reason).toBe('not-article');
      expect(section.offer).toBe(false);
      expect(section.why).toMatch(/does not look like an article/);
    });

    it('reads each of the six corpus pages on the device (measured): title, date, text', async () => {
      const browser = get();
      const rows: string[] = [];
      for (const corpusArticle of ARTICLES) {
        const page: HarnessPage = await tracked(browser.openPage(server.url(corpusArticle.path)));
        const before = await page.evaluate(pageFingerprint);
        const answer = await browser.inExtension(async (tabId) => {
          interface Api {
            scripting?: { executeScript(details: { target: { tabId: number; frameIds: number[] }; files: string[] }): Promise<{ result?: unknown }[]> };
            tabs: { executeScript(id: number, details: { file: string; frameId: number }): Promise<unknown[]> };
          }
          const api = ((globalThis as { browser?: Api }).browser ?? (globalThis as { chrome?: Api }).chrome)!;
          // MV3 (Chromium): scripting; Firefox's MV2: tabs.executeScript, as the popup does.
          if (api.scripting) {
            const [injection] = await api.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['/extract-article.js'] });
            return injection?.result;
          }
          const tabs = api.tabs;
          return (await tabs.executeScript(tabId, { file: '/extract-article.js', frameId: 0 }))[0];
        }, page.tabId);
        const read = answer as { ok: boolean; title: string; site: string | null; published: string | null; text: string; ms: number };
        expect(read.ok, corpusArticle.slug).toBe(true);
        expect(read.title.length).toBeGreaterThan(10);
        expect(read.text.length).toBeGreaterThan(2_000);
        expect(await page.evaluate(pageFingerprint)).toEqual(before);
        rows.push(
          `${corpusArticle.slug}: ${read.ms.toFixed(1)} ms, title "${read.title}", site ${read.site ?? '—'}, date ${read.published ?? '—'}, ` +
            `${read.text.length} characters, ${read.text.split('\n\n').length} paragraphs`,
        );
        await page.close();
      }
      console.log(`[e2e] ${name}: extraction on the six corpus pages\n  ${rows.join('\n  ')}`);
    });
  });
}
