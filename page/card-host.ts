/**
 * The card host: where the card shows in a page, out of the page's reach.
 *
 * The card itself is rendered by an extension page, the card frame (entrypoints/card), in an
 * iframe of the extension's own origin: no page script can read, find, select, change or click
 * anything in it (a closed shadow root alone does not hold: Chromium's window.find and
 * Selection.modify read through it, and Firefox hands a page the root from a selection's range).
 * The iframe sits in the closed shadow root of one element without attributes, added to the page
 * the first time a name is hovered; every style of the host comes from a stylesheet inside that
 * root, whose `!important` rules win over any of the page's. The frame is navigated with
 * `location.replace`, never a `src` attribute, so its address (with Firefox's per-install UUID
 * and the nonce) is nowhere in the page's DOM. Host and frame talk through the background
 * (extension/card-channel.ts), never window.postMessage.
 *
 * The host sizes the iframe to the card (the frame reports its size) and positions it next to
 * its mark with Floating UI. It shows a card only once the frame has rendered it. So that this
 * round trip is not paid after the hover delay, the card of the mark the pointer rests on is
 * rendered out of sight while the delay runs (`prepare`), and `show` only places it.
 *
 * On a phone (narrow viewport or coarse pointer) the card is a bottom sheet instead; see
 * core/card-placement.ts for the decision and the geometry.
 */
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import type { Browser } from 'wxt/browser';
import { scrollToKeepVisible, sheetMaxHeight, useSheet } from '../core/card-placement';
import { t } from '../core/i18n';
import { cardFrameUrl, connectCardHost, newNonce, type CardLimits, type FrameMessage, type HostMessage } from '../extension/card-channel';

/** Space between the mark and the card, and kept free around the viewport's edges. */
const GAP_PX = 8;
/** The card's largest size (card.css: 360 × 440). */
const MAX_WIDTH = 360;
const MAX_HEIGHT = 440;

/**
 * The host element's look, inside its closed shadow root. `!important` in a shadow root's sheet
 * wins over the page's rules for the host, `!important` ones included.
 */
const HOST_CSS = `
:host {
  all: initial !important;
  display: none !important;
  position: fixed !important;
  inset: auto !important;
  top: 0 !important;
  left: 0 !important;
  z-index: 2147483647 !important;
  pointer-events: auto !important;
  contain: layout style !important;
  margin: 0 !important;
  padding: 0 !important;
}
.safe-area {
  position: fixed;
  visibility: hidden;
  pointer-events: none;
  padding: env(safe-area-inset-top, 0px) env(safe-area-inset-right, 0px) env(safe-area-inset-bottom, 0px) env(safe-area-inset-left, 0px);
}
iframe {
  all: initial;
  display: block;
  border: 0;
  margin: 0;
  padding: 0;
  width: 0;
  height: 0;
  color-scheme: light dark;
  background: transparent;
  border-radius: 10px;
  box-shadow: 0 6px 24px rgb(0 0 0 / 0.18), 0 1px 3px rgb(0 0 0 / 0.12);
}
`;

type Unwrapped<T> = T & { wrappedJSObject?: T };

/**
 * `shadow.adoptedStyleSheets = sheets`. A Firefox content script sees the page's objects through
 * Xray wrappers, which refuse that array: there it is set on the page's own objects (the root is
 * closed, so the page still cannot reach them).
 */
function adopt(shadow: ShadowRoot, sheets: CSSStyleSheet[]): void {
  const root = (shadow as Unwrapped<ShadowRoot>).wrappedJSObject;
  const win: Unwrapped<Window & typeof globalThis> | null = shadow.ownerDocument.defaultView;
  const pageArray = win?.wrappedJSObject?.Array;
  if (root && pageArray) root.adoptedStyleSheets = pageArray.of(...sheets.map((sheet: Unwrapped<CSSStyleSheet>) => sheet.wrappedJSObject ?? sheet));
  else shadow.adoptedStyleSheets = sheets;
}

export interface Anchor {
  /** The box the card sits next to: the mark's line under the pointer. */
  rect: () => DOMRect;
  /** An element in the mark's scroll context, so the card follows scrolling. */
  contextElement: Element | undefined;
}

export interface CardHostEvents {
  /** The host element's name (core/mark-names.ts `cardHostName`: nothing a page could recognise). */
  hostName: string;
  /** The card's close button or Escape in it. */
  onClose(): void;
  onPinned(pinned: boolean): void;
}

