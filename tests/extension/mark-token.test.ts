/** Each document's highlight-name token, made in the background (extension/mark-token.ts). */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MARK_TOKEN } from '../../core/mark-names';

const local = vi.hoisted(() => {
  const data = new Map<string, unknown>();
  return {
    data,
    get: vi.fn(async (key: string) => (data.has(key) ? { [key]: data.get(key) } : {})),
    set: vi.fn(async (items: Record<string, unknown>) => {
      for (const [key, value] of Object.entries(items)) data.set(key, value);
    }),
  };
});
vi.mock('wxt/browser', () => ({ browser: { storage: { local } } }));

const { markTokenFor, resetMarkTokenKey } = await import('../../extension/mark-token');
const { MARK_SECRET_KEY } = await import('../../extension/storage-keys');

beforeEach(() => {
  local.data.clear();
  local.set.mockClear();
  resetMarkTokenKey();
});

describe('markTokenFor', () => {
  it('gives one document (one time origin) the same token every time, and another document another', async () => {
    const first = await markTokenFor(1733580000123.45);
    expect(first).toMatch(MARK_TOKEN);
    expect(await markTokenFor(1733580000123.45)).toBe(first);
    expect(await markTokenFor(1733580000123.46)).not.toBe(first);
  });

  it('keeps the secret in storage.local, so a restarted background (an updated extension) gives the same token', async () => {
    const before = await markTokenFor(42.5);
    expect(local.set).toHaveBeenCalledTimes(1);
    expect(String(local.data.get(MARK_SECRET_KEY))).toMatch(/^[0-9a-f]{64}$/);
    resetMarkTokenKey();
    expect(await markTokenFor(42.5)).toBe(before);
    expect(local.set).toHaveBeenCalledTimes(1);
  });

  it('another install (another secret) gives the same document another token; a damaged secret is replaced', async () => {
    const mine = await markTokenFor(42.5);
    local.data.set(MARK_SECRET_KEY, 'not a secret');
    resetMarkTokenKey();
    const theirs = await markTokenFor(42.5);
    expect(theirs).toMatch(MARK_TOKEN);
    expect(theirs).not.toBe(mine);
    expect(String(local.data.get(MARK_SECRET_KEY))).toMatch(/^[0-9a-f]{64}$/);
  });
});
