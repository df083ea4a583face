/**
 * Keeps the one Lens of a document in line with its LensConfig: starts it, lets a running lens
 * follow a new mark style or hover delay, starts a new one when what is marked changes, and
 * stops it. The content script and the welcome page's live example both run their lens this way.
 *
 * DOM only; what the lens needs from the extension (cards, the card UI, opening a briefing)
 * comes in as functions.
 */
import { needsRestart, type LensConfig } from '../core/lens-config';
import { Lens, type LensOptions } from './lens';

/** What every lens of this document gets, whatever its config. */
export type LensServices = Pick<LensOptions, 'doc' | 'token' | 'onMarksChanged' | 'getCard' | 'injectCardUi' | 'openSource' | 'detectLanguage'>;

export class LensRunner {
  #current: { lens: Lens; controller: AbortController } | null = null;
  #applied: LensConfig | null = null;

  readonly #services: LensServices;

  constructor(services: LensServices) {
    this.#services = services;
  }

  /** The running lens, if the page is on. */
  get lens(): Lens | null {
    return this.#current?.lens ?? null;
  }

  /** The config last applied. */
  get config(): LensConfig | null {
    return this.#applied;
  }

  /**
   * Brings the page in line with `next`. A lens that can follow (same entities, same first-only
   * mode) only changes its style and delay; otherwise the old one is torn down and, when the page
   * is on, a new one starts. Switching off calls `onMarksChanged` at once: the marks are gone.
   */
  apply(next: LensConfig): void {
    const previous = this.#applied;
    this.#applied = next;
    if (this.#current && previous && !needsRestart(previous, next)) {
      this.#current.lens.setMarkStyle(next.markStyle);
      this.#current.lens.setHoverDelay(next.hoverDelayMs);
      return;
    }
    this.#stopLens();
    if (!next.active) {
      this.#services.onMarksChanged();
      return;
    }
    // One controller per lens, aborted here; nothing else holds on to an old lens.
    const controller = new AbortController();
    // (The config's entity kinds, matcher, mark style, first-only mode, delay, tapping and private names.)
    const lens = new Lens({ ...this.#services, ...next, signal: controller.signal });
    this.#current = { lens, controller };
    lens.start().catch((error: unknown) => console.warn('Syria Lens: marking failed', error));
  }

  /** Tears the lens down: marks, listeners, card. */
  stop(): void {
    this.#stopLens();
    this.#applied = null;
  }

  #stopLens(): void {
    this.#current?.controller.abort();
    this.#current = null;
  }
}
