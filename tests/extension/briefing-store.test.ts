/**
 * The briefing store against a small in-memory browser.storage.local written here, which can
 * refuse writes with the browsers' quota errors.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { tm, UserFacingError, userMessageOf } from '../../core/i18n';
import type { Briefing } from '../../core/types';

type Changes = Record<string, { oldValue?: unknown; newValue?: unknown }>;
type Listener = (changes: Changes, areaName: string) => void;

const fake = vi.hoisted(() => {
  const listeners = new Set<Listener>();
  const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));
  class FakeLocal {
    data = new Map<string, unknown>();
    failWritesWith: Error | null = null;
    /** Total bytes (keys + JSON values) allowed, like Chromium's QUOTA_BYTES. */
    quota = Infinity;
    writes = 0;
    async get(keys?: string | string[] | null): Promise<Record<string, unknown>> {
      const list = keys == null ? [...this.data.keys()] : typeof keys === 'string' ? [keys] : keys;
      const out: Record<string, unknown> = {};
      for (const key of list) if (this.data.has(key)) out[key] = clone(this.data.get(key));
      return out;
    }
    async set(items: Record<string, unknown>): Promise<void> {
      if (this.failWritesWith) throw this.failWritesWith;
      const next = new Map(this.data);
      for (const [key, value] of Object.entries(items)) next.set(key, clone(value));
      let bytes = 0;
      for (const [key, value] of next) bytes += new TextEncoder().encode(key + JSON.stringify(value)).length;
      if (bytes > this.quota) throw new Error('QUOTA_BYTES quota exceeded');
      this.writes++;
      const changes: Changes = {};
      for (const [key, value] of Object.entries(items)) changes[key] = { oldValue: clone(this.data.get(key)), newValue: clone(value) };
      this.data = next;
      queueMicrotask(() => {
        for (const listener of listeners) listener(changes, 'local');
      });
    }
  }
  const storage = {
    local: new FakeLocal(),
    onChanged: {
      addListener: (l: Listener) => listeners.add(l),
      removeListener: (l: Listener) => listeners.delete(l),
    },
  };
  return {
    storage,
    listeners,
    reset(): void {
      storage.local = new FakeLocal();
      listeners.clear();
    },
  };
});

vi.mock('wxt/browser', () => ({ browser: { storage: fake.storage } }));

const store = await import('../../extension/briefing-store');
const {
  BRIEFINGS_KEY,
  addReaderBriefing,
  combineBriefings,
  deleteReaderBriefing,
  loadBriefings,
  loadReaderBriefings,
  parseReaderBriefings,
  saveReaderBriefings,
  setBriefingEnabled,
  updateReaderBriefing,
  watchBriefings,
} = store;

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const stored = () => fake.storage.local.data.get(BRIEFINGS_KEY);

const HAMA = 'Hama fell to the rebels on 5 December after a week of fighting, witnesses said.';
const bundled: Briefing[] = [{ id: 'bundled', title: 'Bundled', text: 'Iran withdrew from Syria.', builtIn: true }];
const mine = (id: string, extra: Partial<Briefing> = {}): Briefing => ({ id, title: `Title ${id}`, text: `${HAMA} ${id}`, ...extra });

beforeEach(() => fake.reset());

describe('reading', () => {
  it('parses the reader’s briefings, dropping damaged entries, duplicates and built-in states', () => {
    const raw = [
      mine('a', { source: 'https://example.org/', enabled: false }),
      { id: 'b', title: 'No text' },
      null,
      'x',
      { ...mine('c'), enabled: 'yes' },
      mine('a'),
      { id: 'bundled', builtIn: true, enabled: false },
      mine('d'),
    ];
    expect(parseReaderBriefings(raw)).toEqual([
      { ...mine('a'), source: 'https://example.org/', enabled: false, builtIn: false },
      { ...mine('d'), builtIn: false },
    ]);
    expect(parseReaderBriefings({ not: 'a list' })).toEqual([]);
  });

  it('combines bundled briefings (with the reader’s on/off) and the reader’s', () => {
    const raw = [mine('a'), { id: 'bundled', builtIn: true, enabled: false }, mine('bundled')];
    expect(combineBriefings(bundled, raw).map((b) => [b.id, b.builtIn, b.enabled])).toEqual([
      ['bundled', true, false],
      ['a', false, undefined],
    ]);
    expect(combineBriefings(bundled, undefined).map((b) => [b.id, b.enabled])).toEqual([['bundled', true]]);
  });

  it('loads nothing from empty storage', async () => {
    expect(await loadReaderBriefings()).toEqual([]);
    expect((await loadBriefings(bundled)).map((b) => b.id)).toEqual(['bundled']);
  });
});

