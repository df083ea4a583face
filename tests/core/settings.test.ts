import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { tm } from '../../core/i18n';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, SettingsSchema, defaultSettings, parseSettings, setSiteMode, siteModeFor, type Settings } from '../../core/settings';
import type { Entity } from '../../core/types';

const hts: Entity = {
  id: 'hts',
  name: 'Hayat Tahrir al-Sham',
  kind: 'group',
  description: 'Islamist armed group that led the offensive of late 2024.',
  aliases: [{ text: 'HTS' }, { text: 'Hayat Tahrir al-Sham', anyCase: true }],
};

/** A valid, non-default settings object as the current version stores it. */
function custom(): Settings {
  return {
    schemaVersion: 1,
    enabled: false,
    scope: 'all',
    siteRules: [
      { pattern: 'example.com', mode: 'off' },
      { pattern: '*://*.news.org/*', mode: 'on' },
    ],
    kinds: { person: true, place: false, country: true, group: false, topic: true },
    markFirstOnly: true,
    markStyle: 'background',
    hoverDelayMs: 250,
    tapToOpen: false,
    showBadge: false,
    entityChanges: { added: [hts], extraAliases: { assad: ['al-Asad'] }, hidden: ['idlib'] },
  };
}

function expectValid(settings: Settings): void {
  const result = v.safeParse(SettingsSchema, settings);
  expect(result.issues).toBeUndefined();
}

describe('defaults', () => {
  it('are what the brief says', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      schemaVersion: SETTINGS_VERSION,
      enabled: true,
      scope: 'news',
      siteRules: [],
      kinds: { person: true, place: true, country: true, group: true, topic: true },
      markFirstOnly: false,
      markStyle: 'underline',
      hoverDelayMs: 500,
      tapToOpen: true,
      showBadge: true,
      entityChanges: { added: [], extraAliases: {}, hidden: [] },
    });
    expectValid(DEFAULT_SETTINGS);
  });

  it('DEFAULT_SETTINGS is frozen; defaultSettings() gives a fresh copy', () => {
    expect(() => {
      (DEFAULT_SETTINGS.siteRules as unknown[]).push(1);
    }).toThrow();
    const a = defaultSettings();
    a.siteRules.push({ pattern: 'x.org', mode: 'on' });
    a.kinds.person = false;
    expect(defaultSettings().siteRules).toEqual([]);
    expect(defaultSettings().kinds.person).toBe(true);
  });
});

describe('parseSettings: clean input', () => {
  it('nothing stored: defaults, nothing to repair', () => {
    expect(parseSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, repaired: false, problems: [] });
    expect(parseSettings(null)).toEqual({ settings: DEFAULT_SETTINGS, repaired: false, problems: [] });
  });

  it('valid current settings come back unchanged and not repaired', () => {
    const result = parseSettings(custom());
    expect(result).toEqual({ settings: custom(), repaired: false, problems: [] });
  });

  it('key order does not count as a change', () => {
    const reordered = Object.fromEntries(Object.entries(custom()).reverse());
    expect(parseSettings(reordered).repaired).toBe(false);
  });

  it('the result does not share objects with the defaults', () => {
    const { settings } = parseSettings({});
    settings.siteRules.push({ pattern: 'a.org', mode: 'on' });
    settings.entityChanges.hidden.push('x');
    expect(DEFAULT_SETTINGS.siteRules).toEqual([]);
    expect(parseSettings({}).settings.entityChanges.hidden).toEqual([]);
  });
});

describe('parseSettings: corrupt values', () => {
  it.each([
    ['a number', 42],
    ['a boolean', true],
    ['an array', [1, 2, 3]],
    ['a broken JSON string', '{"enabled": fal'],
    ['a JSON string of an array', '[1,2]'],
    ['garbage text', '\u0000\u0001garbage'],
  ])('%s: all defaults, repaired, one problem', (_, raw) => {
    const result = parseSettings(raw);
    expect(result.settings).toEqual(DEFAULT_SETTINGS);
    expect(result.repaired).toBe(true);
    expect(result.problems).toEqual([{ key: 'settings_problem_unreadable' }]);
    expect(tm(result.problems[0]!)).toMatch(/could not be read/);
  });

  it('a JSON string of valid settings is read and rewritten as an object', () => {
    const result = parseSettings(JSON.stringify(custom()));
    expect(result.settings).toEqual(custom());
    expect(result.repaired).toBe(true);
    expect(result.problems).toEqual([]);
  });

  it('never throws, whatever it is given', () => {
    const cyclic: Record<string, unknown> = { enabled: 'x' };
    cyclic.self = cyclic;
    cyclic.siteRules = [cyclic];
    const weird: unknown[] = [
      cyclic,
      Object.create(null),
      new Date(),
      { schemaVersion: Symbol('x') },
      { kinds: new Map() },
      { entityChanges: { added: [null, undefined, 3, { id: 1 }], extraAliases: [], hidden: 'x' } },
      { hoverDelayMs: Number.NaN },
      { hoverDelayMs: Infinity },
      { siteRules: 'example.com' },
      () => 1,
      BigInt(1),
    ];
    for (const raw of weird) {
      const { settings } = parseSettings(raw);
      expectValid(settings);
    }
  });
});

