/**
 * happy-dom makes every event untrusted (as a page script's own `dispatchEvent` would be), while
 * the page side acts on trusted events only. Tests that play the reader mark their events trusted,
 * as the browser does for real input.
 */
export function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}
