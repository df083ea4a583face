/**
 * What the popup knows of a tab's page (extension/tab-page.ts), with the page's port and the tabs
 * API stood in for: the page's pushed states, a page that goes, a tab that loads its next page.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageState } from '../../extension/messages';

interface Follow {
  tabId: number;
  onState(state: PageState): void;
  onGone(): void;
  signal: AbortSignal;
}

const fake = vi.hoisted(() => ({
  follows: [] as Follow[],
  tab: { status: 'complete', url: 'https://news.example/a' },
  updated: new Set<(tabId: number, change: { status?: string }, tab: { url?: string }) => void>(),
}));

vi.mock('wxt/browser', () => ({
  browser: {
    tabs: {
      get: () => Promise.resolve({ ...fake.tab }),
      onUpdated: { addListener: (l: never) => fake.updated.add(l), removeListener: (l: never) => fake.updated.delete(l) },
    },
  },
}));
vi.mock('../../extension/messages', () => ({
  followPageState: (tabId: number, onState: Follow['onState'], onGone: Follow['onGone'], signal: AbortSignal) =>
    fake.follows.push({ tabId, onState, onGone, signal }),
}));

const { followTabPage } = await import('../../extension/tab-page');
type TabPage = import('../../extension/tab-page').TabPage;

const STATE: PageState = { host: 'news.example', active: true, counts: { assad: 1 }, total: 1 };
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const current = () => fake.follows.filter((f) => !f.signal.aborted);

let views: TabPage[];
let stop: AbortController;
beforeEach(() => {
  fake.follows.length = 0;
  fake.updated.clear();
  fake.tab = { status: 'complete', url: 'https://news.example/a' };
  views = [];
  stop = new AbortController();
});
afterEach(() => stop.abort());

const start = (url = 'https://news.example/a') => followTabPage({ id: 7, url }, (view) => views.push(view), stop.signal);

describe('followTabPage', () => {
  it('says what is known at once, then each state the page pushes', () => {
    start();
    expect(views).toEqual([{ tab: { id: 7, url: 'https://news.example/a' }, page: null, unsupported: undefined }]);
    expect(current()).toHaveLength(1);
    current()[0]!.onState(STATE);
    current()[0]!.onState({ ...STATE, total: 2, counts: { assad: 2 } });
    expect(views.map((v) => v.page?.total)).toEqual([undefined, 1, 2]);
  });

  it('a tab no content script may run in is unsupported from the start, and not followed', () => {
    start('chrome://extensions/');
    expect(views).toEqual([{ tab: { id: 7, url: 'chrome://extensions/' }, page: null, unsupported: 'browser-page' }]);
    expect(fake.follows).toHaveLength(0);
  });

  it('a page that goes while the tab stays: no content script answers there', async () => {
    start();
    current()[0]!.onGone();
    await flush();
    expect(views.at(-1)).toMatchObject({ page: null, unsupported: 'store-page' });
  });

  it('a tab that loads its next page: waits for it, then follows the new page', async () => {
    start();
    current()[0]!.onState(STATE);
    fake.tab = { status: 'loading', url: 'https://news.example/b' };
    current()[0]!.onGone();
    await flush();
    expect(views.at(-1)).toMatchObject({ page: null, unsupported: undefined });
    for (const listener of fake.updated) listener(7, { status: 'complete' }, { url: 'https://news.example/b' });
    expect(views.at(-1)).toMatchObject({ tab: { url: 'https://news.example/b' }, page: null, unsupported: undefined });
    expect(current()).toHaveLength(1);
    expect(fake.follows).toHaveLength(2);
    current()[0]!.onState({ ...STATE, total: 5 });
    expect(views.at(-1)?.page?.total).toBe(5);
  });

  it('right after a navigation a page whose script has not started yet is asked once more', async () => {
    vi.useFakeTimers();
    try {
      start();
      for (const listener of fake.updated) listener(7, { status: 'complete' }, { url: 'https://news.example/c' });
      current()[0]!.onGone(); // too early: its script has not started
      await vi.advanceTimersByTimeAsync(0);
      expect(views.at(-1)?.unsupported).toBeUndefined();
      await vi.advanceTimersByTimeAsync(500);
      expect(current()).toHaveLength(1);
      current()[0]!.onGone(); // still nothing: now it is unsupported
      await vi.advanceTimersByTimeAsync(0);
      expect(views.at(-1)?.unsupported).toBe('store-page');
    } finally {
      vi.useRealTimers();
    }
  });

  it('other tabs are not its business; after its signal aborts it stops following', () => {
    start();
    for (const listener of fake.updated) listener(8, { status: 'complete' }, { url: 'https://other.example/' });
    expect(fake.follows).toHaveLength(1);
    stop.abort();
    expect(current()).toHaveLength(0);
    expect(fake.updated.size).toBe(0);
  });
});
