/**
 * Collects a page's DOM changes into batches for PageMarks: which nodes changed, and when so
 * many changed that one full rescan beats following each (a "storm": framework re-renders, live
 * tickers). Changes are gathered for a moment before a batch is ready; in a storm, until it calms
 * down, but never so long that new text waits more than a second for its marks.
 */
import { isOwnElement } from './names';

/** Mutations in one batch above which a full rescan is cheaper than following each one. */
const STORM_MUTATIONS = 1000;
/** How long mutations are collected before they are handled. */
const BATCH_DELAY_MS = 100;
/** In a storm, the full rescan waits for this much quiet… */
const STORM_QUIET_MS = 300;
/** …but never longer than this after the storm began: new text is marked within a second. */
const STORM_MAX_WAIT_MS = 900;

/** A batch of changes: the nodes whose text or children changed, or a storm (rescan everything). */
export type MutationBatch = { storm: false; nodes: Node[] } | { storm: true };

export class MutationBatcher {
  readonly #observer: MutationObserver;
  readonly #observed = new Set<Node>();
  readonly #dirty = new Set<Node>();
  #count = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When the current storm began (null: no storm). */
  #stormSince: number | null = null;

  readonly #onReady: () => void;

  /** `onReady` is called (from a timer) when a batch can be taken. */
  constructor(
    win: Window & typeof globalThis,
    onReady: () => void,
  ) {
    this.#onReady = onReady;
    this.#observer = new win.MutationObserver((records) => this.#onMutations(records));
  }

  /** Follows the text and elements under `root` (a document or an open shadow root). */
  observe(root: Node): void {
    if (this.#observed.has(root)) return;
    this.#observed.add(root);
    this.#observer.observe(root, { subtree: true, childList: true, characterData: true });
  }

  /** Forgets what was collected: a full scan is about to read everything. */
  clear(): void {
    this.#dirty.clear();
    this.#count = 0;
  }

  /** Adds a node to the next batch (a shadow root a rescan just met) without waiting. */
  add(node: Node): void {
    this.#dirty.add(node);
  }

  /** Drops the records of our own DOM edits (the fallback painter's wrappers): they are not news. */
  discardOwnRecords(): void {
    this.#observer.takeRecords();
  }

  /** The changes collected since the last batch, or null when there are none. */
  take(): MutationBatch | null {
    if (this.#dirty.size === 0) return null;
    const storm = this.#count > STORM_MUTATIONS;
    const nodes = [...this.#dirty];
    this.clear();
    if (storm) {
      this.#stormSince = null;
      return { storm: true };
    }
    return { storm: false, nodes };
  }

  stop(): void {
    this.#observer.disconnect();
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.clear();
  }

  #onMutations(records: MutationRecord[]): void {
    if (this.#count > STORM_MUTATIONS) {
      // Already a storm: a full rescan follows, so the records need not be read one by one
      // (in Firefox every property read of a page object crosses a wrapper, and storms are long).
      this.#count += records.length;
      this.#scheduleStorm();
      return;
    }
    for (const record of records) {
      if (record.type === 'childList') {
        const changed = [...record.addedNodes, ...record.removedNodes];
        if (changed.length > 0 && changed.every(isOwnElement)) continue; // our card host
        this.#dirty.add(record.target);
      } else if (record.type === 'characterData') {
        this.#dirty.add(record.target);
      }
      this.#count++;
    }
    if (this.#dirty.size === 0) return;
    if (this.#count > STORM_MUTATIONS) {
      this.#scheduleStorm();
      return;
    }
    this.#timer ??= setTimeout(() => this.#ready(), BATCH_DELAY_MS);
  }

  /** A storm: the batch is ready once it calms down (or when it has lasted too long), not every 100 ms. */
  #scheduleStorm(): void {
    const now = performance.now();
    this.#stormSince ??= now;
    clearTimeout(this.#timer);
    const wait = Math.max(0, Math.min(STORM_QUIET_MS, this.#stormSince + STORM_MAX_WAIT_MS - now));
    this.#timer = setTimeout(() => this.#ready(), wait);
  }

  #ready(): void {
    this.#timer = undefined;
    this.#onReady();
  }
}
