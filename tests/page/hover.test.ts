// @vitest-environment happy-dom
/**
 * Hover intent (page/hover.ts) with fake timers. happy-dom has no layout, so the test gives the
 * page a simple geometry: one line of text at y 0–20, 10 px per character. The caret under the
 * pointer and each mark's line box follow from it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HoverIntent, type HoverOptions } from '../../page/hover';
import type { Mark } from '../../page/paint';
import { trusted } from './trusted';

const TEXT = 'Bashar al-Assad met Iran in Hama today';
const CHAR_PX = 10;
const OPEN_MS = 500;
const GRACE_MS = 300;

let text: Text;
let marks: Mark[];
let controller: AbortController;
let events: string[];
let pinned: boolean;
let inCard: boolean;

function markOf(entity: string, word: string): Mark {
  const start = TEXT.indexOf(word);
  const range = document.createRange();
  range.setStart(text, start);
  range.setEnd(text, start + word.length);
  const rect = new DOMRect(start * CHAR_PX, 0, word.length * CHAR_PX, 20);
  range.getClientRects = () => [rect] as unknown as DOMRectList;
  return { entity, kind: 'place', range, block: text.parentElement! };
}

/** The middle of a mark's first letter… last letter. */
const over = (mark: Mark) => ({ x: mark.range.startOffset * CHAR_PX + 15, y: 10 });
const beside = { x: (TEXT.indexOf(' met') + 2) * CHAR_PX, y: 10 };

/**
 * Moves the pointer and runs the animation frame in which it is hit-tested (up to 16 ms later:
 * timings below allow for that frame, `FRAME`).
 */
function move(to: { x: number; y: number }, buttons = 0): void {
  document.dispatchEvent(trusted(new PointerEvent('pointermove', { clientX: to.x, clientY: to.y, buttons, bubbles: true })));
  vi.advanceTimersByTime(FRAME);
}
const FRAME = 16;

