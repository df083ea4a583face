/**
 * The settings store against a small in-memory browser.storage written here, which can make
 * sync disappear, throw, or refuse writes with the browsers' quota errors.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tm, UserFacingError, userMessageOf, type Message } from '../../core/i18n';
import { defaultSettings, parseSettings, type Settings } from '../../core/settings';
import type { Entity } from '../../core/types';

type Changes = Record<string, { oldValue?: unknown; newValue?: unknown }>;
type Listener = (changes: Changes, areaName: string) => void;

const fake = vi.hoisted(() => {
  const listeners = new Set<Listener>();
  const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

  class FakeArea {
    data = new Map<string, unknown>();
    /** Set to make every call reject with this error. */
    failWith: Error | null = null;
    /** Set to make writes (only) reject with this error. */
    failWritesWith: Error | null = null;
    /** Chromium's sync limit per item: key + JSON value. */
    perItemLimit = Infinity;
    writes = 0;

    constructor(readonly name: string) {}

    private check(write: boolean): void {
      if (this.failWith) throw this.failWith;
      if (write && this.failWritesWith) throw this.failWritesWith;
    }

    async get(keys?: string | string[] | null): Promise<Record<string, unknown>> {
      this.check(false);
      const list = keys == null ? [...this.data.keys()] : typeof keys === 'string' ? [keys] : keys;
      const out: Record<string, unknown> = {};
      for (const key of list) if (this.data.has(key)) out[key] = clone(this.data.get(key));
      return out;
    }

    async set(items: Record<string, unknown>): Promise<void> {
      this.check(true);
      for (const [key, value] of Object.entries(items)) {
        if (new TextEncoder().encode(key + JSON.stringify(value)).length > this.perItemLimit) {
          throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
        }
      }
      this.writes++;
      const changes: Changes = {};
      for (const [key, value] of Object.entries(items)) {
        changes[key] = { oldValue: clone(this.data.get(key)), newValue: clone(value) };
        this.data.set(key, clone(value));
      }
      emit(changes, this.name);
    }

    async remove(keys: string | string[]): Promise<void> {
      this.check(true);
      const changes: Changes = {};
      for (const key of typeof keys === 'string' ? [keys] : keys) {
        if (!this.data.has(key)) continue;
        changes[key] = { oldValue: clone(this.data.get(key)) };
        this.data.delete(key);
      }
      if (Object.keys(changes).length > 0) emit(changes, this.name);
    }
  }

  function emit(changes: Changes, areaName: string): void {
    // Browsers call listeners asynchronously.
    queueMicrotask(() => {
      for (const listener of listeners) listener(changes, areaName);
    });
  }

  const storage = {
    local: new FakeArea('local'),
    sync: new FakeArea('sync') as FakeArea | undefined,
    onChanged: {
      addListener: (l: Listener) => listeners.add(l),
      removeListener: (l: Listener) => listeners.delete(l),
      hasListener: (l: Listener) => listeners.has(l),
    },
  };

  return {
    storage,
    listeners,
    FakeArea,
    reset(): void {
      storage.local = new FakeArea('local');
      storage.sync = new FakeArea('sync');
      storage.sync.perItemLimit = 8192;
      listeners.clear();
    },
  };
});

vi.mock('wxt/browser', () => ({ browser: { storage: fake.storage } }));

const {
  SETTINGS_AREA_KEY,
  SETTINGS_KEY,
  SETTINGS_PROBLEMS_KEY,
  loadSettings,
  saveSettings,
  takeSettingsProblems,
  updateSettings,
  watchSettings,
} = await import('../../extension/settings-store');

const local = () => fake.storage.local;
const sync = () => {
  if (!fake.storage.sync) throw new Error('no sync area in this test');
  return fake.storage.sync;
};

/** Lets queued microtasks and promise chains (storage events, re-reads) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function custom(): Settings {
  return { ...defaultSettings(), enabled: false, markStyle: 'background', siteRules: [{ pattern: 'a.org', mode: 'on' }] };
}

/** Settings whose JSON is well over sync's 8 KB per item. */
function large(): Settings {
  const added: Entity[] = Array.from({ length: 60 }, (_, i) => ({
    id: `reader-${i}`,
    name: `Reader entity number ${i}`,
    kind: 'person',
    description: 'A person the reader added, with a description long enough to take some room.',
    aliases: [{ text: `Entity ${i}` }, { text: `E${i}`, anyCase: true }],
  }));
  return { ...defaultSettings(), entityChanges: { added, extraAliases: {}, hidden: [] } };
}

