/**
 * The one way e2e tests look at Syria Lens's card. Tests never query the card's element by name
 * in the page: how the card is hosted is the extension's business, so every test goes through
 * these helpers and only they know where the card lives.
 *
 * Today (issue 9: out of the page's reach) the card is rendered by the card frame, an extension
 * page (`/card.html`) in an iframe inside the closed shadow root of an element named from the
 * document's token (`<abcdefghij-c>`)
 * on the page. Where it shows is that element's box; what it says is read inside the frame, with
 * the test protocol's privileges (Playwright's frames in Chromium, Puppeteer's BiDi frames in
 * Firefox), which no page script has.
 */
import type { HarnessPage, PageFunction, ShadowContent } from './browsers';

/**
 * The shape of the card's host element's name: ten letters of the document's token and `-c`
 * (core/mark-names.ts `cardHostName`), a child of `<html>`. Only this module may use it.
 */
const CARD_HOST = '^[a-z]{10}-c$';
/** The card frame's address contains this. */
const CARD_FRAME = '/card.html';

export interface CardBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The viewport, for layout checks. */
  vw: number;
  vh: number;
}

function hostBox(pattern: string): CardBox | null {
  const host = [...document.documentElement.children].find((el) => new RegExp(pattern).test(el.localName));
  if (!host) return null;
  const style = getComputedStyle(host);
  if (style.display === 'none' || style.visibility === 'hidden') return null;
  const r = host.getBoundingClientRect();
  return r.width > 0 && r.height > 0 ? { x: r.left, y: r.top, width: r.width, height: r.height, vw: innerWidth, vh: innerHeight } : null;
}

/** Where the card is shown, in viewport pixels; null when no card is showing. */
export function cardBox(page: HarnessPage): Promise<CardBox | null> {
  return page.evaluate(hostBox, CARD_HOST);
}

/** Whether a card is showing. */
export async function cardShown(page: HarnessPage): Promise<boolean> {
  return (await cardBox(page)) !== null;
}

/** Runs `fn` in the card's frame (the card's own document); undefined when there is no card frame. */
export async function inCard<R, A = undefined>(page: HarnessPage, fn: PageFunction<A, R>, arg?: A): Promise<R | undefined> {
  const tag = await page.evaluate((pattern) => [...document.documentElement.children].find((el) => new RegExp(pattern).test(el.localName))?.localName, CARD_HOST);
  return page.evaluateInFrame(CARD_FRAME, fn, arg, tag);
}

/** In the card frame: the card's text, painted area (frame coordinates) and background. */
function readFrame(): ShadowContent | null {
  const card = document.querySelector('[role="dialog"]');
  if (!card) return null;
  const parts: string[] = [];
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        parts.push((child as Text).data);
        continue;
      }
      if (child.nodeType !== 1 || /^(STYLE|SCRIPT|TEMPLATE)$/i.test(child.nodeName)) continue;
      const display = getComputedStyle(child as Element).display;
      if (display === 'none') continue;
      const block = !display.startsWith('inline') && display !== 'contents';
      if (block) parts.push('\n');
      walk(child);
      if (block) parts.push('\n');
    }
  };
  parts.push('\n');
  walk(card);
  parts.push('\n');
  // What is on screen: each element clipped by its scrolling ancestors and by the frame's viewport.
  const clipped = (el: Element) => {
    const r = el.getBoundingClientRect();
    const box = { left: Math.max(0, r.left), top: Math.max(0, r.top), right: Math.min(innerWidth, r.right), bottom: Math.min(innerHeight, r.bottom) };
    for (let node = el.parentElement; node; node = node.parentElement) {
      const cs = getComputedStyle(node);
      if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
        const c = node.getBoundingClientRect();
        box.left = Math.max(box.left, c.left);
        box.top = Math.max(box.top, c.top);
        box.right = Math.min(box.right, c.right);
        box.bottom = Math.min(box.bottom, c.bottom);
      }
    }
    return box;
  };
  let rect: { left: number; top: number; right: number; bottom: number } | null = null;
  const all = [card, ...card.querySelectorAll('*')];
  for (const el of all) {
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || s.display === 'none') continue;
    const r = clipped(el);
    if (r.right - r.left <= 0 || r.bottom - r.top <= 0) continue;
    if (!rect) rect = r;
    else rect = { left: Math.min(rect.left, r.left), top: Math.min(rect.top, r.top), right: Math.max(rect.right, r.right), bottom: Math.max(rect.bottom, r.bottom) };
  }
  let background: string | null = null;
  for (const el of all) {
    const bg = getComputedStyle(el).backgroundColor;
    if (bg && bg !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(bg)) {
      background = bg;
      break;
    }
  }
  const images = [...card.querySelectorAll('[role=img]')].filter((img) => img.getClientRects().length > 0).map((img) => img.getAttribute('aria-label') ?? '');
  const directed = card.closest('[dir="ltr"], [dir="rtl"]') ?? card.querySelector('[dir="ltr"], [dir="rtl"]') ?? card;
  return {
    text: parts.join(''),
    rect: rect && { x: rect.left, y: rect.top, width: rect.right - rect.left, height: rect.bottom - rect.top },
    background,
    images,
    direction: getComputedStyle(directed).direction as 'ltr' | 'rtl',
  };
}

