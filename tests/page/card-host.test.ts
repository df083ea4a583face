// @vitest-environment happy-dom
/**
 * The card host (page/card-host.ts: one element on the page, the card in a closed shadow root)
 * and the card session (page/card-session.ts: which card is open, pinned, where focus goes back).
 * The host's shadow root is closed to the page; to read it, the test records the roots it makes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CardProps } from '../../components/Card';
import type { CardData, Entity } from '../../core/types';
import { CardHost } from '../../page/card-host';
import { CardSession } from '../../page/card-session';
import { CARD_TAG } from '../../page/names';
import type { Mark } from '../../page/paint';

const assad: Entity = { id: 'assad', name: 'Bashar al-Assad', kind: 'person', description: 'Former president of Syria.', aliases: [{ text: 'Assad' }] };
const hama: Entity = { id: 'hama', name: 'Hama', kind: 'place', description: 'City in western Syria.', aliases: [{ text: 'Hama' }] };
const cards: Record<string, CardData> = {
  assad: {
    entity: assad,
    backgrounds: [{ briefingId: 'b', briefingTitle: 'Iran withdraws', sentences: ['Assad fled to Moscow.'] }],
    related: [{ id: 'hama', name: 'Hama' }],
  },
  hama: { entity: hama, backgrounds: [], related: [] },
};

let roots: ShadowRoot[];
let controller: AbortController;
const attach = Element.prototype.attachShadow;

beforeEach(() => {
  document.body.innerHTML = '<p>Bashar al-Assad fled.</p><button id="page-button">Page</button>';
  roots = [];
  Element.prototype.attachShadow = function (init: ShadowRootInit) {
    const root = attach.call(this, init);
    roots.push(root);
    return root;
  };
  controller = new AbortController();
});

afterEach(() => {
  controller.abort();
  Element.prototype.attachShadow = attach;
});

const host = () => document.querySelector<HTMLElement>(CARD_TAG);
const shadow = () => roots[0]!;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function props(card: CardData, overrides: Partial<CardProps> = {}): CardProps {
  return { card, pinned: false, onTogglePin: () => {}, onClose: () => {}, onOpenEntity: () => {}, ...overrides };
}

const anchor = { rect: () => new DOMRect(10, 10, 80, 18), contextElement: undefined };

describe('CardHost', () => {
  it('adds one element on first show, with the card in a closed shadow root styled by its own sheet', () => {
    const cardHost = new CardHost(document, controller.signal);
    expect(host()).toBeNull(); // nothing until a card is shown
    cardHost.show(props(cards.assad!), anchor);
    expect(document.querySelectorAll(CARD_TAG)).toHaveLength(1);
    expect(host()!.parentNode).toBe(document.documentElement);
    expect(host()!.shadowRoot).toBeNull(); // closed: the page cannot reach in
    expect(shadow().mode).toBe('closed');
    expect(shadow().adoptedStyleSheets).toHaveLength(1);
    expect(shadow().querySelector('[role="dialog"] h2')?.textContent).toBe('Bashar al-Assad');
    expect(host()!.style.getPropertyValue('display')).toBe('block');
    expect(host()!.style.getPropertyPriority('display')).toBe('important');
    expect(cardHost.isOpen).toBe(true);
  });

  it('update re-renders in place; hide empties it and keeps the element for next time', () => {
    const cardHost = new CardHost(document, controller.signal);
    cardHost.show(props(cards.assad!), anchor);
    cardHost.update(props(cards.hama!));
    expect(shadow().querySelector('h2')?.textContent).toBe('Hama');
    cardHost.hide();
    expect(cardHost.isOpen).toBe(false);
    expect(host()!.style.getPropertyValue('display')).toBe('none');
    expect(shadow().querySelector('h2')).toBeNull();
    cardHost.show(props(cards.assad!), anchor);
    expect(document.querySelectorAll(CARD_TAG)).toHaveLength(1);
    expect(roots).toHaveLength(1);
  });

  it('knows events from inside the card, and takes focus into the dialog', () => {
    const cardHost = new CardHost(document, controller.signal);
    cardHost.show(props(cards.assad!), anchor);
    let inside = false;
    shadow().addEventListener('pointermove', (event) => (inside = cardHost.contains(event)));
    shadow().querySelector('h2')!.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, composed: true }));
    expect(inside).toBe(true);
    expect(cardHost.contains(new PointerEvent('pointermove'))).toBe(false);
    expect(cardHost.hasFocus()).toBe(false);
    cardHost.focus();
    expect(cardHost.hasFocus()).toBe(true);
    expect(shadow().activeElement?.getAttribute('role')).toBe('dialog');
  });

  it('leaves the page when its signal aborts', () => {
    const cardHost = new CardHost(document, controller.signal);
    cardHost.show(props(cards.assad!), anchor);
    controller.abort();
    expect(host()).toBeNull();
    expect(cardHost.isOpen).toBe(false);
  });
});

describe('CardSession', () => {
  function mark(): Mark {
    const range = document.createRange();
    const text = document.querySelector('p')!.firstChild!;
    range.setStart(text, 0);
    range.setEnd(text, 15);
    return { entity: 'assad', kind: 'person', range, block: document.querySelector('p')! };
  }

  function session(overrides: Partial<ConstructorParameters<typeof CardSession>[0]> = {}) {
    const card = vi.fn((id: string) => Promise.resolve(cards[id] ?? null));
    const requestClose = vi.fn();
    const openSource = vi.fn();
    const s = new CardSession({ doc: document, signal: controller.signal, card, requestClose, openSource, ...overrides });
    return { s, card, requestClose, openSource };
  }

  const button = (label: RegExp) => [...shadow().querySelectorAll('button')].find((b) => label.test(b.getAttribute('aria-label') ?? b.textContent ?? ''))!;

  it('shows the card of a mark, with its pin, close, related names and source', async () => {
    const { s, requestClose, openSource } = session();
    await s.show(mark(), { x: 20, y: 15 });
    expect(shadow().querySelector('h2')?.textContent).toBe('Bashar al-Assad');
    button(/pin/i).click();
    await flush();
    expect(s.isPinned).toBe(true);
    expect(button(/pin/i).getAttribute('aria-pressed')).toBe('true');
    button(/close/i).click();
    expect(requestClose).toHaveBeenCalledTimes(1);
    button(/Iran withdraws/).click();
    expect(openSource).toHaveBeenCalledWith('b', 'Assad fled to Moscow.');
    button(/^Hama$/).click();
    await flush();
    await flush();
    expect(shadow().querySelector('h2')?.textContent).toBe('Hama');
  });

  it('hiding unpins; a card that arrives after it was hidden is not shown', async () => {
    let release!: (card: CardData) => void;
    const { s } = session({ card: () => new Promise((resolve) => (release = resolve)) });
    const showing = s.show(mark(), { x: 20, y: 15 });
    s.hide();
    release(cards.assad!);
    await showing;
    expect(host()?.style.getPropertyValue('display') ?? 'none').toBe('none');
    expect(s.isPinned).toBe(false);
  });

  it('opened from the keyboard, it takes focus and gives it back where it was', async () => {
    const { s } = session();
    const pageButton = document.getElementById('page-button')!;
    pageButton.focus();
    await s.show(mark(), { x: 20, y: 15 }, pageButton);
    expect(s.hasFocus()).toBe(true);
    s.hide();
    expect(document.activeElement).toBe(pageButton);
  });

  it('opened by the pointer, it leaves focus alone', async () => {
    const { s } = session();
    const pageButton = document.getElementById('page-button')!;
    pageButton.focus();
    await s.show(mark(), { x: 20, y: 15 });
    expect(s.hasFocus()).toBe(false);
    expect(document.activeElement).toBe(pageButton);
  });
});
