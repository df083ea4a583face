/**
 * One lens session on one document: marks, hover, card. Started when Syria Lens is on for the
 * page, torn down completely (marks, listeners, card host) when its signal aborts.
 *
 * DOM only; page/lens-runner.ts gives it the entities to mark and the ways to get a card's data
 * and the card UI from the extension. Marks are painted with the CSS Custom Highlight API; in a
 * browser without it, the fallback painter comes with the card UI (it is rarely needed, so the
 * content script that runs on every page does not carry it).
 */
import type { PrivateNames } from '../core/lens-config';
import type { CardData, EntityKind, FindMentions, MarkStyle } from '../core/types';
import { cardHostName } from '../core/mark-names';
import { matcherFromPlan, type MatcherPlan } from '../core/matcher';
import { loadCardUi } from './card-ui';
import type { CardSession } from './card-session';
import { HoverIntent } from './hover';
import { PageMarks } from './marks';
import { removeDeadCardHosts } from './names';
import { clearMeasures, markCardPainted, measure, TIMING, timingStart } from './timing';
import { HighlightPainter, type Mark, type Painter, supportsHighlights } from './paint';

export interface LensOptions {
  doc: Document;
  /** The kind of each entity to mark, by id (already filtered by the reader's kinds and hidden list). */
  entityKinds: Readonly<Record<string, EntityKind>>;
  /** The matcher for those entities, prepared by the background (core/matcher.ts `planMatcher`). */
  matcher: MatcherPlan;
  markStyle: MarkStyle;
  firstOnly: boolean;
  hoverDelayMs: number;
  /** A tap (touch, pen) on a mark opens its card. */
  tapToOpen: boolean;
  /** The reader's own names: found and hoverable, but given no visible mark (see core/lens-config.ts). */
  privateNames?: PrivateNames;
  /** This document's random part of the highlight names (core/mark-names.ts). */
  token: string;
  signal: AbortSignal;
  /** Called after marks change: counts for the popup and the badge. */
  onMarksChanged: () => void;
  /** The card for an entity (compiled from the briefings by the background). */
  getCard: (entity: string) => Promise<CardData | null>;
  /** Asks the extension to inject the card UI into this frame (see page/card-ui.ts); resolves once it ran. */
  injectCardUi: () => Promise<unknown>;
  /** Opens the source briefing on an extension page (the content script cannot open tabs). */
  openSource?: (briefingId: string, sentence: string) => void;
  /** The language of text whose language the page does not declare (see page/marks.ts). */
  detectLanguage?: (text: string) => Promise<string | undefined>;
}

/** Time allowed to move the pointer from a mark onto its card (Wikipedia uses 300 ms). */
const GRACE_MS = 300;

/** Letter case, runs of spaces and the no-break hyphen do not make another name. */
const fold = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').replace(/\u2011/g, '-');

/** Is a mark one of the reader's own names (an entity they added, or an alias they gave)? */
function unseen(names: PrivateNames | undefined): (mark: Mark) => boolean {
  const entities = new Set(names?.entities);
  const aliases = new Set(names?.aliases.map(fold));
  // Reading a mark's text back from the page costs more than painting it: only when there are
  // aliases of the reader's to compare it with.
  if (aliases.size === 0) return (mark) => entities.has(mark.entity);
  return (mark) => entities.has(mark.entity) || aliases.has(fold(mark.range.toString()));
}

export class Lens {
  /** The marks, once `start` has chosen a painter. */
  #marks: PageMarks | null = null;
  #painter: Painter | null = null;
  #markStyle: MarkStyle;
  readonly #find: FindMentions;
  readonly #kinds: Map<string, EntityKind>;
  readonly #hover: HoverIntent;
  /** The open card's state and element, from the card UI (loaded on first need). */
  #cardSession: CardSession | null = null;
  #cardSessionLoading: Promise<CardSession> | null = null;
  readonly #cards = new Map<string, Promise<CardData | null>>();
  /** Increases with every open and close, so a card UI that loads late never opens a stale card. */
  #generation = 0;
  #revealed: Mark | null = null;
  #hoverDelayMs: number;
  /** Where keyboard focus is when `reveal` opens a card: the card takes focus and gives it back. */
  #returnFocus: Element | null = null;

  readonly #options: LensOptions;

