// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PopupApp, type PopupAppProps } from '../../components/PopupApp';
import { pageEntities, pageStatus, popupState, type PopupState } from '../../components/popup-state';
import { defaultSettings } from '../../core/settings';
import { Toggle } from '../../components/Toggle';
import { EntityList } from '../../components/EntityList';
import type { PageState } from '../../extension/messages';
import { setTranslator } from '../../core/i18n';
import { buttonNamed, click, key, mount, plain, rerender } from './render';

const entities: PopupState['entities'] = {
  assad: { name: 'Bashar al-Assad', kind: 'person', description: 'Former president of Syria.' },
  idlib: { name: 'Idlib', kind: 'place', description: 'City and province in the north-west.' },
  hts: { name: 'Hayat Tahrir al-Sham', kind: 'group', description: 'Armed group that took Damascus in 2024.' },
};

function page(overrides: Partial<PageState> = {}): PageState {
  return { host: 'www.bbc.com', active: true, counts: { idlib: 2, assad: 5, hts: 2 }, total: 9, ...overrides };
}

function state(overrides: Partial<PopupState> = {}): PopupState {
  return { globalOn: true, site: { host: 'www.bbc.com', on: true }, page: page(), entities, ...overrides };
}

function props(overrides: Partial<PopupAppProps> = {}): PopupAppProps {
  return {
    state: state(),
    onToggleGlobal: vi.fn(),
    onToggleSite: vi.fn(),
    onRevealEntity: vi.fn(),
    onOpenOptions: vi.fn(),
    onOpenBriefings: vi.fn(),
    ...overrides,
  };
}

const message = (root: ParentNode) => plain(root.querySelector('.sl-popup-status')?.textContent);
const switchNamed = (root: ParentNode, name: string) =>
  [...root.querySelectorAll('[role="switch"]')].find((s) => plain(s.textContent) === name) as HTMLElement | undefined;

afterEach(() => setTranslator(null));

