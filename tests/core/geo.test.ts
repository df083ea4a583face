import { geoConicConformal } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import {
  COMPASS_POINTS,
  compassBearing,
  compassPoint,
  describePlace,
  haversineKm,
  parseLatLon,
  parseOptionalLatLon,
  projectConic,
  rhumbBearing,
  roundDistanceKm,
  syriaRegion,
  type LatLon,
} from '../../core/geo';

// GeoNames coordinates (the ids the maps use; see scripts/maps/sources.ts).
const DAMASCUS = { lat: 33.5102, lon: 36.29128 }; // 170654
const HOMS = { lat: 34.72682, lon: 36.72339 }; // 169577
const ALEPPO = { lat: 36.20124, lon: 37.16117 }; // 170063
const TEHRAN = { lat: 35.69439, lon: 51.42151 }; // 112931
const WASHINGTON = { lat: 38.89511, lon: -77.03637 }; // 4140963

describe('parseLatLon', () => {
  it('accepts numbers in range, and drops other keys', () => {
    expect(parseLatLon({ lat: 33.51, lon: 36.29 })).toEqual({ ok: true, value: { lat: 33.51, lon: 36.29 } });
    expect(parseLatLon({ lat: -90, lon: 180, name: 'x' })).toEqual({ ok: true, value: { lat: -90, lon: 180 } });
    expect(parseLatLon({ lat: 90, lon: -180 })).toEqual({ ok: true, value: { lat: 90, lon: -180 } });
  });

  it('refuses what is not a point, saying what is wrong', () => {
    for (const value of [null, undefined, 'Homs', 33.5, [33.5, 36.3], {}]) {
      const result = parseLatLon(value);
      expect(result.ok, JSON.stringify(value)).toBe(false);
    }
    expect(parseLatLon([33.5, 36.3])).toEqual({ ok: false, error: { key: 'geo_error_not_point' } });
    expect(parseLatLon({ lon: 36.3 })).toEqual({ ok: false, error: { key: 'geo_error_latitude', substitutions: ['undefined'] } });
  });

  it('refuses latitudes and longitudes out of range, not numbers, or not finite', () => {
    const latitudes = [90.0001, -91, Number.NaN, Number.POSITIVE_INFINITY, '33.5', null, true];
    for (const lat of latitudes) {
      const result = parseLatLon({ lat, lon: 36 });
      expect(result.ok, String(lat)).toBe(false);
      if (!result.ok) expect(result.error.key).toBe('geo_error_latitude');
    }
    const longitudes = [180.5, -181, Number.NaN, Number.NEGATIVE_INFINITY, '36', undefined];
    for (const lon of longitudes) {
      const result = parseLatLon({ lat: 33, lon });
      expect(result.ok, String(lon)).toBe(false);
      if (!result.ok) expect(result.error.key).toBe('geo_error_longitude');
    }
    expect(parseLatLon({ lat: '33.5', lon: 36 })).toEqual({
      ok: false,
      error: { key: 'geo_error_latitude', substitutions: ['"33.5"'] },
    });
    const long = parseLatLon({ lat: 'x'.repeat(100), lon: 0 });
    expect(!long.ok && long.error.substitutions?.[0]?.length).toBe(24);
  });

  it('lets an optional field be absent, but not null', () => {
    expect(parseOptionalLatLon(undefined)).toEqual({ ok: true, value: undefined });
    expect(parseOptionalLatLon({ lat: 1, lon: 2 })).toEqual({ ok: true, value: { lat: 1, lon: 2 } });
    expect(parseOptionalLatLon(null).ok).toBe(false);
  });
});

describe('distances and directions', () => {
  it('measures great-circle distances (haversine)', () => {
    // Homs is 160 km from Damascus by road; 141 km as the crow flies.
    expect(haversineKm(DAMASCUS, HOMS)).toBeCloseTo(141, 0);
    expect(haversineKm(DAMASCUS, ALEPPO)).toBeGreaterThan(300);
    expect(haversineKm(DAMASCUS, ALEPPO)).toBeLessThan(315);
    expect(haversineKm(DAMASCUS, DAMASCUS)).toBe(0);
    // A quarter of a meridian: 10,008 km.
    expect(haversineKm({ lat: 0, lon: 0 }, { lat: 90, lon: 0 })).toBeCloseTo(10_007.6, 0);
    expect(haversineKm(DAMASCUS, TEHRAN)).toBeGreaterThan(1_380);
    expect(haversineKm(DAMASCUS, TEHRAN)).toBeLessThan(1_420);
  });

  it('gives the compass direction a map shows (rhumb line)', () => {
    expect(compassPoint(rhumbBearing(DAMASCUS, HOMS))).toBe('n');
    expect(compassPoint(rhumbBearing(DAMASCUS, ALEPPO))).toBe('n');
    expect(compassPoint(rhumbBearing(DAMASCUS, TEHRAN))).toBe('e');
    expect(compassPoint(rhumbBearing(HOMS, DAMASCUS))).toBe('s');
    // The shortest route to Washington starts north-west; on a map it is west.
    expect(compassPoint(rhumbBearing(DAMASCUS, WASHINGTON))).toBe('w');
    // Across the antimeridian, the short way round.
    expect(rhumbBearing({ lat: 0, lon: 179 }, { lat: 0, lon: -179 })).toBeCloseTo(90, 6);
    expect(rhumbBearing({ lat: 0, lon: -179 }, { lat: 0, lon: 179 })).toBeCloseTo(270, 6);
  });

  it('rounds bearings to the nearest of 8 points', () => {
    expect(compassPoint(0)).toBe('n');
    expect(compassPoint(22.4)).toBe('n');
    expect(compassPoint(22.6)).toBe('ne');
    expect(compassPoint(337.6)).toBe('n');
    expect(compassPoint(-45)).toBe('nw');
    expect(compassPoint(720 + 180)).toBe('s');
    for (const point of COMPASS_POINTS) expect(compassPoint(compassBearing(point))).toBe(point);
  });

  it('rounds distances the way people say them', () => {
    expect(roundDistanceKm(0.3)).toBe(1);
    expect(roundDistanceKm(7.4)).toBe(7);
    expect(roundDistanceKm(23)).toBe(25);
    expect(roundDistanceKm(141.2)).toBe(140);
    expect(roundDistanceKm(996)).toBe(1000);
    expect(roundDistanceKm(8_649)).toBe(8_600);
    expect(() => roundDistanceKm(-1)).toThrow(RangeError);
    expect(() => roundDistanceKm(Number.NaN)).toThrow(RangeError);
  });
});

