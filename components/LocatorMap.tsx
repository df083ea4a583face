/**
 * A small locator map for a place or country card: Syria among its neighbours, a dot and a label
 * for a place, the country shaded for a country, Damascus always there as a reference point.
 *
 * The geometry is drawn at build time (scripts/maps/) into path data; this component only lays
 * out labels and writes the SVG. Colours derive from the card's palette custom properties
 * (components/palette.ts), so the map follows the card's light and dark themes; they are set
 * through the style object (CSSOM), which a page's Content-Security-Policy does not block.
 * The map is never mirrored in a right-to-left card: the drawing is `direction: ltr`, so a
 * label's anchor means the same in every card (an Arabic label still reads right to left: it
 * is one right-to-left run, which the bidirectional algorithm orders within its box). It is one image to assistive technology: `role="img"` with
 * a text alternative that says where the place is.
 */
import { useId } from 'preact/hooks';
import type { JSX } from 'preact';
import { projectConic, type LatLon } from '../core/geo';
import { locatorMaps, pointOnLevantMap } from './locator-map-data';
import type { LocatorFrame, LocatorMapData } from './locator-map-types';
import { countryAltText, mapLabel, placeAltText, type DescribedPlace } from './locator-map-text';
import { insidePath } from './locator-shape';
import { dotBox, layoutLabels, type LabelRequest, type PlacedLabel } from './locator-layout';

export interface LocatorMapProps {
  /** The catalogue entity id (a place or a country). */
  id: string;
  /** Its name as the card shows it: the map's label and the subject of its text alternative. */
  name: string;
  /** A reader's own place with coordinates (validated with core/geo.ts parseLatLon). */
  point?: LatLon;
  /** The data (tests may pass their own); the build's maps by default. */
  data?: LocatorMapData;
}

/** Colours, from the card palette (fallbacks: the light palette), mixed for the map's surfaces. */
const THEME: Record<string, string> = {
  '--sl-map-sea': 'color-mix(in srgb, var(--sl-accent, #0b5cc4) 11%, var(--sl-bg, #ffffff))',
  '--sl-map-land': 'var(--sl-bg, #ffffff)',
  '--sl-map-syria': 'color-mix(in srgb, var(--sl-text, #1f2328) 8%, var(--sl-bg, #ffffff))',
  '--sl-map-shade': 'color-mix(in srgb, var(--sl-accent, #0b5cc4) 34%, var(--sl-bg, #ffffff))',
  '--sl-map-border': 'color-mix(in srgb, var(--sl-muted, #555f6b) 55%, var(--sl-bg, #ffffff))',
  '--sl-map-hatch': 'color-mix(in srgb, var(--sl-muted, #555f6b) 75%, var(--sl-bg, #ffffff))',
  '--sl-map-outline': 'var(--sl-muted, #555f6b)',
  '--sl-map-dot': 'var(--sl-accent, #0b5cc4)',
  '--sl-map-text': 'var(--sl-text, #1f2328)',
  '--sl-map-label': 'var(--sl-muted, #555f6b)',
  '--sl-map-halo': 'var(--sl-bg, #ffffff)',
};

const PLACE_DOT = 4;
const REFERENCE_DOT = 2.6;

