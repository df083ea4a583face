/**
 * Giving the page its turn. Long work is cut into slices of a few milliseconds; between
 * slices the page's own input and rendering run, so no task of ours comes near 50 ms.
 */

/** Milliseconds of work before we give the page its turn. */
export const SLICE_MS = 8;

interface SchedulerWithYield {
  yield(): Promise<void>;
}

export function yieldToPage(): Promise<void> {
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

/** A clock for one slice: `expired()` turns true after SLICE_MS. */
export class Slice {
  private start = performance.now();
  expired(): boolean {
    return performance.now() - this.start >= SLICE_MS;
  }
  restart(): void {
    this.start = performance.now();
  }
}