interface Frame {
  host: HTMLElement;
  iframe: HTMLIFrameElement;
  /** Measures the page's safe areas (env() inside the frame gives none). */
  safeArea: HTMLElement;
  port: Browser.runtime.Port;
  /** The host's moving parts (shown or not, where, how large), rewritten by `restyle`. */
  sheet: CSSStyleSheet;
  look: Look;
}

interface Look {
  display: 'none' | 'hidden' | 'shown';
  /** A bottom sheet along the viewport's bottom edge (x and width unused). */
  sheet: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What a card is rendered with: shown again as it is only if all of these are the same. */
interface Rendered {
  entity: string;
  sources: boolean;
  dir: 'rtl' | undefined;
  sheet: boolean;
  generation: number;
  /** The frame has reported this card's size. */
  sized: boolean;
}

export class CardHost {
  private frame: Frame | null = null;
  private stopFollowing: (() => void) | null = null;
  /** Increases with every card rendered: the frame's size reports name the card they are for. */
  private generation = 0;
  /** The card the frame has (or is about to have) rendered, shown or not. */
  private rendered: Rendered | null = null;
  /** The anchor of the card being shown, until the frame has rendered it. */
  private pending: Anchor | null = null;
  private visible = false;
  /** Resolves `show`'s promise once the card is placed (or given up). */
  private settle: (() => void) | null = null;
  /** The card was opened from the keyboard: focus goes into it once it shows. */
  private focusOnShow = false;
  private pointerInside = false;
  private limits: CardLimits = { maxWidth: MAX_WIDTH, maxHeight: MAX_HEIGHT };

  constructor(
    private readonly doc: Document,
    private readonly signal: AbortSignal,
    private readonly events: CardHostEvents,
  ) {
    signal.addEventListener('abort', () => this.destroy(), { once: true });
  }

  get isOpen(): boolean {
    return this.visible && !!this.frame?.host.isConnected;
  }

  /** Whether the pointer is on the card (the page sees no pointer events over the frame). */
  get hasPointer(): boolean {
    return this.visible && this.pointerInside;
  }

  /** Whether an event happened inside the card (events from a closed root retarget to the host). */
  contains(event: Event): boolean {
    return !!this.frame && event.composedPath().includes(this.frame.host);
  }

  /** Adds the host and loads the frame, so that the first card shows without waiting for it. */
  load(): void {
    this.ensureFrame();
  }

  /**
   * The pointer rests on a mark of `entity`: the frame renders its card out of sight, so that
   * `show` has only to place it. Not while a card shows (the frame holds one card at a time).
   */
  prepare(entity: string, sources: boolean, dir: 'rtl' | undefined, anchor: Anchor): void {
    if (this.visible || this.pending) return;
    this.render(entity, sources, dir, anchor);
  }

  /**
   * Shows the card of `entity` next to `anchor` once the frame has rendered it (at once when
   * `prepare` had it rendered). Resolves when it shows, or when it is hidden or replaced first.
   */
  show(entity: string, sources: boolean, dir: 'rtl' | undefined, anchor: Anchor): Promise<void> {
    const frame = this.ensureFrame();
    if (!frame) return Promise.resolve();
    this.stopFollowing?.();
    this.stopFollowing = null;
    this.settle?.();
    const shown = new Promise<void>((resolve) => (this.settle = resolve));
    const rendered = this.rendered;
    const sheet = this.isSheet();
    if (!this.visible && rendered?.entity === entity && rendered.sources === sources && rendered.dir === dir && rendered.sheet === sheet) {
      // Rendered while the pointer rested: placed now, or as soon as the frame reports its size.
      if (rendered.sized) this.follow(anchor);
      else this.pending = anchor;
    } else {
      this.pending = anchor;
      this.render(entity, sources, dir, anchor);
    }
    return shown;
  }

  hide(): void {
    this.generation++;
    this.rendered = null;
    this.focusOnShow = false;
    this.pending = null;
    this.stopFollowing?.();
    this.stopFollowing = null;
    this.pointerInside = false;
    // Firefox keeps focus on a frame that stops showing: let go of it (the session gives it back).
    if (this.hasFocus()) this.frame?.iframe.blur();
    this.send({ type: 'hide' });
    this.setHidden();
  }

  hasFocus(): boolean {
    return !!this.frame && this.doc.activeElement === this.frame.host;
  }

  /** Moves keyboard focus into the card (used when opened from the keyboard). */
  focus(): void {
    if (!this.visible || this.pending) {
      this.focusOnShow = true;
      return;
    }
    this.frame?.iframe.focus();
    this.send({ type: 'focus' });
  }

