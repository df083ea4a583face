/**
 * Firefox as a touch phone, for the tests of issue 11. Desktop Firefox has no device emulation over
 * WebDriver BiDi (Firefox 153 has no `emulation.setTouchOverride`), so the phone is made with
 * preferences given at launch:
 * - `dom.w3c_touch_events.enabled` 1 and `…legacy_apis.enabled`: touch events and `ontouchstart`,
 *   as on a phone (desktop Firefox turns them on only with a touch screen);
 * - `dom.maxtouchpoints.testing.value` 5: `navigator.maxTouchPoints`, a five-finger screen;
 * - `ui.primaryPointerCapabilities` / `ui.allPointerCapabilities` 1 (coarse, no hover): the media
 *   queries `(pointer: coarse)` and `(hover: none)` match, as on Firefox for Android;
 * Not `dom.meta-viewport.enabled` (Android's handling of `<meta name="viewport">`): with it, launching
 * and opening the first page never completed (touch.test.ts's beforeAll timed out after 150 s). The
 * viewport is simply 390 CSS px wide, at a device pixel ratio of 1.
 *
 *   const raw = keepRawLaunches();
 *   asFirefoxPhone(raw);                        // before the launch
 *   const browser = await launchSnapshot('firefox', { touch: true });   // 390×844 viewport
 *
 * Touch input itself goes through WebDriver BiDi `input.performActions` with pointerType "touch"
 * (the harness's page.tap / touchDrag / longPress). Firefox's remote agent turns those into
 * `windowUtils.synthesizeTouchEvent` in the page's process: trusted touch and pointer events
 * (pointerType "touch") and the click of a tap. They do not pass through the async pan-zoom that
 * turns a real finger's swipe into scrolling and its long press into a selection, so in Firefox a
 * swipe does not scroll and a long press selects nothing, with or without the extension.
 */
import type { RawLaunches } from './raw';

/** Gecko's pointer capability bits (widget/LookAndFeel.h): Coarse = 1, Fine = 2, Hover = 4. */
const COARSE_NO_HOVER = 1;

export const FIREFOX_PHONE_PREFS: Record<string, unknown> = {
  'dom.w3c_touch_events.enabled': 1,
  'dom.w3c_touch_events.legacy_apis.enabled': true,
  'dom.maxtouchpoints.testing.value': 5,
  'ui.primaryPointerCapabilities': COARSE_NO_HOVER,
  'ui.allPointerCapabilities': COARSE_NO_HOVER,
};

/** The next Firefox launched (through `raw`'s wrapped launcher) is a touch phone. */
export function asFirefoxPhone(raw: RawLaunches): void {
  raw.nextFirefoxPrefs = { ...raw.nextFirefoxPrefs, ...FIREFOX_PHONE_PREFS };
}
