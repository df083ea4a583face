import { describe, expect, it } from 'vitest';
import { lensConfig } from '../../core/configure-lens';
import { matcherFromPlan } from '../../core/matcher';
import { defaultSettings } from '../../core/settings';

const NEWS = { ogType: 'article', jsonLdTypes: [], hostname: 'example.com' };
const TEXT = 'Bashar al-Assad fled Damascus for Moscow; refugees returned to Aleppo.';
const entitiesIn = (config: ReturnType<typeof lensConfig>) =>
  matcherFromPlan(config.matcher).find(TEXT).map((mention) => mention.entity);

describe('lensConfig', () => {
  it('sends an active page the entities to mark and their prepared matcher', () => {
    const config = lensConfig(defaultSettings(), 'https://example.com/news/syria', NEWS);
    expect(config.active).toBe(true);
    expect(config.entities.map((entity) => entity.id)).toContain('assad');
    expect(entitiesIn(config)).toEqual(['assad', 'damascus', 'russia', 'refugees', 'aleppo']);
  });

  it('leaves the kinds the reader switched off out of both', () => {
    const settings = defaultSettings();
    settings.kinds.place = false;
    const config = lensConfig(settings, 'https://example.com/news/syria', NEWS);
    expect(config.entities.some((entity) => entity.kind === 'place')).toBe(false);
    expect(entitiesIn(config)).toEqual(['assad', 'russia', 'refugees']);
  });

  it('sends an inactive page nothing to match', () => {
    const settings = { ...defaultSettings(), enabled: false };
    const config = lensConfig(settings, 'https://example.com/news/syria', NEWS);
    expect(config.active).toBe(false);
    expect(config.entities).toEqual([]);
    expect(entitiesIn(config)).toEqual([]);
  });
});
