/**
 * The words of the locator maps, in the reader's language: the text alternative that says where
 * a place or a country is, the map's labels, and the credit line. The facts come from pure code
 * (core/geo.ts: distance, direction, part of Syria); only the wording is here.
 */
import { describePlace, type Compass, type LatLon, type SyriaRegion } from '../core/geo';
import { t, type MessageKey } from '../core/i18n';
import type { LocatorCountry, LocatorPlace } from './locator-map-types';

const REGION_KEYS: Record<SyriaRegion, MessageKey> = {
  'north-west': 'map_region_north_west',
  north: 'map_region_north',
  'north-east': 'map_region_north_east',
  west: 'map_region_west',
  coast: 'map_region_coast',
  central: 'map_region_central',
  east: 'map_region_east',
  'south-west': 'map_region_south_west',
  south: 'map_region_south',
};

/** "north of", for "160 km north of Damascus". */
const TOWARD_KEYS: Record<Compass, MessageKey> = {
  n: 'map_toward_n',
  ne: 'map_toward_ne',
  e: 'map_toward_e',
  se: 'map_toward_se',
  s: 'map_toward_s',
  sw: 'map_toward_sw',
  w: 'map_toward_w',
  nw: 'map_toward_nw',
};

/** "to the north", for "Syria's neighbour to the north". */
const SIDE_KEYS: Record<Compass, MessageKey> = {
  n: 'map_side_n',
  ne: 'map_side_ne',
  e: 'map_side_e',
  se: 'map_side_se',
  s: 'map_side_s',
  sw: 'map_side_sw',
  w: 'map_side_w',
  nw: 'map_side_nw',
};

/** Names drawn on the maps (Syria's neighbours, Syria, Damascus). */
const LABEL_KEYS: Record<string, MessageKey> = {
  damascus: 'map_label_damascus',
  syria: 'map_label_syria',
  turkey: 'map_label_turkey',
  iraq: 'map_label_iraq',
  jordan: 'map_label_jordan',
  lebanon: 'map_label_lebanon',
  israel: 'map_label_israel',
};

/** The drawn name of a country or of Damascus, in the reader's language. */
export function mapLabel(id: string): string {
  const key = LABEL_KEYS[id];
  return key ? t(key) : id;
}

/** Map credits, for the card's "about" text: Natural Earth and GeoNames (CC BY 4.0). */
export function mapCredit(): string {
  return t('map_credit');
}

/** A point to describe: a catalogue place, or a reader's own (whose country is not known). */
export type DescribedPlace = LatLon & { inSyria?: boolean; occupied?: LocatorPlace['occupied'] };

/**
 * Where a place is, e.g. "Homs, in western Syria, 140 km north of Damascus". `reference` is
 * Damascus; `isReference` says the place is Damascus itself. A place not known to be in Syria
 * (a reader's own) is placed by distance and direction only.
 */
export function placeAltText(name: string, place: DescribedPlace, reference: LatLon, isReference = false): string {
  const description = describePlace(place, reference, place.inSyria === true);
  const region = description.region ? t(REGION_KEYS[description.region]) : null;
  if (isReference) return t('map_alt_capital', [name, region ?? t('map_region_south_west')]);
  if (!description.toward) return t('map_alt_near_reference', [name]);
  const distance = String(description.distanceKm);
  const toward = t(TOWARD_KEYS[description.toward]);
  if (!region) return t('map_alt_place_outside', [name, distance, toward]);
  if (place.occupied === 'golan') return t('map_alt_place_occupied', [name, region, distance, toward]);
  return t('map_alt_place', [name, region, distance, toward]);
}

/** Where a country is: "Turkey, Syria's neighbour to the north", "Iran, 220 km east of Syria at the closest point". */
export function countryAltText(name: string, id: string, country: LocatorCountry): string {
  if (id === 'syria') return t('map_alt_syria', [name]);
  if (country.side) {
    return country.occupiedNote === 'golan'
      ? t('map_alt_neighbour_golan', [name, t(SIDE_KEYS[country.side])])
      : t('map_alt_neighbour', [name, t(SIDE_KEYS[country.side])]);
  }
  if (country.nearestKm !== undefined && country.toward) {
    const args = [name, String(country.nearestKm), t(TOWARD_KEYS[country.toward])];
    if (country.occupiedNote === 'crimea') return t('map_alt_far_crimea', args);
    return country.mainland ? t('map_alt_far_mainland', args) : t('map_alt_far', args);
  }
  return name;
}
