/**
 * The options page saves every change at once, with no Save button: this hook keeps the form's
 * copy of the settings (the draft), saves each change (a delayed one, like the hover delay while
 * it is being typed or dragged, after a pause: sync storage limits how often it may be written),
 * says what the last save did, and saves a change still waiting when the page goes away.
 *
 * Settings saved elsewhere (the popup, another synced browser) replace the draft, unless the
 * reader has a change not saved yet or the last save failed: the reader's edits stay on screen.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { readableError } from '../core/i18n';
import type { Settings } from '../core/settings';

export type SaveState = 'idle' | 'saving' | 'saved';

/** Applies an update to the draft and saves it (after `saveDelayMs` when `later`). */
export type Change = (update: (current: Settings) => Settings, later?: boolean) => void;

export interface Autosave {
  draft: Settings;
  change: Change;
  saveState: SaveState;
  /** Why the last save failed, for the reader; null when it did not. */
  saveError: string | null;
}

export function useAutosave(settings: Settings, onSave: (next: Settings) => Promise<void>, saveDelayMs: number): Autosave {
  const [draft, setDraft] = useState(settings);
  const draftRef = useRef(settings);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef(0);
  const lastSave = useRef(0);
  const failed = useRef(false);
  const onSaveRef = useRef(onSave);
  onSaveRef.current = onSave;

  // Settings changed elsewhere: show them, unless the reader has edits not saved yet.
  useEffect(() => {
    if (pending.current === 0 && timer.current === undefined && !failed.current) {
      draftRef.current = settings;
      setDraft(settings);
    }
  }, [settings]);

  const save = async (next: Settings) => {
    const id = ++lastSave.current;
    pending.current++;
    setSaveState('saving');
    try {
      await onSaveRef.current(next);
      if (id === lastSave.current) {
        failed.current = false;
        setSaveError(null);
        setSaveState('saved');
      }
    } catch (error) {
      if (id === lastSave.current) {
        failed.current = true;
        setSaveError(readableError(error));
        setSaveState('idle');
      }
    } finally {
      pending.current--;
    }
  };

  const flush = () => {
    if (timer.current === undefined) return;
    clearTimeout(timer.current);
    timer.current = undefined;
    void save(draftRef.current);
  };

  // A delayed change still waiting when the page goes away is saved then.
  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, []);

  const change: Change = (update, later = false) => {
    const next = update(draftRef.current);
    draftRef.current = next;
    setDraft(next);
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = undefined;
    if (later) {
      timer.current = setTimeout(() => {
        timer.current = undefined;
        void save(draftRef.current);
      }, saveDelayMs);
    } else {
      void save(next);
    }
  };

  return { draft, change, saveState, saveError };
}
