/**
 * Is a point inside a shape the build drew (the compact path data of components/locator-map-types:
 * `M x y` then relative `l dx dy …`, `z` closing each ring)? Even-odd rule, in the frame's pixels.
 *
 * A reader's own place comes with coordinates only, not with the country GeoNames gives the
 * bundled places: this tells its map's text alternative whether the dot falls in Syria (and in
 * the occupied Golan), from the same outline the reader sees it drawn in. Pure, and small: the
 * card bundle carries it, not scripts/maps/planar.ts.
 */
export function insidePath(d: string, [x, y]: readonly [number, number]): boolean {
  let inside = false;
  let start: [number, number] | null = null;
  let last: [number, number] | null = null;
  const edge = (a: readonly [number, number], b: readonly [number, number]) => {
    if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  };
  const close = () => {
    if (start && last) edge(last, start);
    start = last = null;
  };
  let command = '';
  let pending: number | null = null;
  for (const token of d.match(/[Mlz]|-?(?:\d+\.?\d*|\.\d+)/g) ?? []) {
    if (token === 'M' || token === 'l' || token === 'z') {
      if (token !== 'l') close();
      command = token;
      pending = null;
      continue;
    }
    const value = Number(token);
    if (pending === null) {
      pending = value;
      continue;
    }
    if (command === 'M') {
      start = last = [pending, value];
    } else if (command === 'l' && last) {
      const next: [number, number] = [last[0] + pending, last[1] + value];
      edge(last, next);
      last = next;
    }
    pending = null;
  }
  close();
  return inside;
}
