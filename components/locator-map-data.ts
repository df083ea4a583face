/**
 * The locator-map data, drawn at build time (scripts/maps/generate.ts) and bundled as plain data:
 * no map library, no TopoJSON, no projection code but core/geo.ts's few lines at run time.
 */
import data from 'virtual:syria-lens/locator-maps';
import type { LocatorMapData } from './locator-map-types';

export const locatorMaps: LocatorMapData = data;

/** Does the catalogue entity `id` have a map? (Places and countries do; Europe does not.) */
export function hasLocatorMap(id: string): boolean {
  return Object.hasOwn(locatorMaps.places, id) || Object.hasOwn(locatorMaps.countries, id);
}