describe('parseSettings: field-by-field repair', () => {
  it('partial settings: missing fields get defaults, present ones are kept, no problems', () => {
    const result = parseSettings({ schemaVersion: 1, enabled: false, markStyle: 'none' });
    expect(result.settings).toEqual({ ...defaultSettings(), enabled: false, markStyle: 'none' });
    expect(result.repaired).toBe(true);
    expect(result.problems).toEqual([]);
  });

  it('no version and current fields: read as the current version', () => {
    const { schemaVersion: _, ...withoutVersion } = custom();
    const result = parseSettings(withoutVersion);
    expect(result.settings).toEqual(custom());
    expect(result.repaired).toBe(true);
  });

  it.each<[keyof Settings, unknown]>([
    ['enabled', 'yes'],
    ['enabled', 1],
    ['scope', 'everywhere'],
    ['scope', null],
    ['siteRules', 'example.com'],
    ['siteRules', { pattern: 'example.com', mode: 'off' }],
    ['kinds', ['person']],
    ['kinds', 'all'],
    ['markFirstOnly', 'false'],
    ['markStyle', 'bold'],
    ['hoverDelayMs', '300'],
    ['hoverDelayMs', Number.NaN],
    ['hoverDelayMs', null],
    ['showBadge', {}],
    ['entityChanges', 'none'],
    ['entityChanges', []],
  ])('%s = %j falls back to its default; every other field is kept', (field, bad) => {
    const raw = { ...custom(), [field]: bad };
    const result = parseSettings(raw);
    expect(result.settings).toEqual({ ...custom(), [field]: DEFAULT_SETTINGS[field] });
    expect(result.repaired).toBe(true);
    expect(result.problems).toHaveLength(1);
    expectValid(result.settings);
  });

  it('several damaged fields: each reported, the rest kept', () => {
    const result = parseSettings({ ...custom(), enabled: 'no', scope: 7, markStyle: ['underline'] });
    expect(result.settings).toEqual({ ...custom(), enabled: true, scope: 'news', markStyle: 'underline' });
    expect(result.problems).toEqual([
      { key: 'settings_problem_reset_enabled', substitutions: ['"no"', 'true'] },
      { key: 'settings_problem_reset_scope', substitutions: ['7', '"news"'] },
      { key: 'settings_problem_reset_mark_style', substitutions: ['["underline"]', '"underline"'] },
    ]);
    const english = result.problems.map(tm).join('\n');
    expect(english).toMatch(/on\/off switch/);
    expect(english).toMatch(/Where Syria Lens runs/);
    expect(english).toMatch(/Mark style: the saved value \["underline"\] was not valid; reset to "underline"\./);
  });

  it('unknown keys are dropped silently', () => {
    const result = parseSettings({ ...custom(), theme: 'dark', __proto__x: 1 });
    expect(result.settings).toEqual(custom());
    expect(result.settings).not.toHaveProperty('theme');
    expect(result.repaired).toBe(true);
    expect(result.problems).toEqual([]);
  });

  it('hoverDelayMs is rounded and clamped to 0–3000', () => {
    expect(parseSettings({ ...custom(), hoverDelayMs: 250.6 }).settings.hoverDelayMs).toBe(251);
    const high = parseSettings({ ...custom(), hoverDelayMs: 99_999 });
    expect(high.settings.hoverDelayMs).toBe(3000);
    expect(high.problems).toEqual([
      { key: 'settings_problem_hover_delay_range', substitutions: ['99999', '0', '3000', '3000'] },
    ]);
    expect(tm(high.problems[0]!)).toBe('Hover delay: 99999 ms is outside 0–3000 ms; set to 3000 ms.');
    const low = parseSettings({ ...custom(), hoverDelayMs: -5 });
    expect(low.settings.hoverDelayMs).toBe(0);
    expect(low.repaired).toBe(true);
    expect(parseSettings({ ...custom(), hoverDelayMs: 0 }).repaired).toBe(false);
    expect(parseSettings({ ...custom(), hoverDelayMs: 3000 }).repaired).toBe(false);
  });

  it('kinds: each kind on its own; a missing kind is on; unknown kinds dropped', () => {
    const result = parseSettings({ ...custom(), kinds: { person: false, place: 'no', weapon: false } });
    expect(result.settings.kinds).toEqual({ person: false, place: true, country: true, group: true, topic: true });
    expect(result.problems).toEqual([{ key: 'settings_problem_kind_flag', substitutions: ['place', '"no"'] }]);
    expect(tm(result.problems[0]!)).toMatch(/"place" was "no", not on or off/);
  });

  it('siteRules: only the damaged rules are dropped; patterns are trimmed', () => {
    const result = parseSettings({
      ...custom(),
      siteRules: [
        { pattern: ' example.com ', mode: 'off' },
        { pattern: 'exa mple.com', mode: 'off' },
        { pattern: 'news.org', mode: 'maybe' },
        'example.org',
        null,
        { pattern: '<all_urls>', mode: 'on', note: 'extra key' },
      ],
    });
    expect(result.settings.siteRules).toEqual([
      { pattern: 'example.com', mode: 'off' },
      { pattern: '<all_urls>', mode: 'on' },
    ]);
    expect(result.problems).toHaveLength(4);
    expect(result.problems.every((problem) => problem.key === 'settings_problem_rule_dropped')).toBe(true);
    expect(result.problems[2]).toEqual({ key: 'settings_problem_rule_dropped', substitutions: ['"example.org"'] });
    expect(result.settings.enabled).toBe(false);
  });

  it('entityChanges: damaged entities, aliases and hidden ids are dropped one by one', () => {
    const result = parseSettings({
      ...custom(),
      entityChanges: {
        added: [
          hts,
          { ...hts, id: 'sdf', name: 'Syrian Democratic Forces', kind: 'militia' },
          { ...hts, id: 'hts', name: 'Duplicate id' },
          { id: 'x' },
          'HTS',
        ],
        extraAliases: { assad: ['al-Asad', 'Bashar'], idlib: 'Idleb', aleppo: [''], damascus: [] },
        hidden: ['idlib', 3, '', 'idlib', 'raqqa'],
      },
    });
    expect(result.settings.entityChanges).toEqual({
      added: [hts],
      extraAliases: { assad: ['al-Asad', 'Bashar'], damascus: [] },
      hidden: ['idlib', 'raqqa'],
    });
    expect(result.problems).toHaveLength(8);
    expect(result.problems.map((problem) => problem.key)).toEqual([
      'settings_problem_added_dropped',
      'settings_problem_added_dropped',
      'settings_problem_added_dropped',
      'settings_problem_added_dropped',
      'settings_problem_aliases_dropped',
      'settings_problem_aliases_dropped',
      'settings_problem_hidden_dropped',
      'settings_problem_hidden_dropped',
    ]);
    expect(result.problems[0]).toEqual({ key: 'settings_problem_added_dropped', substitutions: ['"Syrian Democratic Forces"'] });
    expect(result.problems.map(tm).join('\n')).toMatch(/dropped the damaged added name "Syrian Democratic Forces"/);
    expectValid(result.settings);
  });

  it('entityChanges with a part missing keeps the other parts', () => {
    const result = parseSettings({ ...custom(), entityChanges: { hidden: ['idlib'] } });
    expect(result.settings.entityChanges).toEqual({ added: [], extraAliases: {}, hidden: ['idlib'] });
    expect(result.problems).toEqual([]);
    expect(result.repaired).toBe(true);
  });
});