export function LocatorMap({ id, name, point, data = locatorMaps }: LocatorMapProps) {
  const patternId = `sl-map-hatch-${useId()}`;
  const reference = data.places.damascus;
  if (!reference) return null;

  const country = Object.hasOwn(data.countries, id) ? data.countries[id] : undefined;
  const catalogued = Object.hasOwn(data.places, id) ? data.places[id] : undefined;
  const frame = data.frames[country ? country.frame : 'levant'];
  let place: DescribedPlace | undefined = catalogued;
  let dot: [number, number] | null = null;
  if (!country && catalogued) {
    if (!frame.projection) return null;
    dot = projectConic(frame.projection, catalogued);
  } else if (!country && point) {
    // A reader's place outside the Levant map gets no map rather than a dot on its edge.
    dot = pointOnLevantMap(point, data);
    if (!dot) return null;
    // Its country is not known: the drawn outlines say whether it is in Syria (and the Golan),
    // so its text alternative reads like a bundled place's ("in western Syria, … of Damascus").
    place = {
      ...point,
      inSyria: insidePath(frame.syria, dot),
      ...(frame.occupied && insidePath(frame.occupied, dot) ? { occupied: 'golan' as const } : {}),
    };
  }
  if (!country && !place) return null;
  const isReference = id === 'damascus';
  const alt = country
    ? countryAltText(name, id, country)
    : placeAltText(name, place!, reference, isReference);

  const labels = layout(data, frame, id, name, dot, isReference);
  const style = { ...THEME, direction: 'ltr', display: 'block', width: '100%', height: 'auto' } as JSX.CSSProperties;

  return (
    <svg
      class="sl-map"
      role="img"
      aria-label={alt}
      viewBox={`0 0 ${frame.width} ${frame.height}`}
      width={frame.width}
      height={frame.height}
      style={style}
      data-map-frame={country ? country.frame : 'levant'}
      data-map-id={id}
    >
      <defs>
        <pattern id={patternId} width="3.5" height="3.5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line x1="0" y1="0" x2="0" y2="3.5" style={{ stroke: 'var(--sl-map-hatch)', strokeWidth: '1.1' }} />
        </pattern>
      </defs>
      <rect width={frame.width} height={frame.height} style={{ fill: 'var(--sl-map-sea)' }} />
      <path class="sl-map-land" d={frame.land} style={{ fill: 'var(--sl-map-land)' }} />
      <path
        class="sl-map-syria"
        d={frame.syria}
        style={{ fill: id === 'syria' ? 'var(--sl-map-shade)' : 'var(--sl-map-syria)' }}
      />
      {country?.shape ? (
        <path class="sl-map-shade" d={country.shape} style={{ fill: 'var(--sl-map-shade)' }} />
      ) : null}
      {frame.occupied ? (
        <path class="sl-map-occupied" d={frame.occupied} style={{ fill: `url(#${patternId})` }} />
      ) : null}
      <path
        class="sl-map-borders"
        d={frame.borders}
        style={{ fill: 'none', stroke: 'var(--sl-map-border)', strokeWidth: '0.7', strokeLinejoin: 'round' }}
      />
      <path
        class="sl-map-syria-outline"
        d={frame.syria}
        style={{ fill: 'none', stroke: 'var(--sl-map-outline)', strokeWidth: '1', strokeLinejoin: 'round' }}
      />
      {country?.shape ? (
        <path
          class="sl-map-shade-outline"
          d={country.shape}
          style={{ fill: 'none', stroke: 'var(--sl-map-dot)', strokeWidth: '1', strokeLinejoin: 'round' }}
        />
      ) : null}
      {isReference ? null : (
        <circle
          class="sl-map-reference"
          cx={frame.damascus[0]}
          cy={frame.damascus[1]}
          r={REFERENCE_DOT}
          style={{ fill: 'var(--sl-map-text)', stroke: 'var(--sl-map-halo)', strokeWidth: '1' }}
        />
      )}
      {dot ? (
        <circle
          class="sl-map-dot"
          cx={round(dot[0])}
          cy={round(dot[1])}
          r={PLACE_DOT}
          style={{ fill: 'var(--sl-map-dot)', stroke: 'var(--sl-map-halo)', strokeWidth: '1.5' }}
        />
      ) : null}
      {labels.map(({ label, emphasis }) => (
        <text
          key={`${label.text}-${label.x}-${label.y}`}
          x={round(label.x)}
          y={round(label.y)}
          text-anchor={label.anchor}
          font-size={label.size}
          font-weight={emphasis === 'strong' ? 650 : emphasis === 'reference' ? 500 : 400}
          paint-order="stroke"
          stroke-linejoin="round"
          style={{
            fill: emphasis === 'muted' ? 'var(--sl-map-label)' : 'var(--sl-map-text)',
            stroke: 'var(--sl-map-halo)',
            strokeWidth: '2.6',
            fontFamily: 'inherit',
          }}
        >
          {label.text}
        </text>
      ))}
    </svg>
  );
}

type Emphasis = 'strong' | 'reference' | 'muted';

/** The labels of one map, in priority order: the subject, Damascus, then the neighbours. */
function layout(
  data: LocatorMapData,
  frame: LocatorFrame,
  id: string,
  name: string,
  dot: [number, number] | null,
  isReference: boolean,
): { label: PlacedLabel; emphasis: Emphasis }[] {
  const country = Object.hasOwn(data.countries, id) ? data.countries[id] : undefined;
  const requests: (LabelRequest & { emphasis: Emphasis })[] = [];
  const dots = [dotBox(frame.damascus[0], frame.damascus[1], REFERENCE_DOT)];
  if (dot) {
    dots.push(dotBox(dot[0], dot[1], PLACE_DOT));
    requests.push({ text: name, x: dot[0], y: dot[1], size: 12.5, kind: 'dot', required: true, emphasis: 'strong' });
  }
  if (country && id !== 'syria') {
    // On the Levant map a neighbour keeps its drawn (translated) name, shown strong.
    const text = frame.projection ? mapLabel(id) : name;
    requests.push({ text, x: country.label[0], y: country.label[1], size: 12, kind: 'area', required: true, emphasis: 'strong' });
  }
  if (frame.projection) {
    // The Levant map names Damascus and Syria's neighbours; the wider maps name Syria at Damascus.
    if (!isReference) {
      requests.push({ text: mapLabel('damascus'), x: frame.damascus[0], y: frame.damascus[1], size: 10.5, kind: 'dot', emphasis: 'reference' });
    }
    requests.push({
      text: mapLabel('syria'),
      x: frame.syriaLabel[0],
      y: frame.syriaLabel[1],
      size: id === 'syria' ? 12 : 10.5,
      kind: 'area',
      required: id === 'syria',
      emphasis: id === 'syria' ? 'strong' : 'muted',
    });
    for (const neighbour of ['turkey', 'iraq', 'jordan', 'lebanon', 'israel']) {
      if (neighbour === id) continue;
      const at = data.countries[neighbour]?.label;
      if (at) requests.push({ text: mapLabel(neighbour), x: at[0], y: at[1], size: 9.5, kind: 'area', emphasis: 'muted' });
    }
  } else {
    requests.push({ text: mapLabel('syria'), x: frame.damascus[0], y: frame.damascus[1], size: 10.5, kind: 'dot', required: true, emphasis: 'reference' });
  }
  const placed = layoutLabels(requests, dots, frame.width, frame.height);
  return placed.map((label) => ({ label, emphasis: requests[label.index]!.emphasis }));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
