/**
 * The card host: one `<syria-lens-card>` element on the page, holding the card in a CLOSED
 * shadow root (page scripts cannot reach in to change what the card says, and page CSS
 * cannot restyle it), positioned next to its mark by Floating UI.
 *
 * The host's own box is set with inline `!important` declarations, which win over any page
 * rule, even `* { all: unset !important }`.
 *
 * On a phone (narrow viewport or coarse pointer) the card is a bottom sheet instead; see
 * core/card-placement.ts for the decision and the geometry.
 */
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { h, render } from 'preact';
import { Card, type CardProps } from '../components/Card';
import { scrollToKeepVisible, sheetMaxHeight, useSheet } from '../core/card-placement';
import cardCss from '../components/card.css?inline';
import { CARD_TAG } from './names';


/** Space between the mark and the card, and kept free around the viewport's edges. */
const GAP_PX = 8;

type Unwrapped<T> = T & { wrappedJSObject?: T };

/**
 * `shadow.adoptedStyleSheets = sheets`. A Firefox content script sees the page's objects through
 * Xray wrappers, which refuse that array ("Accessing from Xray wrapper is not supported"): there
 * it is set on the page's own objects (the root is closed, so the page still cannot reach them).
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

export class CardHost {
  private host: HTMLElement | null = null;
  private shadow: ShadowRoot | null = null;
  private container: HTMLElement | null = null;
  private stopFollowing: (() => void) | null = null;

  constructor(
    private readonly doc: Document,
    signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => this.destroy(), { once: true });
  }

  get isOpen(): boolean {
    return !!this.host?.isConnected && this.host.style.getPropertyValue('display') !== 'none';
  }

  /** Whether an event happened inside the card (events from a closed root retarget to the host). */
  contains(event: Event): boolean {
    return !!this.host && event.composedPath().includes(this.host);
  }

  show(props: CardProps, anchor: Anchor): void {
    const container = this.ensureHost();
    render(h(Card, props), container);
    this.host!.style.setProperty('display', 'block', 'important');
    this.follow(anchor);
  }

  /** Re-renders the open card with new props (pin, show all…), keeping its position. */
  update(props: CardProps): void {
    if (this.container) render(h(Card, props), this.container);
  }

  hide(): void {
    this.stopFollowing?.();
    this.stopFollowing = null;
    if (this.container) render(null, this.container);
    this.host?.style.setProperty('display', 'none', 'important');
  }

  hasFocus(): boolean {
    return !!this.host && this.doc.activeElement === this.host;
  }

  /** Moves keyboard focus into the card (used when opened from the keyboard). */
  focus(): void {
    const target = this.shadow?.querySelector<HTMLElement>('[role="dialog"]');
    target?.focus();
  }

  private ensureHost(): HTMLElement {
    if (this.host && this.container) {
      if (!this.host.isConnected) this.doc.documentElement.appendChild(this.host);
      return this.container;
    }
    const host = this.doc.createElement(CARD_TAG);
    for (const [property, value] of Object.entries({
      all: 'initial',
      position: 'fixed',
      top: '0',
      left: '0',
      'z-index': '2147483647',
      display: 'none',
      'pointer-events': 'auto',
      contain: 'layout style',
    })) {
      host.style.setProperty(property, value, 'important');
    }
    // Firefox expands `all: initial !important` into important text spacing as well, which
    // would stop readers' own spacing styles (WCAG 1.4.12) from reaching the card.
    for (const property of ['line-height', 'letter-spacing', 'word-spacing']) host.style.setProperty(property, 'normal');
    const shadow = host.attachShadow({ mode: 'closed' });
    const win = this.doc.defaultView!;
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(cardCss);
    adopt(shadow, [sheet]);
    const container = this.doc.createElement('div');
    shadow.appendChild(container);
    this.doc.documentElement.appendChild(host);
    this.host = host;
    this.shadow = shadow;
    this.container = container;
    return container;
  }

  private follow(anchor: Anchor): void {
    this.stopFollowing?.();
    const host = this.host!;
    const win = this.doc.defaultView!;
    const sheet = useSheet({ width: win.innerWidth, height: win.innerHeight, coarsePointer: win.matchMedia('(pointer: coarse)').matches });
    // The stylesheet lays the card out as a sheet under this class.
    this.container!.className = sheet ? 'sl-sheet' : '';
    for (const property of ['bottom', 'right']) host.style.removeProperty(property);
    if (sheet) {
      this.showSheet(anchor);
      return;
    }
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
            apply({ availableHeight, availableWidth }) {
              const height = Math.max(120, availableHeight);
              host.style.setProperty('max-height', `${height}px`, 'important');
              // The card inside the shadow root sizes itself from this property.
              host.style.setProperty('--sl-card-max-block-size', `${height}px`, 'important');
              host.style.setProperty('max-width', `${Math.min(380, availableWidth)}px`, 'important');
            },
          }),
        ],
      }).then(({ x, y }) => {
        host.style.setProperty('left', `${Math.round(x)}px`, 'important');
        host.style.setProperty('top', `${Math.round(y)}px`, 'important');
      });
    };
    this.stopFollowing = autoUpdate(reference, host, place, { animationFrame: false });
  }

  /** The bottom sheet: along the viewport's bottom edge, full width, at most half as tall; the mark kept in view. */
  private showSheet(anchor: Anchor): void {
    const host = this.host!;
    const win = this.doc.defaultView!;
    const maxHeight = `${sheetMaxHeight(win.innerHeight)}px`;
    for (const [property, value] of Object.entries({
      top: 'auto',
      bottom: '0',
      left: '0',
      right: '0',
      'max-width': 'none',
      'max-height': maxHeight,
      '--sl-card-max-block-size': maxHeight,
    })) {
      host.style.setProperty(property, value, 'important');
    }
    // Once the sheet is laid out: scroll the page (vertically only, and only if needed) so
    // that the sheet does not cover the marked word.
    const frame = win.requestAnimationFrame(() => {
      const delta = scrollToKeepVisible(anchor.rect(), win.innerHeight, host.getBoundingClientRect().height);
      if (delta) win.scrollBy({ top: delta, behavior: 'instant' });
    });
    this.stopFollowing = () => win.cancelAnimationFrame(frame);
  }

  private destroy(): void {
    this.hide();
    this.host?.remove();
    this.host = null;
    this.shadow = null;
    this.container = null;
  }
}
