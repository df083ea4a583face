/**
 * What the popup shows, worked out from the settings, the tab it is for and what the page
 * reports. Pure: the entrypoint gathers the inputs, PopupApp renders the result.
 */
import { lensEntities } from '../core/configure-lens';
import { siteModeFor, type Settings } from '../core/settings';
import type { UnsupportedReason } from '../core/sites';
import { ENTITY_KINDS, type EntityKind } from '../core/types';
import type { PageState } from '../extension/messages';
import type { EntityListItem } from './EntityList';

export type { UnsupportedReason };

export interface PopupEntity {
  name: string;
  kind: EntityKind;
  description: string;
}

export interface PopupState {
  globalOn: boolean;
  /** The tab's site; null when the tab has none (browser pages). */
  site: { host: string; on: boolean } | null;
  /** null while waiting for the content script's answer. */
  page: PageState | null;
  unsupportedReason?: UnsupportedReason | (string & {});
  /** What to show for each entity id in `page.counts`. */
  entities: ReadonlyMap<string, PopupEntity> | Readonly<Record<string, PopupEntity>>;
}

/** What the page section shows. */
export type PageStatus =
  | { kind: 'loading' }
  | { kind: 'unsupported'; reason: string }
  | { kind: 'inactive'; reason: 'disabled' | 'site-off' | 'not-news' }
  | { kind: 'empty' }
  | { kind: 'mentions'; total: number; items: EntityListItem[] };

function lookup(entities: PopupState['entities'], id: string): PopupEntity | undefined {
  if (entities instanceof Map) return entities.get(id);
  const record = entities as Readonly<Record<string, PopupEntity>>;
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

/** Entities on the page, most mentioned first; ties keep page order (first mention first). */
export function pageEntities(page: PageState, entities: PopupState['entities']): EntityListItem[] {
  return Object.entries(page.counts)
    .filter(([, count]) => count > 0)
    .map(([id, count], order) => ({ id, count, order, info: lookup(entities, id) }))
    .sort((a, b) => b.count - a.count || a.order - b.order)
    .map(({ id, count, info }) => ({
      id,
      count,
      name: info?.name ?? id,
      kind: info?.kind,
      description: info?.description,
    }));
}

/** One kind's names on the page, for the overview's groups. */
export interface KindGroup {
  /** undefined: names the catalogue no longer knows. */
  kind: EntityKind | undefined;
  items: EntityListItem[];
}

/** The page's names grouped by kind, in the catalogue's order of kinds; each group keeps its order (most mentioned first). */
export function groupByKind(items: readonly EntityListItem[]): KindGroup[] {
  return [...ENTITY_KINDS, undefined]
    .map((kind) => ({ kind, items: items.filter((item) => item.kind === kind) }))
    .filter((group) => group.items.length > 0);
}

export function pageStatus(state: PopupState): PageStatus {
  const { page } = state;
  if (state.unsupportedReason !== undefined || page?.reason === 'unsupported') {
    return { kind: 'unsupported', reason: state.unsupportedReason ?? 'other' };
  }
  // Switched off everywhere is known here at once; the page's answer may lag behind.
  if (!state.globalOn) return { kind: 'inactive', reason: 'disabled' };
  if (page === null) return { kind: 'loading' };
  if (!page.active) {
    const reason = page.reason === 'disabled' || page.reason === 'site-off' ? page.reason : 'not-news';
    return { kind: 'inactive', reason };
  }
  const items = pageEntities(page, state.entities);
  if (items.length === 0) return { kind: 'empty' };
  const total = page.total || items.reduce((sum, item) => sum + (item.count ?? 0), 0);
  return { kind: 'mentions', total, items };
}

/** The tab the popup is for. */
export interface PopupTab {
  id: number;
  url?: string;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/**
 * The popup's state. `page` is what the tab's content script last reported (null before it
 * answers); `unsupported` says why none can answer. The site switch shows the site's rule when
 * one decides, else whether the page is marked (switched off everywhere counts as on here: the
 * global switch says why nothing is marked) — and is left out until one of them is known, rather
 * than showing "off" for a moment.
 */
export function popupState(settings: Settings, tab: PopupTab | null, page: PageState | null, unsupported: UnsupportedReason | undefined): PopupState {
  const host = page?.host ?? (tab?.url ? hostOf(tab.url) : '');
  const url = tab?.url ?? `https://${host}/`;
  const siteRule = host ? siteModeFor(settings, url) : undefined;
  return {
    globalOn: settings.enabled,
    site: host && !unsupported && (siteRule || page) ? { host, on: siteRule ? siteRule === 'on' : !!page?.active || page?.reason === 'disabled' } : null,
    page,
    unsupportedReason: unsupported,
    entities: Object.fromEntries(lensEntities(settings).all.map((e) => [e.id, { name: e.name, kind: e.kind, description: e.description }])),
  };
}
