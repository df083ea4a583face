/**
 * Builds a page's LensConfig from the settings (in the background, see core/lens-config.ts):
 * should Syria Lens mark this page, and which entities. Pure.
 */
import { applyEntityChanges, builtInEntities } from './catalogue';
import type { LensConfig, PrivateNames } from './lens-config';
import { planMatcher, type MatcherPlan } from './matcher';
import { looksLikeNews, type NewsSignals } from './news';
import type { Settings } from './settings';
import { canAnnotate, decidingSiteRule } from './sites';
import type { Entity, EntityChanges, EntityKind, InactiveReason } from './types';

/**
 * Should Syria Lens mark this page? In order:
 * 1. a page no content script may touch → `unsupported`;
 * 2. the global switch off → `disabled`;
 * 3. the deciding site rule (see `decidingSiteRule`): off → `site-off`, on → active;
 * 4. scope `all` → active;
 * 5. scope `news`: active when the page looks like news, else `not-news`.
 *
 * A frame from another origin than its top page (`crossOrigin`: an ad, an embed) is left alone
 * unless a site rule switches its own site on: neither the scope nor its own og:type does.
 */
export function decideActivation(
  settings: Pick<Settings, 'enabled' | 'scope' | 'siteRules'>,
  url: string,
  signals: NewsSignals,
  crossOrigin = false,
): { active: boolean; reason?: InactiveReason } {
  if (!canAnnotate(url).ok) return { active: false, reason: 'unsupported' };
  if (!settings.enabled) return { active: false, reason: 'disabled' };
  const rule = decidingSiteRule(settings.siteRules, url);
  if (rule) return rule.mode === 'on' ? { active: true } : { active: false, reason: 'site-off' };
  if (crossOrigin) return { active: false, reason: 'site-off' };
  if (settings.scope === 'all') return { active: true };
  return looksLikeNews(signals) ? { active: true } : { active: false, reason: 'not-news' };
}

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
  crossOrigin = false,
): LensConfig {
  const decision = decideActivation(settings, url, signals, crossOrigin);
  const entities = decision.active ? lensEntities(settings).marked : [];
  return {
    active: decision.active,
    ...(decision.reason ? { reason: decision.reason } : {}),
    entityKinds: kindsOf(entities),
    matcher: plan(entities),
    markStyle: settings.markStyle,
    firstOnly: settings.markFirstOnly,
    hoverDelayMs: settings.hoverDelayMs,
    tapToOpen: settings.tapToOpen,
    ...(decision.active ? { privateNames: privateNames(settings.entityChanges, entities) } : {}),
  };
}

/** Each entity's kind, by id (see LensConfig.entityKinds). */
function kindsOf(entities: readonly Entity[]): Record<string, EntityKind> {
  return Object.fromEntries(entities.map((entity) => [entity.id, entity.kind]));
}

/** The reader's own names among `entities` (what a page must not read, see LensConfig). */
export function privateNames(changes: EntityChanges, entities: readonly Entity[]): PrivateNames {
  const marked = new Set(entities.map((entity) => entity.id));
  const aliases = Object.entries(changes.extraAliases).flatMap(([id, texts]) => (marked.has(id) ? texts.map((text) => text.trim()) : []));
  return { entities: changes.added.map((entity) => entity.id).filter((id) => marked.has(id)), aliases };
}

/**
 * The welcome page's live example: always on, whatever the reader's site rules or global switch
 * (it is there to show what Syria Lens does), with the reader's kinds and hidden names. `leftOut`:
 * entities the page's own copy names (the extension's name says "Syria"). A reader who chose
 * invisible marks still sees them here.
 */
export function exampleLensConfig(settings: Settings, leftOut: readonly string[]): LensConfig {
  const entities = lensEntities(settings).marked.filter((entity) => !leftOut.includes(entity.id));
  return {
    active: true,
    entityKinds: kindsOf(entities),
    matcher: planMatcher(entities),
    markStyle: settings.markStyle === 'none' ? 'underline' : settings.markStyle,
    firstOnly: settings.markFirstOnly,
    hoverDelayMs: settings.hoverDelayMs,
    tapToOpen: settings.tapToOpen,
  };
}