beforeEach(() => {
  fake.reset();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('loadSettings', () => {
  it('nothing stored: defaults from sync, nothing written', async () => {
    const loaded = await loadSettings();
    expect(loaded).toEqual({ settings: defaultSettings(), problems: [], area: 'sync' });
    expect(sync().writes + local().writes).toBe(0);
  });

  it('reads valid settings from sync without writing', async () => {
    sync().data.set(SETTINGS_KEY, custom());
    const loaded = await loadSettings();
    expect(loaded.settings).toEqual(custom());
    expect(loaded.problems).toEqual([]);
    expect(sync().writes + local().writes).toBe(0);
  });

  it('partial settings: filled in and written back, no problems recorded', async () => {
    sync().data.set(SETTINGS_KEY, { schemaVersion: 1, enabled: false });
    const loaded = await loadSettings();
    expect(loaded.settings).toEqual({ ...defaultSettings(), enabled: false });
    expect(sync().data.get(SETTINGS_KEY)).toEqual({ ...defaultSettings(), enabled: false });
    expect(local().data.has(SETTINGS_PROBLEMS_KEY)).toBe(false);
  });

  it('damaged fields: repaired, written back, problems recorded once for the options page', async () => {
    sync().data.set(SETTINGS_KEY, { ...custom(), scope: 'everywhere', hoverDelayMs: 'slow', junk: 1 });
    const loaded = await loadSettings();
    expect(loaded.settings).toEqual(custom());
    expect(loaded.problems).toHaveLength(2);
    expect(sync().data.get(SETTINGS_KEY)).toEqual(custom());
    expect(local().data.get(SETTINGS_PROBLEMS_KEY)).toEqual(loaded.problems);

    // Loading again finds clean settings and adds nothing.
    const again = await loadSettings();
    expect(again.problems).toEqual([]);
    expect(local().data.get(SETTINGS_PROBLEMS_KEY)).toEqual(loaded.problems);

    // The options page takes them once.
    expect(await takeSettingsProblems()).toEqual(loaded.problems);
    expect(await takeSettingsProblems()).toEqual([]);
  });

  it('problems from several loads accumulate without duplicates', async () => {
    sync().data.set(SETTINGS_KEY, { ...custom(), enabled: 'x' });
    const first = await loadSettings();
    sync().data.set(SETTINGS_KEY, { ...custom(), enabled: 'x', markStyle: 'bold' });
    const second = await loadSettings();
    const stored = local().data.get(SETTINGS_PROBLEMS_KEY) as Message[];
    expect(stored).toHaveLength(2);
    expect(stored).toEqual([
      { key: 'settings_problem_reset_enabled', substitutions: ['"x"', 'true'] },
      { key: 'settings_problem_reset_mark_style', substitutions: ['"bold"', '"underline"'] },
    ]);
    expect(stored).toEqual([first.problems[0], second.problems[1]]);
  });

  it('problems stored as English sentences by an older version are still handed out, as they are', async () => {
    const old = 'Hover delay: 5000 ms is outside 0–3000 ms; set to 3000 ms.';
    local().data.set(SETTINGS_PROBLEMS_KEY, [old, 42, { key: 'Not A Key' }]);
    sync().data.set(SETTINGS_KEY, { ...custom(), enabled: 'x' });
    await loadSettings();
    const problems = await takeSettingsProblems();
    expect(problems).toEqual([old, { key: 'settings_problem_reset_enabled', substitutions: ['"x"', 'true'] }]);
    expect(problems.map(tm)).toEqual([old, 'The on/off switch: the saved value "x" was not valid; reset to true.']);
  });

  it('a corrupt value (not an object) resets to defaults and says so', async () => {
    sync().data.set(SETTINGS_KEY, '{"enabled": tru');
    const loaded = await loadSettings();
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.problems).toEqual([{ key: 'settings_problem_unreadable' }]);
    expect(sync().data.get(SETTINGS_KEY)).toEqual(defaultSettings());
  });

  it('migrates the v0 format and writes the current one back', async () => {
    sync().data.set(SETTINGS_KEY, { on: false, disabledSites: ['www.example.com'] });
    const loaded = await loadSettings();
    expect(loaded.settings.enabled).toBe(false);
    expect(loaded.settings.siteRules).toEqual([{ pattern: 'example.com', mode: 'off' }]);
    expect(loaded.problems).toEqual([]);
    expect(sync().data.get(SETTINGS_KEY)).toEqual(loaded.settings);
  });

  it('sync that throws (switched off): reads local', async () => {
    local().data.set(SETTINGS_KEY, custom());
    sync().failWith = new Error('Please set webextensions.storage.sync.enabled to true in about:config');
    const loaded = await loadSettings();
    expect(loaded).toEqual({ settings: custom(), problems: [], area: 'local' });
  });

  it('no sync area at all: reads local', async () => {
    fake.storage.sync = undefined;
    local().data.set(SETTINGS_KEY, custom());
    expect(await loadSettings()).toEqual({ settings: custom(), problems: [], area: 'local' });
  });

  it('sync empty but a local copy exists: uses the local copy', async () => {
    local().data.set(SETTINGS_KEY, custom());
    expect((await loadSettings()).settings).toEqual(custom());
  });

  it('the local marker wins over an older copy in sync', async () => {
    sync().data.set(SETTINGS_KEY, defaultSettings());
    local().data.set(SETTINGS_KEY, custom());
    local().data.set(SETTINGS_AREA_KEY, 'local');
    expect(await loadSettings()).toEqual({ settings: custom(), problems: [], area: 'local' });
  });

  it('repairs settings kept in local and writes them back there when sync is off', async () => {
    fake.storage.sync = undefined;
    local().data.set(SETTINGS_KEY, { ...custom(), showBadge: 'yes' });
    const loaded = await loadSettings();
    expect(loaded.problems).toHaveLength(1);
    expect(local().data.get(SETTINGS_KEY)).toEqual(custom());
  });

  it('never rejects: unreadable storage gives the defaults and a problem', async () => {
    local().failWith = new Error('IO error');
    const loaded = await loadSettings();
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.problems).toEqual([{ key: 'settings_problem_storage_unreadable', substitutions: ['IO error'] }]);
    expect(tm(loaded.problems[0]!)).toBe('Your settings could not be read (IO error); using the defaults for now.');
  });

  it('a failed write-back still returns the repaired settings', async () => {
    sync().data.set(SETTINGS_KEY, { ...custom(), enabled: 3 });
    sync().failWritesWith = new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded');
    const loaded = await loadSettings();
    expect(loaded.settings).toEqual({ ...custom(), enabled: true });
    expect(loaded.problems).toHaveLength(1);
    expect(sync().data.get(SETTINGS_KEY)).toEqual({ ...custom(), enabled: 3 });
  });
});

