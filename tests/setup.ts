/** Unit tests render UI without a browser: English comes from the locale file itself. */
import en from '../public/_locales/en/messages.json';
import { setFallbackMessages } from '../core/i18n';

setFallbackMessages(en);
