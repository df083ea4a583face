/** Connects the pure i18n seam to the browser's catalogue (`_locales`). */
import { browser } from 'wxt/browser';
import en from '../public/_locales/en/messages.json';
import { setFallbackMessages, setTranslator } from '../core/i18n';

/**
 * For extension pages and the card UI. English is kept as a fallback because Chromium's
 * `i18n.getMessage` can answer '' in a page opened right after install (seen in the tests:
 * the welcome page showed message keys). The content script does not use this module.
 */
export function installBrowserTranslations(): void {
  const getMessage = browser.i18n.getMessage as (key: string, substitutions?: string[]) => string;
  setFallbackMessages(en);
  setTranslator((key, substitutions) => getMessage(key, substitutions));
}
