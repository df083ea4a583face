/**
 * The shape of the locator-map data that scripts/maps/generate.ts draws at build time and
 * components/LocatorMap.tsx renders. Paths are SVG path data in the frame's pixels: `M x y` then
 * relative `l dx dy …`, `z` closing each ring; numbers have at most one decimal.
 */
import type { Compass, ConicProjection } from '../core/geo';

export type LocatorFrameId = 'levant' | 'region' | 'world';

export interface LocatorFrame {
  width: number;
  height: number;
  /** All land, countries merged (filled). */
  land: string;
  /** Borders between countries (stroked); de facto lines of occupation are not among them. */
  borders: string;
  /** Syria in its internationally recognised borders, the Golan Heights included. */
  syria: string;
  /** Occupied territory large enough to see at this scale (hatched): the Golan, Crimea. */
  occupied: string;
  /** Damascus, the reference point every map shows. */
  damascus: readonly [number, number];
  /** Where the name of Syria goes. */
  syriaLabel: readonly [number, number];
  /** Only the Levant frame: places are projected at run time with it (core/geo.ts projectConic). */
  projection?: ConicProjection;
}

export interface LocatorPlace {
  lat: number;
  lon: number;
  /** GeoNames puts it in Syria (the Golan included). */
  inSyria: boolean;
  /** It lies in occupied territory (its alternative text says so). */
  occupied?: 'golan';
}

export interface LocatorCountry {
  frame: LocatorFrameId;
  /** The shaded country; absent for Syria, which is the frame's own `syria` shape. */
  shape?: string;
  /** Where its name goes. */
  label: readonly [number, number];
  /** Syria's neighbours: the side they border it on. */
  side?: Compass;
  /** Other countries: distance between the closest points of the two countries, km, and the direction. */
  nearestKm?: number;
  toward?: Compass;
  /** The distance is to the country's main landmass, not its closest land (the United States: not Alaska). */
  mainland?: boolean;
  /** The country's own occupied land is hatched on its map (Ukraine: Crimea); Israel's map shows the Golan hatched. */
  occupiedNote?: 'crimea' | 'golan';
}

export interface LocatorMapData {
  frames: Record<LocatorFrameId, LocatorFrame>;
  places: Record<string, LocatorPlace>;
  countries: Record<string, LocatorCountry>;
}
