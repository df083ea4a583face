/** Connects the pure i18n seam to the browser's catalogue (`_locales`), and starts extension pages in the reader's language. */
import { browser } from 'wxt/browser';
import en from '../public/_locales/en/messages.json';
import { setFallbackMessages, setTranslator, t, uiDirection, type MessageKey } from '../core/i18n';

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

/**
 * What every extension page (popup, options, briefings, the viewer, welcome) does first: the
 * browser's catalogue for its text, the reader's language and writing direction on the document,
 * and the page's title in that language (when it has a fixed one).
 */
export function startExtensionPage(title?: MessageKey): void {
  installBrowserTranslations();
  document.documentElement.dir = uiDirection();
  document.documentElement.lang = browser.i18n.getUILanguage();
  if (title) document.title = t(title);
}
