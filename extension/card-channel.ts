/**
 * The card channel: how the card host in a page (page/card-host.ts, in the content scripts'
 * isolated world) and the card frame (entrypoints/card, an extension page inside the host's closed
 * shadow root) talk. Never through window.postMessage, which the page can listen to and forge:
 * each side opens a runtime port to the background, named with the same random nonce (the host
 * makes it and puts it in the frame's address, which the page never sees), and the background
 * pairs the two ports and relays between them.
 *
 * The host only names an entity; the background, the extension's privileged part, looks the card
 * up and sends the frame its CardData. So what the frame renders never comes from the page's
 * renderer process. Checked where received: the background validates what both sides send.
 */
import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import type { CardData } from '../core/types';

type Port = Browser.runtime.Port;

const HOST_PORT = 'syria-lens:card-host:';
const FRAME_PORT = 'syria-lens:card-frame:';
/** The card frame's page (entrypoints/card/index.html). */
export const CARD_FRAME_PATH = '/card.html';

/** How large the card may be (the room next to its mark), in CSS pixels. */
export interface CardLimits {
  maxWidth: number;
  maxHeight: number;
  /** A bottom sheet's room kept clear of the page's safe areas (notches, the home indicator). */
  safe?: { right: number; bottom: number; left: number } | undefined;
}

const PIXELS = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100_000));
const LIMITS = v.object({ maxWidth: PIXELS, maxHeight: PIXELS, safe: v.optional(v.object({ right: PIXELS, bottom: PIXELS, left: PIXELS })) });
const GENERATION = v.pipe(v.number(), v.integer(), v.minValue(0));

/** From the host, checked by the background. `show` names the entity; the background adds its card. */
const HOST_MESSAGE = v.variant('type', [
  v.object({
    type: v.literal('show'),
    entity: v.pipe(v.string(), v.maxLength(200)),
    generation: GENERATION,
    sources: v.boolean(),
    /** The direction of the text the name is in (a card in right-to-left text is laid out so). */
    dir: v.optional(v.literal('rtl')),
    /** A bottom sheet (a phone): the card as wide as the frame. */
    sheet: v.boolean(),
    limits: LIMITS,
  }),
  v.object({ type: v.literal('limits'), limits: LIMITS }),
  v.object({ type: v.literal('hide') }),
  v.object({ type: v.literal('focus') }),
]);
export type HostMessage = v.InferOutput<typeof HOST_MESSAGE>;

/** From the frame, checked by the background and passed on to the host as they are. */
const FRAME_MESSAGE = v.variant('type', [
  /** The card of `generation` is rendered and this large (border box, CSS pixels). */
  v.object({ type: v.literal('size'), generation: GENERATION, width: PIXELS, height: PIXELS }),
  v.object({ type: v.literal('pinned'), pinned: v.boolean() }),
  /** The card's close button, or Escape in the card. */
  v.object({ type: v.literal('close') }),
  /** The pointer came onto (or left) the card: the page no longer sees it move. */
  v.object({ type: v.literal('pointer'), inside: v.boolean() }),
]);
export type FrameMessage = v.InferOutput<typeof FRAME_MESSAGE>;

/** What the background sends the frame. */
export type ToFrame =
  | { type: 'show'; card: CardData; generation: number; sources: boolean; dir?: 'rtl' | undefined; sheet: boolean; limits: CardLimits }
  | { type: 'limits'; limits: CardLimits }
  | { type: 'hide' }
  | { type: 'focus' };

/** A nonce: 128 random bits in hex. */
const NONCE = /^[0-9a-f]{32}$/;

