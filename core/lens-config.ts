/** What a lens session needs from the settings: the entities to mark, and when to restart. */
import { applyEntityChanges, builtInEntities } from './catalogue';
import type { Settings } from './settings';
import type { Entity } from './types';

export function lensEntities(settings: Pick<Settings, 'entityChanges' | 'kinds'>): { marked: Entity[]; all: Entity[] } {
  const all = applyEntityChanges(builtInEntities(), settings.entityChanges);
  return { all, marked: all.filter((entity) => settings.kinds[entity.kind] !== false) };
}

/** Settings a running lens follows in place; a change to any other one restarts it. */
const LIVE_KEYS: ReadonlySet<keyof Settings> = new Set(['markStyle', 'hoverDelayMs', 'showBadge']);

export function needsRestart(previous: Settings, next: Settings): boolean {
  for (const key of Object.keys(next) as (keyof Settings)[]) {
    if (LIVE_KEYS.has(key)) continue;
    if (JSON.stringify(previous[key]) !== JSON.stringify(next[key])) return true;
  }
  return false;
}
