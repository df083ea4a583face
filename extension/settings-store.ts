/**
 * Where the settings live: browser.storage. Every part of the extension reads them from here
 * and follows changes with `watchSettings` (settings never travel as messages).
 *
 * Storage layout
 * - `sync` `settings`: the settings, one item, so the reader's browsers share them.
 * - `local` `settings` + `local` `settingsArea: 'local'`: the settings when sync cannot take them
 *   (sync disabled or missing, or the settings grew past SYNC_ITEM_LIMIT_BYTES: sync allows 8 KB an
 *   item). `settingsArea` says which copy is current on this device; without it, sync is.
 * - `local` `settingsProblems: Message[]`: what repair found damaged, as message descriptors
 *   (`{ key, substitutions }`; older versions stored English strings, still read), until the
 *   options page has told the reader (`takeSettingsProblems`).
 */
import { browser, type Browser } from 'wxt/browser';
import { defaultSettings, parseSettings, type Settings } from '../core/settings';
import { englishMessage, errorText, isMessage, UserFacingError, type Message } from '../core/i18n';
import { isQuotaError } from './storage-errors';
import { SETTINGS_AREA_KEY, SETTINGS_KEY, SETTINGS_PROBLEMS_KEY } from './storage-keys';

export { SETTINGS_AREA_KEY, SETTINGS_KEY, SETTINGS_PROBLEMS_KEY };
/** Sync allows 8,192 bytes an item (key + JSON value); leave room. */
export const SYNC_ITEM_LIMIT_BYTES = 7 * 1024;

export type SettingsArea = 'sync' | 'local';

type StorageArea = Browser.storage.StorageArea;
type ChangeListener = Parameters<typeof browser.storage.onChanged.addListener>[0];

/** The sync area, or `null` when this browser has none. */
function syncArea(): StorageArea | null {
  try {
    // Typed as always there, but missing where the browser has no sync (e.g. some Chromium builds).
    const sync: StorageArea | undefined = browser.storage.sync;
    return sync ?? null;
  } catch {
    return null;
  }
}

function quotaError(error: unknown, area: SettingsArea): UserFacingError {
  const message = errorText(error);
  const [userMessage, why]: [Message, string] = /MAX_WRITE_OPERATIONS/.test(message)
    ? [{ key: 'settings_error_too_often' }, 'settings changed too often in a short time; try again in a minute']
    : area === 'sync'
      ? [{ key: 'settings_error_sync_full' }, "the browser's sync storage is full"]
      : [{ key: 'settings_error_local_full' }, "the browser's storage for Syria Lens is full"];
  return new UserFacingError(
    { ...userMessage, substitutions: [message] },
    `Settings not saved: ${why}. Your previous settings are unchanged. (${message})`,
    { cause: error },
  );
}

/** A stored problem: a message descriptor, or an English sentence stored by an older version. */
export type StoredProblem = Message | string;

function isStoredProblem(value: unknown): value is StoredProblem {
  return typeof value === 'string' || isMessage(value);
}

function sameProblem(a: StoredProblem, b: StoredProblem): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Bytes the item takes in storage.sync: its key plus its value as JSON, in UTF-8. */
function itemBytes(key: string, value: unknown): number {
  return new TextEncoder().encode(key + JSON.stringify(value)).length;
}

async function readStored(): Promise<{ raw: unknown; area: SettingsArea }> {
  const local = await browser.storage.local.get([SETTINGS_KEY, SETTINGS_AREA_KEY]);
  if (local[SETTINGS_AREA_KEY] !== 'local') {
    const sync = syncArea();
    if (sync) {
      try {
        const stored = await sync.get(SETTINGS_KEY);
        const raw: unknown = stored[SETTINGS_KEY];
        // Nothing in sync but a local copy: use that rather than the defaults.
        if (raw !== undefined || local[SETTINGS_KEY] === undefined) return { raw, area: 'sync' };
      } catch {
        // Sync switched off (Firefox `webextensions.storage.sync.enabled`, a temporary add-on id,
        // a Chromium build without sync): fall back to local.
      }
    }
  }
  return { raw: local[SETTINGS_KEY], area: 'local' };
}

async function rememberProblems(problems: Message[]): Promise<void> {
  if (problems.length === 0) return;
  try {
    const stored = await browser.storage.local.get(SETTINGS_PROBLEMS_KEY);
    const earlier: unknown = stored[SETTINGS_PROBLEMS_KEY];
    const list: StoredProblem[] = Array.isArray(earlier) ? earlier.filter(isStoredProblem) : [];
    for (const problem of problems) if (!list.some((p) => sameProblem(p, problem))) list.push(problem);
    await browser.storage.local.set({ [SETTINGS_PROBLEMS_KEY]: list });
  } catch (error) {
    console.warn('Syria Lens: could not record settings problems', error);
  }
}

/**
 * The problems repair found since the options page last asked, and forgets them (tell the reader
 * once). Render each with `tm` (a string is an older version's English sentence, shown as it is).
 */
export async function takeSettingsProblems(): Promise<StoredProblem[]> {
  const stored = await browser.storage.local.get(SETTINGS_PROBLEMS_KEY);
  const problems: unknown = stored[SETTINGS_PROBLEMS_KEY];
  if (problems === undefined) return [];
  await browser.storage.local.remove(SETTINGS_PROBLEMS_KEY);
  return Array.isArray(problems) ? problems.filter(isStoredProblem) : [];
}

