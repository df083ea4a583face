// @vitest-environment happy-dom
/**
 * The card host (page/card-host.ts: one attribute-less element on the page, an iframe of the card
 * frame in its closed shadow root, talking to the frame through the background) and the card
 * session (page/card-session.ts: which card is open, pinned, where focus goes back). The channel
 * is replaced by a fake port; the frame's side is played by the test. The host's shadow root is
 * closed to the page; to read it, the test records the roots it makes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CardData, Entity } from '../../core/types';
import type { FrameMessage, HostMessage } from '../../extension/card-channel';
import { CardHost } from '../../page/card-host';
import { CardSession } from '../../page/card-session';
import { cardHostName } from '../../core/mark-names';

/** The host's name for this test's document token. */
const CARD_TAG = cardHostName('abcdefghij');
import type { Mark } from '../../page/paint';

interface FakePort {
  sent: HostMessage[];
  connected: boolean;
  receive(message: FrameMessage): void;
  drop(): void;
}

const ports: FakePort[] = [];

vi.mock('../../extension/card-channel', () => ({
  newNonce: () => '0123456789abcdef0123456789abcdef',
  cardFrameUrl: () => 'about:blank',
  connectCardHost: () => {
    const onMessage: ((message: FrameMessage) => void)[] = [];
    const onDisconnect: (() => void)[] = [];
    const fake: FakePort = {
      sent: [],
      connected: true,
      receive: (message) => onMessage.forEach((listener) => listener(message)),
      drop: () => onDisconnect.forEach((listener) => listener()),
    };
    ports.push(fake);
    return {
      postMessage: (message: HostMessage) => fake.sent.push(message),
      disconnect: () => (fake.connected = false),
      onMessage: { addListener: (listener: (message: FrameMessage) => void) => onMessage.push(listener) },
      onDisconnect: { addListener: (listener: () => void) => onDisconnect.push(listener) },
    };
  },
}));

const assad: Entity = { id: 'assad', name: 'Bashar al-Assad', kind: 'person', description: 'Former president of Syria.', aliases: [{ text: 'Assad' }] };
const cards: Record<string, CardData> = { assad: { entity: assad, backgrounds: [], related: [] } };

let roots: ShadowRoot[];
let controller: AbortController;
const attach = Element.prototype.attachShadow;