/** (Not crypto.randomUUID: a page on plain http is no secure context, and it is missing there.) */
export function newNonce(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The host's end: a port the background pairs with the frame that carries `nonce`. */
export function connectCardHost(nonce: string): Port {
  return browser.runtime.connect({ name: HOST_PORT + nonce });
}

/** The frame's end (the nonce comes from its own address). */
export function connectCardFrame(nonce: string): Port {
  return browser.runtime.connect({ name: FRAME_PORT + nonce });
}

/** The frame's address for `nonce`. Untyped getURL: WXT types it from pages already built. */
export function cardFrameUrl(nonce: string): string {
  return `${(browser.runtime.getURL as (path: string) => string)(CARD_FRAME_PATH)}#${nonce}`;
}

interface Pair {
  host?: Port;
  frame?: Port;
  /** What the host sent before its frame connected, for the frame. */
  pending: ToFrame[];
}

/** Whether `port` comes from the card frame page of this extension (not from a web page). */
function fromCardFrame(port: Port): boolean {
  const url = port.sender?.url;
  if (!url || port.sender?.id !== browser.runtime.id) return false;
  try {
    const at = new URL(url);
    // Chromium may use a per-session dynamic id for the frame's address (use_dynamic_url).
    const own = new URL((browser.runtime.getURL as (path: string) => string)(CARD_FRAME_PATH));
    return at.protocol === own.protocol && at.pathname === CARD_FRAME_PATH;
  } catch {
    return false;
  }
}

/**
 * The background: pairs host and frame ports and relays between them until either goes away (then
 * the other is disconnected too). `cardFor` looks up the card a `show` names.
 */
export function relayCardChannel(cardFor: (entity: string) => Promise<CardData | null>): void {
  const pairs = new Map<string, Pair>();
  const toFrame = (pair: Pair, message: ToFrame) => {
    if (pair.frame) safePost(pair.frame, message);
    else if (pair.pending.push(message) > 20) pair.pending.shift();
  };
  browser.runtime.onConnect.addListener((port) => {
    const host = port.name.startsWith(HOST_PORT);
    if (!host && !port.name.startsWith(FRAME_PORT)) return;
    const nonce = port.name.slice((host ? HOST_PORT : FRAME_PORT).length);
    const tabId = port.sender?.tab?.id;
    let pair = pairs.get(nonce);
    const refuse = (reason: string) => {
      console.warn(`Syria Lens: refused a card port: ${reason}`);
      port.disconnect();
    };
    if (!NONCE.test(nonce)) return refuse('no nonce');
    if (host ? pair?.host : pair?.frame || !pair?.host) return refuse('not a pair');
    if (!host && !fromCardFrame(port)) return refuse('not the card frame');
    if (tabId === undefined && host) return refuse('not in a tab');
    pair ??= { pending: [] };
    const other = host ? pair.frame : pair.host;
    const otherTab = other?.sender?.tab?.id;
    if (other && otherTab !== undefined && tabId !== undefined && otherTab !== tabId) return refuse('another tab');
    pairs.set(nonce, pair);
    const current = pair;
    if (host) current.host = port;
    else {
      current.frame = port;
      for (const message of current.pending.splice(0)) safePost(port, message);
    }
    let order = Promise.resolve();
    port.onMessage.addListener((message: unknown) => {
      const parsed = v.safeParse(host ? HOST_MESSAGE : FRAME_MESSAGE, message);
      if (!parsed.success) return console.warn('Syria Lens: ignored a card message', message);
      if (!host) {
        if (current.host) safePost(current.host, parsed.output);
        return;
      }
      const request = parsed.output as HostMessage;
      // In order: a `hide` sent while a card was looked up must still come after its `show`.
      order = order.then(async () => {
        if (request.type !== 'show') return toFrame(current, request);
        const card = await cardFor(request.entity).catch(() => null);
        const { generation, sources, dir, sheet, limits } = request;
        toFrame(current, card ? { type: 'show', card, generation, sources, dir, sheet, limits } : { type: 'hide' });
      });
    });
    port.onDisconnect.addListener(() => {
      if (pairs.get(nonce) !== current) return;
      pairs.delete(nonce);
      const remaining = host ? current.frame : current.host;
      if (remaining) safeDisconnect(remaining);
    });
  });
}

function safePost(port: Port, message: unknown): void {
  try {
    port.postMessage(message);
  } catch {
    // The other end went away; its onDisconnect cleans up.
  }
}

function safeDisconnect(port: Port): void {
  try {
    port.disconnect();
  } catch {
    // Already gone.
  }
}
