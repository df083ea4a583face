/**
 * Readers' briefings in browser.storage.local (they can be large; sync's quota is 100 KB).
 * Read with validation: a damaged entry is dropped, the rest kept.
 */
import { browser } from 'wxt/browser';
import type { Briefing } from '../core/types';

export const BRIEFINGS_KEY = 'briefings';

function isBriefing(value: unknown): value is Briefing {
  if (!value || typeof value !== 'object') return false;
  const b = value as Record<string, unknown>;
  return typeof b.id === 'string' && typeof b.title === 'string' && typeof b.text === 'string' &&
    (b.source === undefined || typeof b.source === 'string') && (b.enabled === undefined || typeof b.enabled === 'boolean');
}

export function parseReaderBriefings(raw: unknown): Briefing[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isBriefing).map((b) => ({ ...b, builtIn: false }));
}

export async function loadReaderBriefings(): Promise<Briefing[]> {
  try {
    const stored = await browser.storage.local.get(BRIEFINGS_KEY);
    return parseReaderBriefings(stored[BRIEFINGS_KEY]);
  } catch {
    return [];
  }
}

export function watchReaderBriefings(onChange: (briefings: Briefing[]) => void, signal: AbortSignal): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && BRIEFINGS_KEY in changes) onChange(parseReaderBriefings(changes[BRIEFINGS_KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
}