describe('PopupApp page overview', () => {
  it('lists entities most mentioned first, ties in page order, with kind, count and description', () => {
    const root = mount(<PopupApp {...props()} />);
    const rows = [...root.querySelectorAll('.sl-entity')];
    expect(rows.map((row) => row.querySelector('.sl-entity-name')?.textContent)).toEqual([
      'Bashar al-Assad',
      'Idlib',
      'Hayat Tahrir al-Sham',
    ]);
    const first = rows[0]!;
    expect(first.tagName).toBe('BUTTON');
    expect(first.querySelector('.sl-entity-kind')?.textContent).toBe('Person');
    expect(first.querySelector('.sl-entity-count [aria-hidden="true"]')?.textContent).toBe('5');
    expect(first.querySelector('.sl-entity-count .sl-visually-hidden')?.textContent).toBe('Mentions: 5');
    expect(first.querySelector('.sl-entity-description')?.textContent).toBe('Former president of Syria.');
    expect(root.querySelector('.sl-popup-total')?.textContent).toBe('Mentions on this page: 9');
    // The list refreshes while the popup is open: it is not in the live region.
    expect(root.querySelector('.sl-popup-status')?.getAttribute('aria-live')).toBe('polite');
    expect(root.querySelector('.sl-popup-status .sl-entity')).toBeNull();
  });

  it('reveals an entity when its row is clicked', () => {
    const onRevealEntity = vi.fn();
    const root = mount(<PopupApp {...props({ onRevealEntity })} />);
    click(root.querySelectorAll('.sl-entity')[1]);
    expect(onRevealEntity).toHaveBeenCalledWith('idlib');
  });

  it('accepts a Map of entities and shows unknown ids by id', () => {
    const map = new Map(Object.entries(entities));
    map.delete('hts');
    const items = pageEntities(page(), map);
    expect(items.map((item) => item.name)).toEqual(['Bashar al-Assad', 'Idlib', 'hts']);
    expect(items[2]?.kind).toBeUndefined();
    const root = mount(<PopupApp {...props({ state: state({ entities: map }) })} />);
    expect(root.querySelectorAll('.sl-entity')).toHaveLength(3);
    expect(root.querySelectorAll('.sl-entity-kind')).toHaveLength(2);
  });

  it('shows page text as text', () => {
    const attack = '<img src=x onerror=alert(1)>';
    const root = mount(
      <PopupApp
        {...props({
          state: state({ entities: { ...entities, assad: { name: attack, kind: 'person', description: attack } } }),
        })}
      />,
    );
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('.sl-entity-name')?.textContent).toBe(attack);
  });

  it('says it is loading while the page has not answered', () => {
    const root = mount(<PopupApp {...props({ state: state({ page: null }) })} />);
    expect(message(root)).toBe('Looking at this page…');
    expect(pageStatus(state({ page: null }))).toEqual({ kind: 'loading' });
  });

  it.each([
    ['browser-page', 'This is a browser page. Syria Lens can only mark names on web pages.'],
    ['store-page', 'The browser does not let extensions change add-on store pages.'],
    ['pdf', 'This is a PDF. Syria Lens can only mark names on web pages.'],
    ['file', "This is a file on your computer. Allow access to file URLs in the extension's settings to mark it."],
    ['other', 'Syria Lens cannot run on this page.'],
    ['something-new', 'Syria Lens cannot run on this page.'],
  ])('says why a page cannot be marked: %s', (reason, text) => {
    const root = mount(<PopupApp {...props({ state: state({ site: null, page: null, unsupportedReason: reason }) })} />);
    expect(message(root)).toBe(text);
    // No site switch on a page without a site.
    expect(root.querySelectorAll('[role="switch"]')).toHaveLength(1);
  });

  it('treats a page that reports "unsupported" as unsupported', () => {
    const root = mount(<PopupApp {...props({ state: state({ page: page({ active: false, reason: 'unsupported' }) }) })} />);
    expect(message(root)).toBe('Syria Lens cannot run on this page.');
  });

  it('explains an inactive page', () => {
    const off = mount(<PopupApp {...props({ state: state({ globalOn: false, page: page({ active: false, reason: 'disabled' }) }) })} />);
    expect(message(off)).toBe('Syria Lens is switched off. Switch it on above to mark names.');
    // Switched off everywhere wins over a page answer that lags behind, and over loading.
    expect(pageStatus(state({ globalOn: false }))).toEqual({ kind: 'inactive', reason: 'disabled' });
    expect(pageStatus(state({ globalOn: false, page: null }))).toEqual({ kind: 'inactive', reason: 'disabled' });

    const siteOff = mount(
      <PopupApp
        {...props({ state: state({ site: { host: 'www.bbc.com', on: false }, page: page({ active: false, reason: 'site-off' }) }) })}
      />,
    );
    expect(message(siteOff)).toBe('Syria Lens is switched off on www.bbc.com.');
  });

  it('offers to switch on a site whose page does not look like news', () => {
    const onToggleSite = vi.fn();
    const root = mount(
      <PopupApp {...props({ onToggleSite, state: state({ page: page({ active: false, reason: 'not-news', counts: {}, total: 0 }) }) })} />,
    );
    expect(root.querySelector('.sl-popup-inactive .sl-popup-message')?.textContent).toBe(
      "This page doesn't look like a news article. Switch on for this site to mark it.",
    );
    click(buttonNamed(root, 'Switch on for this site'));
    expect(onToggleSite).toHaveBeenCalledWith(true);
  });

  it('says so when no names were found', () => {
    const root = mount(<PopupApp {...props({ state: state({ page: page({ counts: {}, total: 0 }) }) })} />);
    expect(message(root)).toBe('No names from your briefings on this page.');
    expect(pageStatus(state({ page: page({ counts: { assad: 0 }, total: 0 }) }))).toEqual({ kind: 'empty' });
  });
});

describe('PopupApp switches and footer', () => {
  it('shows the global and site switches with their state', () => {
    const root = mount(<PopupApp {...props({ state: state({ site: { host: 'www.bbc.com', on: false } }) })} />);
    expect(switchNamed(root, 'Mark names on pages')?.getAttribute('aria-checked')).toBe('true');
    expect(switchNamed(root, 'On www.bbc.com')?.getAttribute('aria-checked')).toBe('false');
  });

  it('calls back with the new value', () => {
    const onToggleGlobal = vi.fn();
    const onToggleSite = vi.fn();
    const root = mount(<PopupApp {...props({ onToggleGlobal, onToggleSite })} />);
    click(switchNamed(root, 'Mark names on pages'));
    expect(onToggleGlobal).toHaveBeenLastCalledWith(false);
    click(switchNamed(root, 'On www.bbc.com'));
    expect(onToggleSite).toHaveBeenLastCalledWith(false);

    rerender(root, <PopupApp {...props({ onToggleGlobal, onToggleSite, state: state({ globalOn: false, site: { host: 'www.bbc.com', on: false } }) })} />);
    key(switchNamed(root, 'Mark names on pages'), 'Enter');
    expect(onToggleGlobal).toHaveBeenLastCalledWith(true);
    key(switchNamed(root, 'On www.bbc.com'), ' ');
    expect(onToggleSite).toHaveBeenLastCalledWith(true);
  });

  it('opens settings and briefings', () => {
    const onOpenOptions = vi.fn();
    const onOpenBriefings = vi.fn();
    const root = mount(<PopupApp {...props({ onOpenOptions, onOpenBriefings })} />);
    click(buttonNamed(root, 'Settings'));
    click(buttonNamed(root, 'Briefings'));
    expect(onOpenOptions).toHaveBeenCalledTimes(1);
    expect(onOpenBriefings).toHaveBeenCalledTimes(1);
  });

  it('takes its direction from the browser UI language', () => {
    expect(mount(<PopupApp {...props()} />).querySelector('.sl-popup')?.getAttribute('dir')).toBe('ltr');
    setTranslator((k) => (k === '@@bidi_dir' ? 'rtl' : ''));
    expect(mount(<PopupApp {...props()} />).querySelector('.sl-popup')?.getAttribute('dir')).toBe('rtl');
  });
});

