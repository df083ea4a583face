/**
 * A sliding-window rate limiter, pure: the clock is passed in. The background uses it for the
 * requests that open a tab (a card's source button): whatever a page manages to make a content
 * script or card send, it cannot flood the reader's browser with tabs.
 */

export interface RateLimit {
  /** At most this many… */
  limit: number;
  /** …within this many milliseconds. */
  windowMs: number;
}

export class RateLimiter {
  /** Per key, the times of the requests allowed within the window, oldest first. */
  private readonly times = new Map<string, number[]>();

  constructor(
    private readonly rate: RateLimit,
    /** Keys remembered at most (the oldest is forgotten first): a sender cannot grow it without bound. */
    private readonly maxKeys = 1000,
  ) {}

  /** Is one more request for `key` at `now` (milliseconds) allowed? If so it is counted. */
  allow(key: string, now: number): boolean {
    const since = now - this.rate.windowMs;
    const recent = (this.times.get(key) ?? []).filter((time) => time > since && time <= now);
    if (recent.length >= this.rate.limit) {
      this.times.set(key, recent);
      return false;
    }
    recent.push(now);
    // Re-inserted, so the Map's order is the order of last use.
    this.times.delete(key);
    this.times.set(key, recent);
    if (this.times.size > this.maxKeys) this.times.delete(this.times.keys().next().value!);
    return true;
  }
}

/**
 * Tabs opened on request of a page (content script or card): at most 3 in 10 seconds from one
 * tab, and at most 10 a minute in all. A reader clicking sources one after another stays far below.
 */
export const OPEN_TAB_PER_SENDER: RateLimit = { limit: 3, windowMs: 10_000 };
export const OPEN_TAB_OVERALL: RateLimit = { limit: 10, windowMs: 60_000 };

/** One limiter for tab-opening requests: allowed only when both the sender's and the overall limit allow. */
export function tabOpeningLimiter(): (sender: string, now: number) => boolean {
  const perSender = new RateLimiter(OPEN_TAB_PER_SENDER);
  const overall = new RateLimiter(OPEN_TAB_OVERALL);
  return (sender, now) => {
    // The overall limit is only spent on what the sender's limit lets through.
    if (!perSender.allow(sender, now)) return false;
    return overall.allow('', now);
  };
}