beforeEach(() => {
  document.body.innerHTML = '<p>Bashar al-Assad fled.</p><button id="page-button">Page</button>';
  roots = [];
  ports.length = 0;
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
const anchor = { rect: () => new DOMRect(10, 10, 80, 18), contextElement: undefined };
const events = () => ({ hostName: CARD_TAG, onClose: vi.fn(), onPinned: vi.fn() });
const lastShow = (port: FakePort) => port.sent.filter((m) => m.type === 'show').at(-1) as Extract<HostMessage, { type: 'show' }>;

describe('CardHost', () => {
  it('load adds one element without attributes, an iframe without src in its closed shadow root', () => {
    const cardHost = new CardHost(document, controller.signal, events());
    expect(host()).toBeNull(); // nothing until the first hover intent
    cardHost.load();
    expect(document.querySelectorAll(CARD_TAG)).toHaveLength(1);
    expect(host()!.parentNode).toBe(document.documentElement);
    expect(host()!.attributes).toHaveLength(0);
    expect(host()!.shadowRoot).toBeNull(); // closed
    expect(shadow().mode).toBe('closed');
    const iframe = shadow().querySelector('iframe')!;
    expect(iframe.hasAttribute('src')).toBe(false);
    expect(iframe.title).not.toBe('');
    expect(shadow().adoptedStyleSheets).toHaveLength(2); // its look, and where it is
    expect(ports).toHaveLength(1);
    expect(cardHost.isOpen).toBe(false);
  });

  it('names the entity to the frame and shows only once the frame has rendered that card', async () => {
    const cardHost = new CardHost(document, controller.signal, events());
    void cardHost.show('assad', true, undefined, anchor);
    const port = ports[0]!;
    const show = lastShow(port);
    expect(show).toMatchObject({ type: 'show', entity: 'assad', sources: true });
    expect(show.limits.maxWidth).toBeGreaterThan(0);
    port.receive({ type: 'size', generation: show.generation - 1, width: 300, height: 200 }); // an older card
    await flush();
    expect(cardHost.isOpen).toBe(false);
    port.receive({ type: 'size', generation: show.generation, width: 300, height: 200 });
    await flush();
    await flush();
    expect(cardHost.isOpen).toBe(true);
    expect(host()!.attributes).toHaveLength(0); // placed by rules inside the shadow root
    cardHost.hide();
    expect(cardHost.isOpen).toBe(false);
    expect(port.sent.at(-1)).toEqual({ type: 'hide' });
    expect(document.querySelectorAll(CARD_TAG)).toHaveLength(1); // kept for the next card
  });

  it('renders the card the pointer rests on out of sight; show then places it without asking again', async () => {
    const cardHost = new CardHost(document, controller.signal, events());
    cardHost.prepare('assad', true, 'rtl', anchor);
    const port = ports[0]!;
    const show = lastShow(port);
    expect(show).toMatchObject({ type: 'show', entity: 'assad', sources: true, dir: 'rtl', sheet: false });
    port.receive({ type: 'size', generation: show.generation, width: 300, height: 200 });
    await flush();
    expect(cardHost.isOpen).toBe(false); // rendered, not shown
    const shown = cardHost.show('assad', true, 'rtl', anchor);
    await shown;
    expect(cardHost.isOpen).toBe(true);
    expect(port.sent.filter((m) => m.type === 'show')).toHaveLength(1);
    // While a card shows, the frame keeps it: nothing else is rendered ahead.
    cardHost.prepare('hama', true, undefined, anchor);
    expect(port.sent.filter((m) => m.type === 'show')).toHaveLength(1);
    // Another card than the one prepared is asked for.
    cardHost.hide();
    cardHost.prepare('assad', true, undefined, anchor);
    void cardHost.show('hama', false, undefined, anchor);
    expect(lastShow(port)).toMatchObject({ entity: 'hama', sources: false });
  });

  it('on a narrow viewport the card is a bottom sheet as wide as the viewport', async () => {
    const width = window.innerWidth;
    Object.defineProperty(window, 'innerWidth', { configurable: true, value: 400 });
    try {
      const cardHost = new CardHost(document, controller.signal, events());
      const shown = cardHost.show('assad', false, undefined, anchor);
      const port = ports[0]!;
      expect(lastShow(port)).toMatchObject({ sheet: true, limits: { maxWidth: 400 } });
      // The page's safe areas, measured in the host (the frame has none of its own).
      expect(lastShow(port).limits.safe).toEqual({ right: 0, bottom: 0, left: 0 });
      port.receive({ type: 'size', generation: lastShow(port).generation, width: 400, height: 250 });
      await shown;
      expect(cardHost.isOpen).toBe(true);
    } finally {
      Object.defineProperty(window, 'innerWidth', { configurable: true, value: width });
    }
  });

  it('passes on the pin, close and pointer of the frame', () => {
    const handlers = events();
    const cardHost = new CardHost(document, controller.signal, handlers);
    cardHost.load();
    const port = ports[0]!;
    port.receive({ type: 'pinned', pinned: true });
    expect(handlers.onPinned).toHaveBeenCalledWith(true);
    port.receive({ type: 'close' });
    expect(handlers.onClose).toHaveBeenCalledTimes(1);
    port.receive({ type: 'pointer', inside: true });
    expect(cardHost.hasPointer).toBe(false); // no card showing
  });

  it('starts afresh when the frame goes away, and leaves the page when its signal aborts', () => {
    const cardHost = new CardHost(document, controller.signal, events());
    cardHost.load();
    ports[0]!.drop();
    expect(host()).toBeNull();
    expect(ports[0]!.connected).toBe(false);
    void cardHost.show('assad', false, undefined, anchor);
    expect(ports).toHaveLength(2);
    expect(host()).not.toBeNull();
    controller.abort();
    expect(host()).toBeNull();
    expect(ports[1]!.connected).toBe(false);
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
    const s = new CardSession({ doc: document, hostName: CARD_TAG, signal: controller.signal, card, requestClose, ...overrides });
    return { s, card, requestClose };
  }

  it('loads the frame when made, shows a known card, follows pin and close', async () => {
    const { s, requestClose } = session();
    expect(ports).toHaveLength(1);
    void s.show(mark(), { x: 20, y: 15 });
    await flush();
    const port = ports[0]!;
    expect(lastShow(port)).toMatchObject({ entity: 'assad', sources: false });
    port.receive({ type: 'pinned', pinned: true });
    expect(s.isPinned).toBe(true);
    port.receive({ type: 'close' });
    expect(requestClose).toHaveBeenCalledTimes(1);
    s.hide();
    expect(s.isPinned).toBe(false);
  });

  it('a card that arrives after it was hidden is not shown', async () => {
    let release!: (card: CardData) => void;
    const { s } = session({ card: () => new Promise((resolve) => (release = resolve)) });
    const showing = s.show(mark(), { x: 20, y: 15 });
    s.hide();
    release(cards.assad!);
    await showing;
    expect(ports[0]!.sent.some((m) => m.type === 'show')).toBe(false);
  });

  it('opened from the keyboard, focus goes into the card once it shows', async () => {
    const { s } = session();
    const pageButton = document.getElementById('page-button')!;
    pageButton.focus();
    const shown = s.show(mark(), { x: 20, y: 15 }, pageButton);
    await flush();
    const port = ports[0]!;
    expect(port.sent.some((m) => m.type === 'focus')).toBe(false); // not before it shows
    port.receive({ type: 'size', generation: lastShow(port).generation, width: 300, height: 200 });
    await shown;
    expect(port.sent.at(-1)).toEqual({ type: 'focus' });
  });

  it('opened by the pointer, it leaves focus alone', async () => {
    const { s } = session();
    const pageButton = document.getElementById('page-button')!;
    pageButton.focus();
    const shown = s.show(mark(), { x: 20, y: 15 });
    await flush();
    const port = ports[0]!;
    port.receive({ type: 'size', generation: lastShow(port).generation, width: 300, height: 200 });
    await shown;
    expect(port.sent.some((m) => m.type === 'focus')).toBe(false);
    expect(document.activeElement).toBe(pageButton);
  });
});
