/**
 * One lens session on one document: marks, hover, card. Started when Syria Lens is on for the
 * page, torn down completely (marks, listeners, card host) when its signal aborts.
 *
 * DOM only; the content script entrypoint feeds it settings and briefings from the extension.
 */
import { cardFor, compileBriefing, type CompiledBriefing } from '../core/briefing';
import { createMatcher } from '../core/matcher';
import type { Briefing, Entity, EntityKind } from '../core/types';
import { CardHost } from './card-host';
import { HoverIntent, lineUnder } from './hover';
import { PageMarks } from './marks';
import { HighlightPainter, type Mark, type MarkStyle, type Painter, supportsHighlights, WrapPainter } from './paint';

export interface LensOptions {
  doc: Document;
  /** Entities to mark (already filtered by the reader's kinds and hidden list). */
  entities: readonly Entity[];
  /** Entities cards may link to (related chips), including ones not marked. */
  allEntities: readonly Entity[];
  briefings: readonly Briefing[];
  markStyle: MarkStyle;
  firstOnly: boolean;
  hoverDelayMs: number;
  signal: AbortSignal;
  /** Called after marks change: counts for the popup and the badge. */
  onMarksChanged: () => void;
  /** Opens the source briefing on an extension page (the content script cannot open tabs). */
  openSource?: (briefingId: string, sentence: string) => void;
}

/** Time allowed to move the pointer from a mark onto its card (Wikipedia uses 300 ms). */
const GRACE_MS = 300;

export class Lens {
  readonly marks: PageMarks;
  private readonly painter: Painter;
  private readonly cardHost: CardHost;
  private readonly hover: HoverIntent;
  private readonly entitiesById: Map<string, Entity>;
  private compiled: CompiledBriefing[] | null = null;
  private pinned = false;
  private shownEntity: Entity | null = null;
  private revealed: Mark | null = null;
  private hoverDelayMs: number;
  /** Where keyboard focus was before a card took it, to give it back on close. */
  private returnFocus: Element | null = null;

  constructor(private readonly options: LensOptions) {
    const { doc, signal } = options;
    const win = doc.defaultView as Window & typeof globalThis;
    this.painter = supportsHighlights(win) ? new HighlightPainter(win, options.markStyle) : new WrapPainter(doc, options.markStyle);
    this.hoverDelayMs = options.hoverDelayMs;
    this.entitiesById = new Map(options.allEntities.map((entity) => [entity.id, entity]));
    const kinds = new Map<string, EntityKind>(options.entities.map((entity) => [entity.id, entity.kind]));
    const matcher = createMatcher(options.entities);
    this.marks = new PageMarks({
      doc,
      find: matcher.find,
      kindOf: (id) => kinds.get(id),
      painter: this.painter,
      firstOnly: options.firstOnly,
      signal,
      onChange: options.onMarksChanged,
    });
    this.cardHost = new CardHost(doc, signal);
    this.hover = new HoverIntent({
      doc,
      marks: {
        marksOnNode: (node) => this.marks.marksOnNode(node),
        knownShadowRoots: () => this.marks.knownShadowRoots(),
      },
      openDelayMs: () => this.hoverDelayMs,
      graceMs: GRACE_MS,
      isInCard: (event) => this.cardHost.contains(event),
      isPinned: () => this.pinned,
      open: (mark, pointer) => this.showCard(mark, pointer),
      close: () => this.hideCard(),
      signal,
    });
  }

  start(): Promise<void> {
    return this.marks.start();
  }

  setMarkStyle(style: MarkStyle): void {
    this.painter.setStyle(style);
  }

  setHoverDelay(ms: number): void {
    this.hoverDelayMs = ms;
  }

  /**
   * Scrolls to the next (or previous) mention of `entity` — any entity when undefined — after
   * the last one revealed, emphasises it and opens its card. Returns false when there is none.
   */
  reveal(entity: string | undefined, direction: 1 | -1 = 1): boolean {
    const candidates = this.marks.marksInOrder().filter((mark) => (!entity || mark.entity === entity) && this.marks.isPainted(mark));
    if (candidates.length === 0) return false;
    const at = this.revealed ? candidates.indexOf(this.revealed) : -1;
    const next =
      at === -1
        ? direction === 1 ? candidates[0]! : candidates[candidates.length - 1]!
        : candidates[(at + direction + candidates.length) % candidates.length]!;
    this.revealed = next;
    const element = next.range.startContainer.parentElement;
    element?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' as ScrollBehavior });
    this.painter.focus(next);
    const rect = next.range.getClientRects()[0] ?? next.range.getBoundingClientRect();
    this.hover.openNow(next, { x: rect.left + 1, y: rect.top + rect.height / 2 });
    if (!this.cardHost.hasFocus()) this.returnFocus = this.options.doc.activeElement;
    this.cardHost.focus();
    return true;
  }

  private cardProps(entity: Entity) {
    if (!this.compiled) {
      // Compiled on the first card, not at page load: most pages are read without hovering.
      const find = createMatcher(this.options.allEntities).find;
      this.compiled = this.options.briefings.map((briefing) => compileBriefing(briefing, find));
    }
    return {
      card: cardFor(entity, this.compiled, this.entitiesById),
      pinned: this.pinned,
      onTogglePin: () => {
        this.pinned = !this.pinned;
        if (this.shownEntity) this.cardHost.update(this.cardProps(this.shownEntity));
      },
      onClose: () => this.hover.closeNow(),
      onOpenEntity: (id: string) => {
        const related = this.entitiesById.get(id);
        if (!related) return;
        this.shownEntity = related;
        this.cardHost.update(this.cardProps(related));
      },
      onOpenSource: this.options.openSource,
    };
  }

  private showCard(mark: Mark, pointer: { x: number; y: number }): void {
    const entity = this.entitiesById.get(mark.entity);
    if (!entity) return;
    this.shownEntity = entity;
    // Anchor to the line of the mark under the pointer (a name may wrap over two lines).
    const rect = () => lineUnder(mark, pointer.x, pointer.y) ?? mark.range.getClientRects()[0] ?? mark.range.getBoundingClientRect();
    const context = mark.range.startContainer.parentElement ?? undefined;
    this.cardHost.show(this.cardProps(entity), { rect, contextElement: context });
  }

  private hideCard(): void {
    this.pinned = false;
    this.shownEntity = null;
    this.painter.focus(null);
    const hadFocus = this.cardHost.hasFocus();
    this.cardHost.hide();
    const previous = this.returnFocus as HTMLElement | null;
    if (hadFocus && previous?.isConnected && typeof previous.focus === 'function') previous.focus();
    this.returnFocus = null;
  }
}
