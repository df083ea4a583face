/**
 * Readers' briefings end to end, in the built extension: add a briefing on briefings.html (paste,
 * title, compile on the device, save), then hover a mark on a corpus article and find the new
 * sentence on the card, labelled with the briefing's title; the viewer marks the sentence. In
 * Chromium also: how long a 1 MB briefing takes to compile in the page, and its longest task.
 *
 * Needs `npm run build` first. The page's labels may still be message keys until the briefings
 * messages are merged into public/_locales, so everything here is found by id or class.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeAllBrowsers, framesRendered, steady, waitUntil, type HarnessPage } from './harness/browsers';
import { readCard } from './harness/card';
import { BRIEFING_TEXT, corpusArticles, entityOfMentionText, squash } from './harness/corpus';
import { startServer, type StaticServer } from './harness/server';
import { describeBrowser, settledState } from './harness/suite';
import { MARK_NAME } from './harness/marks';

const SENTENCE = 'Hama fell to the rebels on 5 December after a week of fighting, witnesses said.';
const TITLE = 'E2E Hama witness briefing';
const ARTICLE = corpusArticles().find((a) => (a.gold.hama ?? 0) > 0 && a.slug.startsWith('02-')) ?? corpusArticles().find((a) => (a.gold.hama ?? 0) > 0)!;

let server: StaticServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await closeAllBrowsers();
  await server?.close();
});

// ---------------------------------------------------------------------------------------------
// Page-side probes (serialised into the page)

/** Sets a Preact-controlled field's value as typing would. */
function fill({ selector, value }: { selector: string; value: string }) {
  const field = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector);
  if (!field) throw new Error(`no ${selector}`);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Viewport rect of the first line of the `nth` marked range whose text is one of `texts`, scrolled into view. */
function markRect({ pattern, texts, nth }: { pattern: string; texts: string[]; nth: number }) {
  const ranges: Range[] = [];
  CSS.highlights.forEach((highlight, name) => {
    if (!new RegExp(pattern).test(name)) return;
    highlight.forEach((r) => {
      if (texts.includes((r as Range).toString())) ranges.push(r as Range);
    });
  });
  ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  const range = ranges[nth];
  if (!range) return null;
  (range.startContainer.parentElement ?? document.body).scrollIntoView({ block: 'center' });
  const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
  return { x: r.left, y: r.top, width: r.width, height: r.height, text: range.toString() };
}