  private isSheet(): boolean {
    const win = this.doc.defaultView!;
    return useSheet({ width: win.innerWidth, height: win.innerHeight, coarsePointer: win.matchMedia('(pointer: coarse)').matches });
  }

  /** Asks the frame to render the card of `entity` (the background looks it up). */
  private render(entity: string, sources: boolean, dir: 'rtl' | undefined, anchor: Anchor): void {
    if (!this.ensureFrame()) return;
    const sheet = this.isSheet();
    const generation = ++this.generation;
    this.rendered = { entity, sources, dir, sheet, generation, sized: false };
    this.limits = sheet ? this.sheetRoom() : this.roomAround(anchor.rect());
    // A sheet is as wide as the viewport: laid out (out of sight) so that the frame renders the
    // card at that width.
    if (sheet) this.restyle({ sheet: true, display: this.frame!.look.display === 'none' ? 'hidden' : this.frame!.look.display });
    else if (this.frame!.look.sheet) this.restyle({ sheet: false });
    this.send({ type: 'show', entity, generation, sources, dir, sheet, limits: this.limits });
  }

  private send(message: HostMessage): void {
    try {
      this.frame?.port.postMessage(message);
    } catch {
      this.drop();
    }
  }

  private ensureFrame(): Frame | null {
    if (this.signal.aborted) return null;
    if (this.frame) {
      if (!this.frame.host.isConnected) this.doc.documentElement.appendChild(this.frame.host);
      return this.frame;
    }
    const doc = this.doc;
    const win = doc.defaultView!;
    const host = doc.createElement(this.events.hostName);
    const shadow = host.attachShadow({ mode: 'closed' });
    const base = new win.CSSStyleSheet();
    base.replaceSync(HOST_CSS);
    // The moving parts in a sheet of their own, rewritten whole (Firefox does not let a content
    // script reach into the page's CSSRule objects): the host stays without attributes.
    const sheet = new win.CSSStyleSheet();
    adopt(shadow, [base, sheet]);
    const iframe = doc.createElement('iframe');
    // The accessible name of the frame; the card inside keeps its dialog role and name.
    iframe.title = t('extension_name');
    const safeArea = doc.createElement('div');
    safeArea.className = 'safe-area';
    shadow.append(safeArea, iframe);
    doc.documentElement.appendChild(host);
    const nonce = newNonce();
    const port = connectCardHost(nonce);
    const frame: Frame = { host, iframe, safeArea, port, sheet, look: { display: 'none', sheet: false, x: 0, y: 0, width: 0, height: 0 } };
    this.frame = frame;
    port.onMessage.addListener((message: FrameMessage) => this.onFrameMessage(message));
    // The frame went away (navigated by the page, the extension reloaded): start afresh next time.
    port.onDisconnect.addListener(() => {
      if (this.frame === frame) this.drop();
    });
    // Navigated, not given a `src`: the frame's address stays out of the page's DOM.
    iframe.contentWindow?.location.replace(cardFrameUrl(nonce));
    return frame;
  }

  private onFrameMessage(message: FrameMessage): void {
    const frame = this.frame;
    if (!frame) return;
    switch (message.type) {
      case 'size': {
        const rendered = this.rendered;
        if (!rendered || message.generation !== rendered.generation) return;
        rendered.sized = true;
        this.restyle({ width: message.width, height: message.height });
        if (this.pending) {
          const anchor = this.pending;
          this.pending = null;
          this.follow(anchor);
        }
        break;
      }
      case 'pinned':
        this.events.onPinned(message.pinned);
        break;
      case 'close':
        this.events.onClose();
        break;
      case 'pointer':
        this.pointerInside = message.inside;
        break;
    }
  }

  private setHidden(): void {
    this.visible = false;
    this.settle?.();
    this.settle = null;
    this.restyle({ display: 'none' });
  }

  private shown(): void {
    this.visible = true;
    this.settle?.();
    this.settle = null;
    if (this.focusOnShow) {
      this.focusOnShow = false;
      this.focus();
    }
  }

