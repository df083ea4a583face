// @vitest-environment happy-dom
import axe from 'axe-core';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { paletteCss, palette, cssVariable } from '../../components/palette';
import { EXAMPLE_ID, LEFT_OUT_OF_EXAMPLE, Welcome, type WelcomeProps } from '../../components/Welcome';
import { builtInEntities } from '../../core/catalogue';
import { englishMessage, formatMessage, setTranslator, type MessageEntry } from '../../core/i18n';
import { createMatcher } from '../../core/matcher';
import { buttonNamed, click, mount, repoFile } from './render';

/**
 * The welcome page's messages are written to /tmp/welcome-messages.json until they are merged
 * into public/_locales; read a key from there only while the locale file lacks it.
 */
const SCRATCH = '/tmp/welcome-messages.json';
const LOCALES = ['en', 'ar', 'fr', 'de'] as const;
type Locale = (typeof LOCALES)[number];
const scratch: Partial<Record<Locale, Record<string, MessageEntry>>> = existsSync(SCRATCH)
  ? (JSON.parse(readFileSync(SCRATCH, 'utf8')) as Partial<Record<Locale, Record<string, MessageEntry>>>)
  : {};

/** A locale's messages: the locale file, plus the scratch file's keys it does not have yet. */
function catalogue(locale: Locale): Record<string, MessageEntry> {
  const merged = JSON.parse(repoFile(`public/_locales/${locale}/messages.json`)) as Record<string, MessageEntry>;
  return { ...scratch[locale], ...merged };
}

/** The welcome_* keys the component uses. */
const WELCOME_KEYS = [...repoFile('components/Welcome.tsx').matchAll(/\bt\(\s*'([a-z0-9_]+)'/g)].map((m) => m[1]!);

beforeEach(() => {
  const en = scratch.en ?? {};
  setTranslator((key, substitutions) => {
    const entry = en[key];
    return entry && englishMessage(key) === key ? formatMessage(entry, substitutions) : '';
  });
});

afterEach(() => {
  setTranslator(null);
});

function setup(overrides: Partial<WelcomeProps> = {}) {
  const props: WelcomeProps = {
    iconUrl: '/icon/48.png',
    settingsUrl: 'chrome-extension://id/options.html',
    briefingsUrl: 'chrome-extension://id/briefings.html',
    onOpenSettings: vi.fn(),
    onOpenBriefings: vi.fn(),
    onShowCard: vi.fn(() => true),
    ...overrides,
  };
  const root = mount(<Welcome {...props} />);
  return { root, props };
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('Welcome', () => {
  it('has every message it uses, in English', () => {
    expect(WELCOME_KEYS.length).toBeGreaterThan(15);
    for (const key of WELCOME_KEYS) expect(catalogue('en')[key]?.message, key).toBeTruthy();
  });

  it('has landmarks and a heading outline: banner, main with three sections, navigation', () => {
    const { root } = setup();
    expect(root.querySelectorAll('header')).toHaveLength(1);
    expect(root.querySelectorAll('main')).toHaveLength(1);
    expect(root.querySelectorAll('footer nav')).toHaveLength(1);
    expect(root.querySelector('nav')?.getAttribute('aria-label')).toBe('Syria Lens pages');
    expect(text(root.querySelector('h1'))).toBe('Welcome to Syria Lens');
    const sections = [...root.querySelectorAll('main section')];
    expect(sections.map((s) => text(root.querySelector(`#${s.getAttribute('aria-labelledby')}`)))).toEqual([
      'What it does',
      'Try it',
      'Where the popup is',
    ]);
    for (const section of sections) expect(section.querySelector('h2')?.id).toBe(section.getAttribute('aria-labelledby'));
  });

  it('says in four lines what Syria Lens does', () => {
    const { root } = setup();
    const points = [...root.querySelectorAll('.sl-welcome-points li')].map(text);
    expect(points).toHaveLength(4);
    expect(points[0]).toMatch(/marks the people, places and groups named in news about Syria/);
    expect(points[1]).toMatch(/background quoted from a briefing/);
    expect(points[2]).toMatch(/offline/);
    expect(points[3]).toMatch(/popup/);
  });

  it('shows the example paragraph with a hint to hover, and the keyboard route', () => {
    const { root, props } = setup();
    const example = root.querySelector(`#${EXAMPLE_ID}`);
    for (const name of ['Aleppo', 'Iran', 'Russia', 'Bashar al-Assad']) expect(text(example)).toContain(name);
    expect(example?.closest('figure')?.querySelector('figcaption')).toBeTruthy();
    expect(text(root.querySelector('main'))).toContain('Hover a marked name');
    const button = buttonNamed(root, 'Show a card');
    expect(button?.getAttribute('type')).toBe('button');
    expect(text(root.querySelector(`#${button?.getAttribute('aria-describedby')}`))).toMatch(/Escape closes a card/);
    click(button);
    click(button);
    expect(props.onShowCard).toHaveBeenCalledTimes(2);
    expect(text(root.querySelector('[role="status"]'))).toBe('');
  });

  it('says so when nothing in the example is marked', () => {
    const { root } = setup({ onShowCard: vi.fn(() => false) });
    const status = root.querySelector('[role="status"]');
    expect(text(status)).toBe('');
    click(buttonNamed(root, 'Show a card'));
    expect(text(status)).toMatch(/^Nothing is marked in the example/);
  });

  it('says so when the lens reports no marks', () => {
    const { root } = setup({ marked: false });
    expect(text(root.querySelector('[role="status"]'))).toMatch(/^Nothing is marked/);
  });

  it('shows where the popup is, with the toolbar icon', () => {
    const { root } = setup();
    const section = root.querySelector('[aria-labelledby="sl-welcome-popup"]')!;
    expect(text(section)).toContain('Click the Syria Lens icon in the browser\'s toolbar');
    expect(text(section)).toContain('puzzle-piece');
    const icon = section.querySelector('img');
    expect(icon?.getAttribute('src')).toBe('/icon/48.png');
    // Decorative: the text names the icon.
    expect(icon?.getAttribute('alt')).toBe('');
  });

  it('links to Settings and Briefings, opening them through the extension', () => {
    const { root, props } = setup();
    const links = [...root.querySelectorAll('nav a')] as HTMLAnchorElement[];
    expect(links.map(text)).toEqual(['Settings', 'Briefings']);
    expect(links.map((a) => a.getAttribute('href'))).toEqual([props.settingsUrl, props.briefingsUrl]);
    // A modified click (new tab, new window) is left to the browser.
    root.addEventListener('click', (event) => event.preventDefault());
    links[0]!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true }));
    expect(props.onOpenSettings).not.toHaveBeenCalled();
    click(links[0]);
    click(links[1]);
    expect(props.onOpenSettings).toHaveBeenCalledTimes(1);
    expect(props.onOpenBriefings).toHaveBeenCalledTimes(1);
  });

  it('has no axe violations', async () => {
    const { root } = setup({ marked: false });
    const result = await axe.run(root, {
      rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
      resultTypes: ['violations'],
    });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
  });
});

