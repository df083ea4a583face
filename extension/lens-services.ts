/** What a page's lens asks the background for (see page/lens-runner.ts), through the message protocol. */
import type { LensServices } from '../page/lens-runner';
import { askBackground } from './messages';

export const backgroundServices: Pick<LensServices, 'getCard' | 'injectCardUi' | 'openSource' | 'detectLanguage'> = {
  getCard: (entity) => askBackground({ type: 'card', entity }),
  // The background injects the card UI into the asking frame (page/card-ui.ts).
  injectCardUi: () => askBackground({ type: 'load-card-ui' }),
  // The browser's detector, run by the background: the text stays in the browser.
  detectLanguage: (text) => askBackground({ type: 'detect-language', text }),
  openSource: (briefingId, sentence) => {
    askBackground({ type: 'open-briefing', briefingId, sentence }).catch((error: unknown) => console.warn('Syria Lens: could not open the briefing', error));
  },
};
