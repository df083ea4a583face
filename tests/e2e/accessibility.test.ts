/**
 * Accessibility (issue 5.5): axe-core on the popup, the options page and the hover card, in light
 * and dark, in Chromium (MV3) and Firefox (MV2).
 *
 * The card lives in a CLOSED shadow root, which axe cannot enter. So it is checked where the
 * extension itself renders a live card into a page we control: the welcome page (`welcome.html`)
 * runs a real Lens on its example paragraph with the same CardHost, Card component and card.css
 * as on a news page. Before the card is first opened (CardHost attaches its shadow root lazily) the
 * test makes `attachShadow` create OPEN roots on that page, so axe sees the card as rendered, with
 * its real styles, and can check contrast, names and roles. On a real news article the card is also
 * opened and axe is run on the page: the extension must add no violation there (the host element).
 *
 * axe is injected by evaluating node_modules/axe-core/axe.min.js as a protocol-level expression
 * (extension pages' CSP forbids eval() and inline scripts, but not the debugging protocol).
 *
 * Dark: Playwright's page.emulateMedia in Chromium. Puppeteer's emulateMediaFeatures is CDP-only
 * (it throws over WebDriver BiDi), so Firefox's dark run uses a second Firefox started with
 * `layout.css.prefers-color-scheme.content-override = 0` (dark) — both checked with matchMedia.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page as PwPage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAllBrowsers, steady, waitUntil, type ExtensionBrowser, type HarnessPage } from './harness/browsers';
import { corpusArticles } from './harness/corpus';
import { REPO_ROOT, type BrowserName } from './harness/paths';
import { keepRawLaunches, rawPage } from './harness/raw';
import { startServer, type StaticServer } from './harness/server';
import { privateBuilds, retrying } from './harness/snapshot';
import { cardBox, cardShown, inCard, loadIntoCard, targetsCard } from './harness/card';
import { MARK_NAME } from './harness/marks';

const AXE_SOURCE = readFileSync(join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const ARTICLE = corpusArticles().find((a) => a.slug.startsWith('02-'))!;

type Theme = 'light' | 'dark';

// ---------------------------------------------------------------------------------------------
// The harness hides the Playwright / Puppeteer objects; these tests need them for colour-scheme
// emulation and protocol-level script evaluation (see harness/raw.ts). `raw.nextFirefoxPrefs` gives
// the next Firefox extra prefs.
const raw = keepRawLaunches();

// ---------------------------------------------------------------------------------------------
// axe

interface AxeSummary {
  violations: { id: string; impact: string | null; help: string; targets: string[] }[];
  passes: number;
  incomplete: { id: string; targets: string[]; why?: string }[];
}

/** Runs in the page or the card's frame, where axe-core was loaded: its findings, summarised. */
async function axeSummary(ctx: unknown): Promise<AxeSummary> {
    const axe = (window as unknown as { axe: { run(c: unknown, o: object): Promise<any> } }).axe;
    const result = await axe.run(ctx ?? document, { resultTypes: ['violations', 'incomplete'] });
    const targets = (nodes: { target: unknown[] }[]) => nodes.map((n) => JSON.stringify(n.target));
    return {
      violations: result.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, targets: targets(v.nodes) })),
      passes: result.passes.length,
      incomplete: result.incomplete.map((v: any) => ({
        id: v.id,
        targets: targets(v.nodes),
        why: [...new Set(v.nodes.flatMap((n: any) => [...n.any, ...n.all].map((c: any) => c.data?.messageKey ?? c.message)))].join(', '),
      })),
    };
}

async function runAxe(page: HarnessPage, context: unknown = null): Promise<AxeSummary> {
  const rp = await rawPage(raw, page);
  // A protocol-level evaluation: not subject to the page's CSP (no eval, no inline script).
  await (rp as PwPage).evaluate(AXE_SOURCE);
  return page.evaluate(axeSummary, context);
}

function describeViolations(summary: AxeSummary): string {
  return summary.violations.map((v) => `  ${v.id} (${v.impact}): ${v.help}\n    ${v.targets.join('\n    ')}`).join('\n');
}

