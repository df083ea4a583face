/**
 * Where the labels of a locator map go, pure: each dot's label takes the first of right, left,
 * above, below that stays inside the map and clear of the labels and dots placed before it;
 * area labels (country names) are centred on their point and left out when they would collide.
 * Text width is estimated from its length (no layout pass is available, nor needed at this size).
 */

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface LabelRequest {
  text: string;
  x: number;
  y: number;
  size: number;
  /** A dot's label sits beside it; an area label is centred on the point. */
  kind: 'dot' | 'area';
  /** Required labels are placed even when every position collides (the best one is taken). */
  required?: boolean;
}

export interface PlacedLabel {
  text: string;
  /** The text's anchor point and alignment, for SVG `x`, `y`, `text-anchor` (baseline at y). */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  size: number;
  box: Box;
  /** Which request it answers. */
  index: number;
}

/** Rough advance width of a text in a sans-serif face, as a share of the font size. */
const CHAR_WIDTH = 0.56;
const GAP = 5;
const MARGIN = 2;

export function estimateWidth(text: string, size: number): number {
  return [...text].length * size * CHAR_WIDTH;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

function candidates(request: LabelRequest, index: number): PlacedLabel[] {
  const width = estimateWidth(request.text, request.size);
  const ascent = request.size * 0.72;
  const descent = request.size * 0.22;
  const at = (x: number, y: number, anchor: PlacedLabel['anchor']): PlacedLabel => {
    const x0 = anchor === 'start' ? x : anchor === 'end' ? x - width : x - width / 2;
    return { text: request.text, x, y, anchor, size: request.size, index, box: { x0, y0: y - ascent, x1: x0 + width, y1: y + descent } };
  };
  const { x, y } = request;
  if (request.kind === 'area') return [at(x, y + ascent / 2, 'middle')];
  const middle = y + ascent / 2 - descent / 2;
  return [
    at(x + GAP, middle, 'start'),
    at(x - GAP, middle, 'end'),
    at(x, y - GAP - descent, 'middle'),
    at(x, y + GAP + ascent, 'middle'),
  ];
}

/**
 * Places `requests` in order, avoiding `dots` (boxes of the drawn dots) and each other, inside a
 * `width` × `height` map. Returns the placed labels (optional ones that do not fit are left out).
 */
export function layoutLabels(requests: readonly LabelRequest[], dots: readonly Box[], width: number, height: number): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  const inside = (box: Box) => box.x0 >= MARGIN && box.y0 >= MARGIN && box.x1 <= width - MARGIN && box.y1 <= height - MARGIN;
  for (const [index, request] of requests.entries()) {
    const options = candidates(request, index);
    const clear = (label: PlacedLabel) =>
      inside(label.box) && !placed.some((other) => overlaps(label.box, other.box)) && !dots.some((dot) => overlaps(label.box, dot));
    const chosen = options.find(clear) ?? (request.required ? (options.find((label) => inside(label.box)) ?? options[0]) : undefined);
    if (chosen) placed.push(chosen);
  }
  return placed;
}

/** The box of a dot of radius `r` at (x, y). */
export function dotBox(x: number, y: number, r: number): Box {
  return { x0: x - r, y0: y - r, x1: x + r, y1: y + r };
}
