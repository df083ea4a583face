// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { englishMessage, formatMessage, setTranslator, t, textDirection, uiDirection } from '../../core/i18n';
import { Card } from '../../components/Card';
import { PopupApp } from '../../components/PopupApp';
import ar from '../../public/_locales/ar/messages.json';
import { mount, plain } from './render';

afterEach(() => setTranslator(null));

describe('t', () => {
  it('falls back to English without a translator', () => {
    expect(t('card_close')).toBe('Close card');
    expect(t('extension_name')).toBe('Syria Lens');
  });

  it('uses the translator, and English when it has no message or throws', () => {
    const translator = vi.fn((key: string) => (key === 'card_close' ? 'Karte schließen' : ''));
    setTranslator(translator);
    expect(t('card_close')).toBe('Karte schließen');
    expect(t('card_pin')).toBe('Pin card');
    expect(translator).toHaveBeenCalledWith('card_pin', undefined);
    t('card_show_all', ['4']);
    expect(translator).toHaveBeenLastCalledWith('card_show_all', ['4']);
    setTranslator(() => {
      throw new Error('too many substitutions');
    });
    expect(t('card_pin')).toBe('Pin card');
  });

  it('substitutes through named placeholders in the English fallback', () => {
    expect(t('card_show_all', ['7'])).toBe('Show all (7)');
    expect(t('popup_inactive_site_off', ['www.bbc.com'])).toBe('Syria Lens is switched off on www.bbc.com.');
    expect(t('card_show_all')).toBe('Show all ()');
  });

  it('inserts substitutions once, as text', () => {
    expect(t('card_show_all', ['$1 $$ $COUNT$'])).toBe('Show all ($1 $$ $COUNT$)');
  });

  it('follows the browser rules for direct $1, $$ and placeholder case', () => {
    expect(formatMessage({ message: 'Pay $$5 to $1, not $2.' }, ['Ana'])).toBe('Pay $5 to Ana, not .');
    expect(
      formatMessage({ message: '$Who$ met $WHERE$', placeholders: { who: { content: '$2' }, where: { content: 'Geneva' } } }, [
        'x',
        'Pedersen',
      ]),
    ).toBe('Pedersen met Geneva');
    expect(formatMessage({ message: '$unknown$ stays' })).toBe('$unknown$ stays');
  });

  it('shows the key for a message that does not exist', () => {
    expect(englishMessage('no_such_message')).toBe('no_such_message');
    expect(englishMessage('__proto__')).toBe('__proto__');
  });
});

describe('directions', () => {
  it('uiDirection reads @@bidi_dir and defaults to ltr', () => {
    expect(uiDirection()).toBe('ltr');
    setTranslator((key) => (key === '@@bidi_dir' ? 'rtl' : ''));
    expect(uiDirection()).toBe('rtl');
    setTranslator((key) => (key === '@@bidi_dir' ? 'ltr' : ''));
    expect(uiDirection()).toBe('ltr');
    setTranslator(() => '');
    expect(uiDirection()).toBe('ltr');
  });

  it('textDirection takes the first letter, like dir="auto"', () => {
    expect(textDirection('Bashar al-Assad')).toBe('ltr');
    expect(textDirection('بشار الأسد')).toBe('rtl');
    expect(textDirection('«2024» حلب')).toBe('rtl');
    expect(textDirection('١٢٣ Idlib')).toBe('ltr');
    expect(textDirection('ירושלים')).toBe('rtl');
    expect(textDirection('ܣܘܪܝܐ')).toBe('rtl');
    expect(textDirection('')).toBe('ltr');
    expect(textDirection('2024')).toBe('ltr');
  });
});

describe('components in Arabic', () => {
  type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
  const browserLike = (catalogue: Catalogue) => (key: string, substitutions?: string[]) => {
    if (key === '@@bidi_dir') return 'rtl';
    const entry = catalogue[key];
    return entry ? formatMessage(entry, substitutions) : '';
  };

  it('renders the catalogue given by the browser', () => {
    setTranslator(browserLike(ar));
    const popup = mount(
      <PopupApp
        state={{ globalOn: true, site: { host: 'aljazeera.net', on: false }, page: null, entities: {} }}
        onToggleGlobal={() => {}}
        onToggleSite={() => {}}
        onRevealEntity={() => {}}
        onOpenOptions={() => {}}
        onOpenBriefings={() => {}}
      />,
    );
    expect(popup.querySelector('.sl-popup')?.getAttribute('dir')).toBe('rtl');
    expect(plain(popup.querySelector('#sl-toggle-site')?.textContent)).toBe('في aljazeera.net');
    expect(popup.querySelector('.sl-popup-status')?.textContent).toBe('جارٍ فحص هذه الصفحة…');

    const card = mount(
      <Card
        card={{
          entity: { id: 'aleppo', name: 'حلب', kind: 'place', description: 'مدينة في شمال سوريا.', aliases: [] },
          backgrounds: [{ briefingId: 'b', briefingTitle: 'إحاطة', sentences: ['١', '٢', '٣', '٤'] }],
          related: [],
        }}
        onOpenEntity={() => {}}
        pinned={false}
        onTogglePin={() => {}}
        onClose={() => {}}
      />,
    );
    expect(card.querySelector('.sl-card')?.getAttribute('dir')).toBe('rtl');
    expect(card.querySelector('.sl-card-kind')?.textContent).toBe('مكان');
    expect(card.querySelector('.sl-card-more')?.textContent).toBe('عرض الكل (4)');
    expect(card.querySelector('.sl-card-close')?.getAttribute('aria-label')).toBe('إغلاق البطاقة');
  });
});
