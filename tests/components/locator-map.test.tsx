// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { formatMessage, setTranslator } from '../../core/i18n';
import { LocatorMap } from '../../components/LocatorMap';
import { hasLocatorMap, locatorMaps } from '../../components/locator-map-data';
import { countryAltText, mapCredit, placeAltText } from '../../components/locator-map-text';
import { estimateWidth, layoutLabels, type Box } from '../../components/locator-layout';
import { insidePath } from '../../components/locator-shape';
import { projectConic } from '../../core/geo';
import { insideRings, parsePath } from '../../scripts/maps/planar';
import ar from '../../public/_locales/ar/messages.json';
import fr from '../../public/_locales/fr/messages.json';
import { mount } from './render';

afterEach(() => setTranslator(null));

type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const browserLike = (catalogue: Catalogue, dir: 'ltr' | 'rtl') => (key: string, substitutions?: string[]) => {
  if (key === '@@bidi_dir') return dir;
  const entry = catalogue[key];
  return entry ? formatMessage(entry, substitutions) : '';
};

const NAMES: Record<string, string> = {
  'deir-ez-zor': 'Deir ez-Zor',
  golan: 'Golan Heights',
  'united-states': 'United States',
};
const nameOf = (id: string) => NAMES[id] ?? id.charAt(0).toUpperCase() + id.slice(1);