/**
 * Text contrast inside the card, computed directly (axe reports the card's contrast as "needs
 * review" across the shadow boundary): every element with its own text, its colour against the
 * first opaque background up its composed ancestors (semi-transparent layers blended), WCAG ratio
 * >= 4.5 (>= 3 for large text). Colours are resolved through a canvas, so any CSS colour syntax works.
 */
function cardContrast() {
  const root = document.querySelector('[role="dialog"]');
  if (!root) return null;
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  const rgba = (css: string) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = '#000';
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return [r!, g!, b!, a! / 255] as const;
  };
  const lum = ([r, g, b]: readonly number[]) => {
    const f = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
  };
  const parentOf = (el: Element): Element | null => el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host ?? null);
  const background = (el: Element) => {
    const layers: (readonly [number, number, number, number])[] = [];
    for (let node: Element | null = el; node; node = parentOf(node)) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let out = [255, 255, 255];
    for (const [r, g, b, a] of layers.reverse()) out = [r * a + out[0]! * (1 - a), g * a + out[1]! * (1 - a), b * a + out[2]! * (1 - a)];
    return out;
  };
  const results: { text: string; ratio: number; needed: number; fg: string; bg: string }[] = [];
  for (const el of root.querySelectorAll('*')) {
    const own = [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent!.trim()).map((n) => n.textContent!.trim()).join(' ');
    if (!own || el.getClientRects().length === 0) continue;
    const style = getComputedStyle(el);
    const fg = rgba(style.color);
    const bg = background(el);
    const blended = [fg[0] * fg[3] + bg[0]! * (1 - fg[3]), fg[1] * fg[3] + bg[1]! * (1 - fg[3]), fg[2] * fg[3] + bg[2]! * (1 - fg[3])];
    const [hi, lo] = [lum(blended), lum(bg)].sort((a, b) => b - a);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    results.push({ text: own.slice(0, 40), ratio: Math.round(((hi! + 0.05) / (lo! + 0.05)) * 100) / 100, needed: large ? 3 : 4.5, fg: style.color, bg: `rgb(${bg.map(Math.round).join(',')})` });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------

const table: { page: string; theme: Theme; browser: BrowserName; violations: number; passes: number; incomplete: number }[] = [];

// A private copy of each build (see harness/snapshot.ts).
const { ready, launchSnapshot } = privateBuilds();

let server: StaticServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await closeAllBrowsers();
  await server?.close();
  if (table.length) {
    const rows = table.map((r) => `| ${r.page.padEnd(22)} | ${r.theme.padEnd(5)} | ${r.browser.padEnd(8)} | ${String(r.violations).padStart(10)} | ${String(r.passes).padStart(6)} | ${String(r.incomplete).padStart(10)} |`);
    console.log(
      ['', 'axe-core summary (rules: violations / passes / incomplete = needs review)', '| page                   | theme | browser  | violations | passes | incomplete |', '|---|---|---|---|---|---|', ...rows].join('\n'),
    );
  }
});

/**
 * Light: the default. Dark: emulated (Chromium) or a dark-profile Firefox (see header).
 *
 * In Chromium the page is switched to dark after it has rendered in light, as when a reader's
 * system switches. Nothing may be animating then: the pages once faded their buttons' colours
 * (120 ms), and axe, when it happened to run inside that fade, found text halfway between the
 * themes (3.99:1 on the options page's buttons). The pages no longer animate colours at all
 * (tests/components/palette.test.tsx); this says so in a real browser, right after the switch.
 */
async function applyTheme(page: HarnessPage, theme: Theme): Promise<void> {
  if (page.browserName === 'chromium') {
    await ((await rawPage(raw, page)) as PwPage).emulateMedia({ colorScheme: theme });
  }
  const { dark, animating } = await page.evaluate(() => ({
    dark: matchMedia('(prefers-color-scheme: dark)').matches,
    // (A switch's thumb may be sliding into place as the page's state arrives: movement is fine.)
    animating: document
      .getAnimations()
      .map((a) => `${(a as CSSTransition).transitionProperty ?? a.constructor.name} on ${(a.effect as KeyframeEffect | null)?.target?.nodeName ?? '?'}`)
      .filter((what) => /color|background|border|outline|fill|stroke|shadow|CSSAnimation/.test(what)),
  }));
  expect(dark, `prefers-color-scheme is ${theme}`).toBe(theme === 'dark');
  expect(animating, 'colours animating right after the theme switch').toEqual([]);
}

