/**
 * Keeps the marks on a document in step with its text: a first full scan, then rescans of
 * the blocks that change (page/mutation-batcher.ts says which). Scanning is sliced so the page
 * keeps its turn, and every piece of work is recorded as a User Timing measure for the
 * benchmark (page/timing.ts).
 *
 * Everything it starts stops when `signal` aborts: observers, timers and every mark.
 */
import type { EntityKind, FindMentions, Mention } from '../core/types';
import { Slice, yieldToEventLoop } from '../core/yield';
import { MutationBatcher } from './mutation-batcher';
import { languageRuns } from './language';
import { isOwnElement } from './names';
import type { Mark, Painter } from './paint';
import { BLOCK_SEPARATOR, blockOf, extractText, isInSkippedRegion, OffsetMapper, scanText, type TextIndex } from './scan';
import { clearMeasures, measure, SCAN_MEASURES, timingStart } from './timing';

export interface PageMarksOptions {
  doc: Document;
  find: FindMentions;
  /** Kind of an entity, or undefined for entities that are not to be marked. */
  kindOf: (entity: string) => EntityKind | undefined;
  painter: Painter;
  /** Mark only the first mention of each entity. */
  firstOnly: boolean;
  signal: AbortSignal;
  /** Called (at most once per batch) after marks were added or removed. */
  onChange: () => void;
  /**
   * The language of text whose language nothing on the page declares (the browser's detector,
   * asked through the background); undefined when unknown. Without it such text is matched with
   * every language's names.
   */
  detectLanguage?: (text: string) => Promise<string | undefined>;
}

/** Changed blocks in one batch above which a full rescan is cheaper. */
const MAX_RESCAN_BLOCKS = 200;
/** Characters the matcher reads at once before the scan checks its slice clock. */
const MATCH_CHUNK = 16_384;
/**
 * Marks painted between two looks at the slice clock, on a first scan (see scanAll). Firefox
 * paints one chunk per frame, and lays the chunk's text out again in that frame: with 512 marks
 * that layout took at most 15 ms on the 4× page, with 1,024 10–31 ms (Gecko profiler).
 */
const PAINT_CHUNK = import.meta.env.FIREFOX ? 512 : 1024;
/** How long the first scan of a lens waits (see PageMarks.start). */
const AFTER_START_MS = 100;
/** Characters of undeclared text the detector reads: plenty to tell a language. */
const DETECT_CHARS = 4096;
export class PageMarks {
  readonly #byBlock = new Map<Element, Mark[]>();
  readonly #painted = new Set<Mark>();
  readonly #changes: MutationBatcher;
  #scanning: Promise<void> | null = null;
  #rescanAfterScan = false;
  #hitIndex: Map<Text, Mark[]> | null = null;
  readonly #shadowRoots = new Set<ShadowRoot>();
  /** Blocks already found rendered; removing a block's marks forgets it. */
  #checkedBlocks = new WeakSet<Element>();
  #hiddenCheckPending = false;
  /** The language detected for the page's undeclared text; asked once per page (`asked`). */
  #detected: string | undefined;
  #asked = false;
  /** Languages whose matcher is compiled: the page compiles only those it meets. */
  readonly #compiled = new Set<string | undefined>();

  readonly #options: PageMarksOptions;

