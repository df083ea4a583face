/**
 * The card UI (Preact, Floating UI, the card's styles) is the heavy part of the page side and
 * most pages are read without hovering a single name. So it is not in the content script: the
 * background injects it into the frame on first need, and it registers itself here, in the
 * content scripts' own isolated global (never visible to the page).
 */
import type { CardHost } from './card-host';

export interface CardUi {
  createCardHost(doc: Document, signal: AbortSignal): CardHost;
}

const KEY = Symbol.for('syria-lens.card-ui');

type WithCardUi = typeof globalThis & { [KEY]?: CardUi };

export function registerCardUi(ui: CardUi): void {
  (globalThis as WithCardUi)[KEY] = ui;
}

/** The registered card UI, or undefined before it is injected. */
export function registeredCardUi(): CardUi | undefined {
  return (globalThis as WithCardUi)[KEY];
}

/**
 * Resolves once the card UI is available: asks for it to be injected (`inject`), then waits
 * for it to register, for at most `timeoutMs`.
 */
export async function loadCardUi(inject: () => Promise<unknown>, timeoutMs = 5000): Promise<CardUi> {
  const ready = registeredCardUi();
  if (ready) return ready;
  await inject();
  const started = Date.now();
  for (;;) {
    const ui = registeredCardUi();
    if (ui) return ui;
    if (Date.now() - started > timeoutMs) throw new Error('Syria Lens: the card UI did not load');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
