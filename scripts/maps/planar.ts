/**
 * Plane geometry on projected (pixel) coordinates for the map generator and its tests: areas,
 * centroids, point in polygon, clipping lines to the frame, and the compact SVG path format the
 * maps are written in (and its parser, which the tests use to check what is actually drawn).
 */

export type Point = [number, number];
export type Ring = Point[];
/** Polygons, each an outer ring followed by its holes (the polygon-clipping / GeoJSON layout). */
export type MultiPolygon = Ring[][];
export type Lines = Point[][];

/** Signed area of a ring (shoelace; open or closed ring). */
export function ringArea(ring: readonly Point[]): number {
  let sum = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % n]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/** Area of polygons with holes, by the even-odd rule over all their rings. */
export function multiPolygonArea(polygons: readonly (readonly Ring[])[]): number {
  return polygons.reduce(
    (total, [outer, ...holes]) =>
      total + (outer ? Math.abs(ringArea(outer)) : 0) - holes.reduce((h, ring) => h + Math.abs(ringArea(ring)), 0),
    0,
  );
}

/** Area-weighted centroid of a set of rings taken with the even-odd rule (outer rings positive). */
export function multiPolygonCentroid(polygons: readonly (readonly Ring[])[]): Point {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (const polygon of polygons) {
    polygon.forEach((ring, index) => {
      const sign = index === 0 ? 1 : -1;
      const a = Math.abs(ringArea(ring)) * sign;
      const [x, y] = ringCentroid(ring);
      area += a;
      cx += x * a;
      cy += y * a;
    });
  }
  return [cx / area, cy / area];
}

function ringCentroid(ring: readonly Point[]): Point {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % n]!;
    const cross = x1 * y2 - x2 * y1;
    a += cross;
    cx += (x1 + x2) * cross;
    cy += (y1 + y2) * cross;
  }
  return [cx / (3 * a), cy / (3 * a)];
}

/** Is `point` inside the rings (even-odd rule: a point in a hole is outside)? */
export function insideRings(rings: readonly (readonly Point[])[], [x, y]: Point): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Distance from `point` to the nearest edge of the rings. */
export function distanceToRings(rings: readonly (readonly Point[])[], point: Point): number {
  let best = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      best = Math.min(best, distanceToSegment(point, ring[j]!, ring[i]!));
    }
  }
  return best;
}