async function record(name: string, theme: Theme, browserName: BrowserName, summary: AxeSummary) {
  table.push({ page: name, theme, browser: browserName, violations: summary.violations.length, passes: summary.passes, incomplete: summary.incomplete.length });
  if (summary.violations.length) console.log(`[axe] ${name} / ${theme} / ${browserName} violations:\n${describeViolations(summary)}`);
  if (summary.incomplete.length)
    console.log(`[axe] ${name} / ${theme} / ${browserName} needs review: ${summary.incomplete.map((i) => `${i.id} [${i.why}] ${i.targets.length} node(s): ${i.targets.join(' ')}`).join('; ')}`);
}

function markRect({ pattern, text }: { pattern: string; text?: string }) {
  let found: Range | undefined;
  CSS.highlights.forEach((highlight, name) => {
    if (!new RegExp(pattern).test(name)) return;
    highlight.forEach((r) => {
      if (!found && (text === undefined || (r as Range).toString() === text)) found = r as Range;
    });
  });
  if (!found) return null;
  (found.startContainer.parentElement ?? document.body).scrollIntoView({ block: 'center' });
  const r = found.getClientRects()[0] ?? found.getBoundingClientRect();
  return { x: r.left, y: r.top, width: r.width, height: r.height };
}

async function hoverMark(page: HarnessPage, text?: string): Promise<void> {
  await waitUntil(() => page.evaluate(markRect, { pattern: MARK_NAME, text }), {
    timeout: 15_000,
    message: `a mark${text ? ` on "${text}"` : ''}`,
  });
  const rect = await steady(page, () => page.evaluate(markRect, { pattern: MARK_NAME, text }), 'the mark, scrolled into view');
  await page.mouseMove(rect.x - 20, rect.y + rect.height / 2, 1);
  await page.mouseMove(rect.x + rect.width / 2, rect.y + rect.height / 2, 4);
  await waitUntil(() => cardShown(page), { timeout: 5_000, message: 'the card to open on hover' });
  // Positioned (Floating UI) and painted: its box holds still.
  await steady(page, () => cardBox(page), 'the card');
}

/** axe-core in the card's frame (the card's own document, an extension page). */
async function runAxeInCard(page: HarnessPage): Promise<AxeSummary> {
  expect(await loadIntoCard(page, AXE_SOURCE), 'axe loaded into the card frame').toBe(true);
  const summary = await inCard(page, axeSummary, null);
  return summary!;
}

/** Browsers kept between the light and dark suites (Chromium: one for both). */
const launched = new Map<string, { browser: ExtensionBrowser; article: HarnessPage }>();

