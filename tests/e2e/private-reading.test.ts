/**
 * Issue 9: a web page can neither read, drive nor detect Syria Lens. Each test plays the hostile
 * page: its own script (tests/fixtures/private/probe.js, served from 127.0.0.1 like any page's)
 * does what a page can do, and the test reads what that script found.
 *
 * - reading: `CSS.highlights.forEach` lists the marks; the reader's own names (an entity they
 *   added, an alias they gave) are not among them, yet still open a card for the real pointer;
 *   no highlight name names the product;
 * - driving: synthetic pointer events and clicks over a mark open no card;
 * - detecting while off: elements and highlights the page plants under the product's old names
 *   are neither restyled nor removed, and no performance entry names or comes from the extension;
 * - frames: a cross-origin frame (an advert that says it is news) is left alone unless a site
 *   rule switches its own site on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../core/settings';
import { holdsFor, steady, waitUntil, type ExtensionBrowser, type HarnessPage } from './harness/browsers';
import { cardShown } from './harness/card';
import { MARK_NAME } from './harness/marks';
import { CHROME_EXTENSION_DIR, FIREFOX_EXTENSION_DIR, type BrowserName } from './harness/paths';
import { startServer, type StaticServer } from './harness/server';
import { describeBrowser, pageState } from './harness/suite';

let server: StaticServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

/** The reader's own names: an entity they added, and an alias of a built-in one. */
function readerSettings(overrides: Partial<Settings> = {}): Settings {
  return {
    ...defaultSettings(),
    scope: 'all',
    entityChanges: {
      added: [{ id: 'abu-xyzzy', name: 'Abu Xyzzy', kind: 'person', description: 'A commander.', aliases: [{ text: 'Abu Xyzzy' }] }],
      extraAliases: { assad: ['The Lion'] },
      hidden: [],
    },
    ...overrides,
  };
}

async function useSettings(browser: ExtensionBrowser, settings: Settings): Promise<void> {
  await browser.setStorage('local', { settings, settingsArea: 'local' });
}

interface Seen {
  name: string;
  priority: number;
  texts: string[];
}

interface Probe {
  highlights(): Seen[];
  whereIs(text: string): { x: number; y: number } | null;
  fakeHover(text: string, ms: number): Promise<boolean>;
  plant(): void;
  planted(): { mark: boolean; card: boolean; markDecoration: string | null; markBackground: string | null; highlights: string[] };
  extensionEntries(): string[];
}
type WithProbe = typeof globalThis & { probe: Probe; frameReports: { frame: string; highlights: Seen[] }[]; askFrame(): void };

const highlights = (page: HarnessPage) => page.evaluate(() => (globalThis as WithProbe).probe.highlights());
const markedTexts = async (page: HarnessPage) => (await highlights(page)).flatMap((h) => h.texts);