describe('parseSettings: versions and migration', () => {
  it('v0 { on, disabledSites, style } migrates to the current format', () => {
    const result = parseSettings({
      on: false,
      disabledSites: ['www.Example.com', 'https://news.org/world/syria', 'localhost'],
      style: 'highlight',
    });
    expect(result.settings).toEqual({
      ...defaultSettings(),
      enabled: false,
      siteRules: [
        { pattern: 'example.com', mode: 'off' },
        { pattern: 'news.org', mode: 'off' },
        { pattern: 'localhost', mode: 'off' },
      ],
      markStyle: 'background',
    });
    expect(result.repaired).toBe(true);
    expect(result.problems).toEqual([]);
    expect(result.settings.schemaVersion).toBe(SETTINGS_VERSION);
  });

  it('v0 with an explicit schemaVersion 0 migrates too', () => {
    const result = parseSettings({ schemaVersion: 0, on: true, disabledSites: [] });
    expect(result.settings).toEqual(defaultSettings());
    expect(result.repaired).toBe(true);
  });

  it('v0 with damaged fields: migration keeps what it can, repair reports the rest', () => {
    const result = parseSettings({ on: 'yes', disabledSites: ['example.com', 42, 'not a host'], style: 'underline' });
    expect(result.settings.enabled).toBe(true);
    expect(result.settings.siteRules).toEqual([{ pattern: 'example.com', mode: 'off' }]);
    expect(result.settings.markStyle).toBe('underline');
    expect(result.problems).toHaveLength(3);
  });

  it('v0 disabledSites that is not a list falls back to no rules', () => {
    const result = parseSettings({ on: true, disabledSites: 'example.com' });
    expect(result.settings.siteRules).toEqual([]);
    expect(result.problems).toHaveLength(1);
  });

  it('migrating twice gives the same result (what is written back reads clean)', () => {
    const first = parseSettings({ on: false, disabledSites: ['example.com'] });
    const second = parseSettings(first.settings);
    expect(second).toEqual({ settings: first.settings, repaired: false, problems: [] });
  });

  it('a newer version is read as far as it goes, with a problem', () => {
    const result = parseSettings({ ...custom(), schemaVersion: 7, futureField: true });
    expect(result.settings).toEqual(custom());
    expect(result.repaired).toBe(true);
    expect(result.problems).toEqual([{ key: 'settings_problem_newer_version' }]);
    expect(tm(result.problems[0]!)).toMatch(/newer version/);
  });

  it('a damaged version is read as the current version, with a problem', () => {
    const result = parseSettings({ ...custom(), schemaVersion: 'one' });
    expect(result.settings).toEqual(custom());
    expect(result.problems).toEqual([{ key: 'settings_problem_bad_version', substitutions: ['"one"'] }]);
    expect(tm(result.problems[0]!)).toBe(`The settings' version "one" was not valid; read them as the current version.`);
  });
});

