/**
 * The card UI (the card host and its frame, Floating UI, the open card's state) is the heavy part
 * of the page side and most pages are read without hovering a single name. So it is not in the
 * content script: the background injects it into the frame on first need (`load-card-ui`), and
 * it registers itself here, in the content scripts' own isolated global (never visible to the page).
 * It also brings the fallback painter, for the rare browser without the CSS Highlight API.
 */
import type { MarkStyle } from '../core/types';
import type { CardSession, CardSessionOptions } from './card-session';
import type { Painter } from './paint';

export interface CardUi {
  createCardSession(options: CardSessionOptions): CardSession;
  /** The painter that wraps marks in elements (page/paint.ts WrapPainter). */
  createWrapPainter(doc: Document, style: MarkStyle): Painter;
}

const KEY = Symbol.for('syria-lens.card-ui');

type WithCardUi = typeof globalThis & { [KEY]?: CardUi };

export function registerCardUi(ui: CardUi): void {
  (globalThis as WithCardUi)[KEY] = ui;
}

/**
 * The card UI: asks for it to be injected (`inject`) unless it is there already. The injection
 * resolves once the script has run in this frame, so it has registered itself by then.
 */
export async function loadCardUi(inject: () => Promise<unknown>): Promise<CardUi> {
  const registered = () => (globalThis as WithCardUi)[KEY];
  if (!registered()) await inject();
  const ui = registered();
  if (!ui) throw new Error('Syria Lens: the card UI did not load');
  return ui;
}