for (const name of ['chromium', 'firefox'] as BrowserName[]) {
  describeBrowser(
    name,
    (get, tracked) => {
      it('the page reads built-in marks under neutral names, and never the reader\'s own names, which still open cards', { timeout: 60_000 }, async () => {
        await useSettings(get(), readerSettings());
        const page = await tracked(get().openPage(server.url('/fixtures/private/reader.html')));
        await waitUntil(async () => {
          const texts = await markedTexts(page);
          return ['Damascus', 'Aleppo', 'Hama'].every((t) => texts.includes(t));
        }, {
          timeout: 15_000,
          message: 'built-in marks the page can read',
        });
        const state = await pageState(get(), page);
        // The content script found the private names too: they are in its own index.
        expect(state.counts['abu-xyzzy'], 'Abu Xyzzy found').toBe(1);
        expect(state.counts.assad, 'The Lion found').toBe(1);

        const seen = await highlights(page);
        console.log(`[private-reading] ${name}: the page sees ${JSON.stringify(seen)}`);
        const texts = seen.flatMap((h) => h.texts);
        expect(texts).not.toContain('Abu Xyzzy');
        expect(texts).not.toContain('The Lion');
        for (const h of seen) {
          expect(h.name).toMatch(new RegExp(MARK_NAME));
          expect(h.name).not.toMatch(/syria|lens/i);
        }

        // The reader's real pointer still opens a card on a private name.
        const at = await steady(page, () => page.evaluate((t) => (globalThis as WithProbe).probe.whereIs(t), 'Abu Xyzzy'), 'Abu Xyzzy on screen');
        await page.bringToFront();
        await page.mouseMove(at.x - 40, at.y, 1);
        await page.mouseMove(at.x, at.y, 4);
        await waitUntil(() => cardShown(page), { timeout: 8_000, message: 'a card for the private name' });
        // Opening it registered nothing new with its text either.
        expect((await markedTexts(page)).filter((t) => t === 'Abu Xyzzy' || t === 'The Lion')).toEqual([]);
      });

      it('with mark style "none" the registry holds nothing at all', { timeout: 60_000 }, async () => {
        await useSettings(get(), readerSettings({ markStyle: 'none' }));
        const page = await tracked(get().openPage(server.url('/fixtures/private/reader.html')));
        await waitUntil(async () => ((await pageState(get(), page)).counts.damascus ?? 0) > 0, { timeout: 15_000, message: 'the page scanned' });
        await holdsFor(async () => (await highlights(page)).length === 0, 1_000, 'an empty highlight registry');
      });

      it('synthetic pointer events and clicks over a mark open no card; the real pointer does', { timeout: 60_000 }, async () => {
        await useSettings(get(), readerSettings());
        const page = await tracked(get().openPage(server.url('/fixtures/private/reader.html')));
        await waitUntil(async () => (await markedTexts(page)).includes('Damascus'), { timeout: 15_000, message: 'marks' });
        await page.evaluate(() => (globalThis as WithProbe).probe.whereIs('Damascus')?.y);
        // 2.5 s of faked moves (the hover delay is 0.5 s), then a click.
        await page.evaluate(() => (globalThis as WithProbe).probe.fakeHover('Damascus', 2_500));
        await holdsFor(async () => !(await cardShown(page)), 1_000, 'no card after synthetic input');
        // The control: the reader's real pointer does open it.
        const at = await steady(page, () => page.evaluate(() => (globalThis as WithProbe).probe.whereIs('Damascus')), 'Damascus on screen');
        await page.bringToFront();
        await page.mouseMove(at.x - 40, at.y, 1);
        await page.mouseMove(at.x, at.y, 4);
        await waitUntil(() => cardShown(page), { timeout: 8_000, message: 'the card for the real pointer' });
      });

      it('while off, planted elements and highlights stay as the page made them, and no performance entry shows the extension', { timeout: 60_000 }, async () => {
        for (const settings of [readerSettings({ enabled: false }), readerSettings({ siteRules: [{ pattern: '127.0.0.1', mode: 'off' }] })]) {
          await useSettings(get(), settings);
          const page = await tracked(get().openPage(server.url('/fixtures/private/reader.html')));
          await page.evaluate(() => (globalThis as WithProbe).probe.plant());
          const reason = settings.enabled ? 'site-off' : 'disabled';
          // The content script has run and decided: off.
          await waitUntil(async () => (await pageState(get(), page)).reason === reason, { timeout: 10_000, message: `the page off (${reason})` });
          await holdsFor(
            async () => {
              const planted = await page.evaluate(() => (globalThis as WithProbe).probe.planted());
              return planted.mark && planted.card && planted.highlights.length === 2 && planted.markDecoration === 'none' && planted.markBackground === 'rgba(0, 0, 0, 0)';
            },
            1_000,
            'the planted elements and highlights untouched and unstyled',
          );
          expect(await page.evaluate(() => (globalThis as WithProbe).probe.extensionEntries())).toEqual([]);
          expect((await highlights(page)).map((h) => h.name).sort()).toEqual(['syria-lens-focus', 'syria-lens-underline-person']);
        }
      });

      it('a cross-origin frame that says it is news is left alone, unless a site rule switches its own site on', { timeout: 60_000 }, async () => {
        const frameMarks = async (page: HarnessPage) => {
          await page.evaluate(() => {
            (globalThis as WithProbe).frameReports.length = 0;
            (globalThis as WithProbe).askFrame();
          });
          const reports = await waitUntil(() => page.evaluate(() => ((globalThis as WithProbe).frameReports.length ? (globalThis as WithProbe).frameReports : null)), {
            timeout: 5_000,
            message: 'the frame to answer',
          });
          return reports[0]!.highlights.flatMap((h) => h.texts);
        };
        await useSettings(get(), readerSettings());
        const page = await tracked(get().openPage(server.url('/fixtures/private/frames.html')));
        await waitUntil(async () => (await markedTexts(page)).includes('Damascus'), { timeout: 15_000, message: 'the top page marked' });
        await waitUntil(async () => (await frameMarks(page).catch(() => null)) !== null, { timeout: 10_000, message: 'the advert frame loaded' });
        await holdsFor(async () => (await frameMarks(page)).length === 0, 2_000, 'no marks in the cross-origin frame');

        // Its own site switched on: then it is marked (the probe does see marks in the frame).
        await useSettings(get(), readerSettings({ siteRules: [{ pattern: 'localhost', mode: 'on' }] }));
        await waitUntil(async () => (await frameMarks(page)).includes('Aleppo'), { timeout: 10_000, message: 'marks in the frame once its site is on' });
      });

      it('the built extension has no stylesheet in its manifest: nothing styles page-made elements', () => {
        const dir = name === 'chromium' ? CHROME_EXTENSION_DIR : FIREFOX_EXTENSION_DIR;
        const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { content_scripts: { css?: string[] }[] };
        expect(manifest.content_scripts.flatMap((c) => c.css ?? [])).toEqual([]);
      });
    },
    {
      afterEachTest: async (browser) => {
        await browser?.removeStorage('local', ['settings', 'settingsArea']).catch(() => {});
      },
    },
  );
}