describe('welcome copy', () => {
  const find = createMatcher(builtInEntities()).find as (text: string) => { entity: string }[];

  it.each(LOCALES)('%s: has every welcome message', (locale) => {
    for (const key of WELCOME_KEYS) expect(catalogue(locale)[key]?.message, `${locale} ${key}`).toBeTruthy();
  });

  it.each(LOCALES)('%s: the example names Aleppo, Iran, Russia and Bashar al-Assad', (locale) => {
    const found = new Set(find(catalogue(locale).welcome_example_text!.message).map((m) => m.entity));
    for (const id of ['aleppo', 'iran', 'russia', 'assad']) expect(found, `${locale} ${id}`).toContain(id);
    for (const id of LEFT_OUT_OF_EXAMPLE) expect(found, `${locale} ${id}`).not.toContain(id);
  });

  it.each(LOCALES)('%s: the rest of the page names no entity the example marks', (locale) => {
    // The Lens reads the whole page: any other name would be marked outside the example.
    const messages = catalogue(locale);
    for (const key of WELCOME_KEYS.filter((k) => k !== 'welcome_example_text')) {
      const names = find(messages[key]!.message).map((m) => m.entity).filter((id) => !LEFT_OUT_OF_EXAMPLE.includes(id));
      expect(names, `${locale} ${key}`).toEqual([]);
    }
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s: is translated', (locale) => {
    const en = catalogue('en');
    const messages = catalogue(locale);
    const same = WELCOME_KEYS.filter((key) => messages[key]?.message === en[key]?.message);
    // Only "Briefings" is the same word in German.
    expect(same.filter((key) => !(locale === 'de' && key === 'welcome_briefings'))).toEqual([]);
  });
});

describe('welcome.css and the entrypoint', () => {
  const css = repoFile('components/welcome.css');
  const rest = css.replace(/\/\* palette:start[\s\S]*?palette:end \*\//, '');

  it('holds the palette exactly as paletteCss() writes it, and takes every colour from it', () => {
    expect(css).toContain(paletteCss(':root'));
    expect(rest).not.toMatch(/#[0-9a-f]{3,8}\b/i);
    const known = new Set((Object.keys(palette.light) as (keyof typeof palette.light)[]).map(cssVariable));
    const names = [...rest.matchAll(/var\((--sl-[a-z-]+)[,)]/g)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect(known, name).toContain(name);
  });

  it('has a dark theme, respects reduced motion, and uses the system font', () => {
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\)/);
    const reduced = /@media \(prefers-reduced-motion: reduce\)\s*{([\s\S]*?)\n}/.exec(css)?.[1] ?? '';
    expect(reduced).toMatch(/transition: none/);
    expect(reduced).toMatch(/animation: none/);
    expect(css).toMatch(/font-family: system-ui/);
  });

  it('adds the marks\' styles for its own highlight names (::highlight rules paint only from the page\'s own styles) and sets dir', () => {
    const main = repoFile('entrypoints/welcome/main.tsx');
    expect(main).toContain('marksSheet.replaceSync(markCss(token));');
    expect(main).toMatch(/new LensRunner\(\{\s+doc: document,\s+token,/);
    expect(main).toMatch(/registerCardUi\(\{ createCardSession: \(options\) => new CardSession\(options\), createWrapPainter: \(doc, style\) => new WrapPainter\(doc, style\) \}\)/);
    // Language, direction and title: the start-up every extension page shares (tests/extension/i18n.test.ts).
    expect(main).toMatch(/startExtensionPage\('welcome_title'\)/);
  });
});