describe('setSiteMode / siteModeFor', () => {
  it('adds a host rule without www., replaces it, removes it', () => {
    let s = defaultSettings();
    s = setSiteMode(s, 'www.Example.com', 'off');
    expect(s.siteRules).toEqual([{ pattern: 'example.com', mode: 'off' }]);
    expect(siteModeFor(s, 'https://www.example.com/a')).toBe('off');
    expect(siteModeFor(s, 'https://example.com/a')).toBe('off');
    expect(siteModeFor(s, 'https://news.example.com/a')).toBe('off');

    s = setSiteMode(s, 'example.com', 'on');
    expect(s.siteRules).toEqual([{ pattern: 'example.com', mode: 'on' }]);
    expect(siteModeFor(s, 'https://example.com/')).toBe('on');

    s = setSiteMode(s, 'https://www.example.com/some/page', null);
    expect(s.siteRules).toEqual([]);
    expect(siteModeFor(s, 'https://example.com/')).toBeUndefined();
  });

  it('does not change its input', () => {
    const s = defaultSettings();
    const next = setSiteMode(s, 'example.com', 'on');
    expect(s.siteRules).toEqual([]);
    expect(next).not.toBe(s);
  });

  it('leaves match patterns from the options page alone', () => {
    let s: Settings = { ...defaultSettings(), siteRules: [{ pattern: '*://*.example.com/*', mode: 'off' }] };
    s = setSiteMode(s, 'news.example.com', 'on');
    expect(s.siteRules).toEqual([
      { pattern: '*://*.example.com/*', mode: 'off' },
      { pattern: 'news.example.com', mode: 'on' },
    ]);
    // The popup's switch for a subdomain wins over the broader pattern.
    expect(siteModeFor(s, 'https://news.example.com/')).toBe('on');
    expect(siteModeFor(s, 'https://www.example.com/')).toBe('off');
    s = setSiteMode(s, 'news.example.com', null);
    expect(s.siteRules).toEqual([{ pattern: '*://*.example.com/*', mode: 'off' }]);
  });

  it('a subdomain switch beats the parent site switch', () => {
    let s = setSiteMode(defaultSettings(), 'example.com', 'off');
    s = setSiteMode(s, 'blog.example.com', 'on');
    expect(siteModeFor(s, 'https://blog.example.com/')).toBe('on');
    expect(siteModeFor(s, 'https://example.com/')).toBe('off');
  });

  it('an unreadable host changes nothing', () => {
    const s = defaultSettings();
    expect(setSiteMode(s, 'not a host', 'on')).toBe(s);
    expect(setSiteMode(s, 'chrome://extensions', 'on')).toBe(s);
  });

  it('what setSiteMode writes passes parseSettings unchanged', () => {
    const s = setSiteMode(setSiteMode(custom(), 'www.bbc.co.uk', 'on'), 'bücher.de', 'off');
    expect(parseSettings(s)).toEqual({ settings: s, repaired: false, problems: [] });
  });
});