describe('saveSettings', () => {
  it('writes to sync as one item', async () => {
    await saveSettings(custom());
    expect(sync().data.get(SETTINGS_KEY)).toEqual(custom());
    expect(local().data.has(SETTINGS_KEY)).toBe(false);
    expect((await loadSettings()).settings).toEqual(custom());
  });

  it.each([
    ['Chromium total quota', 'QUOTA_BYTES quota exceeded', /sync storage is full/, 'settings_error_sync_full'],
    ['Chromium write rate', 'MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded', /too often/, 'settings_error_too_often'],
    ['Firefox', 'QuotaExceededError: storage.sync API call exceeded its quota limitations.', /full/, 'settings_error_sync_full'],
  ])('%s quota error: a clear Error, the old settings untouched', async (_, message, reason, key) => {
    sync().data.set(SETTINGS_KEY, custom());
    sync().failWritesWith = new Error(message);
    const attempt = saveSettings({ ...custom(), enabled: true });
    await expect(attempt).rejects.toThrow(/Settings not saved/);
    await expect(attempt).rejects.toThrow(reason);
    await expect(attempt).rejects.toThrow(/previous settings are unchanged/);
    const error: unknown = await attempt.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect(userMessageOf(error)).toEqual({ key, substitutions: [message] });
    const english = tm(userMessageOf(error)!);
    expect(english).toMatch(/^Settings not saved: /);
    expect(english).toMatch(reason);
    expect(english).toMatch(/previous settings are unchanged/);
    expect(sync().data.get(SETTINGS_KEY)).toEqual(custom());
    expect(local().data.has(SETTINGS_KEY)).toBe(false);
    expect(local().data.has(SETTINGS_AREA_KEY)).toBe(false);
    expect((await loadSettings()).settings).toEqual(custom());
  });

  it('a DOMException named QuotaExceededError counts as a quota error', async () => {
    sync().failWritesWith = new DOMException('exceeded', 'QuotaExceededError');
    await expect(saveSettings(custom())).rejects.toThrow(/Settings not saved/);
  });

  it('a local quota error (settings kept in local) is reported the same way', async () => {
    fake.storage.sync = undefined;
    local().data.set(SETTINGS_KEY, custom());
    local().failWritesWith = new Error('QUOTA_BYTES quota exceeded');
    const attempt = saveSettings(defaultSettings());
    await expect(attempt).rejects.toThrow(/storage for Syria Lens is full/);
    expect(userMessageOf(await attempt.catch((e: unknown) => e))).toEqual({
      key: 'settings_error_local_full',
      substitutions: ['QUOTA_BYTES quota exceeded'],
    });
    expect(local().data.get(SETTINGS_KEY)).toEqual(custom());
  });

  it('sync unavailable: saves to local with the marker', async () => {
    sync().failWith = new Error('The storage API will not work with a temporary addon ID.');
    await saveSettings(custom());
    expect(local().data.get(SETTINGS_KEY)).toEqual(custom());
    expect(local().data.get(SETTINGS_AREA_KEY)).toBe('local');
    expect(await loadSettings()).toEqual({ settings: custom(), problems: [], area: 'local' });
  });

  it('no sync area: saves to local', async () => {
    fake.storage.sync = undefined;
    await saveSettings(custom());
    expect(local().data.get(SETTINGS_KEY)).toEqual(custom());
  });

  it('settings too large for sync go to local, once noted for the reader; small ones go back to sync', async () => {
    sync().data.set(SETTINGS_KEY, custom());
    await saveSettings(large());
    expect(sync().writes).toBe(0);
    expect(sync().data.get(SETTINGS_KEY)).toEqual(custom()); // untouched, and not current here
    expect(local().data.get(SETTINGS_KEY)).toEqual(large());
    expect(local().data.get(SETTINGS_AREA_KEY)).toBe('local');
    const loaded = await loadSettings();
    expect(loaded.settings).toEqual(large());
    expect(loaded.area).toBe('local');

    await saveSettings({ ...large(), showBadge: false });
    const notes = await takeSettingsProblems();
    expect(notes).toEqual([{ key: 'settings_problem_too_large_to_sync', substitutions: [expect.stringMatching(/^\d+$/)] }]);
    expect(tm(notes[0]!)).toMatch(/^Your settings \(\d+ KB, mostly your changes to the list of names\) are too large to sync/);

    await saveSettings(custom());
    expect(sync().data.get(SETTINGS_KEY)).toEqual(custom());
    expect(local().data.has(SETTINGS_KEY)).toBe(false);
    expect(local().data.has(SETTINGS_AREA_KEY)).toBe(false);
    expect(await loadSettings()).toEqual({ settings: custom(), problems: [], area: 'sync' });
  });

  it('a per-item quota error from sync (size misjudged) falls back to local', async () => {
    sync().perItemLimit = 100;
    await saveSettings(custom());
    expect(local().data.get(SETTINGS_KEY)).toEqual(custom());
    expect((await loadSettings()).settings).toEqual(custom());
  });

  it('refuses invalid settings and writes nothing', async () => {
    sync().data.set(SETTINGS_KEY, custom());
    await expect(saveSettings({ ...custom(), hoverDelayMs: 10_000 })).rejects.toThrow(/not valid.*Hover delay/);
    await expect(saveSettings({ ...custom(), scope: 'x' as 'all' })).rejects.toThrow(/not valid/);
    const error: unknown = await saveSettings({ ...custom(), scope: 'x' as 'all' }).catch((e: unknown) => e);
    expect(userMessageOf(error)).toEqual({ key: 'settings_error_invalid' });
    expect(sync().data.get(SETTINGS_KEY)).toEqual(custom());
  });

  it('drops keys that are not settings', async () => {
    await saveSettings({ ...custom(), popupOpen: true } as Settings);
    expect(sync().data.get(SETTINGS_KEY)).toEqual(custom());
  });
});

