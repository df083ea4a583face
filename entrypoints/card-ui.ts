/**
 * Injected by the background into a page's frame the first time a card is needed (see
 * page/card-ui.ts): brings the card host (its frame, Floating UI) and the open card's state (and the
 * fallback painter for browsers without the Highlight API), and registers them for the content
 * script, which runs in the same isolated world. The card itself renders in the card frame.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { installBrowserTranslations } from '../extension/i18n';
import { registerCardUi } from '../page/card-ui';
import { CardSession } from '../page/card-session';
import { WrapPainter } from '../page/paint';

export default defineUnlistedScript(() => {
  installBrowserTranslations();
  registerCardUi({
    createCardSession: (options) => new CardSession(options),
    createWrapPainter: (doc, style) => new WrapPainter(doc, style),
  });
});
