/**
 * The message protocol (extension/messages.ts) against a small in-memory stand-in for the
 * browser's messaging, written here: runtime.sendMessage / tabs.sendMessage deliver to the
 * onMessage listeners as the polyfill does (a listener answers with a Promise), and
 * tabs.connect / runtime.onConnect make pairs of ports.
 */
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (message: unknown, sender: unknown) => Promise<unknown> | undefined;

interface FakePort {
  name: string;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(l: (m: unknown) => void): void };
  onDisconnect: { addListener(l: () => void): void };
}

const fake = vi.hoisted(() => {
  const messageListeners = new Set<Listener>();
  const connectListeners = new Set<(port: FakePort) => void>();

  /** What the polyfill does: the first listener that returns a Promise answers. */
  async function deliver(message: unknown, sender: unknown): Promise<unknown> {
    // Messages are structured-cloned between contexts.
    const copy: unknown = message === undefined ? undefined : JSON.parse(JSON.stringify(message));
    for (const listener of messageListeners) {
      const answer = listener(copy, sender);
      if (answer) return answer;
    }
    throw new Error('Could not establish connection. Receiving end does not exist.');
  }

  function portPair(name: string): [FakePort, FakePort] {
    const ends = [0, 1].map(() => ({ message: new Set<(m: unknown) => void>(), disconnect: new Set<() => void>(), open: true }));
    const make = (mine: number): FakePort => {
      const other = ends[1 - mine]!;
      return {
        name,
        postMessage: (m) => {
          if (!ends[mine]!.open) throw new Error('Attempting to use a disconnected port object');
          const copy: unknown = JSON.parse(JSON.stringify(m));
          queueMicrotask(() => other.message.forEach((l) => l(copy)));
        },
        disconnect: () => {
          if (!ends[mine]!.open) return;
          ends[0]!.open = ends[1]!.open = false;
          // Only the other end hears about it, as in the browsers.
          queueMicrotask(() => other.disconnect.forEach((l) => l()));
        },
        onMessage: { addListener: (l) => ends[mine]!.message.add(l) },
        onDisconnect: { addListener: (l) => ends[mine]!.disconnect.add(l) },
      };
    };
    return [make(0), make(1)];
  }

  const browser = {
    runtime: {
      sendMessage: (message: unknown) => deliver(message, { id: 'ext', tab: { id: 7 }, frameId: 2 }),
      onMessage: { addListener: (l: Listener) => messageListeners.add(l), removeListener: (l: Listener) => messageListeners.delete(l) },
      onConnect: {
        addListener: (l: (port: FakePort) => void) => connectListeners.add(l),
        removeListener: (l: (port: FakePort) => void) => connectListeners.delete(l),
      },
    },
    tabs: {
      sendMessage: (_tabId: number, message: unknown) => deliver(message, { id: 'ext' }),
      connect: (_tabId: number, { name }: { name: string }) => {
        const [popupEnd, pageEnd] = portPair(name);
        // Nobody listens (no content script): the popup's end hears a disconnect at once.
        if (connectListeners.size === 0) queueMicrotask(() => pageEnd.disconnect());
        else queueMicrotask(() => connectListeners.forEach((l) => l(pageEnd)));
        return popupEnd;
      },
    },
  };
  return { browser, messageListeners, connectListeners };
});

vi.mock('wxt/browser', () => ({ browser: fake.browser }));

const messages = await import('../../extension/messages');
const {
  DETECT_LANGUAGE_MAX,
  PAGE_REQUEST,
  answerBackgroundRequests,
  answerPageRequests,
  askBackground,
  askPage,
  followPageState,
  publishPageState,
  readPageRequest,
} = messages;
type BackgroundHandlers = import('../../extension/messages').BackgroundHandlers;
type PageState = import('../../extension/messages').PageState;

const STATE: PageState = { host: 'news.example', active: true, counts: { assad: 3, aleppo: 1 }, total: 4 };

function backgroundHandlers(overrides: Partial<BackgroundHandlers> = {}): BackgroundHandlers {
  return {
    'lens-config': () => {
      throw new Error('not in this test');
    },
    card: ({ entity }) => (entity === 'assad' ? { entity: { id: 'assad', name: 'Bashar al-Assad', kind: 'person', description: '', aliases: [] }, backgrounds: [], related: [] } : null),
    'mark-css': () => {},
    'load-card-ui': (_request, sender) => sender.frameId === 2,
    'mentions-changed': () => {},
    'open-briefing': () => {},
    'detect-language': ({ text }) => (text.startsWith('Der') ? 'de' : undefined),
    ...overrides,
  };
}