async function writeLocal(settings: Settings): Promise<void> {
  try {
    // One call, so the settings and the marker saying they are here change together.
    await browser.storage.local.set({ [SETTINGS_KEY]: settings, [SETTINGS_AREA_KEY]: 'local' });
  } catch (error) {
    throw isQuotaError(error) ? quotaError(error, 'local') : error;
  }
}

/** Writes already valid settings to sync when it can take them, otherwise to local. */
async function writeSettings(settings: Settings): Promise<SettingsArea> {
  const local = await browser.storage.local.get([SETTINGS_KEY, SETTINGS_AREA_KEY]);
  const wasLocal = local[SETTINGS_AREA_KEY] === 'local';
  const sync = syncArea();
  const bytes = itemBytes(SETTINGS_KEY, settings);

  if (sync && bytes <= SYNC_ITEM_LIMIT_BYTES) {
    try {
      await sync.set({ [SETTINGS_KEY]: settings });
    } catch (error) {
      // A quota error rejects the whole write: the previous settings stay as they were.
      const perItem = /QUOTA_BYTES_PER_ITEM/.test(errorText(error));
      if (isQuotaError(error) && !perItem) throw quotaError(error, 'sync');
      await writeLocal(settings);
      return 'local';
    }
    // Sync holds the current copy again: drop the stale local one and the marker pointing to it.
    if (wasLocal || local[SETTINGS_KEY] !== undefined) {
      await browser.storage.local.remove([SETTINGS_KEY, SETTINGS_AREA_KEY]);
    }
    return 'sync';
  }

  await writeLocal(settings);
  if (sync && !wasLocal) {
    await rememberProblems([{ key: 'settings_problem_too_large_to_sync', substitutions: [String(Math.ceil(bytes / 1024))] }]);
  }
  return 'local';
}

/** Saves and settings read-modify-writes of this page run one after another. */
let queue: Promise<unknown> = Promise.resolve();

function serialized<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

export interface LoadedSettings {
  settings: Settings;
  /** Problems repair found in this read, to render with `tm` (also kept for the options page, see `takeSettingsProblems`). */
  problems: Message[];
  /** Where the settings were read from. */
  area: SettingsArea;
}

/**
 * Reads the settings: from sync, or from local when sync is off or the settings are kept there.
 * Never rejects; unreadable storage gives the defaults. Damaged or old-format settings are
 * repaired and written back, and the problems are kept in `settingsProblems`.
 */
export function loadSettings(): Promise<LoadedSettings> {
  return serialized(async () => {
    let stored: { raw: unknown; area: SettingsArea };
    try {
      stored = await readStored();
    } catch (error) {
      const problems: Message[] = [{ key: 'settings_problem_storage_unreadable', substitutions: [errorText(error)] }];
      return { settings: defaultSettings(), problems, area: 'local' as const };
    }
    const { settings, repaired, problems } = parseSettings(stored.raw);
    let area = stored.area;
    if (repaired) {
      try {
        area = await writeSettings(settings);
      } catch (error) {
        console.warn('Syria Lens: could not write back repaired settings', error);
      }
    }
    await rememberProblems(problems);
    return { settings, problems, area };
  });
}

/**
 * Saves the settings (to sync; to local when sync is off or they are too large for it).
 * Rejects with a `UserFacingError` (its `userMessage` for the reader) when the storage quota is exceeded; the previously saved settings
 * are then unchanged. Also rejects, saving nothing, when `next` is not valid (e.g. a hover delay
 * out of range): the caller has a bug to fix.
 */
export function saveSettings(next: Settings): Promise<void> {
  return serialized(async () => {
    await writeSettings(validated(next));
  });
}

function validated(next: Settings): Settings {
  const { settings, problems } = parseSettings(next);
  if (problems.length > 0) {
    // A bug in the caller: the log gets the details, the reader a short message.
    const details = problems.map((problem) => englishMessage(problem.key, problem.substitutions)).join(' ');
    throw new UserFacingError({ key: 'settings_error_invalid' }, `Settings not saved, they are not valid: ${details}`);
  }
  return settings;
}

/** Reads the settings, applies `change`, saves the result and returns it. */
export function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  return serialized(async () => {
    const { raw } = await readStored();
    const next = validated(change(parseSettings(raw).settings));
    await writeSettings(next);
    return next;
  });
}

/**
 * Calls `onChange` with the new settings whenever they change in storage (from any part of the
 * extension or another synced browser), until `signal` aborts. Repeated equal values are skipped.
 */
export function watchSettings(onChange: (settings: Settings) => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  let last = '';
  let reads = 0;
  const listener: ChangeListener = (changes, areaName) => {
    if (areaName !== 'sync' && areaName !== 'local') return;
    if (!(SETTINGS_KEY in changes) && !(SETTINGS_AREA_KEY in changes)) return;
    const read = ++reads;
    readStored().then(
      ({ raw }) => {
        // A later change's read supersedes this one.
        if (signal.aborted || read !== reads) return;
        const { settings } = parseSettings(raw);
        const json = JSON.stringify(settings);
        if (json === last) return;
        last = json;
        onChange(settings);
      },
      (error: unknown) => console.warn('Syria Lens: could not read changed settings', error),
    );
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
}
