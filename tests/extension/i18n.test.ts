// @vitest-environment happy-dom
/** The start-up every extension page shares: the browser's catalogue, the reader's language and direction, the title. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import ar from '../../public/_locales/ar/messages.json';
import { formatMessage, setTranslator } from '../../core/i18n';

const fake = vi.hoisted((): { language: string; messages: Record<string, { message: string }> } => ({ language: 'en', messages: {} }));

vi.mock('wxt/browser', () => ({
  browser: {
    i18n: {
      getUILanguage: () => fake.language,
      getMessage: (key: string, substitutions?: string[]) => {
        if (key === '@@bidi_dir') return fake.language === 'ar' ? 'rtl' : 'ltr';
        const entry = fake.messages[key];
        return entry ? formatMessage(entry, substitutions) : '';
      },
    },
  },
}));

const { startExtensionPage } = await import('../../extension/i18n');

afterEach(() => setTranslator(null));

describe('startExtensionPage', () => {
  it('an Arabic reader gets the page right to left, in Arabic, with its title', () => {
    fake.language = 'ar';
    fake.messages = ar;
    startExtensionPage('options_title');
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
    expect(document.title).toBe(ar.options_title.message);
  });

  it('an English reader gets it left to right; a page without a fixed title keeps its own', () => {
    fake.language = 'en-GB';
    fake.messages = {};
    document.title = 'Syria Lens';
    startExtensionPage();
    expect(document.documentElement.dir).toBe('ltr');
    expect(document.documentElement.lang).toBe('en-GB');
    expect(document.title).toBe('Syria Lens');
  });
});
