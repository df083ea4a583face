/**
 * Phone-ready extension pages (issue 11, item 4). Firefox for Android opens the popup and the
 * options, briefings, briefing and welcome pages as tabs on a phone; each must be usable at 360 CSS
 * px wide: no horizontal scrolling, and every tap target at least 44×44 CSS px (WCAG 2.5.5, the
 * size a fingertip hits reliably).
 *
 * Each page is opened in both browsers as on a phone and shown at 360×740: Chromium in a phone
 * context (mobile viewport and touch, so a page without `<meta name="viewport">` is laid out 980 px
 * wide and shrunk, as on a phone) resized with setViewportSize; Firefox made a touch phone by
 * preferences (harness/touch.ts: touch, a coarse pointer) and sized with Puppeteer's setViewport.
 * (The pages enlarge their controls for `(pointer: coarse)`, and the options, briefings and
 * welcome pages also below 600 px, so the desktop toolbar popup under a mouse keeps its look.) Then:
 * - the document does not scroll sideways (scrollWidth ≤ clientWidth), and the layout viewport is
 *   the phone's 360 px;
 * - every visible interactive element (links, buttons, inputs, selects, text areas, summaries,
 *   elements with a role or a tabindex) has a box of at least 44×44. A checkbox or radio counts
 *   with its label (tapping the label toggles it), as a fingertip does. The only exemption is
 *   WCAG 2.5.8's inline one: a link inside a sentence of running text, whose height the line of
 *   text sets (making it 44 px tall would break the paragraph's lines); those are listed, not failed.
 */
import type { Page as PwPage } from 'playwright-core';
import type { Page as PpPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAllBrowsers, steady, waitUntil, type ExtensionBrowser, type HarnessPage } from './harness/browsers';
import { corpusArticles } from './harness/corpus';
import type { BrowserName } from './harness/paths';
import { keepRawLaunches, rawPage } from './harness/raw';
import { startServer, type StaticServer } from './harness/server';
import { privateBuilds, retrying } from './harness/snapshot';
import { asFirefoxPhone } from './harness/touch';

const PHONE = { width: 360, height: 740 };
const MIN = 44;
const ARTICLE = corpusArticles().find((a) => a.slug.startsWith('02-'))!;

const raw = keepRawLaunches();
const { ready, launchSnapshot } = privateBuilds();

let server: StaticServer;
const findings: string[] = [];
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await closeAllBrowsers();
  await server?.close();
  if (findings.length) console.log(`\nphone pages at ${PHONE.width}×${PHONE.height} (issue 11, item 4):\n${findings.join('\n')}`);
});

interface Target {
  what: string;
  width: number;
  height: number;
}

/**
 * Page-side: the layout width, horizontal overflow, and every visible interactive element's tap
 * box (small ones in `small`, inline links in running text in `inline`).
 */
function measure(min: number) {
  const INTERACTIVE =
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=switch], [role=checkbox], [role=radio], [role=link], [role=tab], [role=menuitem], [tabindex]:not([tabindex="-1"])';
  const describe = (el: Element) => {
    const text = (el.getAttribute('aria-label') ?? el.textContent ?? (el as HTMLInputElement).value ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    const cls = el.getAttribute('class')?.split(/\s+/)[0];
    return `${el.localName}${el.getAttribute('type') ? `[type=${el.getAttribute('type')}]` : ''}${cls ? `.${cls}` : ''} "${text}"`;
  };
  const visible = (el: Element) => {
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none' && el.getClientRects().length > 0 && !el.closest('[hidden], [inert]');
  };
  /**
   * WCAG 2.5.8's inline exception: a link in a sentence, its size set by the line height of the
   * text around it. The link is inline and its block holds other words outside any link.
   */
  const inlineInText = (el: Element) => {
    if (el.localName !== 'a' || !getComputedStyle(el).display.startsWith('inline')) return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    if (!block) return false;
    let own = '';
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement?.closest('a, button')) own += (node as Text).data;
    }
    return /\p{L}{2,}.*\p{L}{2,}/su.test(own);
  };
  // What a fingertip hits for a control: a checkbox or radio together with its label(s) (a tap
  // on either toggles it), as one box; a visually hidden input through its label.
  type Box = { left: number; top: number; right: number; bottom: number };
  const boxOf = (el: Element): Box | null => {
    const r = el.getBoundingClientRect();
    const hidden = r.width <= 1 && r.height <= 1;
    const labels = el instanceof HTMLInputElement ? [...(el.labels ?? [])].filter((l) => l.getClientRects().length > 0) : [];
    const toggles = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio');
    if (!toggles && !hidden) return r;
    const parts = [...(hidden ? [] : [r]), ...(toggles || hidden ? labels.map((l) => l.getBoundingClientRect()) : [])];
    // A 1×1 input without a visible label (opened by a button of its own) is no tap target.
    if (parts.length === 0) return null;
    return parts.reduce<Box>(
      (u, b) => ({ left: Math.min(u.left, b.left), top: Math.min(u.top, b.top), right: Math.max(u.right, b.right), bottom: Math.max(u.bottom, b.bottom) }),
      { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity },
    );
  };
  const small: { what: string; width: number; height: number }[] = [];
  const inline: { what: string; width: number; height: number }[] = [];
  let count = 0;
  const seen = new Set<Element>();
  for (const el of document.querySelectorAll(INTERACTIVE)) {
    if (!visible(el) || seen.has(el)) continue;
    seen.add(el);
    const box = boxOf(el);
    if (!box) continue;
    count++;
    const width = box.right - box.left;
    const height = box.bottom - box.top;
    if (width >= min - 0.5 && height >= min - 0.5) continue;
    const entry = { what: describe(el), width: Math.round(width * 10) / 10, height: Math.round(height * 10) / 10 };
    (inlineInText(el) ? inline : small).push(entry);
  }
  const root = document.scrollingElement ?? document.documentElement;
  return {
    innerWidth,
    scrollWidth: root.scrollWidth,
    clientWidth: root.clientWidth,
    // Anything that sticks out to the right (or left, in RTL) of the viewport, for the report.
    overflowing: [...document.querySelectorAll('body *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.right > root.clientWidth + 0.5 || r.left < -0.5) && visible(el);
      })
      .slice(0, 5)
      .map((el) => `${describe(el)} (${Math.round(el.getBoundingClientRect().left)}–${Math.round(el.getBoundingClientRect().right)})`),
    count,
    small,
    inline,
  };
}

