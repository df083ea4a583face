/** Unit tests render UI without a browser: English comes from the locale file itself. */
import en from '../public/_locales/en/messages.json';
import { setFallbackMessages } from '../core/i18n';

setFallbackMessages(en);

// happy-dom has no requestIdleCallback, which every browser the extension supports has
// (page/marks.ts schedules its check for hidden text with it): an idle period right away.
if (typeof window !== 'undefined' && typeof window.requestIdleCallback !== 'function') {
  window.requestIdleCallback = (callback) => setTimeout(() => callback({ didTimeout: false, timeRemaining: () => 50 }), 0) as unknown as number;
}
