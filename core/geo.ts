/**
 * Geography for the locator maps, pure (no DOM, no browser API): validating a point, distances,
 * compass directions, the part of Syria a point lies in, and the projection the maps are drawn in.
 *
 * The maps themselves are drawn at build time (scripts/maps/); at run time the card only needs
 * these few functions to place a dot and to say in words where a place is. The alternative text
 * is built from the result of `describePlace` / the country data by components/locator-map-text.ts,
 * which turns it into a sentence in the reader's language.
 */
import * as v from 'valibot';
import type { Message } from './i18n';

/** A point on the Earth in decimal degrees (WGS 84, as GeoNames gives them). */
export interface LatLon {
  lat: number;
  lon: number;
}

// The English messages are for the entity validator's one-line errors (core/entity.ts, as the
// catalogue and the settings log them); the reader is told with `parseLatLon`'s message keys.
const got = (issue: v.BaseIssue<unknown>): string => `(got ${issue.received})`;
const degrees = (min: number, max: number) =>
  v.pipe(
    // valibot's number() already refuses NaN; finite() refuses the infinities.
    v.number((issue) => `must be a number ${got(issue)}`),
    v.finite((issue) => `must be a finite number ${got(issue)}`),
    v.minValue(min, (issue) => `must be from ${min} to ${max} ${got(issue)}`),
    v.maxValue(max, (issue) => `must be from ${min} to ${max} ${got(issue)}`),
  );
const Latitude = degrees(-90, 90);
const Longitude = degrees(-180, 180);

/**
 * The optional `{lat, lon}` field a reader's own place can carry. Numbers only (a string such as
 * "33.5" is refused rather than guessed at), finite, in range; other keys are dropped.
 */
export const LatLonSchema = v.object(
  { lat: Latitude, lon: Longitude },
  (issue) => (issue.expected === 'Object' ? `must be an object with "lat" and "lon" ${got(issue)}` : 'is missing'),
);

export type LatLonResult = { ok: true; value: LatLon } | { ok: false; error: Message };

/**
 * Checks a `{lat, lon}` value and says what is wrong with it in the reader's terms. `undefined`
 * is not a point: callers whose field is optional check for it first (see `parseOptionalLatLon`).
 */
export function parseLatLon(value: unknown): LatLonResult {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, error: { key: 'geo_error_not_point' } };
  }
  const { lat, lon } = value as { lat?: unknown; lon?: unknown };
  if (!v.is(Latitude, lat)) return { ok: false, error: { key: 'geo_error_latitude', substitutions: [shown(lat)] } };
  if (!v.is(Longitude, lon)) return { ok: false, error: { key: 'geo_error_longitude', substitutions: [shown(lon)] } };
  return { ok: true, value: { lat, lon } };
}

/** `parseLatLon` for an optional field: absent (`undefined`) is fine and stays absent. */
export function parseOptionalLatLon(value: unknown): { ok: true; value: LatLon | undefined } | { ok: false; error: Message } {
  return value === undefined ? { ok: true, value: undefined } : parseLatLon(value);
}

/** A rejected value as the reader typed it, short enough for a message. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 24 ? `${text.slice(0, 23)}…` : text;
}

const RADIANS = Math.PI / 180;
/** Mean Earth radius (IUGG), km. */
export const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in km (haversine): what "160 km from Damascus" means, as the crow flies. */
export function haversineKm(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * RADIANS;
  const dLon = (b.lon - a.lon) * RADIANS;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RADIANS) * Math.cos(b.lat * RADIANS) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The compass bearing from `a` to `b` along a rhumb line, degrees clockwise from north, [0, 360).
 * A rhumb line keeps one compass heading, so this is the direction a reader sees on a map: the
 * United States are west of Syria, although the shortest route to them starts north-west.
 */
export function rhumbBearing(a: LatLon, b: LatLon): number {
  const phi1 = a.lat * RADIANS;
  const phi2 = b.lat * RADIANS;
  let dLon = (b.lon - a.lon) * RADIANS;
  if (Math.abs(dLon) > Math.PI) dLon -= Math.sign(dLon) * 2 * Math.PI;
  const dPsi = Math.log(Math.tan(Math.PI / 4 + phi2 / 2) / Math.tan(Math.PI / 4 + phi1 / 2));
  const degrees = Math.atan2(dLon, dPsi) / RADIANS;
  return (degrees + 360) % 360;
}

export const COMPASS_POINTS = ['n', 'ne', 'e', 'se', 's', 'sw', 'w', 'nw'] as const;
export type Compass = (typeof COMPASS_POINTS)[number];

/** The nearest of the 8 compass points to a bearing (each covers 45°, north from 337.5° to 22.5°). */
export function compassPoint(bearing: number): Compass {
  const index = Math.round((((bearing % 360) + 360) % 360) / 45) % 8;
  return COMPASS_POINTS[index]!;
}