describe('writing', () => {
  it('adds, renames, switches off, deletes', async () => {
    await addReaderBriefing(mine('a'));
    await addReaderBriefing(mine('b', { source: 'https://example.org/b' }));
    expect((await loadReaderBriefings()).map((b) => b.id)).toEqual(['a', 'b']);

    await updateReaderBriefing('a', { title: 'Renamed' });
    await setBriefingEnabled('b', false);
    expect((await loadReaderBriefings()).map((b) => [b.id, b.title, b.enabled ?? true, b.source])).toEqual([
      ['a', 'Renamed', true, undefined],
      ['b', 'Title b', false, 'https://example.org/b'],
    ]);

    await deleteReaderBriefing('a');
    expect((await loadReaderBriefings()).map((b) => b.id)).toEqual(['b']);
    // Deleting an unknown id changes nothing and does not write.
    const writes = fake.storage.local.writes;
    await deleteReaderBriefing('nope');
    expect(fake.storage.local.writes).toBe(writes);
  });

  it('keeps a built-in briefing’s on/off state next to the reader’s briefings', async () => {
    await addReaderBriefing(mine('a'));
    await setBriefingEnabled('bundled', false);
    expect(stored()).toEqual([{ id: 'a', title: 'Title a', text: `${HAMA} a` }, { id: 'bundled', builtIn: true, enabled: false }]);
    expect((await loadBriefings(bundled)).map((b) => [b.id, b.enabled])).toEqual([
      ['bundled', false],
      ['a', undefined],
    ]);
    // Older readers of the key see only the reader's briefings.
    expect((await loadReaderBriefings()).map((b) => b.id)).toEqual(['a']);
    // Saving the reader's list keeps the state.
    await saveReaderBriefings([mine('z')]);
    expect((await loadBriefings(bundled)).map((b) => [b.id, b.enabled])).toEqual([
      ['bundled', false],
      ['z', undefined],
    ]);
    await setBriefingEnabled('bundled', true);
    expect(stored()).toEqual([{ id: 'z', title: 'Title z', text: `${HAMA} z` }]);
  });

  it('refuses a taken id, an unknown id to update, and invalid briefings, writing nothing', async () => {
    await addReaderBriefing(mine('a'));
    const before = JSON.stringify(stored());
    await expect(addReaderBriefing(mine('a'))).rejects.toThrow(/already a briefing/);
    await expect(updateReaderBriefing('nope', { title: 'x' })).rejects.toThrow(/no briefing/);
    await expect(updateReaderBriefing('a', { title: ' ' })).rejects.toThrow(/no title/);
    await expect(addReaderBriefing(mine('b', { text: '' }))).rejects.toThrow(/empty/);
    await expect(saveReaderBriefings([mine('x'), mine('x')])).rejects.toThrow(/Two briefings/);
    await expect(saveReaderBriefings([mine('x', { text: 'a'.repeat(1_000_001) })])).rejects.toThrow(/too large/);
    expect(JSON.stringify(stored())).toBe(before);
    // Each refusal carries a message for the reader.
    const reason = (attempt: Promise<void>) => attempt.then(() => null, (e: unknown) => userMessageOf(e));
    expect(await reason(addReaderBriefing(mine('a')))).toEqual({ key: 'briefing_store_id_taken', substitutions: ['a'] });
    expect(await reason(updateReaderBriefing('nope', { title: 'x' }))).toEqual({ key: 'briefing_store_missing', substitutions: ['nope'] });
    expect(await reason(updateReaderBriefing('a', { title: ' ' }))).toEqual({ key: 'briefing_store_no_title', substitutions: ['a'] });
    expect(await reason(saveReaderBriefings([mine('x'), mine('x')]))).toEqual({ key: 'briefing_store_duplicate_id', substitutions: ['x'] });
    const empty = await reason(addReaderBriefing(mine('b', { text: '' })));
    expect(empty).toEqual({ key: 'briefing_store_bad_text', substitutions: [mine('b').title] });
    expect(tm(empty!)).toBe(`The text of the briefing "${mine('b').title}" cannot be kept: it is empty, larger than 1 MB or not text.`);
  });

  it('refuses more than 200 briefings or 8 MB together where the list grows, and lets a reader over them delete (issue 9)', async () => {
    const many = Array.from({ length: 200 }, (_, i) => mine(`m${i}`));
    await saveReaderBriefings(many);
    const reason = (attempt: Promise<void>) => attempt.then(() => null, (e: unknown) => userMessageOf(e));
    const tooMany = await reason(addReaderBriefing(mine('one-more')));
    expect(tooMany).toEqual({ key: 'briefing_store_too_many', substitutions: ['200'] });
    expect(tm(tooMany!)).toBe('You can keep at most 200 briefings of your own. Delete one to add another.');
    expect(await reason(saveReaderBriefings([...many, mine('one-more')]))).toEqual(tooMany);
    const large = Array.from({ length: 9 }, (_, i) => mine(`l${i}`, { text: 'a '.repeat(499_999) }));
    const tooLarge = await reason(saveReaderBriefings(large));
    expect(tooLarge).toEqual({ key: 'briefing_store_total_too_large', substitutions: ['9.00 MB', '8 MB'] });
    expect((await loadReaderBriefings()).length).toBe(200);
    await deleteReaderBriefing('m0');
    await addReaderBriefing(mine('one-more'));
    expect((await loadReaderBriefings()).length).toBe(200);
  });

  it('saveReaderBriefings replaces the list and ignores built-in briefings in it', async () => {
    await addReaderBriefing(mine('a'));
    await saveReaderBriefings([...bundled, mine('b'), mine('c', { enabled: false })]);
    expect((await loadReaderBriefings()).map((b) => [b.id, b.enabled])).toEqual([
      ['b', undefined],
      ['c', false],
    ]);
  });

  it('a quota error (Chromium’s QUOTA_BYTES) rejects with a clear Error and leaves the stored list intact', async () => {
    await saveReaderBriefings([mine('a'), mine('b')]);
    const before = JSON.stringify(stored());
    fake.storage.local.quota = 2_000;
    const big = mine('big', { text: `${HAMA} `.repeat(30) });
    const error = await addReaderBriefing(big).then(
      () => null,
      (e: unknown) => e as Error & { bytes?: number },
    );
    expect(error?.name).toBe('BriefingQuotaError');
    expect(error?.message).toMatch(/Not enough room in the browser's storage.*10\.5 MB.*Nothing was changed/);
    expect(error?.bytes).toBeGreaterThan(2_000);
    expect(error).toBeInstanceOf(UserFacingError);
    expect(userMessageOf(error)).toEqual({ key: 'briefing_store_quota', substitutions: [expect.stringMatching(/^\d+\.\d$/), '10.5'] });
    expect(tm(userMessageOf(error)!)).toMatch(/^Not enough room in the browser's storage: your briefings would take .* MB and the browser keeps at most 10\.5 MB/);
    expect(JSON.stringify(stored())).toBe(before);
    expect((await loadReaderBriefings()).map((b) => b.id)).toEqual(['a', 'b']);
  });

  it('Firefox’s QuotaExceededError is a quota error too; other errors say nothing was changed', async () => {
    await saveReaderBriefings([mine('a')]);
    const quota = new Error('storage full');
    quota.name = 'QuotaExceededError';
    fake.storage.local.failWritesWith = quota;
    await expect(saveReaderBriefings([mine('a'), mine('b')])).rejects.toMatchObject({ name: 'BriefingQuotaError' });
    fake.storage.local.failWritesWith = new Error('IO error');
    const failed = deleteReaderBriefing('a');
    await expect(failed).rejects.toThrow(/could not be saved \(IO error\)\. Nothing was changed/);
    expect(userMessageOf(await failed.catch((e: unknown) => e))).toEqual({ key: 'briefing_store_write_failed', substitutions: ['IO error'] });
    expect((await loadReaderBriefings()).map((b) => b.id)).toEqual(['a']);
  });

  it('runs writes one after another (no lost update)', async () => {
    await Promise.all([addReaderBriefing(mine('a')), addReaderBriefing(mine('b')), addReaderBriefing(mine('c'))]);
    expect((await loadReaderBriefings()).map((b) => b.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('watching', () => {
  it('reports changes to the key until the signal aborts', async () => {
    const readers: string[][] = [];
    const all: string[][] = [];
    const controller = new AbortController();
    watchBriefings([], (list) => readers.push(list.map((b) => b.id)), controller.signal);
    watchBriefings(bundled, (list) => all.push(list.map((b) => `${b.id}:${b.enabled !== false}`)), controller.signal);
    await addReaderBriefing(mine('a'));
    await settle();
    await setBriefingEnabled('bundled', false);
    await settle();
    expect(readers).toEqual([['a'], ['a']]);
    expect(all).toEqual([
      ['bundled:true', 'a:true'],
      ['bundled:false', 'a:true'],
    ]);
    controller.abort();
    expect(fake.listeners.size).toBe(0);
    await addReaderBriefing(mine('b'));
    await settle();
    expect(readers).toHaveLength(2);
  });
});
