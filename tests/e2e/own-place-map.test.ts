/**
 * Issue 12 item 2: a reader's own place with coordinates gets a locator map on its card, in
 * Chromium (MV3) and Firefox (MV2). The settings carry the place as the options page saves it
 * (name, alias, coordinates); the real pointer rests on its name on a fixture article; the card
 * shows one image whose text alternative says where it is, worded like a bundled place's.
 * Without coordinates, the same place's card has no map. And a reader who corrects the place on
 * the options page (Edit, then Save) sees the card follow: the point taken away, a new description.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../core/settings';
import type { Entity } from '../../core/types';
import { steady, waitUntil, type ExtensionBrowser, type HarnessPage } from './harness/browsers';
import { cardShown, readCard } from './harness/card';
import { retrying } from './harness/snapshot';
import type { BrowserName } from './harness/paths';
import { startServer, type StaticServer } from './harness/server';
import { describeBrowser, pageState } from './harness/suite';

let server: StaticServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

// Al-Qusayr, GeoNames 163345; the catalogue does not have it.
const QUSAYR: Entity = {
  id: 'al-qusayr',
  name: 'Al-Qusayr',
  kind: 'place',
  description: 'Town near the Lebanese border.',
  aliases: [{ text: 'Al-Qusayr' }, { text: 'Qusayr' }],
  coordinates: { lat: 34.50887, lon: 36.57952 },
};

function settingsWith(place: Entity): Settings {
  return { ...defaultSettings(), scope: 'all', entityChanges: { added: [place], extraAliases: {}, hidden: [] } };
}

/** The card's images' text alternatives, once the real pointer has rested on `text` and the card names `name`. */
async function hoverImages(page: HarnessPage, text: string, name: string): Promise<string[]> {
  type WithWhereIs = typeof globalThis & { whereIs(text: string): { x: number; y: number } | null };
  const at = await steady(page, () => page.evaluate((t) => (globalThis as WithWhereIs).whereIs(t), text), `${text} on screen`);
  await page.bringToFront();
  await page.mouseMove(at.x - 40, at.y, 1);
  await page.mouseMove(at.x, at.y, 4);
  await waitUntil(() => cardShown(page), { timeout: 8_000, message: `a card on hovering "${text}"` });
  let images: string[] = [];
  await waitUntil(
    async () => {
      const card = await readCard(page).catch(() => undefined);
      images = card?.images ?? [];
      return card?.text.includes(name) ?? false;
    },
    { timeout: 8_000, message: `the card of ${name}` },
  );
  return images;
}

for (const name of ['chromium', 'firefox'] as BrowserName[]) {
  describeBrowser(name, (get, tracked) => {
    const open = async (browser: ExtensionBrowser, place: Entity) => {
      await browser.setStorage('local', { settings: settingsWith(place), settingsArea: 'local' });
      const page = await tracked(browser.openPage(server.url('/fixtures/own-place/qusayr.html')));
      await waitUntil(async () => ((await pageState(browser, page)).counts['al-qusayr'] ?? 0) > 0, { timeout: 15_000, message: 'Qusayr found' });
      return page;
    };

    it("a reader's place with coordinates: its card shows the map, an image that says where it is", { timeout: 60_000 }, async () => {
      const page = await open(get(), QUSAYR);
      const images = await hoverImages(page, 'Qusayr', 'Al-Qusayr');
      console.log(`[own-place] ${name}: ${JSON.stringify(images)}`);
      expect(images).toEqual(['Al-Qusayr, in western Syria, 110 km north of Damascus']);
    });

    it('the reader edits the place on the options page (point taken out, description changed): the card follows', { timeout: 90_000 }, async () => {
      const browser = get();
      await browser.setStorage('local', { settings: settingsWith(QUSAYR), settingsArea: 'local' });
      const options = await tracked(retrying(() => browser.openExtensionPage('options.html')));
      await waitUntil(() => options.evaluate(() => document.querySelector('[data-edit="al-qusayr"]') !== null), { timeout: 10_000, message: "the reader's entry listed" });
      await options.bringToFront();
      await options.clickNth('[data-edit="al-qusayr"]');
      await waitUntil(() => options.evaluate(() => (document.getElementById('sl-own-0-lat') as HTMLInputElement | null)?.value === '34.50887'), { timeout: 5_000, message: 'the edit form, filled from the entry' });
      // The fields as typed (Preact reads them on input); the Save button by a real click.
      await options.evaluate(() => {
        const set = (id: string, value: string) => {
          const input = document.getElementById(id) as HTMLInputElement;
          input.value = value;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        };
        set('sl-own-0-lat', '');
        set('sl-own-0-lon', '');
        set('sl-own-0-description', 'Town in Homs governorate.');
      });
      await options.clickNth('.sl-options-own .sl-options-form button[type="submit"]');
      type Saved = { entityChanges?: { added?: Entity[] } };
      await waitUntil(
        async () => {
          // Where the options page keeps them: storage.sync, unless it fell back to storage.local.
          const local = await browser.getStorage('local');
          const saved = ((local.settingsArea === 'local' ? local : await browser.getStorage('sync')).settings ?? {}) as Saved;
          const place = saved.entityChanges?.added?.[0];
          return place?.description === 'Town in Homs governorate.' && place.coordinates === undefined && place.aliases.length === 2;
        },
        { timeout: 10_000, message: 'the edited place saved' },
      );
      const page = await tracked(browser.openPage(server.url('/fixtures/own-place/qusayr.html')));
      await waitUntil(async () => ((await pageState(browser, page)).counts['al-qusayr'] ?? 0) > 0, { timeout: 15_000, message: 'Qusayr found' });
      expect(await hoverImages(page, 'Qusayr', 'Al-Qusayr')).toEqual([]);
      expect((await readCard(page))?.text).toContain('Town in Homs governorate.');
    });

    it('the same place without coordinates: no map', { timeout: 60_000 }, async () => {
      const { coordinates: _none, ...withoutCoordinates } = QUSAYR;
      const page = await open(get(), withoutCoordinates);
      expect(await hoverImages(page, 'Qusayr', 'Al-Qusayr')).toEqual([]);
    });
  });
}