describe('updateSettings', () => {
  it('reads, changes, saves and returns the new settings', async () => {
    sync().data.set(SETTINGS_KEY, custom());
    const next = await updateSettings((s) => ({ ...s, showBadge: false }));
    expect(next).toEqual({ ...custom(), showBadge: false });
    expect(sync().data.get(SETTINGS_KEY)).toEqual(next);
  });

  it('concurrent updates in one page do not lose each other', async () => {
    await Promise.all([
      updateSettings((s) => ({ ...s, enabled: false })),
      updateSettings((s) => ({ ...s, markStyle: 'none' })),
      updateSettings((s) => ({ ...s, hoverDelayMs: 100 })),
    ]);
    expect(parseSettings(sync().data.get(SETTINGS_KEY)).settings).toEqual({
      ...defaultSettings(),
      enabled: false,
      markStyle: 'none',
      hoverDelayMs: 100,
    });
  });

  it('a failing update leaves the stored settings and later updates work', async () => {
    sync().data.set(SETTINGS_KEY, custom());
    await expect(
      updateSettings(() => {
        throw new Error('bug in caller');
      }),
    ).rejects.toThrow('bug in caller');
    await expect(updateSettings((s) => ({ ...s, enabled: true }))).resolves.toMatchObject({ enabled: true });
  });
});