/**
 * The card's text, painted area (viewport pixels of the page) and background, as the reader sees
 * them; undefined when no card is showing.
 */
export async function readCard(page: HarnessPage): Promise<ShadowContent | undefined> {
  const box = await cardBox(page);
  if (!box) return undefined;
  const content = await inCard(page, readFrame).catch(() => undefined);
  if (!content) return undefined;
  const rect = content.rect && { x: content.rect.x + box.x, y: content.rect.y + box.y, width: content.rect.width, height: content.rect.height };
  return { ...content, rect };
}

/** How the page sees the card's host element (never its content): null when there is none. */
export interface CardHostSeen {
  /** A child of `<html>` (not of the page's body, which the page's own scripts rewrite). */
  parentIsRoot: boolean;
  /** `host.shadowRoot`: null for a closed root. */
  pageSeesShadowRoot: boolean;
  /** The host's attributes (its look comes from sheets inside its closed root). */
  attributes: number;
}

function seenHost(pattern: string): CardHostSeen | null {
  const host = [...document.documentElement.children].find((el) => new RegExp(pattern).test(el.localName));
  if (!host) return null;
  return { parentIsRoot: host.parentNode === document.documentElement, pageSeesShadowRoot: host.shadowRoot !== null, attributes: host.attributes.length };
}

/** The card's host as the page sees it. */
export function cardHostSeen(page: HarnessPage): Promise<CardHostSeen | null> {
  return page.evaluate(seenHost, CARD_HOST);
}

/** `names` (of elements, lower case) less the card's host: what else Syria Lens put in the page. */
export function withoutCardHost(names: string[]): string[] {
  return names.filter((name) => !new RegExp(CARD_HOST).test(name));
}

/** Whether keyboard focus is in the card: the page's focus is on its host, the frame's on the card. */
export async function cardHasFocus(page: HarnessPage): Promise<boolean> {
  const host = await page.evaluate((pattern) => new RegExp(pattern).test(document.activeElement?.localName ?? ''), CARD_HOST);
  if (!host) return false;
  return (await inCard(page, () => document.hasFocus() && !!document.activeElement?.closest('[role="dialog"]')).catch(() => false)) ?? false;
}

/** In the card frame: what has keyboard focus (`tag.class`, or "dialog" for the card itself). */
export function focusInCard(page: HarnessPage): Promise<string | undefined> {
  return inCard(page, () => {
    const active = document.activeElement;
    if (!active || active === document.body) return 'body';
    if (active.getAttribute('role') === 'dialog') return 'dialog';
    return `${active.localName}.${[...active.classList].join('.')}`;
  });
}

