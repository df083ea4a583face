// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { Card, SENTENCES_SHOWN, type CardProps } from '../../components/Card';
import type { CardData } from '../../core/types';
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
    const sources = [...root.querySelectorAll('.sl-card-source')].map((h) => h.textContent);
    expect(sources).toEqual(['Source: Syria after Assad', 'Source: My notes']);
    // Each group is a section named by its source heading.
    const groups = root.querySelectorAll('.sl-card-background');
    expect(groups).toHaveLength(2);
    expect(root.querySelector(`#${groups[0]!.getAttribute('aria-labelledby')}`)?.textContent).toContain('Syria after Assad');
  });

  it('shows the best three sentences per briefing, and all of them after "Show all (N)"', () => {
    const root = mount(<Card {...props()} />);
    expect(SENTENCES_SHOWN).toBe(3);
    expect(sentenceTexts(root)).toEqual(['S1 first.', 'S2 second.', 'S3 third.', 'N1 only one.']);
    // Only the long group has the toggle.
    expect(root.querySelectorAll('.sl-card-more')).toHaveLength(1);
    const more = buttonNamed(root, 'Show all (5)')!;
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(root.querySelector(`#${more.getAttribute('aria-controls')}`)?.tagName).toBe('UL');
    click(more);
    expect(sentenceTexts(root)).toEqual(['S1 first.', 'S2 second.', 'S3 third.', 'S4 fourth.', 'S5 fifth.', 'N1 only one.']);
    const fewer = buttonNamed(root, 'Show fewer')!;
    expect(fewer.getAttribute('aria-expanded')).toBe('true');
    click(fewer);
    expect(sentenceTexts(root)).toHaveLength(4);
  });

  it('forgets "show all" when it shows another entity', () => {
    const root = mount(<Card {...props()} />);
    click(buttonNamed(root, 'Show all (5)'));
    const other = makeCard({ entity: { ...makeCard().entity, id: 'other', name: 'Other' } });
    rerender(root, <Card {...props({ card: other })} />);
    expect(sentenceTexts(root)).toHaveLength(4);
  });

  it('opens the source briefing at the first sentence shown', () => {
    const onOpenSource = vi.fn();
    const root = mount(<Card {...props({ onOpenSource })} />);
    click(buttonNamed(root, 'My notes'));
    expect(onOpenSource).toHaveBeenCalledWith('my-notes', 'N1 only one.');
    const title = buttonNamed(root, 'Syria after Assad')!;
    expect(title.title).toBe('Open this passage in the briefing');
    click(title);
    expect(onOpenSource).toHaveBeenLastCalledWith('syria-2025', 'S1 first.');
  });

  it('shows briefing titles as plain text without onOpenSource', () => {
    const root = mount(<Card {...props({ onOpenSource: undefined })} />);
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
    // Icons are decoration.
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
});
