/**
 * Giving the page its turn. Long work (scanning a page, compiling a briefing) is cut into slices
 * of a few milliseconds; between slices the page's own input and rendering run, so no task of ours
 * comes near 50 ms. The one helper for it, used by the page side and the briefing compiler.
 *
 * No DOM: `scheduler.yield`, `MessageChannel` and `performance.now` are in every JS runtime the
 * code runs in (browsers, and Node for the tests and the command line).
 */

/** Milliseconds of work before we give the page its turn. */
const SLICE_MS = 8;

interface SchedulerWithYield {
  yield(): Promise<void>;
}

/** Resolves in a later task: after the page's pending input and rendering. */
export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<SchedulerWithYield> }).scheduler;
  if (scheduler && typeof scheduler.yield === 'function') return scheduler.yield();
  // A MessageChannel task runs sooner than setTimeout(0), which browsers clamp when nested.
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
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
