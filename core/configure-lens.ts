/** Builds a page's LensConfig from the settings (in the background, see core/lens-config.ts). */
import { applyEntityChanges, builtInEntities } from './catalogue';
import type { LensConfig } from './lens-config';
import { planMatcher, type MatcherPlan } from './matcher';
import type { Settings } from './settings';
import { decideActivation, type NewsSignals } from './sites';
import type { Entity } from './types';

export function lensEntities(settings: Pick<Settings, 'entityChanges' | 'kinds'>): { marked: Entity[]; all: Entity[] } {
  const all = applyEntityChanges(builtInEntities(), settings.entityChanges);
  return { all, marked: all.filter((entity) => settings.kinds[entity.kind] !== false) };
}

/** `plan` prepares the matcher (the background passes a cached `planMatcher`, see lastPlanCache). */
export function lensConfig(
  settings: Settings,
  url: string,
  signals: NewsSignals,
  plan: (entities: readonly Entity[]) => MatcherPlan = planMatcher,
): LensConfig {
  const decision = decideActivation(settings, url, signals);
  const entities = decision.active ? lensEntities(settings).marked : [];
  return {
    active: decision.active,
    ...(decision.reason ? { reason: decision.reason } : {}),
    entities,
    matcher: plan(entities),
    markStyle: settings.markStyle,
    firstOnly: settings.markFirstOnly,
    hoverDelayMs: settings.hoverDelayMs,
  };
}
