/**
 * The locator-map data, drawn at build time (scripts/maps/generate.ts) and bundled as plain data:
 * no map library, no TopoJSON, no projection code but core/geo.ts's few lines at run time.
 */
import data from 'virtual:syria-lens/locator-maps';
import { projectConic, type LatLon } from '../core/geo';
import type { LocatorMapData } from './locator-map-types';

export const locatorMaps: LocatorMapData = data;

/**
 * Does the entity `id` have a map? Catalogue places and countries do (Europe does not); a reader's
 * own place does when its `point` falls on the Levant map (farther away it would be a dot on the
 * edge, so it gets none).
 */
export function hasLocatorMap(id: string, point?: LatLon, data: LocatorMapData = locatorMaps): boolean {
  if (Object.hasOwn(data.places, id) || Object.hasOwn(data.countries, id)) return true;
  return point !== undefined && pointOnLevantMap(point, data) !== null;
}

/** Where `point` is drawn on the Levant map, or null when it falls outside it. */
export function pointOnLevantMap(point: LatLon, data: LocatorMapData = locatorMaps): [number, number] | null {
  const { projection, width, height } = data.frames.levant;
  if (!projection) return null;
  const dot = projectConic(projection, point);
  return dot[0] >= 0 && dot[1] >= 0 && dot[0] <= width && dot[1] <= height ? dot : null;
}