  constructor(options: PageMarksOptions) {
    this.#options = options;
    const { doc, signal } = options;
    this.#changes = new MutationBatcher(doc.defaultView as Window & typeof globalThis, () => this.#flush());
    signal.addEventListener('abort', () => this.#stop(), { once: true });
  }

  /**
   * Scans the whole document, then follows its changes. Resolves when the first scan is done.
   * The scan starts AFTER_START_MS late: Firefox's work right after a page loads became one
   * 55–190 ms task when our marks were added during it (7 of 8 probe runs on the 4× page, none
   * with the marks not painted); started 100 ms later, 0 of 6. Changes made meanwhile are in it.
   */
  async start(): Promise<void> {
    this.#changes.observe(this.#options.doc);
    await new Promise((resolve) => setTimeout(resolve, AFTER_START_MS));
    if (this.#options.signal.aborted) return;
    return this.#fullScan();
  }

  /** The painted marks, in document order. */
  paintedInOrder(): Mark[] {
    return [...this.#painted].sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
  }

  /** Mentions per entity found on the page. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const marks of this.#byBlock.values()) {
      for (const mark of marks) counts[mark.entity] = (counts[mark.entity] ?? 0) + 1;
    }
    return counts;
  }

  /** How many marks are painted. */
  paintedCount(): number {
    return this.#painted.size;
  }

  /** Open shadow roots the scanner entered (hit-testing needs them). */
  knownShadowRoots(): ShadowRoot[] {
    return [...this.#shadowRoots];
  }

  /** Painted marks whose text contains the given text node, for hit-testing. */
  marksOnNode(node: Text): readonly Mark[] {
    if (!this.#hitIndex) {
      const index = new Map<Text, Mark[]>();
      for (const mark of this.#painted) {
        for (const container of [mark.range.startContainer, mark.range.endContainer]) {
          if (container.nodeType !== 3) continue;
          const list = index.get(container as Text);
          if (!list) index.set(container as Text, [mark]);
          else if (list[list.length - 1] !== mark) list.push(mark);
        }
      }
      this.#hitIndex = index;
    }
    return this.#hitIndex.get(node) ?? [];
  }

  #stop(): void {
    this.#changes.stop();
    this.#options.painter.clear();
    this.#byBlock.clear();
    this.#painted.clear();
    this.#hitIndex = null;
  }

  // ---- scanning ---------------------------------------------------------------------------

  #fullScan(): Promise<void> {
    if (this.#scanning) {
      this.#rescanAfterScan = true;
      return this.#scanning;
    }
    this.#scanning = (async () => {
      try {
        do {
          this.#rescanAfterScan = false;
          await this.#scanAll();
        } while (this.#rescanAfterScan && !this.#options.signal.aborted);
      } finally {
        this.#scanning = null;
      }
      // Mutations that arrived while the scan was yielding are handled now.
      this.#flush();
    })();
    return this.#scanning;
  }

  async #scanAll(): Promise<void> {
    const { doc, signal } = this.#options;
    // Only the latest scan's figures are kept: a page open for hours must not collect them.
    clearMeasures(SCAN_MEASURES);
    const started = timingStart();
    const slice = new Slice();
    let sliceStart = started;
    /** Ends the slice and waits for the next task (or for `until`: the detector's answer). */
    const pause = async (until?: Promise<void>) => {
      measure('syria-lens:slice', sliceStart);
      await (until ?? yieldToEventLoop());
      slice.restart();
      sliceStart = timingStart();
    };

    // Old marks stay painted while the new ones are found, and are swapped out in one go at the
    // end: a rescan (after a mutation storm, say) never makes the page flicker.
    this.#changes.clear();
    const found: Mark[] = [];

    const roots: Node[] = [doc.body ?? doc.documentElement];
    for (let i = 0; i < roots.length; i++) {
      const root = roots[i]!;
      const steps = scanText(root);
      let step = steps.next();
      while (!step.done) {
        if (slice.expired()) {
          await pause();
          if (signal.aborted) return;
        }
        step = steps.next();
      }
      const index = step.value;
      for (const shadowRoot of index.shadowRoots) {
        if (this.#shadowRoots.has(shadowRoot)) continue;
        this.#shadowRoots.add(shadowRoot);
        this.#changes.observe(shadowRoot);
        roots.push(shadowRoot);
      }
      const runs = languageRuns(index);
      const { detectLanguage } = this.#options;
      if (detectLanguage && !this.#asked && runs.some((run) => !run.language)) {
        // Nothing declares the language of some text: the browser detects it, once per page.
        this.#asked = true;
        const sample = runs.map((run) => (run.language ? '' : index.text.slice(run.start, run.end))).join('').slice(0, DETECT_CHARS);
        // No answer (or none to be had): the names of every language, as before.
        await pause(detectLanguage(sample).then((language) => void (this.#detected = language), () => {}));
        if (signal.aborted) return;
      }
      const mapper = new OffsetMapper(index);
      for (const run of runs) {
        const { start, end } = run;
        const language = run.language ?? this.#detected;
        if (!this.#compiled.has(language)) {
          // A language's search RegExp is compiled on its first use, which costs more than
          // searching a page: that first use starts a slice of its own, so no slice holds two.
          this.#compiled.add(language);
          await pause();
          if (signal.aborted) return;
        }
        for (let from = start; from < end; ) {
          // Chunks end on a block separator so no name is cut in two.
          let to = Math.min(end, from + MATCH_CHUNK);
          if (to < end) {
            const separator = index.text.indexOf(BLOCK_SEPARATOR, to);
            to = separator === -1 ? end : Math.min(separator, end);
          }
          const mentions = this.#options.find(from === 0 && to === index.text.length ? index.text : index.text.slice(from, to), language);
          // Ranges are made right away, chunk by chunk: live Ranges follow the page's edits during
          // later pauses, and each chunk's mentions are garbage before the next is read.
          this.#createMarks(index, mentions, mapper, found, from);
          from = to;
          if (slice.expired()) {
            await pause();
            if (signal.aborted) return;
          }
        }
      }
    }
    const firstPaint = this.#byBlock.size === 0 && !this.#options.firstOnly;
    this.#options.painter.clear();
    this.#byBlock.clear();
    this.#painted.clear();
    this.#checkedBlocks = new WeakSet();
    if (firstPaint) {
      // Nothing was painted (a page's first scan): the marks go on a chunk at a time, with the
      // page's turn between slices, so tens of thousands of them never make one long task. A
      // rescan swaps all marks in one go instead, so that the page never shows some missing.
      for (let i = 0; i < found.length; ) {
        const next = Math.min(found.length, i + PAINT_CHUNK);
        this.#addMarks(found.slice(i, next));
        i = next;
        if (import.meta.env.FIREFOX || (i < found.length && slice.expired())) {
          // Firefox lays the text under underlined highlights out again, in its next frame. With
          // several slices' marks, or the end of the scan, in one frame, and our slice right before
          // that layout, it made tasks of 50–65 ms. So there: one chunk per frame, the last one too,
          // each after the frame and behind the page's timers (after a message instead, a slice
          // slowed by a GC sat between two frames' layouts with no turn for the page). A hidden tab
          // has no frames: its marks wait until it is shown, which is when they are laid out.
          await (import.meta.env.FIREFOX ? pause(new Promise(requestAnimationFrame).then(() => new Promise((resolve) => setTimeout(resolve)))) : pause());
          if (signal.aborted) return;
        }
      }
    } else {
      this.#addMarks(found);
    }
    // RegExp's legacy statics (RegExp.input, lastMatch…) keep the last string a RegExp ran on, per
    // realm: the page's whole text, for as long as the tab lives. A tiny match lets it go (called
    // through the prototype: the bundler drops a bare `/re/.exec()` as if it had no effect).
    RegExp.prototype.exec.call(/(?:)/, '');
    // Telling the extension (badge, popup) is part of the scan's work, and measured with it.
    this.#options.onChange();
    this.#scheduleHiddenCheck();
    measure('syria-lens:slice', sliceStart);
    measure('syria-lens:scan', started);
  }

  // ---- hidden text ------------------------------------------------------------------------

  /**
   * Drops marks in blocks the browser does not render (display: none menus, closed dialogs…).
   * Asking about rendering can force a style and layout pass, so it is not done while scanning
   * but when the page is idle, a slice at a time; such marks never paint anyway meanwhile.
   */
  #scheduleHiddenCheck(): void {
    if (this.#hiddenCheckPending) return;
    this.#hiddenCheckPending = true;
    // Every browser the extension runs in has requestIdleCallback (Chromium 47, Firefox 55).
    this.#options.doc.defaultView!.requestIdleCallback(() => {
      this.#hiddenCheckPending = false;
      if (this.#options.signal.aborted) return;
      const slice = new Slice();
      const started = timingStart();
      let changed = false;
      for (const block of [...this.#byBlock.keys()]) {
        if (slice.expired()) {
          this.#scheduleHiddenCheck(); // the rest in the next idle period
          break;
        }
        if (this.#checkedBlocks.has(block)) continue;
        this.#checkedBlocks.add(block);
        if (typeof block.checkVisibility === 'function' && !block.checkVisibility()) {
          this.#removeBlock(block);
          changed = true;
        }
      }
      measure('syria-lens:hidden-check', started);
      if (changed) this.#options.onChange();
    }, { timeout: 2000 });
  }


  /**
   * Turns mentions (found in `index.text` from `shift` on) into marks (live Ranges) added to
   * `into`; mentions that no longer fit the DOM are dropped.
   */
  #createMarks(index: TextIndex, mentions: readonly Mention[], mapper: OffsetMapper, into: Mark[], shift = 0): void {
    const { doc, kindOf } = this.#options;
    // Indexed loops here and in the painting path: `for…of` over an array makes an iterator
    // result per item in cold code, garbage that made the page's GC run during the scan.
    for (let i = 0; i < mentions.length; i++) {
      const mention = mentions[i]!;
      const kind = kindOf(mention.entity);
      if (!kind || !mapper.seek(mention.start + shift, false)) continue;
      const startNode = mapper.node!;
      const startOffset = mapper.offset;
      const block = index.blocks[mapper.index]!;
      if (!mapper.seek(mention.end + shift, true)) continue;
      const range = doc.createRange();
      try {
        range.setStart(startNode, startOffset);
        range.setEnd(mapper.node!, mapper.offset);
      } catch {
        continue; // The page changed this text while we were scanning; its rescan follows.
      }
      into.push({ entity: mention.entity, kind, range, block });
    }
  }

  #addMarks(marks: readonly Mark[]): void {
    for (let i = 0; i < marks.length; i++) {
      const mark = marks[i]!;
      const list = this.#byBlock.get(mark.block);
      if (list) list.push(mark);
      else this.#byBlock.set(mark.block, [mark]);
    }
    this.#hitIndex = null;
    if (this.#options.firstOnly) {
      this.#repaintFirstOnly();
    } else {
      this.#paint(marks, []);
    }
  }

  #removeBlock(block: Element): void {
    this.#checkedBlocks.delete(block);
    const marks = this.#byBlock.get(block);
    if (!marks) return;
    this.#byBlock.delete(block);
    this.#hitIndex = null;
    this.#paint([], marks);
  }

  #paint(added: readonly Mark[], removed: readonly Mark[]): void {
    const { painter } = this.#options;
    const toRemove = removed.filter((mark) => this.#painted.delete(mark));
    if (toRemove.length) painter.remove(toRemove);
    for (let i = 0; i < added.length; i++) this.#painted.add(added[i]!);
    if (added.length) painter.add(added);
    if (painter.kind === 'wrap') this.#changes.discardOwnRecords();
  }

  /** First-only mode: exactly the earliest mark of each entity is painted. */
  #repaintFirstOnly(): void {
    const firsts = new Map<string, Mark>();
    for (const marks of this.#byBlock.values()) {
      for (const mark of marks) {
        const best = firsts.get(mark.entity);
        if (!best || mark.range.compareBoundaryPoints(Range.START_TO_START, best.range) < 0) {
          firsts.set(mark.entity, mark);
        }
      }
    }
    const wanted = new Set(firsts.values());
    const removed = [...this.#painted].filter((mark) => !wanted.has(mark));
    const added = [...wanted].filter((mark) => !this.#painted.has(mark));
    this.#paint(added, removed);
  }

  // ---- following the page -----------------------------------------------------------------

  /** Handles the batch of changes the batcher has ready (also after a full scan, for changes made during it). */
  #flush(): void {
    if (this.#options.signal.aborted || this.#scanning) return;
    const batch = this.#changes.take();
    if (!batch) return;
    const started = timingStart();
    // A storm (Dark Reader's threshold): one sliced full rescan beats thousands of small ones.
    if (batch.storm) {
      void this.#fullScan();
      return;
    }
    const roots = this.#rescanRoots(batch.nodes);
    if (roots === null || roots.length * Math.max(1, this.#byBlock.size) > 200_000) {
      void this.#fullScan();
      return;
    }
    let changed = false;
    // Blocks that left the document take their marks with them.
    for (const block of [...this.#byBlock.keys()]) {
      if (!block.isConnected) {
        this.#removeBlock(block);
        changed = true;
      }
    }
    for (const root of roots) {
      if (!root.isConnected) continue;
      for (const block of [...this.#byBlock.keys()]) {
        if (root === block || root.contains(block)) {
          this.#removeBlock(block);
          changed = true;
        }
      }
      if (isInSkippedRegion(root)) continue;
      const index = extractText(root);
      for (const shadowRoot of index.shadowRoots) {
        if (!this.#shadowRoots.has(shadowRoot)) {
          this.#shadowRoots.add(shadowRoot);
          this.#changes.observe(shadowRoot);
          this.#changes.add(shadowRoot);
        }
      }
      if (index.text.length === 0) continue;
      const runs = languageRuns(index);
      // Undeclared text, and the page never asked what it is: a full scan asks.
      if (this.#options.detectLanguage && !this.#asked && runs.some((run) => !run.language)) return void this.#fullScan();
      const marks: Mark[] = [];
      const mapper = new OffsetMapper(index);
      for (const { start, end, language } of runs) {
        this.#createMarks(index, this.#options.find(index.text.slice(start, end), language ?? this.#detected), mapper, marks, start);
      }
      if (marks.length) {
        this.#addMarks(marks);
        changed = true;
      }
    }
    measure('syria-lens:rescan', started);
    this.#flush(); // the shadow roots met just now
    if (changed) {
      this.#options.onChange();
      this.#scheduleHiddenCheck();
    }
  }

  /**
   * The blocks to rescan for the dirty nodes, without any that another one contains; null when
   * so many changed that one full rescan is cheaper.
   */
  #rescanRoots(nodes: readonly Node[]): Element[] | null {
    const blocks = new Set<Element>();
    for (const node of nodes) {
      if (node.nodeType === 11) {
        // A shadow root: rescan its top-level elements.
        for (const child of (node as ShadowRoot).children) blocks.add(blockOf(child));
        continue;
      }
      const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
      if (!element || isOwnElement(element)) continue;
      blocks.add(blockOf(element));
    }
    if (blocks.size > MAX_RESCAN_BLOCKS) return null;
    const sorted = [...blocks];
    return sorted.filter((block) => !sorted.some((other) => other !== block && other.contains(block)));
  }
}
