// @vitest-environment happy-dom
/**
 * A lens session (page/lens.ts) and the runner that keeps one in line with its LensConfig
 * (page/lens-runner.ts), on a real document with the real matcher. happy-dom has no CSS Highlight
 * API, so marks are painted by the fallback painter, which comes with the card UI: the test
 * registers a card UI whose card session records what it is asked to do.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { builtInEntities } from '../../core/catalogue';
import type { LensConfig } from '../../core/lens-config';
import { planMatcher } from '../../core/matcher';
import type { CardData, Entity } from '../../core/types';
import { registerCardUi } from '../../page/card-ui';
import type { CardSession, CardSessionOptions } from '../../page/card-session';
import { Lens, type LensOptions } from '../../page/lens';
import { LensRunner } from '../../page/lens-runner';
import { MARK_TAG } from '../../page/names';
import { WrapPainter } from '../../page/paint';
import { trusted } from './trusted';

const HTML = '<article><p>Bashar al-Assad fled to Moscow.</p><p>Rebels took Aleppo, then Hama; Assad had left.</p></article>';
const ENTITIES: Entity[] = builtInEntities().filter((e) => ['assad', 'russia', 'aleppo', 'hama', 'rebels'].includes(e.id));

interface Shown {
  entity: string;
  returnFocus: Element | null;
}

/** What the fake card sessions were asked to do, and the options the lens gave them. */
let shown: Shown[];
let hidden: number;
let sessionOptions: CardSessionOptions | null;
let controllers: AbortController[];

function fakeSession(options: CardSessionOptions): CardSession {
  sessionOptions = options;
  const session = {
    isPinned: false,
    contains: () => false,
    hasFocus: () => false,
    show: async (mark: { entity: string }, _pointer: unknown, returnFocus: Element | null = null) => {
      const card = await options.card(mark.entity);
      if (card) shown.push({ entity: mark.entity, returnFocus });
    },
    hide: () => void hidden++,
  };
  return session as unknown as CardSession;
}

const kindsOf = (entities: readonly Entity[]) => Object.fromEntries(entities.map((entity) => [entity.id, entity.kind]));

function card(entity: string): CardData {
  const found = ENTITIES.find((e) => e.id === entity)!;
  return { entity: found, backgrounds: [], related: [] };
}

function lensOptions(overrides: Partial<LensOptions> = {}): LensOptions {
  const controller = new AbortController();
  controllers.push(controller);
  return {
    doc: document,
    entityKinds: kindsOf(ENTITIES),
    matcher: planMatcher(ENTITIES),
    markStyle: 'underline',
    firstOnly: false,
    hoverDelayMs: 500,
    tapToOpen: true,
    token: 'abcdefghij',
    signal: controller.signal,
    onMarksChanged: () => {},
    getCard: vi.fn((entity: string) => Promise.resolve(card(entity))),
    injectCardUi: vi.fn(() => Promise.resolve(true)),
    ...overrides,
  };
}

const wrapped = () => [...document.querySelectorAll(MARK_TAG)].map((el) => el.textContent);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  document.body.innerHTML = HTML;
  shown = [];
  hidden = 0;
  sessionOptions = null;
  controllers = [];
  registerCardUi({ createCardSession: fakeSession, createWrapPainter: (doc, style) => new WrapPainter(doc, style) });
});

afterEach(() => {
  for (const controller of controllers) controller.abort();
});

