/**
 * The card UI (Preact, Floating UI, the card's styles, the open card's state) is the heavy part
 * of the page side and most pages are read without hovering a single name. So it is not in the
 * content script: the background injects it into the frame on first need (`load-card-ui`), and
 * it registers itself here, in the content scripts' own isolated global (never visible to the page).
 */
import type { CardSession, CardSessionOptions } from './card-session';

export interface CardUi {
  createCardSession(options: CardSessionOptions): CardSession;
}

const KEY = Symbol.for('syria-lens.card-ui');

/** The registered UI, and who is waiting for it. */
interface Slot {
  ui?: CardUi;
  waiting: Set<(ui: CardUi) => void>;
}

function slot(): Slot {
  const global = globalThis as typeof globalThis & { [KEY]?: Slot };
  return (global[KEY] ??= { waiting: new Set() });
}

export function registerCardUi(ui: CardUi): void {
  const s = slot();
  s.ui = ui;
  for (const resolve of s.waiting) resolve(ui);
  s.waiting.clear();
}

/**
 * Resolves once the card UI is registered: asks for it to be injected (`inject`) unless it is
 * there already, and waits for it to register itself, for at most `timeoutMs`.
 */
export async function loadCardUi(inject: () => Promise<unknown>, timeoutMs = 5000): Promise<CardUi> {
  const s = slot();
  if (s.ui) return s.ui;
  let resolve!: (ui: CardUi) => void;
  const registered = new Promise<CardUi>((done) => (resolve = done));
  s.waiting.add(resolve);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('Syria Lens: the card UI did not load')), timeoutMs);
  });
  try {
    await inject();
    return await Promise.race([registered, deadline]);
  } finally {
    clearTimeout(timer);
    s.waiting.delete(resolve);
  }
}