function themedSuite(name: BrowserName, theme: Theme) {
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
          await b.browser.close().catch(() => {});
          launched.delete(other);
        }
      }
      if (name === 'firefox' && theme === 'dark') raw.nextFirefoxPrefs = { 'layout.css.prefers-color-scheme.content-override': 0 };
      const b = await launchSnapshot(name);
      cached = { browser: b, article: await retrying(() => b.openPage(server.url(ARTICLE.path))) };
      launched.set(key, cached);
    }
    ({ browser, article } = cached);
  });

  it('popup', async () => {
    const popup = await retrying(() => browser.openExtensionPage(`popup.html?tab=${article.tabId}`));
    await applyTheme(popup, theme);
    await waitUntil(() => popup.evaluate(() => !!document.querySelector('.sl-popup-total') && document.querySelectorAll('[role="switch"]').length >= 2), {
      timeout: 10_000,
      message: 'the popup to show the page mentions',
    });
    const summary = await runAxe(popup);
    await record('popup', theme, name, summary);
    await popup.close();
    expect(summary.violations, describeViolations(summary)).toEqual([]);
  });

  it('options page', async () => {
    const options = await retrying(() => browser.openExtensionPage('options.html'));
    await applyTheme(options, theme);
    await waitUntil(() => options.evaluate(() => document.querySelectorAll('.sl-options input').length > 5), {
      timeout: 10_000,
      message: 'the options form',
    });
    const summary = await runAxe(options);
    await record('options', theme, name, summary);
    await options.close();
    expect(summary.violations, describeViolations(summary)).toEqual([]);
  });

  it('card (live, on welcome.html, axe in the card frame) and the whole welcome page', async () => {
    const welcome = await retrying(() => browser.openExtensionPage('welcome.html'));
    await applyTheme(welcome, theme);
    await hoverMark(welcome, 'Aleppo');
    await waitUntil(
      () => inCard(welcome, () => !!document.querySelector('[role="dialog"] h2')?.textContent && document.querySelector('.sl-card-sentences li') !== null),
      { timeout: 5_000, message: 'the card content in the card frame' },
    );
    // The card frame follows the reader's colour scheme as the page does.
    expect(await inCard(welcome, () => matchMedia('(prefers-color-scheme: dark)').matches), `the card frame is ${theme}`).toBe(theme === 'dark');
    // axe must really have looked inside: the dialog's buttons are in its results.
    const card = await runAxeInCard(welcome);
    await record('card (welcome.html)', theme, name, card);
    const buttonsSeen = await inCard(welcome, async () => {
      const axe = (window as unknown as { axe: { run(c: unknown, o: object): Promise<any> } }).axe;
      const r = await axe.run(document, { runOnly: ['button-name'] });
      return r.passes.flatMap((p: any) => p.nodes).length as number;
    });
    expect(buttonsSeen, 'axe examined the buttons inside the card').toBeGreaterThanOrEqual(2);
    // Contrast, computed (see cardContrast).
    const contrast = (await inCard(welcome, cardContrast))!;
    expect(contrast.length, 'texts found in the card').toBeGreaterThan(3);
    const low = contrast.filter((c) => c.ratio < c.needed);
    console.log(
      `[contrast] card / ${theme} / ${name}: ${contrast.length} texts, lowest ratio ${Math.min(...contrast.map((c) => c.ratio))}` +
        (low.length ? `; TOO LOW: ${JSON.stringify(low)}` : ''),
    );
    expect(low, 'card texts below WCAG AA contrast').toEqual([]);
    const whole = await runAxe(welcome);
    await record('welcome page + card', theme, name, whole);
    await welcome.close();
    expect(card.violations, describeViolations(card)).toEqual([]);
    expect(whole.violations, describeViolations(whole)).toEqual([]);
  });

  it('news article: an open card adds no violation to the page', async () => {
    const page = await retrying(() => browser.openPage(server.url(ARTICLE.path)));
    await applyTheme(page, theme);
    await waitUntil(() => page.evaluate(markRect, { pattern: MARK_NAME }), { timeout: 15_000, message: 'marks' });
    const before = await runAxe(page);
    await hoverMark(page);
    const after = await runAxe(page);
    const key = (s: AxeSummary) => new Set(s.violations.flatMap((v) => v.targets.map((t) => `${v.id} ${t}`)));
    const added = [...key(after)].filter((k) => !key(before).has(k));
    await record('article + card (added)', theme, name, { ...after, violations: after.violations.filter((v) => v.targets.some((t) => added.includes(`${v.id} ${t}`))) });
    console.log(`[axe] article ${ARTICLE.slug} / ${theme} / ${name}: the page's own violations (not ours): ${before.violations.map((v) => v.id).join(', ') || 'none'}`);
    await page.close();
    expect(added).toEqual([]);
    expect(after.violations.flatMap((v) => v.targets).filter(targetsCard)).toEqual([]);
  });
}

for (const name of ['chromium', 'firefox'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    describe(`${name} ${theme}`, () => themedSuite(name, theme));
  }
}
