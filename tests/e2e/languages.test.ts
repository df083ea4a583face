/**
 * Names know their language, in Chromium (MV3) and Firefox (MV2) (issue 10): an English page never
 * marks the German, Spanish or French names of Europe, a German block in it does; a right-to-left
 * Arabic page marks the new entities' Arabic names and shows their card right to left; and a name
 * of one of the new entities on a corpus page opens a card with its description.
 *
 * Needs `npm run build` first. The card is looked at only through harness/card.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeAllBrowsers, steady, waitUntil, type HarnessPage } from './harness/browsers';
import { readCard } from './harness/card';
import { corpusArticles, displayName, squash } from './harness/corpus';
import { REPO_ROOT } from './harness/paths';
import { startServer, type StaticServer } from './harness/server';
import { describeBrowser, settledState } from './harness/suite';
import { MARK_NAME } from './harness/marks';


let server: StaticServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await closeAllBrowsers();
  await server?.close();
});

/** The catalogue's description of an entity (assets/entities.json), as the card shows it. */
function description(entity: string): string {
  const catalogue = JSON.parse(readFileSync(join(REPO_ROOT, 'assets/entities.json'), 'utf8')) as { entities: Array<{ id: string; description: string }> };
  return catalogue.entities.find((e) => e.id === entity)!.description;
}

// ---------------------------------------------------------------------------------------------
// Page-side probes (serialised into the page's main world)

/** Every marked text, in page order, with the id of the element it is in. */
function markedTexts(markName: string): Array<[where: string, text: string]> {
  const ranges: Range[] = [];
  CSS.highlights.forEach((highlight, name) => {
    if (new RegExp(markName).test(name)) highlight.forEach((range) => ranges.push(range as Range));
  });
  ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  return ranges.map((range) => [range.startContainer.parentElement?.closest('[id]')?.id ?? '', range.toString()]);
}

/** The box of the first marked range whose text is one of `texts`, scrolled into view. */
function markRect({ markName, texts }: { markName: string; texts: string[] }) {
  const ranges: Range[] = [];
  CSS.highlights.forEach((highlight, name) => {
    if (!new RegExp(markName).test(name)) return;
    highlight.forEach((range) => {
      if (texts.includes((range as Range).toString())) ranges.push(range as Range);
    });
  });
  ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  const range = ranges[0];
  if (!range) return null;
  (range.startContainer.parentElement ?? document.body).scrollIntoView({ block: 'center' });
  const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
  return { x: r.left, y: r.top, width: r.width, height: r.height };
}

// ---------------------------------------------------------------------------------------------

/** Rests the pointer on the first mark reading one of `texts` and returns the card that opens. */
async function hoverCard(page: HarnessPage, texts: string[]) {
  const mark = await steady(page, () => page.evaluate(markRect, { markName: MARK_NAME, texts }), `a mark reading ${texts.join(' or ')}`);
  await page.mouseMove(mark.x - 30, mark.y + mark.height / 2, 1);
  await page.mouseMove(mark.x + mark.width / 2, mark.y + mark.height / 2, 5);
  return waitUntil(() => readCard(page), { timeout: 5_000, interval: 50, message: `a card after hovering ${texts.join(' or ')}` });
}

for (const name of ['chromium', 'firefox'] as const) {
  describeBrowser(name, (get, tracked) => {
    it('an English page leaves the other languages’ names of Europe alone; its German block marks them', async () => {
      const browser = get();
      const page = await tracked(browser.openPage(server.url('/fixtures/languages/europe.html')));
      await settledState(browser, page, (s) => s.active && s.total > 0, 'marks to appear');
      const marked = await page.evaluate(markedTexts, MARK_NAME);
      console.info(`[${name}] europe.html marks: ${JSON.stringify(marked)}`);
      expect(marked).toEqual([
        ['', 'Europe'], // the title: the English name
        ['en-moon', 'Assad'],
        ['en-words', 'Syria'],
        ['de', 'Syrer'],
        ['de', 'Europa'],
        ['de', 'Europäische Union'],
        ['de', 'Europäer'],
        ['de', 'Assad'],
      ]);
    });

    it('a right-to-left Arabic page marks the new Arabic names, and their card is laid out right to left', async () => {
      const browser = get();
      const page = await tracked(browser.openPage(server.url('/fixtures/languages/arabic.html')));
      const state = await settledState(browser, page, (s) => s.active && s.total >= 10, 'marks to appear');
      const counts = Object.fromEntries(Object.entries(state.counts).filter(([, n]) => n > 0));
      console.info(`[${name}] arabic.html counts: ${JSON.stringify(counts)}`);
      expect(counts).toEqual({ assad: 1, hts: 1, homs: 1, idlib: 1, erdogan: 1, turkey: 1, hezbollah: 1, lebanon: 1, russia: 1, tartus: 1 });
      expect((await page.evaluate(markedTexts, MARK_NAME)).map(([, text]) => text)).toEqual([
        'الأسد', 'هيئة تحرير الشام', 'حمص', 'إدلب', 'أردوغان', 'تركيا', 'حزب الله', 'لبنان', 'الروسية', 'طرطوس',
      ]);

      const card = await hoverCard(page, ['حمص']);
      console.info(`[${name}] the card of حمص: direction ${card.direction}; ${squash(card.text).slice(0, 200)}`);
      expect(card.direction).toBe('rtl');
      expect(squash(card.text)).toContain(await displayName('homs'));
      expect(squash(card.text)).toContain(squash(description('homs')));
    });

    it('hovering HTS on a corpus page opens its card, with its description', async () => {
      const article = corpusArticles().find((a) => (a.gold.hts ?? 0) > 0);
      expect(article, 'a corpus article that names HTS').toBeDefined();
      const browser = get();
      const page = await tracked(browser.openPage(server.url(article!.path)));
      await settledState(browser, page, (s) => s.active && (s.counts.hts ?? 0) > 0, 'HTS to be marked');
      const card = await hoverCard(page, ['HTS', 'Hayat Tahrir al-Sham', 'Hay’at Tahrir al-Sham', "Hay'at Tahrir al-Sham"]);
      const text = squash(card.text);
      console.info(`[${name}] the card of HTS on ${article!.slug}: ${text.slice(0, 300)}`);
      expect(text).toContain(await displayName('hts'));
      expect(text).toContain(squash(description('hts')));
    });
  });
}