describe('syriaRegion', () => {
  // What news reports say, for every place of the catalogue (GeoNames coordinates).
  const places: [string, LatLon, string][] = [
    ['Idlib', { lat: 35.93062, lon: 36.63393 }, 'north-west'],
    ['Aleppo', ALEPPO, 'north'],
    ['Manbij', { lat: 36.52815, lon: 37.95495 }, 'north'],
    ['Kobani', { lat: 36.89095, lon: 38.35347 }, 'north'],
    ['Raqqa', { lat: 35.95283, lon: 39.00788 }, 'north'],
    ['Qamishli', { lat: 37.05215, lon: 41.23142 }, 'north-east'],
    ['Hasakah', { lat: 36.50237, lon: 40.74772 }, 'north-east'],
    ['Latakia', { lat: 35.53168, lon: 35.79011 }, 'coast'],
    ['Tartus', { lat: 34.88902, lon: 35.88659 }, 'coast'],
    ['Hmeimim', { lat: 35.4011, lon: 35.9487 }, 'coast'],
    ['Homs', HOMS, 'west'],
    ['Hama', { lat: 35.13179, lon: 36.75783 }, 'west'],
    ['Palmyra', { lat: 34.5624, lon: 38.28402 }, 'central'],
    ['Deir ez-Zor', { lat: 35.33588, lon: 40.14084 }, 'east'],
    ['Damascus', DAMASCUS, 'south-west'],
    ['Sednaya', { lat: 33.69473, lon: 36.37146 }, 'south-west'],
    ['Quneitra', { lat: 33.12595, lon: 35.82461 }, 'south-west'],
    ['Golan', { lat: 33.02, lon: 35.74 }, 'south-west'],
    ['Daraa', { lat: 32.61889, lon: 36.10213 }, 'south'],
    ['Suwayda', { lat: 32.70896, lon: 36.56951 }, 'south'],
  ];
  it.each(places)('%s is in the %s', (_name, point, region) => {
    expect(syriaRegion(point)).toBe(region);
  });
});

describe('describePlace', () => {
  it('says how far and which way from Damascus, and where in Syria', () => {
    expect(describePlace(HOMS, DAMASCUS, true)).toEqual({ distanceKm: 140, toward: 'n', region: 'west' });
    expect(describePlace(ALEPPO, DAMASCUS, true)).toEqual({ distanceKm: 310, toward: 'n', region: 'north' });
  });

  it('describes Damascus itself without a direction, and a place abroad without a region', () => {
    expect(describePlace(DAMASCUS, DAMASCUS, true)).toEqual({ distanceKm: 0, toward: null, region: 'south-west' });
    expect(describePlace(TEHRAN, DAMASCUS, false)).toEqual({ distanceKm: 1400, toward: 'e', region: null });
  });
});

describe('projectConic', () => {
  it('gives the pixels d3-geo gives for the same Lambert conformal conic', () => {
    const projection = { centralMeridian: 38.5, parallels: [33, 37] as const, scale: 2345.6, translate: [161.2, -1234.5] as const };
    const d3 = geoConicConformal()
      .parallels([33, 37])
      .rotate([-38.5, 0])
      .scale(projection.scale)
      .translate([...projection.translate]);
    for (const point of [DAMASCUS, HOMS, ALEPPO, TEHRAN, { lat: 0, lon: 0 }, { lat: 60, lon: -170 }, { lat: 89.99, lon: 10 }]) {
      const [x, y] = projectConic(projection, point);
      const [dx, dy] = d3([point.lon, point.lat])!;
      expect(x).toBeCloseTo(dx, 6);
      expect(y).toBeCloseTo(dy, 6);
    }
  });

  it('draws north up and east right', () => {
    const projection = { centralMeridian: 38.5, parallels: [33, 37] as const, scale: 2000, translate: [160, 100] as const };
    const [damascusX, damascusY] = projectConic(projection, DAMASCUS);
    const [aleppoX, aleppoY] = projectConic(projection, ALEPPO);
    expect(aleppoY).toBeLessThan(damascusY);
    expect(aleppoX).toBeGreaterThan(damascusX);
  });
});
