// @vitest-environment happy-dom
/**
 * Taps (page/tap.ts): what counts as a tap, what does not (a moving, long, cancelled, untrusted,
 * mouse or secondary touch, a touch on a link), and that no touch is ever cancelled for the page.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listenForTaps, TAP_MAX_MS, TAP_SLOP_PX } from '../../page/tap';

/** A pointer event as the browser would send it. */
function pointer(
  type: string,
  init: PointerEventInit & { timeStamp?: number; trusted?: boolean } = {},
  target: EventTarget = document.body,
): PointerEvent {
  const { timeStamp, trusted = true, ...rest } = init;
  const event = new PointerEvent(type, { bubbles: true, cancelable: true, composed: true, pointerId: 7, pointerType: 'touch', isPrimary: true, ...rest });
  // happy-dom has neither isTrusted nor MouseEvent's x and y (the same as clientX and clientY).
  Object.defineProperties(event, { isTrusted: { value: trusted }, x: { value: event.clientX }, y: { value: event.clientY } });
  if (timeStamp !== undefined) Object.defineProperty(event, 'timeStamp', { value: timeStamp });
  target.dispatchEvent(event);
  return event;
}

const at = (x: number, y: number, t: number) => ({ clientX: x, clientY: y, timeStamp: t });

describe('listenForTaps', () => {
  let controller: AbortController;
  let taps: PointerEvent[];

  beforeEach(() => {
    document.body.innerHTML = '<p id="text">Bashar al-Assad met <a href="/iran" id="link">Iran</a></p>';
    controller = new AbortController();
    taps = [];
    listenForTaps(document, (event) => taps.push(event), controller.signal);
  });
  afterEach(() => controller.abort());

  const text = () => document.getElementById('text')!;

  it('reports a tap by touch or pen, with the pointerup', () => {
    pointer('pointerdown', at(50, 10, 0), text());
    const up = pointer('pointerup', at(52, 11, 90), text());
    pointer('pointerdown', { ...at(50, 10, 200), pointerType: 'pen' }, text());
    pointer('pointerup', { ...at(50, 10, 260), pointerType: 'pen' }, text());
    expect(taps.length).toBe(2);
    expect(taps[0]).toBe(up);
  });

  it('never cancels a touch: every event stays as the page and browser see it', () => {
    const down = pointer('pointerdown', at(50, 10, 0), text());
    const up = pointer('pointerup', at(50, 10, 50), text());
    expect(taps.length).toBe(1);
    expect(down.defaultPrevented || up.defaultPrevented).toBe(false);
  });

  it('ignores the mouse (it hovers), untrusted events, other fingers and links', () => {
    pointer('pointerdown', { ...at(50, 10, 0), pointerType: 'mouse' }, text());
    pointer('pointerup', { ...at(50, 10, 50), pointerType: 'mouse' }, text());
    pointer('pointerdown', { ...at(50, 10, 100), trusted: false }, text());
    pointer('pointerup', { ...at(50, 10, 150), trusted: false }, text());
    // A page script cannot finish a real touch with a fake pointerup either.
    pointer('pointerdown', at(50, 10, 200), text());
    pointer('pointerup', { ...at(50, 10, 250), trusted: false }, text());
    pointer('pointerdown', { ...at(50, 10, 300), isPrimary: false, pointerId: 8 }, text());
    pointer('pointerup', { ...at(50, 10, 350), isPrimary: false, pointerId: 8 }, text());
    const link = document.getElementById('link')!;
    pointer('pointerdown', at(200, 10, 400), link);
    pointer('pointerup', at(200, 10, 450), link);
    expect(taps).toEqual([]);
  });

  it('a finger may move a little while it taps, not further; nor may it stay long', () => {
    pointer('pointerdown', at(50, 10, 0), text());
    pointer('pointerup', at(56, 2, TAP_MAX_MS), text());
    pointer('pointerdown', at(50, 10, 1000), text());
    pointer('pointerup', at(50 + TAP_SLOP_PX + 1, 10, 1050), text());
    pointer('pointerdown', at(50, 10, 2000), text());
    pointer('pointerup', at(58, 18, 2050), text());
    pointer('pointerdown', at(50, 10, 3000), text());
    pointer('pointerup', at(50, 10, 3000 + TAP_MAX_MS + 1), text());
    pointer('pointerdown', at(50, 10, 4000), text());
    pointer('pointerup', { ...at(50, 10, 4050), pointerId: 9 }, text());
    expect(taps.length).toBe(1);
  });

  it('a tap on a link, or on text inside one, is the link’s', () => {
    document.body.insertAdjacentHTML('beforeend', '<a href="/x"><b id="in">Assad</b></a> <a id="anchor">Hama</a>');
    for (const id of ['in', 'anchor']) {
      pointer('pointerdown', at(50, 10, 0), document.getElementById(id)!);
      pointer('pointerup', at(50, 10, 50), document.getElementById(id)!);
    }
    // An <a> without href is no link.
    expect(taps.map((tap) => (tap.target as Element).id)).toEqual(['anchor']);
  });

  it('a scroll (pointercancel), a drag or a long press is no tap', () => {
    pointer('pointerdown', at(50, 10, 0), text());
    pointer('pointercancel', at(50, 40, 60), text());
    pointer('pointerup', at(50, 10, 80), text());
    pointer('pointerdown', at(50, 10, 100), text());
    pointer('pointerup', at(50, 60, 200), text());
    pointer('pointerdown', at(50, 10, 300), text());
    pointer('pointerup', at(50, 10, 300 + TAP_MAX_MS + 100), text());
    expect(taps).toEqual([]);
  });

  it('stops when its signal aborts', () => {
    controller.abort();
    pointer('pointerdown', at(50, 10, 0), text());
    pointer('pointerup', at(50, 10, 50), text());
    expect(taps).toEqual([]);
  });
});
