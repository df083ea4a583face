// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { Card, SENTENCES_SHOWN, type CardProps } from '../../components/Card';
import { entityId } from '../../components/entity-input';
import { locatorMaps } from '../../components/locator-map-data';
import { projectConic } from '../../core/geo';
import type { CardData } from '../../core/types';
import { insideRings, parsePath } from '../../scripts/maps/planar';
import { buttonNamed, click, key, mount, repoFile, rerender } from './render';

function makeCard(overrides: Partial<CardData> = {}): CardData {
  return {
    entity: {
      id: 'bashar-al-assad',
      name: 'Bashar al-Assad',
      kind: 'person',
      description: 'President of Syria from 2000 until December 2024.',
      aliases: [{ text: 'Assad' }],
    },
    backgrounds: [
      {
        briefingId: 'syria-2025',
        briefingTitle: 'Syria after Assad',
        sentences: ['S1 first.', 'S2 second.', 'S3 third.', 'S4 fourth.', 'S5 fifth.'],
      },
      { briefingId: 'my-notes', briefingTitle: 'My notes', sentences: ['N1 only one.'] },
    ],
    related: [
      { id: 'hts', name: 'Hayat Tahrir al-Sham' },
      { id: 'damascus', name: 'Damascus' },
    ],
    ...overrides,
  };
}

function props(overrides: Partial<CardProps> = {}): CardProps {
  return {
    card: makeCard(),
    onOpenEntity: vi.fn(),
    onOpenSource: vi.fn(),
    pinned: false,
    onTogglePin: vi.fn(),
    onClose: vi.fn(),
    ...overrides,
  };
}

const sentenceTexts = (root: ParentNode) =>
  [...root.querySelectorAll('.sl-card-sentences li')].map((li) => li.textContent);

