/**
 * The locator maps are right: what the build draws (the path data the card gets) is checked
 * against Natural Earth and GeoNames, with the projection the build uses.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Feature, MultiPolygon as GeoMultiPolygon, Polygon } from 'geojson';
import { geoArea, geoCentroid, geoContains, geoPath } from 'd3-geo';
import { feature, mesh, neighbors } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { beforeAll, describe, expect, it } from 'vitest';
import { compassBearing, projectConic, rhumbBearing, type LatLon } from '../../core/geo';
import type { LocatorMapData } from '../../components/locator-map-types';
import { generateLocatorMaps, geonamesTowns, type GenerateReport } from '../../scripts/maps/generate';
import {
  clipLine,
  clipRingToRect,
  distanceToRings,
  insideRings,
  multiPolygonArea,
  multiPolygonCentroid,
  parsePath,
  quantizeRings,
  toPath,
  type Point,
} from '../../scripts/maps/planar';
import { COUNTRIES, FRAMES, PLACES } from '../../scripts/maps/sources';

const require = createRequire(import.meta.url);
type Countries = Topology<{ countries: GeometryCollection<{ name: string }> }>;
const atlas = (resolution: string) =>
  JSON.parse(readFileSync(require.resolve(`world-atlas/countries-${resolution}.json`), 'utf8')) as Countries;
const ne10 = atlas('10m');
const ne50 = atlas('50m');
const byResolution: Record<string, Countries> = { '10m': ne10, '50m': ne50, '110m': atlas('110m') };
const country = (topology: Countries, iso: string) =>
  feature(topology, topology.objects.countries.geometries.find((g) => g.id === iso)!) as Feature<Polygon | GeoMultiPolygon>;
const containing = (topology: Countries, point: LatLon) =>
  (topology.objects.countries.geometries.find((g) => geoContains(feature(topology, g), [point.lon, point.lat]))?.properties as
    | { name: string }
    | undefined)?.name;

let data: LocatorMapData;
let report: GenerateReport;
beforeAll(() => {
  ({ data, report } = generateLocatorMaps());
}, 60_000);

const rings = (d: string): Point[][] => parsePath(d);
const dotOf = (id: string): Point => projectConic(data.frames.levant.projection!, data.places[id]!);
const KM_PER_RADIAN = 6371.0088;

describe('places', () => {
  it('has a point for every place id of the catalogue, and one reference: Damascus', () => {
    expect(Object.keys(data.places).sort()).toEqual(Object.keys(PLACES).sort());
    expect(Object.keys(data.places)).toHaveLength(19);
    expect(data.places.damascus).toMatchObject({ lat: 33.5102, lon: 36.29128 });
  });

  it('takes the coordinates GeoNames gives, by GeoNames id, from towns GeoNames puts in Syria', () => {
    const ids = Object.values(PLACES).flatMap((place) => (place.geonames ? [place.geonames] : []));
    const towns = geonamesTowns(ids);
    expect(towns.size).toBe(ids.length);
    for (const [id, place] of Object.entries(PLACES)) {
      if (!place.geonames) continue;
      const town = towns.get(place.geonames)!;
      expect(town.country, id).toBe('SY');
      expect(data.places[id], id).toMatchObject({ lat: town.lat, lon: town.lon, inSyria: true });
    }
    // Spot checks against GeoNames as published (to 0.01°).
    expect(data.places.homs!.lat).toBeCloseTo(34.7268, 2);
    expect(data.places.homs!.lon).toBeCloseTo(36.7234, 2);
    expect(data.places.aleppo!.lat).toBeCloseTo(36.2012, 2);
    expect(data.places['deir-ez-zor']!.lon).toBeCloseTo(40.1408, 2);
  });

  it('lies in Syria as Natural Earth draws it, or where Natural Earth draws something else, says why', () => {
    for (const [id, place] of Object.entries(data.places)) {
      const where = containing(ne10, place);
      if (id === 'golan') {
        // Natural Earth draws de facto control: the occupied Golan inside Israel.
        expect(where, id).toBe('Israel');
      } else if (PLACES[id]!.onBorderWith) {
        // Kobani: Natural Earth's border is generalised; the town is within 4 km of it.
        expect(where, id).toBe('Turkey');
        const km = distanceKmToCountry(place, country(ne10, '760'));
        expect(km, id).toBeLessThan(4);
      } else {
        expect(where, id).toBe('Syria');
      }
    }
  });

  it("draws every place's dot inside Syria's outline as drawn (Golan included)", () => {
    const syria = rings(data.frames.levant.syria);
    for (const id of Object.keys(data.places)) {
      const dot = dotOf(id);
      if (PLACES[id]!.onBorderWith) {
        // On the border: the dot (radius 4) straddles the drawn line.
        expect(distanceToRings(syria, dot), id).toBeLessThan(4);
      } else {
        expect(insideRings(syria, dot), id).toBe(true);
      }
    }
  });

  it('projects places with the projection the build drew the map in', () => {
    const projection = report.drawn.levant.projection;
    for (const [id, place] of Object.entries(data.places)) {
      const [x, y] = projection([place.lon, place.lat])!;
      const [px, py] = dotOf(id);
      expect(px, id).toBeCloseTo(x, 6);
      expect(py, id).toBeCloseTo(y, 6);
      expect(px).toBeGreaterThan(0);
      expect(px).toBeLessThan(data.frames.levant.width);
      expect(py).toBeGreaterThan(0);
      expect(py).toBeLessThan(data.frames.levant.height);
    }
  });

  it('draws north up and west left: Aleppo above Damascus, Latakia left of Homs', () => {
    expect(dotOf('aleppo')[1]).toBeLessThan(dotOf('damascus')[1] - 50);
    expect(dotOf('latakia')[0]).toBeLessThan(dotOf('homs')[0] - 10);
    expect(dotOf('deir-ez-zor')[0]).toBeGreaterThan(dotOf('palmyra')[0]);
    expect(dotOf('daraa')[1]).toBeGreaterThan(dotOf('damascus')[1]);
    expect(data.frames.levant.damascus[0]).toBeCloseTo(dotOf('damascus')[0], 0);
    expect(data.frames.levant.damascus[1]).toBeCloseTo(dotOf('damascus')[1], 0);
  });

  it("puts the Golan's dot in the hatched, occupied area, Quneitra's outside it", () => {
    const occupied = rings(data.frames.levant.occupied);
    expect(insideRings(occupied, dotOf('golan'))).toBe(true);
    expect(data.places.golan!.occupied).toBe('golan');
    expect(insideRings(occupied, dotOf('quneitra'))).toBe(false);
    expect(insideRings(occupied, dotOf('damascus'))).toBe(false);
  });
});

describe('occupied territory', () => {
  it('cuts out of Israel a Golan of about 1,200 km² (the area Israel holds)', () => {
    const golan = report.drawn.levant.occupations.get('golan')!;
    const projection = report.drawn.levant.projection;
    const km2 = golan.reduce((total, polygon) => {
      const ring = polygon[0]!.map((point) => projection.invert!(point)!);
      const area = geoArea({ type: 'Polygon', coordinates: [ring] });
      return total + Math.min(area, 4 * Math.PI - area) * KM_PER_RADIAN ** 2;
    }, 0);
    expect(km2).toBeGreaterThan(1_000);
    expect(km2).toBeLessThan(1_450);
  });

  it('gives the Golan back to Syria and Crimea back to Ukraine, hatched', () => {
    const levant = data.frames.levant;
    const golanDot = dotOf('golan');
    expect(insideRings(rings(levant.syria), golanDot)).toBe(true);
    expect(insideRings(rings(data.countries.israel!.shape!), golanDot)).toBe(false);

    const region = report.drawn.region.projection;
    for (const city of [
      [34.1, 44.95], // Simferopol
      [33.52, 44.6], // Sevastopol
    ] as [number, number][]) {
      const point = region(city)!;
      expect(insideRings(rings(data.countries.ukraine!.shape!), point)).toBe(true);
      expect(insideRings(rings(data.frames.region.occupied), point)).toBe(true);
    }
    const world = report.drawn.world.projection;
    expect(insideRings(rings(data.countries.russia!.shape!), world([34.1, 44.95])!)).toBe(false);
    expect(insideRings(rings(data.countries.russia!.shape!), world([37.62, 55.75])!)).toBe(true); // Moscow
  });

  it('draws no border along the de facto lines (Golan ceasefire line, Crimean isthmus)', () => {
    const borders = rings(data.frames.levant.borders);
    // The middle of the ceasefire line, between Quneitra and the Golan.
    const ceasefire = report.drawn.levant.projection([35.86, 33.1])!;
    const nearest = Math.min(...borders.flatMap((line) => line.map(([x, y]) => Math.hypot(x - ceasefire[0], y - ceasefire[1]))));
    expect(nearest).toBeGreaterThan(2);
    const perekop = report.drawn.region.projection([33.7, 46.15])!;
    const regionBorders = rings(data.frames.region.borders);
    const nearestRegion = Math.min(
      ...regionBorders.flatMap((line) => line.map(([x, y]) => Math.hypot(x - perekop[0], y - perekop[1]))),
    );
    expect(nearestRegion).toBeGreaterThan(2);
  });
});

describe('countries', () => {
  it('has a map for every country id, in the frame chosen for it', () => {
    expect(Object.keys(data.countries).sort()).toEqual(Object.keys(COUNTRIES).sort());
    for (const [id, source] of Object.entries(COUNTRIES)) expect(data.countries[id]!.frame, id).toBe(source.frame);
  });

  it("shades each country's own shape: the area and centroid of Natural Earth's feature in that frame", () => {
    const golan = report.drawn.levant.occupations.get('golan')!;
    const golanPx = multiPolygonArea(golan);
    const [gx, gy] = multiPolygonCentroid(golan);
    for (const [id, source] of Object.entries(COUNTRIES)) {
      const frame = data.frames[source.frame];
      const projection = report.drawn[source.frame].projection;
      const clipped = geoPath(
        projection.clipExtent([
          [0, 0],
          [frame.width, frame.height],
        ]),
      );
      const topology = byResolution[FRAMES[source.frame].resolution]!;
      const natural = country(topology, source.iso);
      // Natural Earth's Israel holds the Golan; the map gives it back to Syria.
      const golanSign = id === 'israel' ? -1 : id === 'syria' ? 1 : 0;
      const naturalArea = clipped.area(natural);
      const expectedArea = naturalArea + golanSign * golanPx;
      const drawn = rings(id === 'syria' ? frame.syria : data.countries[id]!.shape!).map((ring) => [ring]);
      const area = multiPolygonArea(drawn);
      const tolerance = id === 'ukraine' || id === 'russia' ? 0.06 : 0.03; // Crimea moves between them
      expect(Math.abs(area - expectedArea) / expectedArea, `${id} area ${area} vs ${expectedArea}`).toBeLessThan(tolerance);
      const [cx, cy] = multiPolygonCentroid(drawn);
      const [nx, ny] = clipped.centroid(natural);
      const ex = (nx * naturalArea + golanSign * gx * golanPx) / expectedArea;
      const ey = (ny * naturalArea + golanSign * gy * golanPx) / expectedArea;
      const allowed = Math.max(2, Math.sqrt(expectedArea) * 0.05);
      expect(Math.hypot(cx - ex, cy - ey), `${id} centroid`).toBeLessThan(allowed);
    }
  });

  it("names Syria's neighbours as Natural Earth's topology does, each on the side the text says", () => {
    const geometries = ne50.objects.countries.geometries;
    const syriaIndex = geometries.findIndex((g) => g.id === '760');
    const neighbourIsos = neighbors(geometries as never)[syriaIndex]!.map((index) => geometries[index]!.id).sort();
    const stated = Object.values(COUNTRIES).filter((c) => c.side);
    expect(stated.map((c) => c.iso).sort()).toEqual(neighbourIsos);
    const centroid = geoCentroid(country(ne50, '760'));
    const syriaCentre = { lon: centroid[0], lat: centroid[1] };
    for (const [id, source] of Object.entries(COUNTRIES)) {
      if (!source.side) continue;
      const border = mesh(ne50, ne50.objects.countries, (a, b) =>
        [a.id, b.id].sort().join() === ['760', source.iso].sort().join(),
      );
      const points = border.coordinates.flat();
      const middle = {
        lon: points.reduce((sum, p) => sum + p[0]!, 0) / points.length,
        lat: points.reduce((sum, p) => sum + p[1]!, 0) / points.length,
      };
      const bearing = rhumbBearing(syriaCentre, middle);
      const difference = Math.abs(((bearing - compassBearing(source.side) + 540) % 360) - 180);
      expect(difference, `${id}: border at ${bearing.toFixed(0)}°, said ${source.side}`).toBeLessThan(45);
      expect(data.countries[id]!.side).toBe(source.side);
    }
  });

  it('places far countries by the distance between their closest points', () => {
    expect(data.countries.iran).toMatchObject({ frame: 'region', toward: expect.stringMatching(/^(e|ne)$/) });
    expect(data.countries.iran!.nearestKm).toBeGreaterThan(100);
    expect(data.countries.iran!.nearestKm).toBeLessThan(300);
    expect(data.countries.ukraine).toMatchObject({ toward: 'n', occupiedNote: 'crimea' });
    expect(data.countries.ukraine!.nearestKm).toBeGreaterThan(700);
    expect(data.countries.ukraine!.nearestKm).toBeLessThan(1000);
    expect(data.countries.russia).toMatchObject({ toward: expect.stringMatching(/^(n|ne)$/) });
    expect(data.countries.russia!.nearestKm).toBeLessThan(800);
    // Alaska is closer across the Arctic; the text speaks of the main territory, to the west.
    expect(data.countries['united-states']).toMatchObject({ toward: 'w', mainland: true });
    expect(data.countries['united-states']!.nearestKm).toBeGreaterThan(7_500);
  });

  it('puts each label inside its frame', () => {
    for (const [id, entry] of Object.entries(data.countries)) {
      const frame = data.frames[entry.frame];
      expect(entry.label[0], id).toBeGreaterThan(0);
      expect(entry.label[0], id).toBeLessThan(frame.width);
      expect(entry.label[1], id).toBeGreaterThan(0);
      expect(entry.label[1], id).toBeLessThan(frame.height);
    }
  });
});

describe('frames', () => {
  it('keep Damascus on land and in Syria on every frame', () => {
    for (const [id, frame] of Object.entries(data.frames)) {
      const damascus = [...frame.damascus] as Point;
      expect(insideRings(rings(frame.land), damascus), id).toBe(true);
      expect(insideRings(rings(frame.syria), damascus), id).toBe(true);
    }
  });

  it('stay small: the data the card bundle carries', () => {
    const bytes = JSON.stringify(data).length;
    expect(bytes).toBeLessThan(32_000);
    for (const frame of Object.values(data.frames)) {
      for (const d of [frame.land, frame.syria, frame.borders, frame.occupied]) expect(d).toMatch(/^(M[-\d. lz]*)*$/);
    }
  });
});

describe('path data', () => {
  it('round-trips through the compact format, to the digit', () => {
    const shape = [
      [
        [10, 20],
        [10.5, 20],
        [10.5, 19.1],
        [0.1, -0.3],
      ],
    ] as Point[][];
    const q = quantizeRings(shape, 1, 0);
    const d = toPath(q, 1, true);
    expect(d).toBe('M10 20l.5 0 0-.9-10.4-19.4z');
    const back = parsePath(d)[0]!;
    expect(back.map(([x, y]) => [Number(x.toFixed(6)), Number(y.toFixed(6))])).toEqual(shape[0]);
    expect(toPath(quantizeRings(shape, 0, 0), 0, false)).toBe('M10 20l1 0 0-1-11-19');
    expect(() => parsePath('M0 0C1 1 2 2 3 3')).toThrow(/Unexpected command C/);
  });

  it('clips rings and lines to the frame', () => {
    const square: Point[] = [
      [-5, -5],
      [5, -5],
      [5, 5],
      [-5, 5],
    ];
    const clipped = clipRingToRect(square, [0, 0, 10, 10]);
    expect(Math.abs(multiPolygonArea([[clipped]]))).toBe(25);
    expect(clipLine([[-5, 5], [15, 5]], [0, 0, 10, 10])).toEqual([[[0, 5], [10, 5]]]);
    expect(clipLine([[-5, -5], [-1, -1]], [0, 0, 10, 10])).toEqual([]);
  });
});

/** Distance from a point to a country's outline, km (to its edges, 1:10m, locally flat). */
function distanceKmToCountry(point: LatLon, shape: Feature<Polygon | GeoMultiPolygon>): number {
  const polygons = shape.geometry.type === 'Polygon' ? [shape.geometry.coordinates] : shape.geometry.coordinates;
  const kmPerDegree = (Math.PI / 180) * KM_PER_RADIAN;
  const flat = ([lon, lat]: number[]): Point => [lon! * kmPerDegree * Math.cos((point.lat * Math.PI) / 180), lat! * kmPerDegree];
  return distanceToRings(
    polygons.flat().map((ring) => ring.map(flat)),
    flat([point.lon, point.lat]),
  );
}
