/**
 * Readers' briefings in browser.storage.local, key `briefings` (they can be large; sync's quota
 * is 100 KB). Read with validation: a damaged entry is dropped, the rest kept.
 *
 * The stored value is one array, so that everything that follows the key (content scripts,
 * the background's card cache) sees every change:
 *   - a reader's briefing: `{ id, title, text, source?, enabled? }`;
 *   - the state of a built-in briefing the reader switched off: `{ id, builtIn: true, enabled: false }`
 *     (no text: older readers of the key drop it).
 *
 * Quota: Chromium gives storage.local 10 MB (QUOTA_BYTES) without the `unlimitedStorage`
 * permission, which Syria Lens does not ask for; Firefox's storage.local has no fixed limit.
 * A write the browser refuses rejects with a `BriefingQuotaError` and changes nothing.
 */
import { browser } from 'wxt/browser';
import { isBriefingDate } from '../core/briefing-file';
import { checkBriefingCollection, utf8Length, validateBriefingText } from '../core/briefing-limits';
import { englishMessage, errorText, UserFacingError } from '../core/i18n';
import type { Briefing } from '../core/types';
import * as v from 'valibot';
import { BriefingQuotaError, isQuotaError } from './storage-errors';
import { BRIEFINGS_KEY } from './storage-keys';

export { BRIEFINGS_KEY };

/** What `updateReaderBriefing` may change. */
export type BriefingPatch = Partial<Pick<Briefing, 'title' | 'source' | 'enabled' | 'text' | 'date'>>;

/** One of the reader's briefings as stored (unknown fields are dropped). */
const StoredBriefingSchema = v.object({
  id: v.string(),
  title: v.string(),
  text: v.string(),
  source: v.optional(v.string()),
  /** `YYYY-MM-DD` (an article's publication date); a stored value that is not a real day is dropped. */
  date: v.optional(v.unknown()),
  enabled: v.optional(v.boolean()),
  builtIn: v.optional(v.literal(false)),
});

/** The reader's on/off switch for a built-in briefing (it has no text). */
const BuiltInStateSchema = v.object({ id: v.string(), builtIn: v.literal(true), enabled: v.boolean(), text: v.optional(v.undefined()) });

/** The reader's briefings in a stored value; damaged entries and duplicate ids dropped. */
export function parseReaderBriefings(raw: unknown): Briefing[] {
  if (!Array.isArray(raw)) return [];
  const seen = new Set<string>();
  const out: Briefing[] = [];
  for (const value of raw) {
    const parsed = v.safeParse(StoredBriefingSchema, value);
    if (!parsed.success || seen.has(parsed.output.id)) continue;
    const entry = parsed.output;
    seen.add(entry.id);
    const briefing: Briefing = { id: entry.id, title: entry.title, text: entry.text, builtIn: false };
    if (entry.source !== undefined) briefing.source = entry.source;
    if (isBriefingDate(entry.date)) briefing.date = entry.date;
    if (entry.enabled !== undefined) briefing.enabled = entry.enabled;
    out.push(briefing);
  }
  return out;
}

/** Built-in briefing id → enabled, as the reader set it (absent: enabled). */
export function parseBuiltInStates(raw: unknown): Map<string, boolean> {
  const states = new Map<string, boolean>();
  if (!Array.isArray(raw)) return states;
  for (const value of raw) {
    const parsed = v.safeParse(BuiltInStateSchema, value);
    if (parsed.success) states.set(parsed.output.id, parsed.output.enabled);
  }
  return states;
}

/** All briefings in the order cards show them: the bundled ones (with the reader's on/off), then the reader's. */
export function combineBriefings(bundled: readonly Briefing[], raw: unknown): Briefing[] {
  const states = parseBuiltInStates(raw);
  const builtInIds = new Set(bundled.map((b) => b.id));
  return [
    ...bundled.map((b) => ({ ...b, builtIn: true, enabled: states.get(b.id) ?? b.enabled !== false })),
    ...parseReaderBriefings(raw).filter((b) => !builtInIds.has(b.id)),
  ];
}