describe('Card', () => {
  it('is a non-modal dialog labelled by the name heading', () => {
    const root = mount(<Card {...props()} id="card-1" />);
    const dialog = root.querySelector('[role="dialog"]')!;
    expect(dialog.id).toBe('card-1');
    expect(dialog.hasAttribute('aria-modal')).toBe(false);
    // The card host focuses it when the card is opened from the keyboard.
    expect((dialog as HTMLElement).tabIndex).toBe(-1);
    const heading = root.querySelector(`#${dialog.getAttribute('aria-labelledby')}`)!;
    expect(heading.tagName).toBe('H2');
    expect(heading.textContent).toBe('Bashar al-Assad');
  });

  it('labels itself without an id prop too, and two cards get different ids', () => {
    const root = mount(
      <>
        <Card {...props()} />
        <Card {...props()} />
      </>,
    );
    const labels = [...root.querySelectorAll('[role="dialog"]')].map((d) => d.getAttribute('aria-labelledby'));
    expect(labels[0]).toBeTruthy();
    expect(labels[0]).not.toBe(labels[1]);
    for (const label of labels) expect(root.querySelector(`[id="${label}"]`)?.textContent).toBe('Bashar al-Assad');
  });

  it('shows name, translated kind, description and the sources', () => {
    const root = mount(<Card {...props()} />);
    expect(root.querySelector('.sl-card-kind')?.textContent).toBe('Person');
    expect(root.querySelector('.sl-card-description')?.textContent).toBe(
      'President of Syria from 2000 until December 2024.',
    );
    const sources = () => [...root.querySelectorAll('.sl-card-source')].map((h) => h.textContent);
    // The first (newest) briefing shows; the others are behind a disclosure.
    expect(sources()).toEqual(['Source: Syria after Assad']);
    const others = buttonNamed(root, 'Other briefings (1)')!;
    expect(others.getAttribute('aria-expanded')).toBe('false');
    click(others);
    expect(sources()).toEqual(['Source: Syria after Assad', 'Source: My notes']);
    expect(buttonNamed(root, 'Hide other briefings')?.getAttribute('aria-expanded')).toBe('true');
    expect(root.querySelector(`#${others.getAttribute('aria-controls')}`)?.contains(root.querySelectorAll('.sl-card-background')[1]!)).toBe(true);
    // Each group is a section named by its source heading.
    const groups = root.querySelectorAll('.sl-card-background');
    expect(groups).toHaveLength(2);
    expect(root.querySelector(`#${groups[0]!.getAttribute('aria-labelledby')}`)?.textContent).toContain('Syria after Assad');
  });

  it('shows the best three sentences per briefing, and all of them after "Show all (N)"', () => {
    const root = mount(<Card {...props()} />);
    expect(SENTENCES_SHOWN).toBe(3);
    expect(sentenceTexts(root)).toEqual(['S1 first.', 'S2 second.', 'S3 third.']);
    // Only the long group has the toggle.
    expect(root.querySelectorAll('.sl-card-more')).toHaveLength(1);
    const more = buttonNamed(root, 'Show all (5)')!;
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(root.querySelector(`#${more.getAttribute('aria-controls')}`)?.tagName).toBe('UL');
    click(more);
    expect(sentenceTexts(root)).toEqual(['S1 first.', 'S2 second.', 'S3 third.', 'S4 fourth.', 'S5 fifth.']);
    const fewer = buttonNamed(root, 'Show fewer')!;
    expect(fewer.getAttribute('aria-expanded')).toBe('true');
    click(fewer);
    expect(sentenceTexts(root)).toHaveLength(3);
  });

  it('forgets "show all" when it shows another entity', () => {
    const root = mount(<Card {...props()} />);
    click(buttonNamed(root, 'Show all (5)'));
    const other = makeCard({ entity: { ...makeCard().entity, id: 'other', name: 'Other' } });
    rerender(root, <Card {...props({ card: other })} />);
    expect(sentenceTexts(root)).toHaveLength(3);
  });

  it('opens the source briefing at the first sentence shown', () => {
    const onOpenSource = vi.fn();
    const root = mount(<Card {...props({ onOpenSource })} />);
    click(buttonNamed(root, 'Other briefings (1)'));
    click(buttonNamed(root, 'My notes'));
    expect(onOpenSource).toHaveBeenCalledWith('my-notes', 'N1 only one.');
    const title = buttonNamed(root, 'Syria after Assad')!;
    expect(title.title).toBe('Open this passage in the briefing');
    click(title);
    expect(onOpenSource).toHaveBeenLastCalledWith('syria-2025', 'S1 first.');
  });

  it('shows briefing titles as plain text without onOpenSource', () => {
    const root = mount(<Card {...props({ onOpenSource: undefined })} />);
    click(buttonNamed(root, 'Other briefings (1)'));
    expect(buttonNamed(root, 'My notes')).toBeUndefined();
    expect(root.querySelector('.sl-card-source-title')?.textContent).toBe('Syria after Assad');
  });

  it('related entities are chips that open the entity', () => {
    const onOpenEntity = vi.fn();
    const root = mount(<Card {...props({ onOpenEntity })} />);
    const chips = [...root.querySelectorAll('.sl-chip')];
    expect(chips.map((chip) => chip.textContent)).toEqual(['Hayat Tahrir al-Sham', 'Damascus']);
    expect(chips.every((chip) => chip.tagName === 'BUTTON' && chip.getAttribute('type') === 'button')).toBe(true);
    click(chips[1]);
    expect(onOpenEntity).toHaveBeenCalledWith('damascus');
    expect(root.querySelector('.sl-card-related h3')?.textContent).toBe('Related');
  });

  it('leaves out the related section when there is none', () => {
    const root = mount(<Card {...props({ card: makeCard({ related: [] }) })} />);
    expect(root.querySelector('.sl-card-related')).toBeNull();
  });

  it('pin is a toggle button and close closes, also with Escape', () => {
    const onTogglePin = vi.fn();
    const onClose = vi.fn();
    const root = mount(<Card {...props({ onTogglePin, onClose })} />);
    const pin = buttonNamed(root, 'Pin card')!;
    expect(pin.getAttribute('aria-pressed')).toBe('false');
    click(pin);
    expect(onTogglePin).toHaveBeenCalledTimes(1);
    rerender(root, <Card {...props({ onTogglePin, onClose, pinned: true })} />);
    expect(buttonNamed(root, 'Pin card')!.getAttribute('aria-pressed')).toBe('true');
    click(buttonNamed(root, 'Close card'));
    expect(onClose).toHaveBeenCalledTimes(1);
    key(root.querySelector('.sl-chip'), 'Escape');
    expect(onClose).toHaveBeenCalledTimes(2);
    // Icons are decoration (a person's card has no map).
    for (const svg of root.querySelectorAll('svg')) expect(svg.getAttribute('aria-hidden')).toBe('true');
  });

  it('every button has a name and a type', () => {
    const root = mount(<Card {...props()} />);
    for (const button of root.querySelectorAll('button')) {
      expect(button.getAttribute('type')).toBe('button');
      expect((button.getAttribute('aria-label') ?? button.textContent ?? '').trim()).not.toBe('');
    }
  });

  it('says so when the briefings have no background', () => {
    for (const backgrounds of [[], [{ briefingId: 'b', briefingTitle: 'Empty', sentences: [] }]]) {
      const root = mount(<Card {...props({ card: makeCard({ backgrounds }) })} />);
      expect(root.querySelector('.sl-card-empty')?.textContent).toBe('No background in your briefings yet.');
      expect(root.querySelector('.sl-card-background')).toBeNull();
    }
  });

  it('renders page and briefing text as text, never as markup', () => {
    const attack = '<img src=x onerror="window.__pwned = 1">';
    const card = makeCard({
      entity: { ...makeCard().entity, name: `${attack} name`, description: `${attack} description` },
      backgrounds: [{ briefingId: 'x', briefingTitle: `${attack} title`, sentences: [`${attack} sentence`] }],
      related: [{ id: 'r', name: `${attack} related` }],
    });
    const root = mount(<Card {...props({ card })} />);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('.sl-card-name')?.textContent).toBe(`${attack} name`);
    expect(root.querySelector('.sl-card-description')?.textContent).toBe(`${attack} description`);
    expect(sentenceTexts(root)).toEqual([`${attack} sentence`]);
    expect(root.querySelector('.sl-card-source')?.textContent).toContain(`${attack} title`);
    expect(root.querySelector('.sl-chip')?.textContent).toBe(`${attack} related`);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('follows the script of the name for its direction, and lets each text block find its own', () => {
    const latin = mount(<Card {...props()} />);
    expect(latin.querySelector('.sl-card')?.getAttribute('dir')).toBe('ltr');
    const arabic = makeCard({
      entity: { ...makeCard().entity, name: 'بشار الأسد', description: 'رئيس سوريا من 2000 حتى 2024.' },
      backgrounds: [{ briefingId: 'ar', briefingTitle: 'إحاطة', sentences: ['جملة أولى.', 'A sentence in English.'] }],
    });
    const root = mount(<Card {...props({ card: arabic })} />);
    expect(root.querySelector('.sl-card')?.getAttribute('dir')).toBe('rtl');
    for (const selector of ['.sl-card-name', '.sl-card-description', '.sl-card-sentences li', '.sl-chip', '.sl-card-source .sl-link']) {
      const elements = root.querySelectorAll(selector);
      expect(elements.length, selector).toBeGreaterThan(0);
      for (const element of elements) expect(element.getAttribute('dir'), selector).toBe('auto');
    }
  });

  it('never uses innerHTML in its source', () => {
    for (const file of ['Card.tsx', 'PopupApp.tsx', 'EntityList.tsx', 'Toggle.tsx']) {
      const source = repoFile(`components/${file}`);
      expect(source, file).not.toMatch(/dangerouslySetInnerHTML|innerHTML/);
    }
  });

  describe('dated and grounded (issues 10 and 12)', () => {
    const hts = { id: 'hts', name: 'Hayat Tahrir al-Sham', kind: 'group' as const, description: 'Islamist rebel group.', aliases: [{ text: 'HTS' }], broader: ['rebels'] };
    const dated = (id: string, title: string, date: string | undefined, sentences: string[]) => ({
      briefingId: id,
      briefingTitle: title,
      shortTitle: title.split(',')[0]!,
      ...(date ? { date } : {}),
      sentences,
    });

    it('shows the date the description holds for, written out', () => {
      const root = mount(<Card {...props({ card: makeCard({ factsDate: '2024-12-31' }) })} />);
      const asOf = root.querySelector('.sl-card-as-of time')!;
      expect(asOf.textContent).toBe('As of December 31, 2024');
      expect(asOf.getAttribute('datetime')).toBe('2024-12-31');
      expect(mount(<Card {...props()} />).querySelector('.sl-card-as-of')).toBeNull();
    });

    it("shows each briefing's short title and date with its quotes", () => {
      const card = makeCard({
        backgrounds: [dated('new', 'Rebels take Damascus, a long report', '2024-12-08', ['New one.']), dated('old', 'Older notes', undefined, ['Old one.'])],
      });
      const root = mount(<Card {...props({ card, onOpenSource: undefined })} />);
      const heading = root.querySelector('.sl-card-source')!;
      expect(heading.textContent).toBe('Source: Rebels take Damascus · December 8, 2024');
      expect(heading.querySelector('.sl-card-source-title')?.getAttribute('title')).toBe('Rebels take Damascus, a long report');
      expect(heading.querySelector('time')?.getAttribute('datetime')).toBe('2024-12-08');
      click(buttonNamed(root, 'Other briefings (1)'));
      expect(root.querySelectorAll('.sl-card-source')[1]?.textContent).toBe('Source: Older notes');
    });

    it('says plainly that the briefing does not name the entity, and labels what it says about the broader one', () => {
      const card: CardData = {
        entity: hts,
        backgrounds: [],
        broader: { id: 'rebels', name: 'Rebels', backgrounds: [dated('b', 'Iran withdraws', '2024-12-07', ['The rebels took Hama.'])] },
        related: [],
        briefingCount: 1,
      };
      const root = mount(<Card {...props({ card })} />);
      expect(root.querySelector('.sl-card-not-named')?.textContent).toBe('The briefing does not name Hayat Tahrir al-Sham. About “Rebels”, it says:');
      expect(sentenceTexts(root)).toEqual(['The rebels took Hama.']);
      expect(root.querySelector('.sl-card-empty')).toBeNull();
      const many = mount(<Card {...props({ card: { ...card, briefingCount: 3 } })} />);
      expect(many.querySelector('.sl-card-not-named')?.textContent).toBe('None of your 3 briefings names Hayat Tahrir al-Sham. About “Rebels”, they say:');
    });

    it('says the briefing does not name it when there is nothing broader to quote either', () => {
      const card: CardData = { entity: hts, backgrounds: [], related: [], briefingCount: 1 };
      expect(mount(<Card {...props({ card })} />).querySelector('.sl-card-empty')?.textContent).toBe('The briefing does not name Hayat Tahrir al-Sham.');
      const two = mount(<Card {...props({ card: { ...card, briefingCount: 2 } })} />);
      expect(two.querySelector('.sl-card-empty')?.textContent).toBe('None of your 2 briefings names Hayat Tahrir al-Sham.');
      const none = mount(<Card {...props({ card: { ...card, briefingCount: 0 } })} />);
      expect(none.querySelector('.sl-card-empty')?.textContent).toBe('No background in your briefings yet.');
    });

    it('shows a locator map, an image with a text alternative, on place and country cards only', () => {
      const place = (id: string, name: string, kind: 'place' | 'country' | 'person') =>
        mount(<Card {...props({ card: makeCard({ entity: { id, name, kind, description: '', aliases: [{ text: name }] } }) })} />);
      const homs = place('homs', 'Homs', 'place').querySelector('.sl-card-map')!;
      const map = homs.querySelector('svg[role="img"]')!;
      expect(map.getAttribute('aria-label')).toMatch(/^Homs, in western Syria, \d+ km north of Damascus$/);
      expect(homs.querySelector('.sl-card-map-credit')?.textContent).toContain('GeoNames');
      const turkey = place('turkey', 'Turkey', 'country').querySelector('.sl-card-map svg[role="img"]')!;
      expect(turkey.getAttribute('aria-label')).toBe("Turkey, Syria's neighbour to the north");
      expect(place('erdogan', 'Recep Tayyip Erdoğan', 'person').querySelector('.sl-card-map')).toBeNull();
      expect(place('europe', 'Europe', 'place').querySelector('.sl-card-map')).toBeNull();
      // A reader's own place without coordinates has no map.
      expect(place('my-town', 'My town', 'place').querySelector('.sl-card-map')).toBeNull();
    });

    it("draws a reader's own place from its coordinates: a dot inside Syria's outline, and where it is in words (issue 12)", () => {
      const own = (name: string, coordinates: { lat: number; lon: number }, kind: 'place' | 'country' = 'place') =>
        mount(<Card {...props({ card: makeCard({ entity: { id: entityId(name), name, kind, description: '', aliases: [{ text: name }], coordinates } }) })} />);
      // Al-Qusayr (GeoNames 163345), a town the catalogue does not have.
      const qusayr = own('Al-Qusayr', { lat: 34.50887, lon: 36.57952 }).querySelector('.sl-card-map')!;
      const map = qusayr.querySelector('svg[role="img"]')!;
      expect(map.getAttribute('aria-label')).toBe('Al-Qusayr, in western Syria, 110 km north of Damascus');
      expect(map.getAttribute('data-map-frame')).toBe('levant');
      expect(qusayr.querySelector('.sl-card-map-credit')?.textContent).toContain('GeoNames');
      const dot = map.querySelector('circle.sl-map-dot')!;
      const at: [number, number] = [Number(dot.getAttribute('cx')), Number(dot.getAttribute('cy'))];
      // Checked with the build's own geometry code, not the card's.
      expect(insideRings(parsePath(locatorMaps.frames.levant.syria), at)).toBe(true);
      const homs = locatorMaps.frames.levant.projection && projectConic(locatorMaps.frames.levant.projection, locatorMaps.places.homs!);
      expect(at[0]).toBeLessThan(homs![0]); // west of Homs
      expect(at[1]).toBeGreaterThan(homs![1]); // and south of it
      expect([...map.querySelectorAll('text')].map((text) => text.textContent)).toEqual(expect.arrayContaining(['Al-Qusayr', 'Damascus']));
      expect(map.querySelector('circle.sl-map-reference')).not.toBeNull();

      // In the occupied Golan, and in Lebanon: said so; far away (Paris): no map and no credit.
      expect(own('Majdal Shams', { lat: 33.26944, lon: 35.77056 }).querySelector('svg[role="img"]')?.getAttribute('aria-label')).toBe(
        'Majdal Shams, in south-western Syria, occupied by Israel since 1967, 55 km south-west of Damascus',
      );
      expect(own('Baalbek', { lat: 34.00583, lon: 36.21806 }).querySelector('svg[role="img"]')?.getAttribute('aria-label')).toBe('Baalbek, 55 km north of Damascus');
      expect(own('Paris', { lat: 48.85341, lon: 2.3488 }).querySelector('.sl-card-map')).toBeNull();
      // Only a place is drawn as a point (the validator gives no other kind coordinates anyway).
      expect(own('Somewhere', { lat: 34.5, lon: 36.6 }, 'country').querySelector('.sl-card-map')).toBeNull();
    });
  });
});
