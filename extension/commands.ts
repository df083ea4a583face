/**
 * The keyboard commands (manifest `commands`; readers change their keys in the browser's shortcut
 * settings). `runCommand` is what the background calls from `browser.commands.onCommand`, and
 * what the tests call with stand-ins for the browser.
 */
import { setSiteMode, type Settings } from '../core/settings';
import type { PageAnswers, PageRequest, PageRequestType } from './messages';

export const COMMANDS = ['toggle-site', 'next-mention', 'previous-mention'] as const;
export type Command = (typeof COMMANDS)[number];

/** What the commands need from the browser and the stores. */
export interface CommandContext {
  /** The tab the command is for: the one it was pressed in, else the active tab. */
  tabId(): Promise<number | undefined>;
  askPage<K extends PageRequestType>(tabId: number, request: PageRequest<K>): Promise<PageAnswers[K]>;
  updateSettings(change: (current: Settings) => Settings): Promise<unknown>;
}

/**
 * Runs a command: `next-mention` / `previous-mention` bring the next / previous marked name into
 * view and open its card; `toggle-site` switches Syria Lens off on the page's site when it is on
 * there, and on when it is not. A page without a content script (a browser page) is left alone;
 * an unknown command does nothing.
 */
export async function runCommand(command: string, context: CommandContext): Promise<void> {
  const tabId = await context.tabId();
  if (tabId === undefined) return;
  if (command === 'next-mention' || command === 'previous-mention') {
    await context.askPage(tabId, { type: 'reveal-mention', direction: command === 'next-mention' ? 1 : -1 }).catch(() => false);
  } else if (command === 'toggle-site') {
    const page = await context.askPage(tabId, { type: 'get-page-state' }).catch(() => null);
    if (!page?.host) return;
    await context.updateSettings((settings) => setSiteMode(settings, page.host, page.active ? 'off' : 'on'));
  }
}