/** The bearing a compass point stands for. */
export function compassBearing(point: Compass): number {
  return COMPASS_POINTS.indexOf(point) * 45;
}

/**
 * A distance rounded the way people say it: to 1 km under 10 km, to 5 km under 100 km, to 10 km
 * under 1,000 km, then to 100 km. Never 0: a place 300 m away is "1 km" away.
 */
export function roundDistanceKm(km: number): number {
  if (!Number.isFinite(km) || km < 0) throw new RangeError(`Not a distance: ${km}`);
  const step = km < 10 ? 1 : km < 100 ? 5 : km < 1000 ? 10 : 100;
  return Math.max(1, Math.round(km / step) * step);
}

export const SYRIA_REGIONS = [
  'north-west',
  'north',
  'north-east',
  'west',
  'coast',
  'central',
  'east',
  'south-west',
  'south',
] as const;
export type SyriaRegion = (typeof SYRIA_REGIONS)[number];

/**
 * The part of Syria a point inside Syria lies in, by position, in the words news reports use:
 * Idlib is in the north-west, Aleppo and Raqqa in the north, Qamishli in the north-east, Homs and
 * Hama in the west, Palmyra in the centre, Deir ez-Zor in the east, Damascus and the Golan in the
 * south-west, Daraa and Suwayda in the south; Latakia and Tartus are on the coast (the strip west
 * of the coastal mountains, which run at about 36.1° E). The lines are drawn between those towns
 * (tests/core/geo.test.ts checks each one); the caller knows whether the point is in Syria.
 */
export function syriaRegion({ lat, lon }: LatLon): SyriaRegion {
  if (lon < 36.1 && lat >= 34.6 && lat < 36.0) return 'coast';
  if (lat >= 35.7) return lon < 36.9 ? 'north-west' : lon > 40.0 ? 'north-east' : 'north';
  if (lat >= 33.8) return lon < 37.0 ? 'west' : lon > 39.2 ? 'east' : 'central';
  if (lat >= 33.0 && lon < 36.6) return 'south-west';
  return 'south';
}

/** What the alternative text of a place's map says, before it is put into words. */
export interface PlaceDescription {
  /** Rounded distance from the reference point (Damascus), km; 0 for the reference itself. */
  distanceKm: number;
  /** Direction from the reference point; null for the reference point itself (under 5 km). */
  toward: Compass | null;
  /** Where in Syria; null when the place is not in Syria. */
  region: SyriaRegion | null;
}

/** Places closer than this to the reference point are described as being at it. */
const SAME_PLACE_KM = 5;

export function describePlace(place: LatLon, reference: LatLon, inSyria: boolean): PlaceDescription {
  const km = haversineKm(reference, place);
  const same = km < SAME_PLACE_KM;
  return {
    distanceKm: same ? 0 : roundDistanceKm(km),
    toward: same ? null : compassPoint(rhumbBearing(reference, place)),
    region: inSyria ? syriaRegion(place) : null,
  };
}

/**
 * A Lambert conformal conic projection fitted to a frame, as d3-geo's `geoConicConformal()`
 * `.parallels(parallels).rotate([-centralMeridian, 0])` with `.scale(scale).translate(translate)`
 * builds it (the build writes these numbers; tests check this function gives d3's pixels).
 * It lets the card put a dot for any point of the frame without shipping a map library.
 */
export interface ConicProjection {
  centralMeridian: number;
  parallels: readonly [number, number];
  scale: number;
  translate: readonly [number, number];
}

/** Screen coordinates (x right, y down) of `point` in `projection`. */
export function projectConic(projection: ConicProjection, point: LatLon): [number, number] {
  const tany = (phi: number) => Math.tan((Math.PI / 2 + phi) / 2);
  const [p0, p1] = projection.parallels.map((degrees) => degrees * RADIANS) as [number, number];
  const n = p0 === p1 ? Math.sin(p0) : Math.log(Math.cos(p0) / Math.cos(p1)) / Math.log(tany(p1) / tany(p0));
  const f = (Math.cos(p0) * tany(p0) ** n) / n;
  let lambda = (point.lon - projection.centralMeridian) * RADIANS;
  if (lambda > Math.PI) lambda -= 2 * Math.PI;
  if (lambda < -Math.PI) lambda += 2 * Math.PI;
  const limit = Math.PI / 2 - 1e-6;
  const phi = Math.max(-limit, Math.min(limit, point.lat * RADIANS));
  const rho = f / tany(phi) ** n;
  const x = rho * Math.sin(n * lambda);
  const y = f - rho * Math.cos(n * lambda);
  return [projection.translate[0] + projection.scale * x, projection.translate[1] - projection.scale * y];
}
