/**
 * The open card of a page: which entity it shows, pinned or not, and where keyboard focus goes
 * back to when it closes. The card itself (its text and buttons) lives in the card frame, out of
 * the page's reach (see page/card-host.ts). Part of the card UI that the background injects on
 * first need (see page/card-ui.ts): the content script that runs on every page carries none of it.
 */
import type { CardData } from '../core/types';
import { CardHost } from './card-host';
import { lineUnder } from './hover';
import type { Mark } from './paint';

export interface CardSessionOptions {
  doc: Document;
  /** The name of the card's host element (core/mark-names.ts `cardHostName`). */
  hostName: string;
  /** Tears the card down: its host element leaves the page. */
  signal: AbortSignal;
  /** The card for an entity (the lens fetches it from the background and keeps it). */
  card(entity: string): Promise<CardData | null>;
  /**
   * Opens the source briefing on an extension page. The card frame asks the background itself;
   * without this option the card shows briefing titles as plain text.
   */
  openSource?: (briefingId: string, sentence: string) => void;
  /** The card's close button or Escape in it: the lens closes the card as its hover intent does. */
  requestClose(): void;
}

export class CardSession {
  private readonly host: CardHost;
  private pinned = false;
  /** Increases with every show and hide, so a slow card load never shows a stale card. */
  private generation = 0;
  /** Where keyboard focus was before a card took it, to give it back on close. */
  private returnFocus: Element | null = null;

  constructor(private readonly options: CardSessionOptions) {
    this.host = new CardHost(options.doc, options.signal, {
      hostName: options.hostName,
      onClose: () => options.requestClose(),
      onPinned: (pinned) => (this.pinned = pinned),
    });
    // Made at the first hover intent: the frame loads while the pointer rests on the name.
    this.host.load();
  }

  get isPinned(): boolean {
    return this.pinned;
  }

  /** Whether the pointer is on the card. */
  get hasPointer(): boolean {
    return this.host.hasPointer;
  }

  /** Whether an event happened inside the card. */
  contains(event: Event): boolean {
    return this.host.contains(event);
  }

  hasFocus(): boolean {
    return this.host.hasFocus();
  }

  /**
   * Shows the card of `mark` next to the line under `pointer`. `returnFocus`: the card was opened
   * from the keyboard, so it takes focus, and gives it back there when it closes.
   */
  async show(mark: Mark, pointer: { x: number; y: number }, returnFocus: Element | null = null): Promise<void> {
    const generation = ++this.generation;
    if (returnFocus) this.returnFocus = returnFocus;
    const card = await this.options.card(mark.entity);
    if (!card || generation !== this.generation || this.options.signal.aborted) return;
    this.pinned = false;
    // Anchor to the line of the mark under the pointer (a name may wrap over two lines).
    const rect = () => lineUnder(mark, pointer.x, pointer.y) ?? mark.range.getClientRects()[0] ?? mark.range.getBoundingClientRect();
    const shown = this.host.show(mark.entity, !!this.options.openSource, this.direction(mark), { rect, contextElement: mark.range.startContainer.parentElement ?? undefined });
    if (this.returnFocus) this.host.focus();
    return shown;
  }

  /** The pointer rests on `mark`: its card is rendered out of sight, to show at once when the delay is over. */
  prepare(mark: Mark): void {
    if (this.options.signal.aborted) return;
    const rect = () => mark.range.getClientRects()[0] ?? mark.range.getBoundingClientRect();
    this.host.prepare(mark.entity, !!this.options.openSource, this.direction(mark), { rect, contextElement: undefined });
  }

  /** A card explaining a name in right-to-left text is laid out right to left, like the text. */
  private direction(mark: Mark): 'rtl' | undefined {
    return this.options.doc.defaultView?.getComputedStyle(mark.block).direction === 'rtl' ? 'rtl' : undefined;
  }

  hide(): void {
    this.generation++;
    this.pinned = false;
    const hadFocus = this.host.hasFocus();
    this.host.hide();
    const previous = this.returnFocus as HTMLElement | null;
    if (hadFocus && previous?.isConnected && typeof previous.focus === 'function') previous.focus();
    this.returnFocus = null;
  }
}
