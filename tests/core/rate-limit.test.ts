import { describe, expect, it } from 'vitest';
import { OPEN_TAB_OVERALL, OPEN_TAB_PER_SENDER, RateLimiter, tabOpeningLimiter } from '../../core/rate-limit';

describe('RateLimiter', () => {
  it('allows `limit` requests within the window, then refuses until the oldest leaves it', () => {
    const limiter = new RateLimiter({ limit: 3, windowMs: 1000 });
    expect([0, 10, 20, 30].map((t) => limiter.allow('a', t))).toEqual([true, true, true, false]);
    expect(limiter.allow('a', 999)).toBe(false);
    expect(limiter.allow('a', 1001)).toBe(true); // the one at 0 has left the window
    expect(limiter.allow('a', 1002)).toBe(false);
  });

  it('refused requests are not counted', () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 1000 });
    expect(limiter.allow('a', 0)).toBe(true);
    for (let t = 1; t < 1000; t += 10) expect(limiter.allow('a', t)).toBe(false);
    expect(limiter.allow('a', 1000)).toBe(true);
  });

  it('counts each key on its own', () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 1000 });
    expect(limiter.allow('a', 0)).toBe(true);
    expect(limiter.allow('b', 0)).toBe(true);
    expect(limiter.allow('a', 1)).toBe(false);
  });

  it('a clock that goes back does not let a burst through', () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 1000 });
    expect(limiter.allow('a', 5000)).toBe(true);
    expect(limiter.allow('a', 5001)).toBe(true);
    // Times in the "future" are dropped, so a clock set back starts a fresh window, no more than that.
    expect(limiter.allow('a', 100)).toBe(true);
    expect(limiter.allow('a', 101)).toBe(true);
    expect(limiter.allow('a', 102)).toBe(false);
  });

  it('remembers a bounded number of keys', () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 60_000 }, 3);
    for (const key of ['a', 'b', 'c', 'd']) expect(limiter.allow(key, 0)).toBe(true);
    // 'a' was forgotten to make room: it may ask again; 'd' may not.
    expect(limiter.allow('a', 1)).toBe(true);
    expect(limiter.allow('d', 1)).toBe(false);
  });
});

describe('tabOpeningLimiter', () => {
  it('a page flooding "open a tab" gets 3 tabs, not 1,000', () => {
    const allow = tabOpeningLimiter();
    let opened = 0;
    for (let i = 0; i < 1000; i++) if (allow('tab:7', i)) opened++;
    expect(opened).toBe(OPEN_TAB_PER_SENDER.limit);
    // Ten seconds later it may open a few more.
    expect(allow('tab:7', OPEN_TAB_PER_SENDER.windowMs + 1000)).toBe(true);
  });

  it('many tabs together are held to 10 a minute', () => {
    const allow = tabOpeningLimiter();
    let opened = 0;
    for (let tab = 0; tab < 100; tab++) if (allow(`tab:${tab}`, tab)) opened++;
    expect(opened).toBe(OPEN_TAB_OVERALL.limit);
    expect(allow('tab:500', OPEN_TAB_OVERALL.windowMs + 100)).toBe(true);
  });

  it('a reader clicking a source every few seconds is never refused', () => {
    const allow = tabOpeningLimiter();
    for (let t = 0; t < 60_000; t += 6_000) expect(allow('tab:1', t)).toBe(true);
  });
});