async function toPhoneSize(raw: ReturnType<typeof keepRawLaunches>, page: HarnessPage): Promise<void> {
  const rp = await rawPage(raw, page);
  if (page.browserName === 'chromium') await (rp as PwPage).setViewportSize(PHONE);
  else await (rp as PpPage).setViewport(PHONE);
  // (A page without `<meta name="viewport">` stays 980 px wide in Chromium's mobile context.)
  let width = 0;
  await waitUntil(
    async () => {
      width = await page.evaluate(() => innerWidth);
      return width === PHONE.width;
    },
    { timeout: 5_000, message: () => `a ${PHONE.width} px layout viewport (innerWidth ${width}: is <meta name="viewport"> missing?)` },
  );
}

function describePhonePages(name: BrowserName): void {
  const pre = ready(name);
  if (!pre.run) {
    describe(`phone pages (${name})`, () => {
      it.skipIf(pre.skip)('prerequisites', () => {
        throw new Error(pre.reason);
      });
    });
    return;
  }
  describe(`phone pages (${name})`, () => {
    let browser: ExtensionBrowser;
    let article: HarnessPage;
    beforeAll(async () => {
      // A phone: Chromium's context is mobile with touch (390×844, resized to 360×740 below);
      // Firefox is made one by preferences (touch, a coarse pointer: harness/touch.ts).
      if (name === 'firefox') asFirefoxPhone(raw);
      browser = await launchSnapshot(name, { touch: true });
      article = await retrying(() => browser.openPage(server.url(ARTICLE.path)));
    }, 150_000);
    afterAll(async () => {
      await browser?.close();
    });

    /** Label, address, a selector present once the page has rendered, and what to do first. */
    const pages: [string, () => string, string, ((page: HarnessPage) => Promise<void>)?][] = [
      // The popup about a news page with marks: its list of names, the switches, the article offer.
      ['popup', () => `popup.html?tab=${article.tabId}`, '.sl-entity'],
      // …and with the article read for a briefing: the title field, Save and Cancel.
      ['popup, article preview', () => `popup.html?tab=${article.tabId}`, '#sl-article-use', async (page) => {
        await page.clickNth('#sl-article-use');
        await waitUntil(() => page.evaluate(() => document.querySelector('#sl-article-save') !== null), { timeout: 20_000, message: 'the article preview' });
      }],
      ['options', () => 'options.html', 'input'],
      ['briefings', () => 'briefings.html', 'button'],
      ['briefing', () => 'briefing.html?id=syria-2024-12-iran-withdrawal', 'p'],
      ['welcome', () => 'welcome.html', 'button'],
    ];
    for (const [label, path, ready, prepare] of pages) {
      it(`${label}: no horizontal scroll, tap targets ≥ ${MIN}×${MIN} px at ${PHONE.width} px`, { timeout: 60_000 }, async () => {
        const page = await retrying(() => browser.openExtensionPage(path()));
        try {
          await waitUntil(() => page.evaluate((s) => document.querySelector(s) !== null, ready), { timeout: 10_000, message: `${label} to render` });
          await prepare?.(page);
          await toPhoneSize(raw, page);
          const m = await steady(page, () => page.evaluate(measure, MIN), `${label}'s layout`);
          const list = (ts: Target[]) => ts.map((t) => `${t.what} ${t.width}×${t.height}`).join('; ');
          findings.push(
            `${name} ${label}: ${m.count} targets, scrollWidth ${m.scrollWidth} / clientWidth ${m.clientWidth}` +
              (m.small.length ? `; UNDER ${MIN}: ${list(m.small)}` : '') +
              (m.inline.length ? `; inline links in text (exempt): ${list(m.inline)}` : '') +
              (m.overflowing.length ? `; sticking out: ${m.overflowing.join('; ')}` : ''),
          );
          expect(m.innerWidth, 'layout viewport is the phone width (meta viewport)').toBe(PHONE.width);
          expect(m.scrollWidth, `horizontal scroll; sticking out: ${m.overflowing.join('; ')}`).toBeLessThanOrEqual(m.clientWidth);
          expect(m.count, 'interactive elements found').toBeGreaterThan(0);
          expect(m.small.map((t) => `${t.what} ${t.width}×${t.height}`)).toEqual([]);
        } finally {
          await page.close().catch(() => {});
        }
      });
    }
  });
}

describePhonePages('chromium');
describePhonePages('firefox');