  private restyle(change: Partial<Look>): void {
    const frame = this.frame;
    if (!frame) return;
    const look = Object.assign(frame.look, change);
    const hidden = look.display === 'hidden' ? ' visibility: hidden !important;' : '';
    let css: string;
    if (look.sheet) {
      // Along the bottom edge, full width (the sheet's own radius and shadow).
      const host = look.display === 'none' ? '' : `:host { display: block !important; top: auto !important; bottom: 0 !important; right: 0 !important;${hidden} }`;
      css = `${host} iframe { width: 100% !important; height: ${look.height}px !important; border-radius: 14px 14px 0 0 !important; box-shadow: 0 -4px 24px rgb(0 0 0 / 0.2) !important; }`;
    } else {
      const host = look.display === 'none' ? '' : `:host { display: block !important; left: ${look.x}px !important; top: ${look.y}px !important;${hidden} }`;
      css = `${host} iframe { width: ${look.width}px !important; height: ${look.height}px !important; }`;
    }
    frame.sheet.replaceSync(css);
  }

  /** The room for the card next to its mark, before Floating UI places it. */
  private roomAround(rect: DOMRect): CardLimits {
    const win = this.doc.defaultView!;
    const below = win.innerHeight - rect.bottom - 2 * GAP_PX;
    const above = rect.top - 2 * GAP_PX;
    return {
      maxWidth: Math.max(0, Math.min(MAX_WIDTH, win.innerWidth - 2 * GAP_PX)),
      maxHeight: Math.min(MAX_HEIGHT, Math.max(120, below, above)),
    };
  }

  /** The sheet's room: the viewport's width, at most half its height, clear of the page's safe areas. */
  private sheetRoom(): CardLimits {
    const win = this.doc.defaultView!;
    const inset = this.frame && win.getComputedStyle(this.frame.safeArea);
    const px = (value: string | undefined) => Math.max(0, parseFloat(value ?? '') || 0);
    const safe = { right: px(inset?.paddingRight), bottom: px(inset?.paddingBottom), left: px(inset?.paddingLeft) };
    return { maxWidth: win.innerWidth, maxHeight: sheetMaxHeight(win.innerHeight), safe };
  }

  private follow(anchor: Anchor): void {
    this.stopFollowing?.();
    const frame = this.frame!;
    if (frame.look.sheet) {
      this.showSheet(anchor);
      return;
    }
    const { host } = frame;
    const reference = {
      getBoundingClientRect: anchor.rect,
      contextElement: anchor.contextElement,
    };
    const place = () => {
      void computePosition(reference, host, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          offset(GAP_PX),
          // Below the mark if it fits, else above: never over the mark itself.
          flip({ fallbackPlacements: ['top-start'], padding: GAP_PX }),
          shift({ padding: GAP_PX }),
          size({
            padding: GAP_PX,
            apply: ({ availableHeight, availableWidth }) => {
              const limits = {
                maxWidth: Math.max(0, Math.floor(Math.min(MAX_WIDTH, availableWidth))),
                maxHeight: Math.floor(Math.min(MAX_HEIGHT, Math.max(120, availableHeight))),
              };
              if (limits.maxWidth === this.limits.maxWidth && limits.maxHeight === this.limits.maxHeight) return;
              // The frame narrows the card to the room left; its next size report moves it again.
              this.limits = limits;
              this.send({ type: 'limits', limits });
            },
          }),
        ],
      }).then(({ x, y }) => {
        if (this.frame !== frame || this.stopFollowing !== stop) return;
        this.restyle({ display: 'shown', x: Math.round(x), y: Math.round(y) });
        this.shown();
      });
    };
    // Laid out but out of sight until placed: Floating UI measures the host.
    if (frame.look.display === 'none') this.restyle({ display: 'hidden' });
    const stop = autoUpdate(reference, host, place, { animationFrame: false });
    this.stopFollowing = stop;
  }

  /** The bottom sheet: along the viewport's bottom edge, full width, at most half as tall; the mark kept in view. */
  private showSheet(anchor: Anchor): void {
    const win = this.doc.defaultView!;
    const frame = this.frame!;
    this.restyle({ display: 'shown' });
    this.shown();
    // Scroll the page (vertically only, and only if needed) so that the sheet does not cover the marked word.
    const delta = scrollToKeepVisible(anchor.rect(), win.innerHeight, frame.look.height);
    if (delta) win.scrollBy({ top: delta, behavior: 'instant' });
    this.stopFollowing = () => {};
  }

  /** Forgets the frame (its port is gone): the next card makes a new one. */
  private drop(): void {
    const frame = this.frame;
    this.frame = null;
    this.visible = false;
    this.pending = null;
    this.rendered = null;
    this.settle?.();
    this.settle = null;
    this.stopFollowing?.();
    this.stopFollowing = null;
    if (!frame) return;
    frame.host.remove();
    try {
      frame.port.disconnect();
    } catch {
      // Already gone.
    }
  }

  private destroy(): void {
    this.hide();
    this.drop();
  }
}
