/**
 * What the popup knows of the page in a tab, kept up to date without asking again and again:
 * the page's state as the page pushes it (`followPageState`), or why no page can answer
 * (`unsupportedReason`); and the same for the next page the tab goes to.
 */
import { browser } from 'wxt/browser';
import { canAnnotate, unsupportedReason, type UnsupportedReason } from '../core/sites';
import { followPageState, type PageState } from './messages';

export interface TabRef {
  id: number;
  url?: string;
}

export interface TabPage {
  tab: TabRef;
  /** What the page last said; null before it answers (or while the tab loads its next page). */
  page: PageState | null;
  /** Why no content script can answer in the tab, if none can. */
  unsupported: UnsupportedReason | undefined;
}

/** Why no content script runs at `url`, or undefined when one may. */
function unsupportedAt(url: string | undefined): UnsupportedReason | undefined {
  return url && !canAnnotate(url).ok ? unsupportedReason(url) : undefined;
}

/**
 * Calls `onChange` with what is known of the tab's page now, and whenever it changes, until
 * `signal` aborts.
 * When the page goes: if the tab is loading its next page, that one is followed once it is there;
 * otherwise no content script answers — a page loaded before install, or one Syria Lens may not
 * run on. Right after a navigation the new page's script may not have started yet (it starts when
 * the document is idle), so that case is tried once more.
 */
export function followTabPage(start: TabRef, onChange: (view: TabPage) => void, signal: AbortSignal): void {
  const view: TabPage = { tab: start, page: null, unsupported: unsupportedAt(start.url) };
  const changed = () => onChange({ ...view });
  let following: AbortController | null = null;

  const follow = (afterNavigation: boolean) => {
    following?.abort();
    const current = new AbortController();
    following = current;
    signal.addEventListener('abort', () => current.abort(), { once: true });
    const onState = (state: PageState) => {
      view.page = state;
      changed();
    };
    followPageState(view.tab.id, onState, () => void gone(afterNavigation), current.signal);
  };

  const gone = async (afterNavigation: boolean) => {
    view.page = null;
    const now = await browser.tabs.get(view.tab.id).catch(() => null);
    if (signal.aborted) return;
    if (now?.status === 'loading') return changed(); // onUpdated follows the next page
    if (afterNavigation) {
      setTimeout(() => follow(false), 500);
      return;
    }
    view.unsupported = unsupportedReason(now?.url ?? view.tab.url);
    changed();
  };

  const onUpdated = (tabId: number, change: { status?: string }, updated: { url?: string }) => {
    if (tabId !== view.tab.id || change.status !== 'complete') return;
    view.tab = { id: tabId, url: updated.url ?? view.tab.url };
    view.unsupported = unsupportedAt(view.tab.url);
    if (!view.unsupported) follow(true);
    changed();
  };
  browser.tabs.onUpdated.addListener(onUpdated);
  signal.addEventListener('abort', () => browser.tabs.onUpdated.removeListener(onUpdated), { once: true });

  changed();
  if (!view.unsupported) follow(false);
}
