/**
 * The card frame (`/card.html`): renders the card (components/Card.tsx with card.css) inside an
 * extension page that the card host embeds in a page. The page cannot read, find, select, change
 * or click anything here: this document is of the extension's origin, not the page's.
 *
 * It talks to its host only through the background (extension/card-channel.ts), paired by the
 * nonce in its own address; it reports its size, pin state, close requests and whether the
 * pointer is on it. Related names and the source briefing it asks the background for itself.
 */
import '../../components/card.css';
import './frame.css';
import { render } from 'preact';
import { Card } from '../../components/Card';
import type { CardData } from '../../core/types';
import { connectCardFrame, type CardLimits, type FrameMessage, type ToFrame } from '../../extension/card-channel';
import { startExtensionPage } from '../../extension/i18n';
import { askBackground } from '../../extension/messages';

startExtensionPage();

// Only the reader acts on the card: events made up by a script never reach its handlers (nothing
// but this page can dispatch them here, and it does not; this keeps it so).
for (const type of ['click', 'keydown', 'keyup', 'pointerdown', 'pointerup', 'mousedown', 'mouseup', 'input'] as const) {
  window.addEventListener(
    type,
    (event) => {
      if (!event.isTrusted) event.stopImmediatePropagation();
    },
    { capture: true },
  );
}

const root = document.getElementById('app')!;
const port = connectCardFrame(location.hash.slice(1));
const post = (message: FrameMessage) => {
  try {
    port.postMessage(message);
  } catch {
    // The host went away: this frame goes with it.
  }
};

let shown: { card: CardData; generation: number; sources: boolean; dir: 'rtl' | undefined } | null = null;
let pinned = false;

function setLimits({ maxWidth, maxHeight, safe }: CardLimits): void {
  const style = document.documentElement.style;
  style.setProperty('--sl-card-max-inline-size', `${Math.floor(maxWidth)}px`);
  style.setProperty('--sl-card-max-block-size', `${Math.floor(maxHeight)}px`);
  for (const side of ['right', 'bottom', 'left'] as const) {
    if (safe) style.setProperty(`--sl-safe-${side}`, `${Math.ceil(safe[side])}px`);
    else style.removeProperty(`--sl-safe-${side}`);
  }
}

function draw(): void {
  if (!shown) {
    render(null, root);
    return;
  }
  const { card, generation, sources, dir } = shown;
  render(
    <Card
      key={generation}
      card={card}
      dir={dir}
      pinned={pinned}
      onTogglePin={() => {
        pinned = !pinned;
        post({ type: 'pinned', pinned });
        draw();
        reportSize();
      }}
      onClose={() => post({ type: 'close' })}
      onOpenEntity={(id) => {
        void askBackground({ type: 'card', entity: id }).then((related) => {
          if (!related || shown?.generation !== generation) return;
          shown = { ...shown, card: related };
          draw();
          reportSize();
        });
      }}
      onOpenSource={
        sources
          ? (briefingId, sentence) => {
              askBackground({ type: 'open-briefing', briefingId, sentence }).catch((error: unknown) => console.warn('Syria Lens: could not open the briefing', error));
            }
          : undefined
      }
    />,
    root,
  );
}

// The card's size, for the host, whenever it changes (rendered, expanded, narrowed). Measured at
// once after each render too: a frame that is not shown yet gets no ResizeObserver callbacks.
let lastSize = '';
function reportSize(): void {
  const card = root.querySelector('.sl-card');
  if (!shown || !card) return;
  const rect = card.getBoundingClientRect();
  const size = { width: Math.ceil(rect.width), height: Math.ceil(rect.height) };
  const key = `${shown.generation}:${size.width}x${size.height}`;
  if (key === lastSize) return;
  lastSize = key;
  post({ type: 'size', generation: shown.generation, ...size });
}
const sizes = new ResizeObserver(reportSize);

port.onMessage.addListener((message: ToFrame) => {
  switch (message.type) {
    case 'show':
      setLimits(message.limits);
      shown = { card: message.card, generation: message.generation, sources: message.sources, dir: message.dir };
      pinned = false;
      // card.css lays the card out as a bottom sheet under this class.
      root.className = message.sheet ? 'sl-sheet' : '';
      draw();
      sizes.disconnect();
      lastSize = '';
      if (root.firstElementChild) sizes.observe(root.firstElementChild);
      reportSize();
      break;
    case 'limits':
      setLimits(message.limits);
      reportSize();
      break;
    case 'hide':
      shown = null;
      pinned = false;
      sizes.disconnect();
      draw();
      break;
    case 'focus':
      root.querySelector<HTMLElement>('[role="dialog"]')?.focus();
      break;
  }
});

// The host focuses this frame when the card opened from the keyboard: the card takes it at once,
// before the host's 'focus' message comes round through the background.
window.addEventListener('focus', () => {
  const active = document.activeElement;
  if (shown && (!active || active === document.body)) root.querySelector<HTMLElement>('[role="dialog"]')?.focus();
});

// Escape anywhere in the card's document closes it (focus may be on the document, not the dialog).
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && event.isTrusted && shown && !event.defaultPrevented) post({ type: 'close' });
});

// The page sees the pointer no more while it is over this frame: tell the host when it comes and goes.
let inside = false;
const pointer = (now: boolean) => {
  if (now === inside) return;
  inside = now;
  post({ type: 'pointer', inside });
};
document.addEventListener('pointerover', () => pointer(true), { passive: true });
document.addEventListener('pointermove', () => pointer(true), { passive: true });
document.documentElement.addEventListener('pointerleave', () => pointer(false), { passive: true });