describe('LocatorMap', () => {
  it('draws a place as an image that says where it is, with its dot and label', () => {
    const view = mount(<LocatorMap id="homs" name="Homs" />);
    const svg = view.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('Homs, in western Syria, 140 km north of Damascus');
    expect(svg.getAttribute('viewBox')).toBe('0 0 320 250');
    const dot = svg.querySelector('circle.sl-map-dot')!;
    expect(dot).not.toBeNull();
    const reference = svg.querySelector('circle.sl-map-reference')!;
    // Homs is north of Damascus: drawn higher.
    expect(Number(dot.getAttribute('cy'))).toBeLessThan(Number(reference.getAttribute('cy')));
    const texts = [...svg.querySelectorAll('text')].map((text) => text.textContent);
    expect(texts).toContain('Homs');
    expect(texts).toContain('Damascus');
    expect(svg.querySelector('path.sl-map-land')?.getAttribute('d')).toBe(locatorMaps.frames.levant.land);
    expect(svg.querySelector('path.sl-map-shade')).toBeNull();
  });

  it('shades a country, and names it', () => {
    const view = mount(<LocatorMap id="turkey" name="Turkey" />);
    const svg = view.querySelector('svg')!;
    expect(svg.getAttribute('aria-label')).toBe("Turkey, Syria's neighbour to the north");
    expect(svg.querySelector('path.sl-map-shade')?.getAttribute('d')).toBe(locatorMaps.countries.turkey!.shape);
    expect(svg.querySelector('circle.sl-map-dot')).toBeNull();
    expect(svg.querySelector('circle.sl-map-reference')).not.toBeNull();
    expect([...svg.querySelectorAll('text')].some((text) => text.textContent === 'Turkey' && text.getAttribute('font-weight') === '650')).toBe(true);
  });

  it('draws far countries on a wider map with Syria marked', () => {
    const view = mount(<LocatorMap id="united-states" name="United States" />);
    const svg = view.querySelector('svg')!;
    expect(svg.dataset.mapFrame).toBe('world');
    expect(svg.getAttribute('aria-label')).toMatch(/^United States, \d[\d]* km west of Syria at the closest point of its main territory$/);
    const texts = [...svg.querySelectorAll('text')].map((text) => text.textContent);
    expect(texts).toEqual(expect.arrayContaining(['United States', 'Syria']));
  });

  it('hatches occupied land: the Golan on Syria and Israel maps, Crimea on Ukraine', () => {
    for (const id of ['syria', 'israel', 'golan', 'ukraine']) {
      const view = mount(<LocatorMap id={id} name={nameOf(id)} />);
      const occupied = view.querySelector('path.sl-map-occupied');
      expect(occupied?.getAttribute('d'), id).toBeTruthy();
      const pattern = view.querySelector('pattern')!;
      expect((occupied as SVGElement).style.fill).toBe(`url(#${pattern.id})`);
    }
    const syria = mount(<LocatorMap id="syria" name="Syria" />).querySelector('svg')!;
    expect(syria.getAttribute('aria-label')).toMatch(/Golan Heights, occupied by Israel since 1967/);
    const golan = mount(<LocatorMap id="golan" name="Golan Heights" />).querySelector('svg')!;
    expect(golan.getAttribute('aria-label')).toMatch(/^Golan Heights, in south-western Syria, occupied by Israel since 1967, \d+ km south-west of Damascus$/);
  });

  it('has a map for every place and country id, and none for Europe or a person', () => {
    for (const id of [...Object.keys(locatorMaps.places), ...Object.keys(locatorMaps.countries)]) {
      expect(hasLocatorMap(id), id).toBe(true);
      const svg = mount(<LocatorMap id={id} name={nameOf(id)} />).querySelector('svg');
      expect(svg?.getAttribute('aria-label'), id).toMatch(new RegExp(`^${nameOf(id)}, `));
    }
    for (const id of ['europe', 'assad', 'hts', '__proto__', 'constructor']) {
      expect(hasLocatorMap(id), id).toBe(false);
      expect(mount(<LocatorMap id={id} name={id} />).querySelector('svg'), id).toBeNull();
    }
  });

  it("draws a reader's own place from its coordinates, and no map for one outside the frame", () => {
    const kessab = mount(<LocatorMap id="reader-kessab" name="Kessab" point={{ lat: 35.9317, lon: 35.9893 }} />);
    const svg = kessab.querySelector('svg')!;
    // Kessab lies a kilometre from the border, which the drawn outline (Natural Earth) puts just
    // south of it: the words follow what the map shows, a dot outside Syria's outline.
    expect(svg.getAttribute('aria-label')).toBe('Kessab, 270 km north of Damascus');
    expect(svg.querySelector('circle.sl-map-dot')).not.toBeNull();
    expect(mount(<LocatorMap id="reader-paris" name="Paris" point={{ lat: 48.85, lon: 2.35 }} />).querySelector('svg')).toBeNull();
  });

  it('colours everything from the card palette, so light and dark themes follow it', () => {
    const svg = mount(<LocatorMap id="aleppo" name="Aleppo" />).querySelector('svg')!;
    expect(svg.style.getPropertyValue('--sl-map-land')).toContain('var(--sl-bg');
    expect(svg.style.getPropertyValue('--sl-map-dot')).toContain('var(--sl-accent');
    for (const element of svg.querySelectorAll('path, circle, text, rect')) {
      const style = (element as SVGElement).style;
      const paint = `${style.fill} ${style.stroke}`;
      expect(paint, element.outerHTML.slice(0, 60)).toMatch(/var\(--sl-map-|url\(#|none/);
      expect(element.getAttribute('fill')).toBeNull();
    }
  });

  it('is never mirrored in a right-to-left card, and speaks Arabic there', () => {
    setTranslator(browserLike(ar, 'rtl'));
    const view = mount(
      <section dir="rtl">
        <LocatorMap id="homs" name="حمص" />
      </section>,
    );
    const svg = view.querySelector('svg')!;
    expect(svg.style.direction).toBe('ltr');
    expect(svg.getAttribute('aria-label')).toBe('حمص، في غرب سوريا، على بعد 140 كم شمال دمشق');
    // Anchors keep their left-to-right meaning: a label placed after the dot starts right of it.
    const label = [...svg.querySelectorAll('text')].find((text) => text.textContent === 'حمص')!;
    expect(label.getAttribute('direction')).toBeNull();
    const dotX = Number(svg.querySelector('circle.sl-map-dot')?.getAttribute('cx'));
    if (label.getAttribute('text-anchor') === 'start') expect(Number(label.getAttribute('x'))).toBeGreaterThan(dotX);
    if (label.getAttribute('text-anchor') === 'end') expect(Number(label.getAttribute('x'))).toBeLessThan(dotX);
    expect([...svg.querySelectorAll('text')].map((text) => text.textContent)).toContain('دمشق');
    // The same pixels as in an English card: only the words change.
    setTranslator(null);
    const english = mount(<LocatorMap id="homs" name="Homs" />).querySelector('svg')!;
    expect(svg.querySelector('circle.sl-map-dot')?.getAttribute('cx')).toBe(english.querySelector('circle.sl-map-dot')?.getAttribute('cx'));
  });
});

describe('alternative texts', () => {
  const { places, countries } = locatorMaps;
  const damascus = places.damascus!;

  it('say where places are, from their coordinates', () => {
    expect(placeAltText('Aleppo', places.aleppo!, damascus)).toBe('Aleppo, in northern Syria, 310 km north of Damascus');
    expect(placeAltText('Latakia', places.latakia!, damascus)).toBe('Latakia, on the Syrian coast, 230 km north of Damascus');
    expect(placeAltText('Idlib', places.idlib!, damascus)).toBe('Idlib, in north-western Syria, 270 km north of Damascus');
    expect(placeAltText('Qamishli', places.qamishli!, damascus)).toMatch(/^Qamishli, in north-eastern Syria, \d+ km north-east of Damascus$/);
    expect(placeAltText('Deir ez-Zor', places['deir-ez-zor']!, damascus)).toBe('Deir ez-Zor, in eastern Syria, 410 km north-east of Damascus');
    expect(placeAltText('Daraa', places.daraa!, damascus)).toBe('Daraa, in southern Syria, 100 km south of Damascus');
    expect(placeAltText('Damascus', damascus, damascus, true)).toBe("Damascus, Syria's capital, in south-western Syria");
    expect(placeAltText('Jobar', { lat: 33.53, lon: 36.33, inSyria: true }, damascus)).toBe('Jobar, less than 5 km from Damascus');
  });

  it('say where countries are', () => {
    expect(countryAltText('Iraq', 'iraq', countries.iraq!)).toBe("Iraq, Syria's neighbour to the east");
    expect(countryAltText('Lebanon', 'lebanon', countries.lebanon!)).toBe("Lebanon, Syria's neighbour to the west");
    expect(countryAltText('Israel', 'israel', countries.israel!)).toBe(
      "Israel, Syria's neighbour to the south-west; hatched: the Golan Heights, Syrian land it has occupied since 1967",
    );
    expect(countryAltText('Iran', 'iran', countries.iran!)).toMatch(/^Iran, \d+ km (north-)?east of Syria at the closest point$/);
    expect(countryAltText('Ukraine', 'ukraine', countries.ukraine!)).toMatch(
      /^Ukraine, \d+ km north of Syria at the closest point; hatched: Crimea, occupied by Russia since 2014$/,
    );
  });

  it('are translated', () => {
    setTranslator(browserLike(fr, 'ltr'));
    expect(placeAltText('Homs', places.homs!, damascus)).toBe("Homs, dans l'ouest de la Syrie, à 140 km au nord de Damas");
    expect(countryAltText('Turquie', 'turkey', countries.turkey!)).toBe('Turquie, pays voisin de la Syrie au nord');
    expect(mapCredit()).toBe('Carte : Natural Earth. Lieux : GeoNames (CC BY 4.0).');
  });

  it('credit Natural Earth and GeoNames', () => {
    expect(mapCredit()).toBe('Map: Natural Earth. Places: GeoNames (CC BY 4.0).');
  });
});

describe('label layout', () => {
  it('keeps every label of every map inside the map and clear of the others', () => {
    for (const id of [...Object.keys(locatorMaps.places), ...Object.keys(locatorMaps.countries)]) {
      const svg = mount(<LocatorMap id={id} name={nameOf(id)} />).querySelector('svg')!;
      const [, , width, height] = svg.getAttribute('viewBox')!.split(' ').map(Number) as [number, number, number, number];
      const boxes: Box[] = [...svg.querySelectorAll('text')].map((text) => {
        const x = Number(text.getAttribute('x'));
        const y = Number(text.getAttribute('y'));
        const size = Number(text.getAttribute('font-size'));
        const w = estimateWidth(text.textContent ?? '', size);
        const anchor = text.getAttribute('text-anchor');
        const x0 = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
        return { x0, y0: y - size * 0.72, x1: x0 + w, y1: y + size * 0.22 };
      });
      for (const [i, box] of boxes.entries()) {
        expect(box.x0, `${id} label ${i}`).toBeGreaterThanOrEqual(0);
        expect(box.x1, `${id} label ${i}`).toBeLessThanOrEqual(width);
        expect(box.y0, `${id} label ${i}`).toBeGreaterThanOrEqual(0);
        expect(box.y1, `${id} label ${i}`).toBeLessThanOrEqual(height);
        for (const other of boxes.slice(i + 1)) {
          const overlap = box.x0 < other.x1 && other.x0 < box.x1 && box.y0 < other.y1 && other.y0 < box.y1;
          expect(overlap, `${id}: labels overlap`).toBe(false);
        }
      }
    }
  });

  it('moves a label to the left of a dot near the right edge, and drops optional labels that collide', () => {
    const [right] = layoutLabels([{ text: 'Qamishli', x: 300, y: 50, size: 12, kind: 'dot' }], [], 320, 250);
    expect(right?.anchor).toBe('end');
    const placed = layoutLabels(
      [
        { text: 'Damascus', x: 100, y: 100, size: 10, kind: 'dot', required: true },
        { text: 'Lebanon', x: 125, y: 100, size: 10, kind: 'area' },
      ],
      [],
      320,
      250,
    );
    expect(placed.map((label) => label.text)).toEqual(['Damascus']);
  });
});

describe('insidePath (where a reader\'s point falls on the drawn outlines)', () => {
  it('agrees with the build\'s geometry on every bundled place and on a grid over the Levant map', () => {
    const { levant } = locatorMaps.frames;
    const shapes = [levant.syria, levant.occupied, levant.land, locatorMaps.countries.lebanon!.shape!];
    const points: [number, number][] = Object.values(locatorMaps.places).map((place) => projectConic(levant.projection!, place));
    for (let x = 1.5; x < levant.width; x += 7) for (let y = 1.5; y < levant.height; y += 7) points.push([x, y]);
    for (const d of shapes) {
      const rings = parsePath(d);
      let inside = 0;
      for (const point of points) {
        expect(insidePath(d, point), point.join(',')).toBe(insideRings(rings, point));
        if (insidePath(d, point)) inside++;
      }
      expect(inside).toBeGreaterThan(0);
    }
    expect(insidePath('', [1, 1])).toBe(false);
  });
});
