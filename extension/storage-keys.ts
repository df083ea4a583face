/**
 * The keys Syria Lens keeps in browser.storage, and a watcher for them. Small on purpose: the
 * content script follows these keys without carrying the stores (and their schemas).
 * The layout of each is described where it is read and written: extension/settings-store.ts,
 * extension/briefing-store.ts.
 */
import { browser } from 'wxt/browser';

export const SETTINGS_KEY = 'settings';
export const SETTINGS_AREA_KEY = 'settingsArea';
export const SETTINGS_PROBLEMS_KEY = 'settingsProblems';
export const BRIEFINGS_KEY = 'briefings';
/** storage.local: this install's secret for highlight names (extension/mark-token.ts). */
export const MARK_SECRET_KEY = 'markSecret';

/** Calls `onChange` when any of `keys` changes in any storage area, until `signal` aborts. */
export function watchStorageKeys(keys: readonly string[], onChange: () => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const listener = (changes: Record<string, unknown>) => {
    if (keys.some((key) => key in changes)) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener(
    'abort',
    () => {
      try {
        browser.storage.onChanged.removeListener(listener);
      } catch {
        // The extension was reloaded: the old context's listeners are gone with it.
      }
    },
    { once: true },
  );
}
