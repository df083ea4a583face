/** Small facts about text, shared by the sentence splitter, the compiler and the pages. Pure. */

/**
 * Is the UTF-16 code unit `c` white space, as RegExp `\s` defines it (spaces, tabs, line and
 * paragraph separators, no-break spaces, U+FEFF)? A comparison or two instead of a RegExp: the
 * sentence splitter asks this for every character of a megabyte briefing.
 */
export function isWhiteSpaceCode(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Is the UTF-16 unit at `i` white space (see `isWhiteSpaceCode`)? `false` past either end. */
export function isWhiteSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return !Number.isNaN(c) && isWhiteSpaceCode(c);
}

/** [start, end) without the white space at either end. */
export function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && isWhiteSpaceAt(text, start)) start++;
  while (end > start && isWhiteSpaceAt(text, end - 1)) end--;
  return [start, end];
}