let warn: { mock: { calls: unknown[][] }; mockRestore(): void };
beforeEach(() => {
  fake.messageListeners.clear();
  fake.connectListeners.clear();
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => warn.mockRestore());

describe('to the background', () => {
  it('answers a valid request with the handler for its type, which gets the sender', async () => {
    answerBackgroundRequests(backgroundHandlers());
    expect(await askBackground({ type: 'card', entity: 'assad' })).toMatchObject({ entity: { name: 'Bashar al-Assad' } });
    expect(await askBackground({ type: 'card', entity: 'nobody' })).toBeNull();
    expect(await askBackground({ type: 'load-card-ui' })).toBe(true);
    expect(await askBackground({ type: 'detect-language', text: 'Der Krieg in Syrien' })).toBe('de');
    expect(await askBackground({ type: 'detect-language', text: 'x' })).toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });

  it.each([
    ['an unknown type', { type: 'delete-everything' }, /type: Invalid type: Expected \("lens-config" \| "card" \| "mark-css" \|/],
    ['no type', { entity: 'assad' }, /type: Invalid type: Expected \("lens-config" .* but received undefined$/],
    ['a field of the wrong type', { type: 'card', entity: 42 }, /entity: Invalid type: Expected string but received 42/],
    ['a negative count', { type: 'mentions-changed', total: -1, active: true }, /total: Invalid value: Expected >=0 but received -1/],
    ['not an object', 'card', /Invalid type: Expected Object but received "card"/],
    ['a page address that is not text', { type: 'lens-config', url: ['x'], signals: { jsonLd: [], hostname: 'a' }, timeOrigin: 1 }, /url: Invalid type/],
    ['a time origin that is no time', { type: 'lens-config', url: 'https://a.example/', signals: { jsonLd: [], hostname: 'a' }, timeOrigin: -5 }, /timeOrigin: Invalid value: Expected >=0 but received -5/],
    ['text to detect that is too long', { type: 'detect-language', text: 'x'.repeat(DETECT_LANGUAGE_MAX + 1) }, /text: Invalid length/],
  ])('refuses %s, logging why and rejecting the sender', async (_what, message, reason) => {
    const handlers = backgroundHandlers({ card: vi.fn(() => null), 'mentions-changed': vi.fn() });
    answerBackgroundRequests(handlers);
    await expect(fake.browser.runtime.sendMessage(message)).rejects.toThrow(reason);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/^Syria Lens: the background refused a message: /);
    expect(String(warn.mock.calls[0]![0])).toMatch(reason);
    expect(warn.mock.calls[0]![1]).toEqual(message);
    expect(handlers.card).not.toHaveBeenCalled();
    expect(handlers['mentions-changed']).not.toHaveBeenCalled();
  });

  it('drops fields a request does not have before the handler sees it', async () => {
    const card = vi.fn(() => null);
    answerBackgroundRequests(backgroundHandlers({ card }));
    await fake.browser.runtime.sendMessage({ type: 'card', entity: 'assad', __proto__: { polluted: true }, extra: '<img>' });
    expect(card).toHaveBeenCalledWith({ type: 'card', entity: 'assad' }, expect.anything());
  });

  it('a handler that throws rejects the sender instead of leaving it waiting', async () => {
    answerBackgroundRequests(backgroundHandlers({ 'open-briefing': () => Promise.reject(new Error('no tab')) }));
    await expect(askBackground({ type: 'open-briefing', briefingId: 'b', sentence: 's' })).rejects.toThrow('no tab');
  });
});

describe('to a page', () => {
  const pageHandlers = () => ({ 'get-page-state': () => STATE, 'reveal-mention': vi.fn(({ direction }: { direction?: 1 | -1 }) => direction !== -1) });

  it('answers get-page-state and reveal-mention, and the asker checks the answers', async () => {
    const handlers = pageHandlers();
    answerPageRequests(handlers, new AbortController().signal);
    expect(await askPage(1, { type: 'get-page-state' })).toEqual(STATE);
    expect(await askPage(1, { type: 'reveal-mention', entity: 'assad', direction: -1 })).toBe(false);
    expect(handlers['reveal-mention']).toHaveBeenCalledWith({ type: 'reveal-mention', entity: 'assad', direction: -1 });
  });

  it('refuses what is not a page request, with the reason logged', async () => {
    answerPageRequests(pageHandlers(), new AbortController().signal);
    await expect(fake.browser.tabs.sendMessage(1, { type: 'reveal-mention', direction: 2 })).rejects.toThrow(/"direction" must be 1 or -1$/);
    await expect(fake.browser.tabs.sendMessage(1, { type: 'card', entity: 'x' })).rejects.toThrow(/unknown type$/);
    // The log says why, and shows the message itself.
    expect(warn.mock.calls).toEqual([
      ['Syria Lens: the page refused a message: "direction" must be 1 or -1', { type: 'reveal-mention', direction: 2 }],
      ['Syria Lens: the page refused a message: unknown type', { type: 'card', entity: 'x' }],
    ]);
  });

  it('an answer that is not a PageState is an error for the asker', async () => {
    answerPageRequests({ 'get-page-state': () => ({ ...STATE, total: 'many' }) as never, 'reveal-mention': () => true }, new AbortController().signal);
    await expect(askPage(1, { type: 'get-page-state' })).rejects.toThrow(/a page's answer is not valid: total: Invalid type/);
  });

  it('stops answering when its signal aborts', async () => {
    const stop = new AbortController();
    answerPageRequests(pageHandlers(), stop.signal);
    stop.abort();
    await expect(askPage(1, { type: 'get-page-state' })).rejects.toThrow(/Receiving end does not exist/);
  });

  it("readPageRequest accepts and refuses exactly what the PAGE_REQUEST schema does, with the same result", () => {
    const candidates: unknown[] = [
      { type: 'get-page-state' },
      { type: 'get-page-state', extra: 1 },
      { type: 'reveal-mention' },
      { type: 'reveal-mention', entity: 'assad' },
      { type: 'reveal-mention', direction: 1 },
      { type: 'reveal-mention', direction: -1, entity: 'hama', junk: [1] },
      { type: 'reveal-mention', entity: undefined, direction: undefined },
      { type: 'reveal-mention', direction: 0 },
      { type: 'reveal-mention', direction: '1' },
      { type: 'reveal-mention', direction: null },
      { type: 'reveal-mention', entity: 3 },
      { type: 'reveal-mention', entity: null },
      { type: 'Get-Page-State' },
      { type: 'card', entity: 'x' },
      { entity: 'x' },
      {},
      [],
      ['get-page-state'],
      null,
      undefined,
      'get-page-state',
      42,
    ];
    for (const candidate of candidates) {
      const schema = v.safeParse(PAGE_REQUEST, candidate);
      const guard = readPageRequest(candidate);
      expect(guard.ok, JSON.stringify(candidate)).toBe(schema.success);
      if (guard.ok && schema.success) expect(guard.request, JSON.stringify(candidate)).toStrictEqual(schema.output);
    }
  });
});

describe('the popup follows a page', () => {
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('gets the state on connecting and each time the page publishes, checked', async () => {
    let state: PageState = { ...STATE, total: 0, counts: {} };
    const publish = publishPageState(() => state, new AbortController().signal);
    const seen: PageState[] = [];
    const gone = vi.fn();
    followPageState(3, (s) => seen.push(s), gone, new AbortController().signal);
    await flush();
    state = STATE;
    publish();
    await flush();
    expect(seen).toEqual([{ ...STATE, total: 0, counts: {} }, STATE]);
    expect(gone).not.toHaveBeenCalled();
  });

  it('a state that is not valid is ignored and logged', async () => {
    const publish = publishPageState(() => ({ ...STATE, counts: { assad: -3 } }), new AbortController().signal);
    const seen = vi.fn();
    followPageState(3, seen, () => {}, new AbortController().signal);
    await flush();
    publish();
    await flush();
    expect(seen).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^Syria Lens: ignored a page state that is not valid: counts\.assad/));
  });

  it('hears when the page goes (its script stops), and when there is none', async () => {
    const page = new AbortController();
    publishPageState(() => STATE, page.signal);
    const gone = vi.fn();
    followPageState(3, () => {}, gone, new AbortController().signal);
    await flush();
    page.abort();
    await flush();
    expect(gone).toHaveBeenCalledTimes(1);
    expect(fake.connectListeners.size).toBe(0);

    const none = vi.fn();
    followPageState(4, () => {}, none, new AbortController().signal);
    await flush();
    expect(none).toHaveBeenCalledTimes(1);
  });

  it('a popup that stops following is not told the page went', async () => {
    publishPageState(() => STATE, new AbortController().signal);
    const popup = new AbortController();
    const gone = vi.fn();
    followPageState(3, () => {}, gone, popup.signal);
    await flush();
    popup.abort();
    await flush();
    expect(gone).not.toHaveBeenCalled();
  });
});
