/**
 * The welcome page (`welcome.html`) in the built extension, in real Chromium (MV3) and Firefox
 * (MV2): a real Lens marks the example paragraph (and nothing else on the page), hovering a
 * marked name opens the card, and the "Show a card" button opens one from the keyboard.
 *
 * Needs `npm run build` first, with the welcome_* messages in public/_locales.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAllBrowsers, launchBrowser, waitUntil, type ExtensionBrowser, type HarnessPage } from './harness/browsers';
import { cardShown, readCard } from './harness/card';
import { prerequisites, type BrowserName } from './harness/paths';
import { MARK_NAME } from './harness/marks';

const EXAMPLE = '#sl-welcome-example';
/** Names the English example must have marked. */
const SAMPLE_NAMES = ['Aleppo', 'Iran', 'Russia', 'Bashar al-Assad'];

afterAll(async () => {
  await closeAllBrowsers();
});

// ---------------------------------------------------------------------------------------------
// Page-side probes (serialised into the page)

/** Every range of every mark highlight, and whether it lies in the example paragraph. */
function readHighlights({ pattern, example }: { pattern: string; example: string }) {
  const container = document.querySelector(example);
  const out: { name: string; text: string; inExample: boolean }[] = [];
  CSS.highlights.forEach((highlight, name) => {
    if (!new RegExp(pattern).test(name)) return;
    highlight.forEach((range) => {
      const r = range as Range;
      out.push({ name, text: r.toString(), inExample: !!container && container.contains(r.startContainer) });
    });
  });
  return out;
}

/** Viewport rect of the first line of the first marked range whose text is `text`. */
function markRect({ pattern, text }: { pattern: string; text: string }) {
  let found: Range | undefined;
  CSS.highlights.forEach((highlight, name) => {
    if (!new RegExp(pattern).test(name)) return;
    highlight.forEach((r) => {
      if (!found && (r as Range).toString() === text) found = r as Range;
    });
  });
  if (!found) return null;
  (found.startContainer.parentElement ?? document.body).scrollIntoView({ block: 'center' });
  const r = found.getClientRects()[0] ?? found.getBoundingClientRect();
  return { x: r.left, y: r.top, width: r.width, height: r.height };
}

function pageText() {
  return {
    h1: document.querySelector('h1')?.textContent ?? '',
    dir: document.documentElement.dir,
    title: document.title,
  };
}

// ---------------------------------------------------------------------------------------------

async function openWelcome(browser: ExtensionBrowser): Promise<HarnessPage> {
  const page = await browser.openExtensionPage('welcome.html');
  const { h1 } = await waitUntil(async () => {
    const text = await page.evaluate(pageText);
    return text.h1 ? text : undefined;
  }, { message: 'the welcome page to render' });
  // Before the messages are merged into public/_locales the page shows message keys.
  expect(h1, 'welcome_* messages missing from public/_locales (see /tmp/welcome-messages.json)').toBe('Welcome to Syria Lens');
  return page;
}

async function marksOf(page: HarnessPage) {
  return waitUntil(
    async () => {
      const marks = await page.evaluate(readHighlights, { pattern: MARK_NAME, example: EXAMPLE });
      const texts = new Set(marks.map((m) => m.text));
      return SAMPLE_NAMES.every((name) => texts.has(name)) ? marks : undefined;
    },
    { timeout: 15_000, message: `marks on ${SAMPLE_NAMES.join(', ')}` },
  );
}

describe.each<BrowserName>(['chromium', 'firefox'])('welcome page in %s', (name) => {
  const pre = prerequisites(name);
  if (!pre.run && !pre.skip) {
    it('has its prerequisites', () => {
      throw new Error(pre.reason);
    });
    return;
  }
  const test = pre.run ? it : it.skip;

  let browser: ExtensionBrowser;
  beforeAll(async () => {
    if (pre.run) browser = await launchBrowser(name);
  });

  test('marks the names in the example, and only there', async () => {
    const page = await openWelcome(browser);
    const marks = await marksOf(page);
    expect(marks.filter((m) => !m.inExample)).toEqual([]);
    expect(marks.every((m) => new RegExp(MARK_NAME).test(m.name))).toBe(true);
    // Names of each kind get their own highlight (random names, one letter per kind and style).
    const byText = new Map(marks.map((m) => [m.text, m.name]));
    const kindNames = ['Aleppo', 'Iran', 'Bashar al-Assad'].map((text) => byText.get(text));
    expect(kindNames.every(Boolean)).toBe(true);
    expect(new Set(kindNames).size).toBe(3);
    expect((await page.evaluate(pageText)).dir).toBe('ltr');
    await page.close();
  });

  test('hovering a marked name opens its card', async () => {
    const page = await openWelcome(browser);
    await marksOf(page);
    expect(await cardShown(page)).toBe(false);
    const rect = await page.evaluate(markRect, { pattern: MARK_NAME, text: 'Aleppo' });
    expect(rect).not.toBeNull();
    await page.mouseMove(rect!.x + rect!.width / 2, rect!.y + rect!.height / 2);
    await waitUntil(() => cardShown(page), { timeout: 5_000, message: 'the card to open on hover' });
    const shadow = await waitUntil(
      async () => {
        const content = await readCard(page);
        return content?.text.includes('Aleppo') ? content : undefined;
      },
      { timeout: 5_000, message: "the card to show Aleppo's background" },
    );
    // Styled (card.css in the card frame) and quoting the briefing.
    expect(shadow.background).not.toBeNull();
    expect(shadow.text).toMatch(/Aleppo/);
    await page.close();
  });

  test('"Show a card" opens a card from the keyboard, and Escape closes it', async () => {
    const page = await openWelcome(browser);
    await marksOf(page);
    await page.evaluate(() => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Show a card');
      if (!button) throw new Error('no "Show a card" button');
      button.focus();
    });
    await page.press('Enter');
    await waitUntil(() => cardShown(page), { timeout: 5_000, message: 'the card to open from the keyboard' });
    const content = await waitUntil(() => readCard(page), { timeout: 5_000, message: 'the card to read' });
    expect(content?.text.trim()).not.toBe('');
    await page.press('Escape');
    await waitUntil(async () => !(await cardShown(page)), { timeout: 5_000, message: 'Escape to close the card' });
    // Focus goes back to the button.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Show a card');
    await page.close();
  });
});