describe('Toggle', () => {
  it('is a focusable switch toggled by click, Space and Enter', () => {
    const onChange = vi.fn();
    const root = mount(<Toggle label="Mark names" checked={false} onChange={onChange} />);
    const toggle = root.querySelector('[role="switch"]') as HTMLElement;
    expect(toggle.tabIndex).toBe(0);
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    expect(toggle.textContent).toBe('Mark names');
    click(toggle);
    expect(onChange).toHaveBeenLastCalledWith(true);
    const space = key(toggle, ' ');
    expect(space.defaultPrevented).toBe(true); // no page scroll
    key(toggle, 'Enter');
    expect(onChange).toHaveBeenCalledTimes(3);
    key(toggle, 'a');
    expect(onChange).toHaveBeenCalledTimes(3);
  });

  it('does nothing when disabled', () => {
    const onChange = vi.fn();
    const root = mount(<Toggle label="Off" checked onChange={onChange} disabled />);
    const toggle = root.querySelector('[role="switch"]') as HTMLElement;
    expect(toggle.getAttribute('aria-disabled')).toBe('true');
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    click(toggle);
    key(toggle, ' ');
    expect(onChange).not.toHaveBeenCalled();
  });
});

describe('EntityList', () => {
  it('leaves out what it is not given', () => {
    const onSelect = vi.fn();
    const root = mount(<EntityList items={[{ id: 'x', name: 'X' }]} onSelect={onSelect} label="Names" />);
    expect(root.querySelector('ul')?.getAttribute('aria-label')).toBe('Names');
    expect(root.querySelector('.sl-entity-count')).toBeNull();
    expect(root.querySelector('.sl-entity-kind')).toBeNull();
    expect(root.querySelector('.sl-entity-description')).toBeNull();
    click(root.querySelector('button'));
    expect(onSelect).toHaveBeenCalledWith('x');
  });
});

describe('popupState', () => {
  const tab = { id: 3, url: 'https://www.example.org/news/syria' };
  const page = (over: Partial<PageState> = {}): PageState => ({ host: 'www.example.org', active: true, counts: { assad: 2 }, total: 2, ...over });

  it('shows the site switch once its state is known: from the page, or at once from a site rule', () => {
    expect(popupState(defaultSettings(), tab, null, undefined).site).toBeNull();
    expect(popupState(defaultSettings(), tab, page(), undefined).site).toEqual({ host: 'www.example.org', on: true });
    expect(popupState(defaultSettings(), tab, page({ active: false, reason: 'not-news' }), undefined).site?.on).toBe(false);
    const ruled = { ...defaultSettings(), siteRules: [{ pattern: 'example.org', mode: 'off' as const }] };
    expect(popupState(ruled, tab, null, undefined).site).toEqual({ host: 'www.example.org', on: false });
  });

  it('switched off everywhere: the site switch still says the site is on', () => {
    const off = { ...defaultSettings(), enabled: false };
    const state = popupState(off, tab, page({ active: false, reason: 'disabled' }), undefined);
    expect(state.globalOn).toBe(false);
    expect(state.site?.on).toBe(true);
  });

  it('no site switch where nothing can run, and the entities the page may name', () => {
    const state = popupState(defaultSettings(), { id: 4, url: 'chrome://extensions/' }, null, 'browser-page');
    expect(state.site).toBeNull();
    expect(state.unsupportedReason).toBe('browser-page');
    expect(Object.keys(state.entities)).toContain('assad');
  });
});


describe('PopupApp page overview grouped by kind', () => {
  it('shows the page’s names under their kind, most mentioned first within each', () => {
    const root = mount(<PopupApp {...props({ state: state({ page: page({ counts: { hts: 7, idlib: 2, assad: 5 }, total: 14 }) }) })} />);
    const groups = [...root.querySelectorAll('.sl-popup-kind')].map((group) => [
      group.querySelector('h3')?.textContent,
      [...group.querySelectorAll('.sl-entity-name')].map((name) => name.textContent),
    ]);
    expect(groups).toEqual([
      ['Person', ['Bashar al-Assad']],
      ['Place', ['Idlib']],
      ['Group', ['Hayat Tahrir al-Sham']],
    ]);
    expect([...root.querySelectorAll('.sl-popup-kind ul')].map((list) => list.getAttribute('aria-label'))).toEqual(['Person', 'Place', 'Group']);
  });
});