async function readRaw(): Promise<unknown> {
  const stored = await browser.storage.local.get(BRIEFINGS_KEY);
  return stored[BRIEFINGS_KEY];
}

export async function loadReaderBriefings(): Promise<Briefing[]> {
  try {
    return parseReaderBriefings(await readRaw());
  } catch {
    return [];
  }
}

/**
 * Every briefing, bundled first (with the reader's on/off switch applied), then the reader's.
 * This is what the cards should use: `loadBriefings(bundledBriefings)`.
 */
export async function loadBriefings(bundled: readonly Briefing[]): Promise<Briefing[]> {
  let raw: unknown;
  try {
    raw = await readRaw();
  } catch {
    raw = undefined;
  }
  return combineBriefings(bundled, raw);
}

/** Calls `onChange` with every briefing (see `loadBriefings`) whenever the key changes, until `signal` aborts. */
export function watchBriefings(bundled: readonly Briefing[], onChange: (briefings: Briefing[]) => void, signal: AbortSignal): void {
  watchStoredBriefings((raw) => onChange(combineBriefings(bundled, raw)), signal);
}

function watchStoredBriefings(onChange: (raw: unknown) => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && BRIEFINGS_KEY in changes) onChange(changes[BRIEFINGS_KEY].newValue);
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
}

// ---------------------------------------------------------------------------------------------
// Writing

let queue: Promise<unknown> = Promise.resolve();

/** Runs writes of this page one after another, so read-modify-write steps do not interleave. */
function serialized<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => {});
  return run;
}

/**
 * Throws a `UserFacingError` when the reader's briefings would be more or larger than they may
 * keep (core/briefing-limits.ts). Checked where the list grows (add, import), not where a reader
 * renames or deletes one: a list over the limits from an older version can still be tidied.
 */
function checkCollection(list: readonly Briefing[]): void {
  const full = checkBriefingCollection(list);
  if (full !== null) throw new UserFacingError(full, englishMessage(full.key, full.substitutions));
}

/** Throws a `UserFacingError` when a briefing cannot be stored as it is (mostly a bug in the caller). */
function checkBriefings(list: readonly Briefing[]): void {
  const ids = new Set<string>();
  for (const b of list) {
    if (!v.is(StoredBriefingSchema, { ...b, builtIn: undefined })) {
      const id = String(b?.id);
      throw new UserFacingError({ key: 'briefing_store_invalid', substitutions: [id] }, `Briefing "${id}" is not a valid briefing.`);
    }
    if (ids.has(b.id)) {
      throw new UserFacingError({ key: 'briefing_store_duplicate_id', substitutions: [b.id] }, `Two briefings have the id "${b.id}".`);
    }
    ids.add(b.id);
    if (b.date !== undefined && !isBriefingDate(b.date)) {
      const id = String(b.id);
      throw new UserFacingError({ key: 'briefing_store_invalid', substitutions: [id] }, `Briefing "${id}" has a date that is not a day.`);
    }
    if (b.title.trim() === '') {
      throw new UserFacingError({ key: 'briefing_store_no_title', substitutions: [b.id] }, `Briefing "${b.id}" has no title.`);
    }
    const valid = validateBriefingText(b.text);
    if (!valid.ok) {
      throw new UserFacingError(
        { key: 'briefing_store_bad_text', substitutions: [b.title] },
        `Briefing "${b.title}": ${englishMessage(valid.error.key, valid.error.substitutions)}`,
      );
    }
  }
}

function stored(b: Briefing): Record<string, unknown> {
  const out: Record<string, unknown> = { id: b.id, title: b.title, text: b.text };
  if (b.source !== undefined) out.source = b.source;
  if (b.date !== undefined) out.date = b.date;
  if (b.enabled === false) out.enabled = false;
  return out;
}