describe('Lens', () => {
  it('marks every mention, counts them and says when the marks changed', async () => {
    const onMarksChanged = vi.fn();
    const lens = new Lens(lensOptions({ onMarksChanged }));
    expect(lens.paintedCount()).toBe(0);
    await lens.start();
    expect(wrapped()).toEqual(['Bashar al-Assad', 'Moscow', 'Rebels', 'Aleppo', 'Hama', 'Assad']);
    expect(lens.counts()).toEqual({ assad: 2, russia: 1, rebels: 1, aleppo: 1, hama: 1 });
    expect(lens.paintedCount()).toBe(6);
    expect(onMarksChanged).toHaveBeenCalled();
  });

  it('without the Highlight API, asks for the card UI (which brings the fallback painter) when it is not there yet', async () => {
    registerCardUi(undefined as never);
    const injectCardUi = vi.fn(() => {
      registerCardUi({ createCardSession: fakeSession, createWrapPainter: (doc, style) => new WrapPainter(doc, style) });
      return Promise.resolve(true);
    });
    const lens = new Lens(lensOptions({ injectCardUi }));
    await lens.start();
    expect(injectCardUi).toHaveBeenCalledTimes(1);
    expect(lens.paintedCount()).toBe(6);
  });

  it('first-only mode paints the first mention of each entity', async () => {
    const lens = new Lens(lensOptions({ firstOnly: true }));
    await lens.start();
    expect(wrapped()).toEqual(['Bashar al-Assad', 'Moscow', 'Rebels', 'Aleppo', 'Hama']);
    expect(lens.counts().assad).toBe(2);
  });

  it('follows a new mark style without marking again', async () => {
    const lens = new Lens(lensOptions());
    await lens.start();
    const first = document.querySelector(MARK_TAG);
    lens.setMarkStyle('background');
    expect(document.querySelector(MARK_TAG)).toBe(first);
    expect([...document.querySelectorAll(MARK_TAG)].every((el) => el.getAttribute('data-style') === 'background')).toBe(true);
  });

  it('reveal goes through the marks in page order, both ways, and opens each card with focus to give back', async () => {
    const lens = new Lens(lensOptions());
    await lens.start();
    const button = document.createElement('button');
    document.body.append(button);
    button.focus();
    // Page order: Bashar al-Assad, Moscow, Rebels, Aleppo, Hama, Assad. Back from the first wraps
    // to the last; Assad's next after his last mention is his first.
    const steps: [string | undefined, 1 | -1, string][] = [
      [undefined, 1, 'Bashar al-Assad'],
      [undefined, 1, 'Moscow'],
      [undefined, -1, 'Bashar al-Assad'],
      [undefined, -1, 'Assad'],
      ['assad', 1, 'Bashar al-Assad'],
    ];
    for (const [entity, direction, text] of steps) {
      expect(lens.reveal(entity, direction)).toBe(true);
      await settle();
      // The mark brought into view is emphasised, and only that one.
      expect([...document.querySelectorAll(`${MARK_TAG}[data-focus]`)].map((el) => el.textContent)).toEqual([text]);
    }
    expect(shown.map((s) => s.entity)).toEqual(['assad', 'russia', 'assad', 'assad', 'assad']);
    expect(shown[0]!.returnFocus).toBe(button);
    expect(lens.reveal('nobody', 1)).toBe(false);
  });

  it('a newer open wins: two cards asked for at once show only the second', async () => {
    const lens = new Lens(lensOptions());
    await lens.start();
    lens.reveal('hama', 1);
    lens.reveal('aleppo', 1);
    await settle();
    expect(shown.map((s) => s.entity)).toEqual(['aleppo']);
  });

  it('asks the background once per entity for its card, and the session gets cards through the lens', async () => {
    const getCard = vi.fn((entity: string) => Promise.resolve(card(entity)));
    const lens = new Lens(lensOptions({ getCard }));
    await lens.start();
    lens.reveal('assad', 1);
    lens.reveal('assad', 1);
    await settle();
    expect(getCard).toHaveBeenCalledTimes(1);
    await sessionOptions!.card('hama');
    await sessionOptions!.card('hama');
    expect(getCard.mock.calls.map((call) => call[0])).toEqual(['assad', 'hama']);
  });

  it('a card the reader closed before the card UI arrived is not shown after all', async () => {
    let arrive!: () => void;
    const injectCardUi = () =>
      new Promise((resolve) => {
        arrive = () => {
          registerCardUi({ createCardSession: fakeSession, createWrapPainter: (doc, style) => new WrapPainter(doc, style) });
          resolve(true);
        };
      });
    const lens = new Lens(lensOptions({ injectCardUi }));
    await lens.start(); // the registered UI paints the marks…
    registerCardUi(undefined as never); // …and is gone: the card UI has to be injected now
    expect(lens.reveal('hama', 1)).toBe(true);
    document.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))); // closed at once
    arrive();
    await settle();
    await settle();
    expect(sessionOptions).not.toBeNull(); // the UI did arrive…
    expect(shown).toEqual([]); // …and showed nothing
  });

  it('when its signal aborts, every mark goes and the page has its very own text nodes back', async () => {
    const before = document.body.innerHTML;
    const nodes = [...document.querySelectorAll('p')].map((p) => p.firstChild);
    const options = lensOptions();
    const lens = new Lens(options);
    await lens.start();
    expect(document.body.innerHTML).not.toBe(before);
    controllers.at(-1)!.abort();
    expect(document.body.innerHTML).toBe(before);
    expect([...document.querySelectorAll('p')].map((p) => p.firstChild)).toEqual(nodes);
    expect(lens.reveal(undefined, 1)).toBe(false);
  });
});

