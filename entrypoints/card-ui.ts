/**
 * Injected by the background into a page's frame the first time a card is needed (see
 * page/card-ui.ts): brings Preact, Floating UI and the card, and registers them for the
 * content script, which runs in the same isolated world.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { installBrowserTranslations } from '../extension/i18n';
import { CardHost } from '../page/card-host';
import { registerCardUi } from '../page/card-ui';

export default defineUnlistedScript(() => {
  installBrowserTranslations();
  registerCardUi({ createCardHost: (doc, signal) => new CardHost(doc, signal) });
});
