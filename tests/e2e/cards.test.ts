/**
 * Cards a reader would rather look at (issues 10 and 12), in Chromium (MV3) and Firefox (MV2), in
 * light and dark, on a real corpus article (04-…, which names Homs, Turkey, HTS and Erdoğan):
 *   - a place card (Homs) and a country card (Turkey) show their locator map: an image whose text
 *     alternative says where it is, in the card's own light or dark colours;
 *   - the HTS card shows its description, the date its facts hold for, and what the bundled
 *     briefing says, grounded: it does not name HTS, so the card says so and quotes it about the
 *     rebels, labelled;
 *   - axe finds no violation on a live card with a map (welcome.html, whose Lens is the page's own,
 *     so its shadow root can be opened for axe: see accessibility.test.ts), in both themes;
 *   - Chromium, light: screenshots of a place card and a country card for the README
 *     (docs/screenshots/card-place.png, card-country.png).
 * The card is read only through harness/card.ts (its text, its images' text alternatives).
 *
 * Dark: emulated prefers-color-scheme in Chromium; in Firefox a second browser started with
 * `layout.css.prefers-color-scheme.content-override = 0` (as accessibility.test.ts does).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page as PwPage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardAnimationsDone, cardBox, cardShown, inCard, loadIntoCard, readCard } from './harness/card';
import { closeAllBrowsers, steady, waitUntil, type ExtensionBrowser, type HarnessPage, type ShadowContent } from './harness/browsers';
import { briefingSentencesAbout, corpusArticles, squash } from './harness/corpus';
import { REPO_ROOT, type BrowserName } from './harness/paths';
import { keepRawLaunches, rawChromiumPage, rawPage } from './harness/raw';
import { startServer, type StaticServer } from './harness/server';
import { privateBuilds, retrying } from './harness/snapshot';
import { MARK_NAME } from './harness/marks';

const ARTICLE = corpusArticles().find((a) => a.slug.startsWith('04-'))!;
const AXE_SOURCE = readFileSync(join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const SHOTS = join(REPO_ROOT, 'docs/screenshots');
const CATALOGUE = JSON.parse(readFileSync(join(REPO_ROOT, 'assets/entities.json'), 'utf8')) as {
  factsDate: string;
  entities: { id: string; name: string; description: string }[];
};
const described = (id: string) => CATALOGUE.entities.find((e) => e.id === id)!;

/** The card's light and dark backgrounds (components/palette.ts), as computed colours. */
const BACKGROUND: Record<Theme, string> = { light: 'rgb(255, 255, 255)', dark: 'rgb(27, 31, 36)' };
/** "31 December 2024" or "December 31, 2024": the facts date written out in the browser's English. */
const FACTS_DATE = /As of (?:31 December 2024|December 31, 2024)/;

type Theme = 'light' | 'dark';

const raw = keepRawLaunches();
const { ready, launchSnapshot } = privateBuilds();

let server: StaticServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await closeAllBrowsers();
  await server?.close();
});

/** The first marked mention whose text is `text` (in a paragraph when there is one), scrolled into view. */
function markRect({ markName, text }: { markName: string; text: string }) {
  const ranges: Range[] = [];
  CSS.highlights.forEach((highlight, name) => {
    if (!new RegExp(markName).test(name)) return;
    highlight.forEach((r) => {
      if ((r as Range).toString() === text) ranges.push(r as Range);
    });
  });
  const found = ranges.find((r) => r.startContainer.parentElement?.closest('p')) ?? ranges[0];
  if (!found) return null;
  (found.startContainer.parentElement ?? document.body).scrollIntoView({ block: 'center' });
  const r = found.getClientRects()[0] ?? found.getBoundingClientRect();
  return { x: r.left, y: r.top, width: r.width, height: r.height };
}