function markedTexts(pattern: string): string[] {
  const out: string[] = [];
  CSS.highlights.forEach((highlight, name) => {
    if (new RegExp(pattern).test(name)) highlight.forEach((r) => out.push((r as Range).toString()));
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Test-side helpers

async function addBriefing(page: HarnessPage, title: string, text: string): Promise<void> {
  await waitUntil(() => page.evaluate(() => document.querySelector('#sl-add-title') !== null), { message: 'the add form' });
  await page.evaluate(fill, { selector: '#sl-add-title', value: title });
  await page.evaluate(fill, { selector: '#sl-add-text', value: text });
  await page.clickNth('form.sl-briefings-add button[type="submit"]');
  await waitUntil(() => page.evaluate(() => document.querySelector('.sl-briefings-preview') !== null), {
    timeout: 30_000,
    message: 'the preview after compiling',
  });
}

// ---------------------------------------------------------------------------------------------

for (const name of ['chromium', 'firefox'] as const) {
  describeBrowser(name, (get) => {
    it('a briefing added on briefings.html is quoted on the card, under its title, and the viewer marks the sentence', async () => {
      const browser = get();
      await browser.removeStorage('local', 'briefings');
      const pages: HarnessPage[] = [];
      try {
        const manage = await browser.openExtensionPage('briefings.html');
        pages.push(manage);
        await addBriefing(manage, TITLE, `${SENTENCE}\n\nThe city had been held by the government since 2011.`);
        // The preview names Hama, with the sentence first.
        const hama = await manage.evaluate(() => document.querySelector('[data-entity="hama"] blockquote')?.textContent ?? null);
        expect(hama).toBe(SENTENCE);
        await manage.clickNth('.sl-briefings-preview button');
        const stored = await waitUntil(
          async () => {
            const list = (await browser.getStorage('local', 'briefings')).briefings as { id: string; title: string; text: string }[] | undefined;
            return list?.find((b) => b.title === TITLE);
          },
          { message: 'the briefing in storage.local' },
        );
        expect(stored.text.startsWith(SENTENCE)).toBe(true);
        // The list shows it.
        await waitUntil(() => manage.evaluate((t) => [...document.querySelectorAll('.sl-briefings-name')].some((h) => h.textContent === t), TITLE), {
          message: 'the new briefing in the list',
        });

        // A corpus article that mentions Hama: hover a Hama mark.
        const article = await browser.openPage(server.url(ARTICLE.path));
        pages.push(article);
        await settledState(browser, article, (s) => s.active && s.total > 0, 'marks on the article');
        const texts = [...new Set(await article.evaluate(markedTexts, MARK_NAME))].filter((t) => entityOfMentionText(t) === 'hama');
        expect(texts.length, 'marked texts of Hama').toBeGreaterThan(0);
        const mark = await steady(article, () => article.evaluate(markRect, { pattern: MARK_NAME, texts, nth: 0 }), 'a Hama mark');
        await article.mouseMove(mark.x - 30, mark.y + mark.height / 2, 1);
        await article.mouseMove(mark.x + mark.width / 2, mark.y + mark.height / 2, 5);
        const card = await waitUntil(
          async () => {
            const shadow = await readCard(article).catch(() => undefined);
            return shadow && squash(shadow.text).includes(SENTENCE) ? shadow : undefined;
          },
          { timeout: 5_000, interval: 100, message: 'the card to quote the new sentence' },
        );
        const text = squash(card.text);
        // Labelled with the new briefing's title, after it (the built-in briefing comes first).
        expect(text).toContain(TITLE);
        expect(text.indexOf(TITLE)).toBeLessThan(text.indexOf(SENTENCE));

        // The viewer marks the sentence.
        const viewer = await browser.openExtensionPage(`briefing.html?${new URLSearchParams({ id: stored.id, sentence: SENTENCE })}`);
        pages.push(viewer);
        const viewed = await waitUntil(
          () => viewer.evaluate(() => {
            const marks = [...document.querySelectorAll('mark')].map((m) => m.textContent);
            return marks.length > 0 ? { marks, title: document.querySelector('h1')?.textContent } : null;
          }),
          { message: 'the viewer to mark the sentence' },
        );
        expect(viewed).toEqual({ marks: [SENTENCE], title: TITLE });
      } finally {
        for (const page of pages) await page.close().catch(() => {});
        await browser.removeStorage('local', 'briefings').catch(() => {});
      }
    });

    if (name === 'chromium') {
      it('compiles a 1 MB briefing in the page without long freezes (measured)', async () => {
        const browser = get();
        const page = await browser.openExtensionPage('briefings.html');
        try {
          await waitUntil(() => page.evaluate(() => document.querySelector('#sl-add-text') !== null), { message: 'the add form' });
          // About 1 MB of real briefing text (the bundled one, repeated).
          let big = '';
          while (Buffer.byteLength(big) + Buffer.byteLength(BRIEFING_TEXT) + 2 < 1_000_000) big += `${BRIEFING_TEXT}\n\n`;
          const bytes = Buffer.byteLength(big);
          await page.evaluate(fill, { selector: '#sl-add-title', value: '1 MB' });
          const hint = () => page.evaluate(() => document.getElementById('sl-add-text-hint')?.textContent ?? '');
          const empty = await hint();
          await page.evaluate(fill, { selector: '#sl-add-text', value: big });
          // The page has taken the text in: its size hint counts it ("0 bytes of 1 MB." before).
          await waitUntil(async () => (await hint()) !== empty, { message: 'the size hint to count the pasted megabyte' });
          await framesRendered(page);
          const result = await page.evaluate(
            () =>
              new Promise<{ ms: number; longest: number; longTasks: number; compileMs: number; entities: number }>((resolve, reject) => {
                const tasks: number[] = [];
                const observer = new PerformanceObserver((list) => {
                  for (const entry of list.getEntries()) tasks.push(entry.duration);
                });
                observer.observe({ type: 'longtask', buffered: false });
                const started = performance.now();
                const timer = setTimeout(() => reject(new Error('no preview after 60 s')), 60_000);
                // Watched with a MutationObserver, not polled per frame: a requestAnimationFrame
                // loop makes the page render a frame at every pause of the compile, which
                // doubled the time measured.
                const watcher = new MutationObserver(() => {
                  const preview = document.querySelector('.sl-briefings-preview');
                  if (!preview) return;
                  watcher.disconnect();
                  const ms = performance.now() - started;
                  clearTimeout(timer);
                  // Let the last long task be reported.
                  setTimeout(() => {
                    observer.disconnect();
                    resolve({
                      ms,
                      longest: Math.max(0, ...tasks),
                      longTasks: tasks.length,
                      compileMs: Number(preview.querySelector('[data-compile-ms]')?.getAttribute('data-compile-ms')),
                      entities: preview.querySelectorAll('[data-entity]').length,
                    });
                  }, 100);
                });
                watcher.observe(document.body, { childList: true, subtree: true });
                document.querySelector<HTMLButtonElement>('form.sl-briefings-add button[type="submit"]')!.click();
              }),
          );
          console.log(
            `[e2e] 1 MB briefing (${bytes} bytes) in Chromium: Compile → preview ${result.ms.toFixed(0)} ms ` +
              `(compiler ${result.compileMs} ms), ${result.longTasks} long tasks, longest ${result.longest.toFixed(0)} ms, ` +
              `${result.entities} entities previewed`,
          );
          expect(result.entities).toBeGreaterThan(5);
          expect(result.ms).toBeLessThan(30_000);
          // Sliced by the clock (8 ms), validated with native passes: no task should come near
          // a freeze (measured: none of 50 ms or more; 78 and 105 ms before the slicing was fixed).
          expect(result.longest).toBeLessThan(200);
        } finally {
          await page.close().catch(() => {});
        }
      });
    }
  });
}