describe('LensRunner', () => {
  function config(overrides: Partial<LensConfig> = {}): LensConfig {
    return { active: true, entityKinds: kindsOf(ENTITIES), matcher: planMatcher(ENTITIES), markStyle: 'underline', firstOnly: false, hoverDelayMs: 500, tapToOpen: true, ...overrides };
  }
  const whenMarked = async (runner: LensRunner, count: number) => {
    for (let i = 0; i < 50 && runner.lens?.paintedCount() !== count; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(runner.lens?.paintedCount()).toBe(count);
  };

  // Every runner is stopped after its test: a lens left running would mark the next test's
  // page from its MutationObserver, a timer later (a flake under load).
  let runners: LensRunner[] = [];
  afterEach(() => {
    for (const running of runners) running.stop();
    runners = [];
  });

  function runner(onMarksChanged = vi.fn()) {
    const created = new LensRunner({
      doc: document,
      token: 'abcdefghij',
      onMarksChanged,
      getCard: (entity) => Promise.resolve(card(entity)),
      injectCardUi: () => Promise.resolve(true),
    });
    runners.push(created);
    return created;
  }

  it('starts a lens for an active page, and a running one follows a new style or delay', async () => {
    const lenses = runner();
    lenses.apply(config());
    const first = lenses.lens;
    await whenMarked(lenses, 6);
    lenses.apply(config({ markStyle: 'background', hoverDelayMs: 0 }));
    expect(lenses.lens).toBe(first);
    expect(lenses.config?.markStyle).toBe('background');
    expect(document.querySelector(MARK_TAG)?.getAttribute('data-style')).toBe('background');
  });

  it('other entities or first-only mode start a new lens; the old one leaves nothing behind', async () => {
    const lenses = runner();
    lenses.apply(config());
    const first = lenses.lens;
    await whenMarked(lenses, 6);
    const fewer = ENTITIES.filter((e) => e.id !== 'assad');
    lenses.apply(config({ entityKinds: kindsOf(fewer), matcher: planMatcher(fewer) }));
    expect(lenses.lens).not.toBe(first);
    expect(wrapped()).toEqual([]);
    await whenMarked(lenses, 4);
    expect(wrapped()).toEqual(['Moscow', 'Rebels', 'Aleppo', 'Hama']);
  });

  it('switching the page off stops the lens and says so at once; stop() leaves nothing', async () => {
    const onMarksChanged = vi.fn();
    const lenses = runner(onMarksChanged);
    lenses.apply(config());
    await whenMarked(lenses, 6);
    onMarksChanged.mockClear();
    lenses.apply(config({ active: false, reason: 'site-off', entityKinds: {} }));
    expect(lenses.lens).toBeNull();
    expect(onMarksChanged).toHaveBeenCalledTimes(1);
    expect(wrapped()).toEqual([]);
    lenses.apply(config());
    await whenMarked(lenses, 6);
    lenses.stop();
    expect(lenses.lens).toBeNull();
    expect(lenses.config).toBeNull();
    expect(wrapped()).toEqual([]);
  });
});