async function write(readers: readonly Briefing[], states: ReadonlyMap<string, boolean>): Promise<void> {
  const value: unknown[] = readers.map(stored);
  for (const [id, enabled] of states) if (!enabled) value.push({ id, builtIn: true, enabled });
  try {
    await browser.storage.local.set({ [BRIEFINGS_KEY]: value });
  } catch (error) {
    // A refused write changes nothing in either browser: the old list is still stored.
    if (isQuotaError(error)) throw new BriefingQuotaError(utf8Length(BRIEFINGS_KEY + JSON.stringify(value)), error);
    throw new UserFacingError(
      { key: 'briefing_store_write_failed', substitutions: [errorText(error)] },
      `Your briefings could not be saved (${errorText(error)}). Nothing was changed.`,
      { cause: error },
    );
  }
}

async function readForWrite(): Promise<{ readers: Briefing[]; states: Map<string, boolean> }> {
  const raw = await readRaw();
  return { readers: parseReaderBriefings(raw), states: parseBuiltInStates(raw) };
}

/**
 * Replaces the reader's briefings with `list` (built-in briefings in it are ignored; the
 * built-in on/off states are kept). Rejects, writing nothing, when a briefing is invalid or the
 * browser refuses the write (`BriefingQuotaError`).
 */
export function saveReaderBriefings(list: readonly Briefing[]): Promise<void> {
  return serialized(async () => {
    const readers = list.filter((b) => !b.builtIn);
    checkBriefings(readers);
    checkCollection(readers);
    const { states } = await readForWrite();
    await write(readers, states);
  });
}

/** Adds a briefing at the end of the reader's list. Rejects if its id is taken. */
export function addReaderBriefing(briefing: Briefing): Promise<void> {
  return serialized(async () => {
    const { readers, states } = await readForWrite();
    if (readers.some((b) => b.id === briefing.id) || states.has(briefing.id)) {
      throw new UserFacingError(
        { key: 'briefing_store_id_taken', substitutions: [briefing.id] },
        `There is already a briefing with the id "${briefing.id}".`,
      );
    }
    const next = [...readers, { ...briefing, builtIn: false }];
    checkBriefings(next);
    checkCollection(next);
    await write(next, states);
  });
}

/** Changes one of the reader's briefings. Rejects if there is none with this id. */
export function updateReaderBriefing(id: string, patch: BriefingPatch): Promise<void> {
  return serialized(async () => {
    const { readers, states } = await readForWrite();
    const index = readers.findIndex((b) => b.id === id);
    if (index < 0) {
      throw new UserFacingError({ key: 'briefing_store_missing', substitutions: [id] }, `There is no briefing with the id "${id}" any more.`);
    }
    const next = readers.slice();
    const updated: Briefing = { ...next[index]!, ...patch, id, builtIn: false };
    if (updated.source === undefined || updated.source === '') delete updated.source;
    if (updated.date === undefined) delete updated.date;
    next[index] = updated;
    checkBriefings(next);
    await write(next, states);
  });
}

/** Deletes one of the reader's briefings (nothing happens if there is none with this id). */
export function deleteReaderBriefing(id: string): Promise<void> {
  return serialized(async () => {
    const { readers, states } = await readForWrite();
    if (!readers.some((b) => b.id === id)) return;
    await write(readers.filter((b) => b.id !== id), states);
  });
}

/**
 * Switches a briefing on or off for cards: one of the reader's, or else a built-in one (whose
 * state is kept next to the reader's briefings).
 */
export function setBriefingEnabled(id: string, enabled: boolean): Promise<void> {
  return serialized(async () => {
    const { readers, states } = await readForWrite();
    const index = readers.findIndex((b) => b.id === id);
    if (index >= 0) {
      const next = readers.slice();
      next[index] = { ...next[index]!, enabled };
      await write(next, states);
      return;
    }
    const nextStates = new Map(states);
    nextStates.set(id, enabled);
    await write(readers, nextStates);
  });
}
