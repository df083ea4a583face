import { describe, expect, it } from 'vitest';
import { decideActivation, exampleLensConfig, lensConfig } from '../../core/configure-lens';
import { matcherFromPlan } from '../../core/matcher';
import type { NewsSignals } from '../../core/news';

const noSignals = (hostname: string): NewsSignals => ({ jsonLdTypes: [], hostname });
import { defaultSettings, type Settings } from '../../core/settings';

const NEWS = { ogType: 'article', jsonLdTypes: [], hostname: 'example.com' };
const TEXT = 'Bashar al-Assad fled Damascus for Moscow; refugees returned to Aleppo.';
const entitiesIn = (config: ReturnType<typeof lensConfig>) =>
  matcherFromPlan(config.matcher).find(TEXT).map((mention) => mention.entity);

describe('lensConfig', () => {
  it('sends an active page the entities to mark and their prepared matcher', () => {
    const config = lensConfig(defaultSettings(), 'https://example.com/news/syria', NEWS);
    expect(config.active).toBe(true);
    expect(config.entityKinds).toMatchObject({ assad: 'person', damascus: 'place', russia: 'country', refugees: 'topic' });
    // What the page gets of the entities: their kinds, no aliases or descriptions.
    expect(Object.values(config.entityKinds).every((kind) => typeof kind === 'string')).toBe(true);
    expect(entitiesIn(config)).toEqual(['assad', 'damascus', 'russia', 'refugees', 'aleppo']);
  });

  it('leaves the kinds the reader switched off out of both', () => {
    const settings = defaultSettings();
    settings.kinds.place = false;
    const config = lensConfig(settings, 'https://example.com/news/syria', NEWS);
    expect(Object.values(config.entityKinds)).not.toContain('place');
    expect(entitiesIn(config)).toEqual(['assad', 'russia', 'refugees']);
  });

  it('sends an inactive page nothing to match', () => {
    const settings = { ...defaultSettings(), enabled: false };
    const config = lensConfig(settings, 'https://example.com/news/syria', NEWS);
    expect(config.active).toBe(false);
    expect(config.entityKinds).toEqual({});
    expect(entitiesIn(config)).toEqual([]);
  });
});

describe('exampleLensConfig (the welcome page)', () => {
  it('is on whatever the global switch and site rules say, with the reader kinds and hidden names', () => {
    const settings: Settings = {
      ...defaultSettings(),
      enabled: false,
      siteRules: [{ pattern: '<all_urls>', mode: 'off' }],
      kinds: { ...defaultSettings().kinds, place: false },
      entityChanges: { added: [], extraAliases: {}, hidden: ['russia'] },
    };
    const config = exampleLensConfig(settings, ['syria']);
    expect(config.active).toBe(true);
    const ids = Object.keys(config.entityKinds);
    expect(ids).toContain('assad');
    for (const gone of ['syria', 'russia', 'aleppo']) expect(ids).not.toContain(gone);
    expect(entitiesIn(config)).toEqual(['assad', 'refugees']);
  });

  it('shows marks even to a reader who chose none', () => {
    expect(exampleLensConfig({ ...defaultSettings(), markStyle: 'none' }, []).markStyle).toBe('underline');
    expect(exampleLensConfig({ ...defaultSettings(), markStyle: 'background' }, []).markStyle).toBe('background');
  });
});

describe('decideActivation', () => {
  const settings = (change: Partial<Settings> = {}): Settings => ({ ...defaultSettings(), ...change });
  const article: NewsSignals = { ogType: 'article', jsonLdTypes: [], hostname: 'blog.example' };
  const plain: NewsSignals = { ogType: 'website', jsonLdTypes: [], hostname: 'blog.example' };
  const url = 'https://blog.example/post';

  it('unsupported pages first, whatever the settings', () => {
    expect(decideActivation(settings(), 'chrome://newtab', article)).toEqual({ active: false, reason: 'unsupported' });
    expect(decideActivation(settings({ enabled: false }), 'about:blank', article).reason).toBe('unsupported');
    expect(
      decideActivation(settings({ siteRules: [{ pattern: '<all_urls>', mode: 'on' }] }), 'https://a.org/x.pdf', article)
        .reason,
    ).toBe('unsupported');
  });

  it('the global switch beats site rules', () => {
    const s = settings({ enabled: false, siteRules: [{ pattern: 'blog.example', mode: 'on' }] });
    expect(decideActivation(s, url, article)).toEqual({ active: false, reason: 'disabled' });
  });

  it('news scope: active on articles, not-news elsewhere', () => {
    expect(decideActivation(settings(), url, article)).toEqual({ active: true });
    expect(decideActivation(settings(), url, plain)).toEqual({ active: false, reason: 'not-news' });
    expect(decideActivation(settings(), 'https://www.reuters.com/', noSignals('www.reuters.com'))).toEqual({
      active: true,
    });
  });

  it('all scope: active everywhere supported', () => {
    expect(decideActivation(settings({ scope: 'all' }), url, plain)).toEqual({ active: true });
  });

  it('a site rule beats the scope, both ways', () => {
    const on = settings({ siteRules: [{ pattern: 'blog.example', mode: 'on' }] });
    expect(decideActivation(on, url, plain)).toEqual({ active: true });
    const off = settings({ scope: 'all', siteRules: [{ pattern: 'blog.example', mode: 'off' }] });
    expect(decideActivation(off, url, article)).toEqual({ active: false, reason: 'site-off' });
    const offNews = settings({ siteRules: [{ pattern: 'nytimes.com', mode: 'off' }] });
    expect(decideActivation(offNews, 'https://www.nytimes.com/a', { ...article, hostname: 'www.nytimes.com' })).toEqual({
      active: false,
      reason: 'site-off',
    });
  });

  it('a cross-origin frame is left alone unless a site rule switches its own site on: not by scope, not by its og:type', () => {
    const ad = 'https://ads.example/frame.html';
    const news = { ogType: 'article', jsonLdTypes: ['NewsArticle'], hostname: 'ads.example' };
    expect(decideActivation(settings({ scope: 'all' }), ad, news, true)).toEqual({ active: false, reason: 'site-off' });
    expect(decideActivation(settings(), ad, news, true).active).toBe(false);
    expect(decideActivation(settings({ siteRules: [{ pattern: 'ads.example', mode: 'on' }] }), ad, news, true)).toEqual({ active: true });
    expect(decideActivation(settings({ enabled: false, siteRules: [{ pattern: 'ads.example', mode: 'on' }] }), ad, news, true).active).toBe(false);
    expect(lensConfig(defaultSettings(), ad, news, undefined, true).entityKinds).toEqual({});
  });
});

describe('privateNames', () => {
  it("lists the reader's own entities and aliases among those marked, and nothing of the catalogue", () => {
    const s = defaultSettings();
    s.entityChanges = {
      added: [{ id: 'abu-x', name: 'Abu Xyzzy', kind: 'person', description: '', aliases: [{ text: 'Abu Xyzzy' }] }],
      extraAliases: { assad: [' The Lion '], aleppo: ['Halab'] },
      hidden: [],
    };
    s.kinds.place = false;
    const config = lensConfig(s, 'https://example.com/news/syria', NEWS);
    expect(config.privateNames).toEqual({ entities: ['abu-x'], aliases: ['The Lion'] });
    expect(lensConfig(defaultSettings(), 'https://example.com/news/syria', NEWS).privateNames).toEqual({ entities: [], aliases: [] });
  });
});
