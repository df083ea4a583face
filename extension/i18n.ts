/** Connects the pure i18n seam to the browser's catalogue (`_locales`). */
import { browser } from 'wxt/browser';
import { setTranslator } from '../core/i18n';

export function installBrowserTranslations(): void {
  const getMessage = browser.i18n.getMessage as (key: string, substitutions?: string[]) => string;
  setTranslator((key, substitutions) => getMessage(key, substitutions));
}