function start(overrides: Partial<HoverOptions> = {}): HoverIntent {
  controller = new AbortController();
  return new HoverIntent({
    doc: document,
    marks: { marksOnNode: (node) => (node === text ? marks : []), knownShadowRoots: () => [] },
    openDelayMs: () => OPEN_MS,
    graceMs: GRACE_MS,
    isInCard: () => inCard,
    isPinned: () => pinned,
    tapToOpen: true,
    prepare: (mark) => events.push(`prepare ${mark.entity}`),
    open: (mark) => events.push(`open ${mark.entity}`),
    close: () => events.push('close'),
    signal: controller.signal,
    ...overrides,
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = `<p>${TEXT}</p>`;
  text = document.body.querySelector('p')!.firstChild as Text;
  marks = [markOf('assad', 'Bashar al-Assad'), markOf('iran', 'Iran'), markOf('hama', 'Hama')];
  // The caret under a point on the line: the character there.
  (document as unknown as { caretPositionFromPoint(x: number, y: number): unknown }).caretPositionFromPoint = (x, y) =>
    y >= 0 && y <= 20 ? { offsetNode: text, offset: Math.min(TEXT.length, Math.floor(x / CHAR_PX)) } : null;
  events = [];
  pinned = false;
  inCard = false;
});

afterEach(() => {
  controller.abort();
  vi.useRealTimers();
});

describe('HoverIntent', () => {
  it('opens a card once the pointer has rested on a mark for the hover delay, and prepares it at once', () => {
    const hover = start();
    move(over(marks[1]!));
    expect(events).toEqual(['prepare iran']);
    vi.advanceTimersByTime(OPEN_MS - FRAME - 1);
    expect(events).toEqual(['prepare iran']);
    vi.advanceTimersByTime(FRAME + 1);
    expect(events).toEqual(['prepare iran', 'open iran']);
    expect(hover.openMark?.entity).toBe('iran');
  });

  it('a pointer that only passes over a mark opens nothing; resting on another starts the wait again', () => {
    start();
    move(over(marks[0]!));
    vi.advanceTimersByTime(200);
    move(beside);
    vi.advanceTimersByTime(OPEN_MS);
    expect(events).toEqual(['prepare assad']);
    move(over(marks[2]!));
    vi.advanceTimersByTime(OPEN_MS - FRAME - 1);
    expect(events).toEqual(['prepare assad', 'prepare hama']);
    vi.advanceTimersByTime(FRAME + 1);
    expect(events.at(-1)).toBe('open hama');
  });

  it('the space after a word is not the word: its line box decides', () => {
    start();
    move({ x: (TEXT.indexOf('Iran') + 4) * CHAR_PX + 5, y: 10 }); // the space after "Iran"
    vi.advanceTimersByTime(OPEN_MS * 2);
    expect(events).toEqual([]);
  });

  it('once a card is open, a neighbour opens at once', () => {
    start();
    move(over(marks[1]!));
    vi.advanceTimersByTime(OPEN_MS);
    move(over(marks[2]!));
    expect(events).toEqual(['prepare iran', 'open iran', 'open hama']);
  });

  it('leaving keeps the card for the grace period, long enough to move onto it', () => {
    start();
    move(over(marks[1]!));
    vi.advanceTimersByTime(OPEN_MS);
    move(beside);
    vi.advanceTimersByTime(GRACE_MS - 3 * FRAME);
    inCard = true;
    move({ x: 600, y: 60 }); // over the card
    vi.advanceTimersByTime(GRACE_MS * 3);
    expect(events).not.toContain('close');
    inCard = false;
    move(beside);
    vi.advanceTimersByTime(GRACE_MS - FRAME - 1);
    expect(events).not.toContain('close');
    vi.advanceTimersByTime(FRAME + 1);
    expect(events.at(-1)).toBe('close');
  });

  it('coming back to the mark within the grace period keeps the card', () => {
    start();
    move(over(marks[0]!));
    vi.advanceTimersByTime(OPEN_MS);
    move(beside);
    vi.advanceTimersByTime(100);
    move(over(marks[0]!));
    vi.advanceTimersByTime(GRACE_MS * 2);
    expect(events).toEqual(['prepare assad', 'open assad']);
  });

  it('a pinned card stays when the pointer leaves, and a neighbour does not replace it', () => {
    start();
    move(over(marks[1]!));
    vi.advanceTimersByTime(OPEN_MS);
    pinned = true;
    move(beside);
    document.documentElement.dispatchEvent(trusted(new PointerEvent('pointerleave')));
    vi.advanceTimersByTime(GRACE_MS * 5);
    move(over(marks[2]!));
    vi.advanceTimersByTime(OPEN_MS * 2);
    expect(events).toEqual(['prepare iran', 'open iran']);
  });

  it('leaving the window closes after the grace period', () => {
    start();
    move(over(marks[1]!));
    vi.advanceTimersByTime(OPEN_MS);
    document.documentElement.dispatchEvent(trusted(new PointerEvent('pointerleave')));
    vi.advanceTimersByTime(GRACE_MS);
    expect(events.at(-1)).toBe('close');
  });

  it('Escape closes the card; closeNow closes it once', () => {
    const hover = start();
    move(over(marks[1]!));
    vi.advanceTimersByTime(OPEN_MS);
    document.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(events).toEqual(['prepare iran', 'open iran', 'close']);
    hover.closeNow();
    expect(events).toEqual(['prepare iran', 'open iran', 'close']);
  });

  it('no card while the reader is selecting text: a button held down, or a selection', () => {
    start();
    move(over(marks[1]!), 1);
    vi.advanceTimersByTime(OPEN_MS * 2);
    expect(events).not.toContain('open iran');
    move(beside);
    const selection = document.getSelection()!;
    selection.selectAllChildren(document.body);
    move(over(marks[2]!));
    vi.advanceTimersByTime(OPEN_MS * 2);
    expect(events.filter((e) => e.startsWith('open'))).toEqual([]);
    selection.removeAllRanges();
  });

  it('openNow opens at once (keyboard, popup), and the delay follows the setting', () => {
    let delay = 100;
    const hover = start({ openDelayMs: () => delay });
    hover.openNow(marks[2]!, over(marks[2]!));
    expect(events).toEqual(['open hama']);
    hover.closeNow();
    delay = 900;
    move(over(marks[0]!));
    vi.advanceTimersByTime(900 - FRAME - 1);
    expect(events.at(-1)).toBe('prepare assad');
    vi.advanceTimersByTime(FRAME + 1);
    expect(events.at(-1)).toBe('open assad');
  });

  it('after its signal aborts, nothing opens or closes any more', () => {
    start();
    move(over(marks[1]!));
    controller.abort();
    vi.advanceTimersByTime(OPEN_MS * 2);
    move(over(marks[2]!));
    vi.advanceTimersByTime(OPEN_MS * 2);
    document.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(events).toEqual(['prepare iran']);
  });

  it('events a page script made (untrusted) open, close and hold nothing', () => {
    start();
    const untrustedMove = (to: { x: number; y: number }) => {
      document.dispatchEvent(new PointerEvent('pointermove', { clientX: to.x, clientY: to.y, bubbles: true }));
      vi.advanceTimersByTime(FRAME);
    };
    untrustedMove(over(marks[1]!));
    vi.advanceTimersByTime(OPEN_MS * 3);
    expect(events).toEqual([]);
    // A card the reader opened: the page can neither close it nor keep it from closing.
    move(over(marks[1]!));
    vi.advanceTimersByTime(OPEN_MS);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    document.documentElement.dispatchEvent(new PointerEvent('pointerleave'));
    untrustedMove(over(marks[2]!));
    vi.advanceTimersByTime(GRACE_MS * 3);
    expect(events).toEqual(['prepare iran', 'open iran']);
    document.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    move(beside);
    vi.advanceTimersByTime(GRACE_MS);
    expect(events.at(-1)).toBe('close');
  });
});

/** A finger (or pen) at `to`, as the browser reports it (happy-dom has no isTrusted, nor MouseEvent's x and y). */
function touch(type: string, to: { x: number; y: number }, pointerType = 'touch'): void {
  const event = new PointerEvent(type, { clientX: to.x, clientY: to.y, pointerId: 3, pointerType, isPrimary: true, bubbles: true });
  Object.defineProperties(event, { isTrusted: { value: true }, x: { value: to.x }, y: { value: to.y } });
  document.dispatchEvent(event);
}

function tap(to: { x: number; y: number }, pointerType = 'touch'): void {
  touch('pointerdown', to, pointerType);
  vi.advanceTimersByTime(60);
  touch('pointerup', to, pointerType);
  // Touch has no hover: a finger that lifts leaves the page.
  document.documentElement.dispatchEvent(new PointerEvent('pointerleave', { pointerType, clientX: to.x, clientY: to.y }));
}

describe('HoverIntent, taps', () => {
  it('a tap on a mark opens its card at once and it stays; a tap on another switches; a tap elsewhere closes', () => {
    start();
    tap(over(marks[1]!));
    expect(events).toEqual(['open iran']);
    vi.advanceTimersByTime(GRACE_MS * 3);
    expect(events).toEqual(['open iran']);
    tap(over(marks[1]!));
    tap(over(marks[2]!));
    expect(events).toEqual(['open iran', 'open hama']);
    tap(beside);
    expect(events).toEqual(['open iran', 'open hama', 'close']);
    tap(beside);
    expect(events.at(-1)).toBe('close');
    expect(events.length).toBe(3);
  });

  it('a pen taps too; a finger that moves over marks hovers nothing', () => {
    start();
    touch('pointerdown', beside);
    touch('pointermove', over(marks[0]!));
    vi.advanceTimersByTime(OPEN_MS * 2);
    touch('pointercancel', over(marks[0]!));
    expect(events).toEqual([]);
    tap(over(marks[0]!), 'pen');
    expect(events).toEqual(['open assad']);
  });

  it('taps inside the card, while text is selected, or beside a pinned card do not open or close', () => {
    start();
    tap(over(marks[1]!));
    inCard = true;
    tap(beside);
    inCard = false;
    pinned = true;
    tap(beside);
    expect(events).toEqual(['open iran']);
    pinned = false;
    const selection = document.getSelection()!;
    selection.selectAllChildren(document.body);
    tap(over(marks[2]!));
    selection.removeAllRanges();
    expect(events).toEqual(['open iran']);
  });

  it('with the setting off, taps do nothing', () => {
    start({ tapToOpen: false });
    tap(over(marks[2]!));
    expect(events).toEqual([]);
  });

  it('the mouse still hovers on the same page (touch laptops)', () => {
    start();
    tap(over(marks[1]!));
    move(over(marks[1]!));
    move(beside);
    vi.advanceTimersByTime(GRACE_MS + FRAME);
    expect(events).toEqual(['open iran', 'close']);
    move(over(marks[2]!));
    vi.advanceTimersByTime(OPEN_MS);
    expect(events).toEqual(['open iran', 'close', 'prepare hama', 'open hama']);
  });
});