/** Hover the mark on `text` (closing any open card first) until the card for `name` shows; its content. */
async function hoverCard(page: HarnessPage, text: string, name: string): Promise<{ card: ShadowContent; mark: { x: number; y: number; width: number; height: number } }> {
  await page.mouseMove(2, 2, 1);
  await waitUntil(async () => !(await cardShown(page)), { timeout: 5_000, message: 'no card open' });
  await waitUntil(() => page.evaluate(markRect, { markName: MARK_NAME, text }), { timeout: 15_000, message: `a mark on "${text}"` });
  const mark = await steady(page, () => page.evaluate(markRect, { markName: MARK_NAME, text }), `the mark on "${text}", scrolled into view`);
  await page.mouseMove(mark.x - 20, mark.y + mark.height / 2, 1);
  await page.mouseMove(mark.x + mark.width / 2, mark.y + mark.height / 2, 4);
  await waitUntil(() => cardShown(page), { timeout: 8_000, message: `a card to open on hovering "${text}"` });
  let read: unknown;
  await waitUntil(
    async () => {
      read = await readCard(page).catch((error: unknown) => String(error));
      return typeof read === 'object' && read !== null && (read as ShadowContent).text.includes(name);
    },
    { timeout: 8_000, message: () => `the card of ${name} (the card reads: ${JSON.stringify(read)?.slice(0, 300)})` },
  );
  // Rendered and positioned (Floating UI): its box holds still.
  await steady(page, () => cardBox(page), 'the card');
  return { card: (await readCard(page))!, mark };
}

async function applyTheme(page: HarnessPage, theme: Theme): Promise<void> {
  if (page.browserName === 'chromium') await ((await rawPage(raw, page)) as PwPage).emulateMedia({ colorScheme: theme });
  expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), `prefers-color-scheme is ${theme}`).toBe(theme === 'dark');
}

/** The card's text as a reader sees it: lines trimmed, empty ones dropped. */
const lines = (card: ShadowContent) =>
  card.text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');

const launched = new Map<string, ExtensionBrowser>();