describe('watchSettings', () => {
  it('reports saved settings until aborted, then removes its listener', async () => {
    const seen: Settings[] = [];
    const controller = new AbortController();
    watchSettings((s) => seen.push(s), controller.signal);
    expect(fake.listeners.size).toBe(1);

    await saveSettings(custom());
    await settle();
    expect(seen).toEqual([custom()]);

    controller.abort();
    expect(fake.listeners.size).toBe(0);
    await saveSettings(defaultSettings());
    await settle();
    expect(seen).toEqual([custom()]);
  });

  it('does nothing with an already aborted signal', () => {
    watchSettings(() => {}, AbortSignal.abort());
    expect(fake.listeners.size).toBe(0);
  });

  it('reports changes made elsewhere (another synced browser), repaired', async () => {
    const seen: Settings[] = [];
    watchSettings((s) => seen.push(s), new AbortController().signal);
    await sync().set({ [SETTINGS_KEY]: { ...custom(), markStyle: 'sparkles' } });
    await settle();
    expect(seen).toEqual([{ ...custom(), markStyle: 'underline' }]);
  });

  it('ignores other keys, and repeats of the same settings', async () => {
    const seen: Settings[] = [];
    watchSettings((s) => seen.push(s), new AbortController().signal);
    await local().set({ somethingElse: 1 });
    await sync().set({ other: 2 });
    await settle();
    expect(seen).toEqual([]);
    await saveSettings(custom());
    await settle();
    await saveSettings(custom());
    await settle();
    expect(seen).toHaveLength(1);
  });

  it('follows the settings when they move to local and back', async () => {
    const seen: Settings[] = [];
    watchSettings((s) => seen.push(s), new AbortController().signal);
    await saveSettings(large());
    await settle();
    expect(seen.at(-1)).toEqual(large());
    // Another browser writes sync: this device keeps its local copy (it is the current one here).
    await sync().set({ [SETTINGS_KEY]: custom() });
    await settle();
    expect(seen.at(-1)).toEqual(large());
    await saveSettings(custom());
    await settle();
    expect(seen.at(-1)).toEqual(custom());
  });

  it('follows local when sync is off', async () => {
    fake.storage.sync = undefined;
    const seen: Settings[] = [];
    watchSettings((s) => seen.push(s), new AbortController().signal);
    await saveSettings(custom());
    await settle();
    expect(seen).toEqual([custom()]);
  });

  it('after a burst of changes the last settings are reported last', async () => {
    const seen: Settings[] = [];
    watchSettings((s) => seen.push(s), new AbortController().signal);
    await Promise.all([
      saveSettings({ ...custom(), hoverDelayMs: 1 }),
      saveSettings({ ...custom(), hoverDelayMs: 2 }),
      saveSettings({ ...custom(), hoverDelayMs: 3 }),
    ]);
    await settle();
    expect(seen.at(-1)?.hoverDelayMs).toBe(3);
  });
});