function distanceToSegment([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** The parts of a polyline inside the rectangle [x0, y0, x1, y1] (Liang–Barsky on each segment). */
export function clipLine(line: readonly Point[], [x0, y0, x1, y1]: readonly [number, number, number, number]): Lines {
  const out: Lines = [];
  let current: Point[] | null = null;
  for (let i = 1; i < line.length; i++) {
    const [ax, ay] = line[i - 1]!;
    const [bx, by] = line[i]!;
    const dx = bx - ax;
    const dy = by - ay;
    let t0 = 0;
    let t1 = 1;
    const edges: [number, number][] = [
      [-dx, ax - x0],
      [dx, x1 - ax],
      [-dy, ay - y0],
      [dy, y1 - ay],
    ];
    let visible = true;
    for (const [p, q] of edges) {
      if (p === 0) {
        if (q < 0) visible = false;
      } else {
        const r = q / p;
        if (p < 0) t0 = Math.max(t0, r);
        else t1 = Math.min(t1, r);
      }
    }
    if (!visible || t0 > t1) {
      current = null;
      continue;
    }
    const start: Point = [ax + t0 * dx, ay + t0 * dy];
    const end: Point = [ax + t1 * dx, ay + t1 * dy];
    if (!current || t0 > 0) {
      current = [start];
      out.push(current);
    }
    current.push(end);
    if (t1 < 1) current = null;
  }
  return out;
}

/**
 * Rings rounded to `digits` decimals, as integers of that unit, without repeated points or
 * closing duplicates; rings left with fewer than 3 points, or smaller than `minArea` px², go.
 */
export function quantizeRings(rings: readonly (readonly Point[])[], digits: number, minArea: number): Ring[] {
  const unit = 10 ** digits;
  const out: Ring[] = [];
  for (const ring of rings) {
    const points: Ring = [];
    for (const [x, y] of ring) {
      const q: Point = [Math.round(x * unit), Math.round(y * unit)];
      const last = points[points.length - 1];
      if (!last || last[0] !== q[0] || last[1] !== q[1]) points.push(q);
    }
    const first = points[0];
    const last = points[points.length - 1];
    if (points.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) points.pop();
    if (points.length >= 3 && Math.abs(ringArea(points)) / (unit * unit) >= minArea) out.push(points);
  }
  return out;
}

/** Polylines rounded like `quantizeRings`; lines shorter than one unit go. */
export function quantizeLines(lines: Lines, digits: number): Lines {
  const unit = 10 ** digits;
  return lines
    .map((line) => {
      const points: Point[] = [];
      for (const [x, y] of line) {
        const q: Point = [Math.round(x * unit), Math.round(y * unit)];
        const last = points[points.length - 1];
        if (!last || last[0] !== q[0] || last[1] !== q[1]) points.push(q);
      }
      return points;
    })
    .filter((points) => points.length >= 2);
}

/** A number of `digits`-decimal units, written as short as SVG allows (".5", "-1.2", "3"). */
function formatUnits(units: number, digits: number): string {
  if (digits === 0) return String(units);
  const sign = units < 0 ? '-' : '';
  const abs = Math.abs(units);
  const whole = Math.floor(abs / 10 ** digits);
  const fraction = String(abs % 10 ** digits).padStart(digits, '0').replace(/0+$/, '');
  if (!fraction) return `${sign}${whole}`;
  return `${sign}${whole === 0 ? '' : whole}.${fraction}`;
}

/** Numbers joined with the fewest separators SVG's grammar needs ("1.5.5" is 1.5 then .5). */
function joinNumbers(numbers: readonly string[]): string {
  let out = '';
  let previousHasDot = false;
  for (const number of numbers) {
    if (out === '' || number.startsWith('-') || (number.startsWith('.') && previousHasDot)) out += number;
    else out += ' ' + number;
    previousHasDot = number.includes('.');
  }
  return out;
}

/** Quantized rings (integers of `digits` units) as path data; `close` adds `z` to each. */
export function toPath(shapes: readonly (readonly Point[])[], digits: number, close: boolean): string {
  let out = '';
  for (const shape of shapes) {
    const [first, ...rest] = shape;
    if (!first) continue;
    const numbers = [formatUnits(first[0], digits), formatUnits(first[1], digits)];
    let piece = 'M' + joinNumbers(numbers);
    if (rest.length) {
      const deltas: string[] = [];
      let [px, py] = first;
      for (const [x, y] of rest) {
        deltas.push(formatUnits(x - px, digits), formatUnits(y - py, digits));
        px = x;
        py = y;
      }
      piece += 'l' + joinNumbers(deltas);
    }
    out += piece + (close ? 'z' : '');
  }
  return out;
}

/**
 * The shapes of path data written by `toPath` (absolute M, relative l, z), in pixels. Used by the
 * tests to check what the card will draw, so it reads only this subset and throws on anything else.
 */
export function parsePath(d: string): Point[][] {
  const tokens = d.match(/[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)/g) ?? [];
  const shapes: Point[][] = [];
  let current: Point[] | null = null;
  let command = '';
  const numbers: number[] = [];
  const flush = () => {
    if (command === 'M') {
      if (numbers.length !== 2) throw new Error(`M takes 2 numbers: ${numbers.join(' ')}`);
      current = [[numbers[0]!, numbers[1]!]];
      shapes.push(current);
    } else if (command === 'l') {
      if (!current || numbers.length % 2) throw new Error('l needs a current point and pairs');
      for (let i = 0; i < numbers.length; i += 2) {
        const [x, y] = current[current.length - 1]!;
        current.push([x + numbers[i]!, y + numbers[i + 1]!]);
      }
    } else if (command === 'z') {
      current = null;
    } else if (command) {
      throw new Error(`Unexpected command ${command}`);
    }
    numbers.length = 0;
  };
  for (const token of tokens) {
    if (/[A-Za-z]/.test(token)) {
      flush();
      command = token;
    } else numbers.push(Number(token));
  }
  flush();
  return shapes;
}

/**
 * A ring clipped to the rectangle [x0, y0, x1, y1] (Sutherland–Hodgman: linear time, any
 * orientation). A ring that leaves and comes back yields one ring with edges along the frame,
 * which fill exactly like the separate pieces would.
 */
export function clipRingToRect(ring: readonly Point[], [x0, y0, x1, y1]: readonly [number, number, number, number]): Ring {
  let points: Point[] = [...ring];
  const edges: [(p: Point) => boolean, (a: Point, b: Point) => Point][] = [
    [(p) => p[0] >= x0, (a, b) => atX(a, b, x0)],
    [(p) => p[0] <= x1, (a, b) => atX(a, b, x1)],
    [(p) => p[1] >= y0, (a, b) => atY(a, b, y0)],
    [(p) => p[1] <= y1, (a, b) => atY(a, b, y1)],
  ];
  for (const [inside, cross] of edges) {
    const input = points;
    points = [];
    for (let i = 0; i < input.length; i++) {
      const current = input[i]!;
      const previous = input[(i + input.length - 1) % input.length]!;
      if (inside(current)) {
        if (!inside(previous)) points.push(cross(previous, current));
        points.push(current);
      } else if (inside(previous)) points.push(cross(previous, current));
    }
    if (!points.length) break;
  }
  return points;
}

function atX([ax, ay]: Point, [bx, by]: Point, x: number): Point {
  return [x, ay + ((by - ay) * (x - ax)) / (bx - ax)];
}

function atY([ax, ay]: Point, [bx, by]: Point, y: number): Point {
  return [ax + ((bx - ax) * (y - ay)) / (by - ay), y];
}
