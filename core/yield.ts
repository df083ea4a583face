/**
 * Giving the page its turn. Long work (scanning a page, compiling a briefing) is cut into slices
 * of a few milliseconds; between slices the page's own input, rendering and timers run, so no task of ours
 * comes near 50 ms. The one helper for it, used by the page side and the briefing compiler.
 *
 * No DOM: `MessageChannel` and `performance.now` are in every JS runtime the
 * code runs in (browsers, and Node for the tests and the command line).
 */

/** Milliseconds of work before we give the page its turn. */
const SLICE_MS = 8;

/** Node's MessagePort can let the process exit while it is open; browsers' cannot. */
type NodePort = { ref?: () => void; unref?: () => void };

/** Callers waiting for the next message on the shared channel, oldest first. */
const waiting: (() => void)[] = [];
let channel: MessageChannel | null = null;

/**
 * Resolves in a later task: after the page's pending input, rendering and timers.
 *
 * Not `scheduler.yield()`: its continuation goes ahead of the page's own tasks, and measured in
 * Chromium 156 and Firefox 153 a page's `setTimeout(0)` never ran during 40 slices paused that way
 * (the whole scan of a long page, 0.3–0.8 s); paused through a MessageChannel it ran in every gap.
 * A MessageChannel task also runs sooner than setTimeout(0), which browsers clamp when nested. One
 * channel serves every pause (a long scan pauses hundreds of times). In Node a port keeps the
 * process alive: it is ref'd only while someone waits on it.
 */
export function yieldToEventLoop(): Promise<void> {
  if (!channel) {
    const created = new MessageChannel();
    created.port1.onmessage = () => {
      waiting.shift()?.();
      if (waiting.length === 0) (created.port1 as NodePort).unref?.();
    };
    channel = created;
  }
  const { port1, port2 } = channel;
  return new Promise((resolve) => {
    waiting.push(resolve);
    (port1 as NodePort).ref?.();
    port2.postMessage(null);
  });
}

/** A clock for one slice: `expired()` turns true after `ms` (SLICE_MS by default). */
export class Slice {
  private start = performance.now();
  constructor(private readonly ms = SLICE_MS) {}
  expired(): boolean {
    return performance.now() - this.start >= this.ms;
  }
  restart(): void {
    this.start = performance.now();
  }
}