  constructor(options: LensOptions) {
    this.#options = options;
    const { doc, signal } = options;
    this.#markStyle = options.markStyle;
    this.#hoverDelayMs = options.hoverDelayMs;
    this.#kinds = new Map(Object.entries(options.entityKinds));
    clearMeasures(['syria-lens:setup']);
    const setupStarted = timingStart();
    this.#find = matcherFromPlan(options.matcher).find;
    measure('syria-lens:setup', setupStarted);
    this.#hover = new HoverIntent({
      doc,
      marks: {
        marksOnNode: (node) => this.#marks?.marksOnNode(node) ?? [],
        knownShadowRoots: () => this.#marks?.knownShadowRoots() ?? [],
      },
      openDelayMs: () => this.#hoverDelayMs,
      graceMs: GRACE_MS,
      isInCard: (event) => this.#cardSession?.contains(event) ?? false,
      cardHasPointer: () => this.#cardSession?.hasPointer ?? false,
      isPinned: () => this.#cardSession?.isPinned ?? false,
      tapToOpen: options.tapToOpen,
      // While the pointer rests, fetch what the card will need so it opens without a wait.
      // (The card frame renders the card out of sight meanwhile: see CardHost.prepare.)
      prepare: (mark) => {
        const generation = this.#generation;
        this.#loadCardSession()
          .then((session) => {
            if (generation === this.#generation) session.prepare(mark);
          })
          .catch(() => {});
        void this.#card(mark.entity);
      },
      open: (mark, pointer) => this.#openCard(mark, pointer),
      close: () => this.#closeCard(),
      signal,
    });
  }

  async start(): Promise<void> {
    removeDeadCardHosts(this.#options.doc, this.#options.token);
    // The matcher's RegExps are compiled per language as the scan meets them (page/marks.ts).
    const { doc, signal, firstOnly, onMarksChanged, injectCardUi, detectLanguage } = this.#options;
    const win = doc.defaultView as Window & typeof globalThis;
    const painter = supportsHighlights(win) ? new HighlightPainter(win, this.#markStyle, this.#options.token, unseen(this.#options.privateNames)) : (await loadCardUi(injectCardUi)).createWrapPainter(doc, this.#markStyle);
    if (signal.aborted) return;
    this.#painter = painter;
    this.#marks = new PageMarks({ doc, find: this.#find, kindOf: (id) => this.#kinds.get(id), painter, firstOnly, signal, onChange: onMarksChanged, detectLanguage });
    return this.#marks.start();
  }

  /** Mentions per entity found on the page (including ones not painted in first-only mode). */
  counts(): Record<string, number> {
    return this.#marks?.counts() ?? {};
  }

  /** How many marks are painted. */
  paintedCount(): number {
    return this.#marks?.paintedCount() ?? 0;
  }

  setMarkStyle(style: MarkStyle): void {
    this.#markStyle = style;
    this.#painter?.setStyle(style);
  }

  setHoverDelay(ms: number): void {
    this.#hoverDelayMs = ms;
  }

  /**
   * Scrolls to the next (or previous) mention of `entity` — any entity when undefined — after
   * the last one revealed, emphasises it and opens its card. Returns false when there is none.
   */
  reveal(entity: string | undefined, direction: 1 | -1 = 1): boolean {
    const marks = this.#marks;
    if (!marks) return false;
    const candidates = marks.paintedInOrder().filter((mark) => !entity || mark.entity === entity);
    if (candidates.length === 0) return false;
    const at = this.#revealed ? candidates.indexOf(this.#revealed) : -1;
    const next =
      at === -1
        ? direction === 1 ? candidates[0]! : candidates[candidates.length - 1]!
        : candidates[(at + direction + candidates.length) % candidates.length]!;
    this.#revealed = next;
    next.range.startContainer.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
    this.#painter?.focus(next);
    const rect = next.range.getClientRects()[0] ?? next.range.getBoundingClientRect();
    if (!this.#cardSession?.hasFocus()) this.#returnFocus = this.#options.doc.activeElement;
    this.#hover.openNow(next, { x: rect.left + 1, y: rect.top + rect.height / 2 });
    return true;
  }

  #card(entity: string): Promise<CardData | null> {
    let card = this.#cards.get(entity);
    if (!card) {
      card = this.#options.getCard(entity).catch(() => null);
      this.#cards.set(entity, card);
    }
    return card;
  }

  #loadCardSession(): Promise<CardSession> {
    if (this.#cardSession) return Promise.resolve(this.#cardSession);
    const { doc, signal, injectCardUi, openSource } = this.#options;
    this.#cardSessionLoading ??= loadCardUi(injectCardUi).then((ui) => {
      this.#cardSession = ui.createCardSession({ doc, hostName: cardHostName(this.#options.token), signal, openSource, card: (id) => this.#card(id), requestClose: () => this.#hover.closeNow() });
      return this.#cardSession;
    });
    return this.#cardSessionLoading;
  }

  #openCard(mark: Mark, pointer: { x: number; y: number }): void {
    const generation = ++this.#generation;
    const returnFocus = this.#returnFocus;
    this.#returnFocus = null;
    this.#loadCardSession()
      .then((session) => {
        if (generation === this.#generation && !this.#options.signal.aborted) return session.show(mark, pointer, returnFocus);
      })
      .then(() => {
        if (TIMING && generation === this.#generation) markCardPainted(this.#options.doc.defaultView!);
      })
      .catch(() => {
        // No card UI (the extension went away): the page reads on without cards.
      });
  }

  #closeCard(): void {
    this.#generation++;
    this.#returnFocus = null;
    this.#painter?.focus(null);
    this.#cardSession?.hide();
  }
}