/**
 * Arms an in-page stopwatch: it starts at the first pointer event over the page after arming and
 * stops when the card shows (its host laid out, visible and not empty; polled every 10 ms). Read
 * it with `readCardStopwatch`: milliseconds, or -1 when no card showed within 5 s.
 */
export function armCardStopwatch(page: HarnessPage): Promise<void> {
  return page.evaluate((tag) => {
    const w = window as unknown as { slHover?: Promise<number> };
    w.slHover = new Promise<number>((resolve) => {
      let start = 0;
      const onMove = () => {
        if (!start) start = performance.now();
      };
      addEventListener('pointermove', onMove, { capture: true });
      const timer = setInterval(() => {
        const host = [...document.documentElement.children].find((el) => new RegExp(tag).test(el.localName));
        const style = host && getComputedStyle(host);
        if (start && host && style!.display !== 'none' && style!.visibility !== 'hidden' && host.getBoundingClientRect().width > 0) {
          clearInterval(timer);
          removeEventListener('pointermove', onMove, { capture: true });
          resolve(performance.now() - start);
        }
      }, 10);
      setTimeout(() => {
        clearInterval(timer);
        resolve(-1);
      }, 5_000);
    });
  }, CARD_HOST);
}

export function readCardStopwatch(page: HarnessPage): Promise<number> {
  return page.evaluate(() => (window as unknown as { slHover: Promise<number> }).slHover);
}

/** Whether the card is what the pointer hits at (x, y) (viewport pixels of the page): on top of the page there. */
export function cardIsAt(page: HarnessPage, x: number, y: number): Promise<boolean> {
  return page.evaluate(({ tag, x, y }) => new RegExp(tag).test(document.elementFromPoint(x, y)?.localName ?? ''), { tag: CARD_HOST, x, y });
}

/**
 * Evaluates `source` (a script's text, e.g. axe-core) in the card's frame at the protocol's level,
 * so the extension page's CSP (no eval) does not apply. False when there is no card frame.
 */
export async function loadIntoCard(page: HarnessPage, source: string): Promise<boolean> {
  // Both protocols' evaluate take a string as an expression to run.
  return (await inCard(page, `${source}\n;true` as unknown as PageFunction<undefined, boolean>)) === true;
}

/** Whether an accessibility checker's target (a selector) is the card's host. */
export function targetsCard(target: string): boolean {
  return /(^|[\s>])[a-z]{10}-c\b/.test(target);
}

/** Anything that runs a function in a page (a harness page, or a test's own page wrapper). */
interface Evaluates {
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
}

/** Every card host on the page (an extension reload may leave the old script's): shown or not, and marked old by `markCardHostsOld`. */
export function cardHostStates(page: Evaluates): Promise<{ old: boolean; display: string; visible: boolean }[]> {
  return page.evaluate(
    (tag) =>
      [...document.documentElement.children].filter((el) => new RegExp(tag).test(el.localName)).map((host) => {
        const style = getComputedStyle(host);
        const r = host.getBoundingClientRect();
        return {
          old: host.hasAttribute('data-e2e-old'),
          display: `${style.display} ${style.visibility} ${Math.round(r.width)}x${Math.round(r.height)}`,
          visible: style.display !== 'none' && style.visibility !== 'hidden' && Number(style.opacity) > 0 && r.width > 0 && r.height > 0,
        };
      }),
    CARD_HOST,
  );
}

/** Marks the card hosts now on the page as old (before an extension reload), for `cardHostStates`. */
export function markCardHostsOld(page: Evaluates): Promise<void> {
  return page.evaluate(
    (tag) => [...document.documentElement.children].filter((el) => new RegExp(tag).test(el.localName)).forEach((host) => host.setAttribute('data-e2e-old', '')),
    CARD_HOST,
  );
}

/** Whether the card's own animations (its entrance) have finished: for pictures of the card. */
export async function cardAnimationsDone(page: HarnessPage): Promise<boolean> {
  return (await inCard(page, () => document.getAnimations().every((animation) => animation.playState === 'finished'))) === true;
}