function suite(name: BrowserName, theme: Theme) {
  const pre = ready(name);
  if (!pre.run) {
    it.skipIf(pre.skip)(`${name} prerequisites`, () => {
      throw new Error(pre.reason);
    });
    return;
  }
  let browser: ExtensionBrowser;
  let article: HarnessPage;
  beforeAll(async () => {
    // One Chromium for both themes (emulated per page); Firefox dark needs its own profile.
    const key = name === 'chromium' ? name : `${name}-${theme}`;
    let cached = launched.get(key);
    if (!cached) {
      for (const [other, b] of launched) {
        if (other.startsWith(name)) {
          await b.close().catch(() => {});
          launched.delete(other);
        }
      }
      if (name === 'firefox' && theme === 'dark') raw.nextFirefoxPrefs = { 'layout.css.prefers-color-scheme.content-override': 0 };
      cached = await launchSnapshot(name);
      launched.set(key, cached);
    }
    browser = cached;
    article = await retrying(() => browser.openPage(server.url(ARTICLE.path)));
    await applyTheme(article, theme);
  });
  afterAll(async () => {
    await article?.close().catch(() => {});
  });

  it('a place card (Homs) shows its map: an image that says where Homs is', async () => {
    const { card, mark } = await hoverCard(article, 'Homs', 'Homs');
    console.log(`[cards] Homs / ${theme} / ${name}:\n${lines(card)}\n[images] ${JSON.stringify(card.images)}`);
    expect(card.images).toHaveLength(1);
    expect(card.images[0]).toMatch(/^Homs, in western Syria, \d+ km north of Damascus$/);
    expect(card.background).toBe(BACKGROUND[theme]);
    expect(squash(card.text)).toContain(described('homs').description);
    expect(card.text).toMatch(FACTS_DATE);
    expect(squash(card.text)).toContain('The briefing does not name Homs. About “Syria”, it says:');
    if (name === 'chromium' && theme === 'light') await screenshot(article, mark, 'card-place.png');
  });

  it('a country card (Turkey) shows its map: an image that says where Turkey is', async () => {
    const { card, mark } = await hoverCard(article, 'Turkey', 'Turkey');
    console.log(`[cards] Turkey / ${theme} / ${name}:\n${lines(card)}\n[images] ${JSON.stringify(card.images)}`);
    expect(card.images).toEqual(["Turkey, Syria's neighbour to the north"]);
    expect(card.background).toBe(BACKGROUND[theme]);
    if (name === 'chromium' && theme === 'light') await screenshot(article, mark, 'card-country.png');
  });

  it('the HTS card: description, the date its facts hold for, and grounded briefing text', async () => {
    const { card } = await hoverCard(article, 'HTS', 'Hayat Tahrir al-Sham');
    console.log(`[cards] HTS / ${theme} / ${name}:\n${lines(card)}`);
    const text = squash(card.text);
    expect(text).toContain(described('hts').description);
    expect(card.text).toMatch(FACTS_DATE);
    // The bundled briefing never names HTS: the card says so, then quotes it about the rebels.
    expect(text).toContain('The briefing does not name Hayat Tahrir al-Sham. About “Rebels”, it says:');
    const rebels = briefingSentencesAbout('rebels');
    expect(rebels.some((sentence) => text.includes(sentence)), 'a briefing sentence about the rebels').toBe(true);
    // Each quote shows its briefing's short title and date.
    expect(text).toMatch(/Source: Iran withdraws from Syria as rebels advance · (?:7 December 2024|December 7, 2024)/);
    expect(card.images).toEqual([]);
  });

  it('the Erdoğan card (logged for the issue)', async () => {
    const { card } = await hoverCard(article, 'Erdogan', 'Recep Tayyip Erdoğan');
    console.log(`[cards] Erdoğan / ${theme} / ${name}:\n${lines(card)}`);
    expect(squash(card.text)).toContain(described('erdogan').description);
    expect(card.text).toMatch(FACTS_DATE);
  });

  it('axe: no violation on welcome.html with a live place card and a country card, maps included', async () => {
    const welcome = await retrying(() => browser.openExtensionPage('welcome.html'));
    await applyTheme(welcome, theme);
    await ((await rawPage(raw, welcome)) as PwPage).evaluate(AXE_SOURCE);
    for (const [text, image] of [
      ['Aleppo', /^Aleppo, in northern Syria, \d+ km north of Damascus$/],
      ['Russia', /^Russia, /],
    ] as const) {
      const { card } = await hoverCard(welcome, text, text);
      expect(card.images, `${text}: one map`).toHaveLength(1);
      expect(card.images[0]).toMatch(image);
      // axe in the card's own document (the card frame), and on the welcome page around it.
      expect(await loadIntoCard(welcome, AXE_SOURCE), 'axe in the card frame').toBe(true);
      const axeHere = async () => {
        const axe = (window as unknown as { axe: { run(c: unknown, o: object): Promise<any> } }).axe;
        const result = await axe.run(document, { resultTypes: ['violations'] });
        const images = await axe.run(document, { runOnly: ['svg-img-alt', 'role-img-alt'] });
        return {
          violations: result.violations.map((v: any) => `${v.id}: ${v.help} ${v.nodes.map((n: any) => JSON.stringify(n.target)).join(' ')}`) as string[],
          // axe really looked at the map: it passed the image's text-alternative rule on it.
          mapsChecked: images.passes.flatMap((p: any) => p.nodes).length as number,
        };
      };
      const summary = (await inCard(welcome, axeHere))!;
      const page = await welcome.evaluate(axeHere);
      console.log(`[axe] welcome + ${text} card / ${theme} / ${name}: ${summary.violations.length} violations in the card, ${page.violations.length} on the page, ${summary.mapsChecked} image(s) with a text alternative checked`);
      expect(summary.mapsChecked, 'axe examined the map').toBeGreaterThanOrEqual(1);
      expect(summary.violations).toEqual([]);
      expect(page.violations).toEqual([]);
    }
    await welcome.close();
  });
}

/** Chromium, light: the mark and its card, clipped with a margin (README screenshots). */
async function screenshot(page: HarnessPage, mark: { x: number; y: number; width: number; height: number }, file: string): Promise<void> {
  const box = (await cardBox(page))!;
  await waitUntil(() => cardAnimationsDone(page), { timeout: 3_000, message: "the card's entrance to end" });
  const pad = 24;
  const left = Math.max(0, Math.min(mark.x, box.x) - pad);
  const top = Math.max(0, Math.min(mark.y, box.y) - pad);
  const right = Math.min(box.vw, Math.max(mark.x + mark.width, box.x + box.width) + pad);
  const bottom = Math.min(box.vh, Math.max(mark.y + mark.height, box.y + box.height) + pad);
  const { mkdirSync, statSync } = await import('node:fs');
  mkdirSync(SHOTS, { recursive: true });
  await (await rawChromiumPage(raw, page)).screenshot({ path: join(SHOTS, file), clip: { x: left, y: top, width: right - left, height: bottom - top } });
  const size = statSync(join(SHOTS, file)).size;
  console.log(`[screenshots] ${file}: ${(size / 1024).toFixed(1)} KB`);
  expect(size).toBeGreaterThan(5 * 1024);
}

for (const name of ['chromium', 'firefox'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    describe(`${name} ${theme}`, () => suite(name, theme));
  }
}
