/**
 * The keyboard commands, through `runCommand`: the very function the background's
 * `browser.commands.onCommand` listener calls (entrypoints/background.ts), here with stand-ins
 * for the tabs and the settings store.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { defaultSettings, siteModeFor, type Settings } from '../../core/settings';
import { COMMANDS, runCommand, type CommandContext } from '../../extension/commands';
import type { PageAnswers, PageRequest, PageRequestType, PageState } from '../../extension/messages';

/** `tabId` null: there is no tab to run the command in. */
function context(page: PageState | null, tabId: number | null = 5) {
  let settings: Settings = defaultSettings();
  const asked: [number, PageRequest][] = [];
  const ctx: CommandContext = {
    tabId: () => Promise.resolve(tabId ?? undefined),
    askPage: <K extends PageRequestType>(id: number, request: PageRequest<K>): Promise<PageAnswers[K]> => {
      asked.push([id, request]);
      if (!page) return Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
      const answers: PageAnswers = { 'get-page-state': page, 'reveal-mention': true };
      return Promise.resolve(answers[request.type]);
    },
    updateSettings: vi.fn((change: (current: Settings) => Settings) => {
      settings = change(settings);
      return Promise.resolve(settings);
    }),
  };
  return { ctx, asked, settings: () => settings };
}

const ON: PageState = { host: 'www.bbc.com', active: true, counts: { assad: 2 }, total: 2 };
const OFF: PageState = { host: 'blog.example', active: false, reason: 'not-news', counts: {}, total: 0 };

describe('runCommand', () => {
  it('the manifest declares exactly the commands it runs', () => {
    const config = readFileSync(new URL('../../wxt.config.ts', import.meta.url), 'utf8');
    const declared = [...config.matchAll(/^\s{6}'([a-z-]+)': \{\n\s+suggested_key/gm)].map((m) => m[1]);
    expect(declared.sort()).toEqual([...COMMANDS].sort());
  });

  it('next-mention and previous-mention reveal the next and previous marked name in the tab', async () => {
    const { ctx, asked } = context(ON);
    await runCommand('next-mention', ctx);
    await runCommand('previous-mention', ctx);
    expect(asked).toEqual([
      [5, { type: 'reveal-mention', direction: 1 }],
      [5, { type: 'reveal-mention', direction: -1 }],
    ]);
  });

  it('toggle-site switches a marked site off, and an unmarked one on', async () => {
    const on = context(ON);
    await runCommand('toggle-site', on.ctx);
    expect(on.asked).toEqual([[5, { type: 'get-page-state' }]]);
    expect(siteModeFor(on.settings(), 'https://www.bbc.com/news')).toBe('off');
    expect(on.settings().siteRules).toEqual([{ pattern: 'bbc.com', mode: 'off' }]);

    const off = context(OFF);
    await runCommand('toggle-site', off.ctx);
    expect(siteModeFor(off.settings(), 'https://blog.example/post')).toBe('on');
  });

  it('does nothing where no content script answers (a browser page), without an error', async () => {
    const { ctx, settings } = context(null);
    await expect(runCommand('toggle-site', ctx)).resolves.toBeUndefined();
    await expect(runCommand('next-mention', ctx)).resolves.toBeUndefined();
    expect(ctx.updateSettings).not.toHaveBeenCalled();
    expect(settings()).toEqual(defaultSettings());
  });

  it('does nothing without a tab, or for a command it does not know', async () => {
    const none = context(ON, null);
    await runCommand('next-mention', none.ctx);
    expect(none.asked).toEqual([]);
    const unknown = context(ON);
    await runCommand('_execute_action', unknown.ctx);
    expect(unknown.asked).toEqual([]);
  });
});
