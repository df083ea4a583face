/**
 * The one way e2e tests look at Syria Lens's card. Tests never query the card's element by name
 * in the page: how the card is hosted (today a closed shadow root on `<syria-lens-card>`) is the
 * extension's business and is meant to change (issue 9: out of the page's reach), so every test
 * goes through these three helpers and only they know where the card lives.
 */
import type { HarnessPage, ShadowContent } from './browsers';

/** The card's host element today. Only this module may use it. */
export const CARD_HOST = 'syria-lens-card';

export interface CardBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The viewport, for layout checks. */
  vw: number;
  vh: number;
}

function hostBox(tag: string): CardBox | null {
  const host = document.querySelector(tag);
  if (!host || getComputedStyle(host).display === 'none') return null;
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

/** The card's text, painted area and background, as the reader sees them; undefined if no card. */
export function readCard(page: HarnessPage): Promise<ShadowContent | undefined> {
  return page.readShadowRoot(CARD_HOST);
}
