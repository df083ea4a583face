// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { focusName, highlightName as nameOf } from '../../core/mark-names';
import type { EntityKind } from '../../core/types';
import { HighlightPainter, type Mark, WrapPainter } from '../../page/paint';

function rangeOf(node: Text, start: number, end: number, endNode: Text = node): Range {
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(endNode, end);
  return range;
}

function mark(range: Range, entity = 'iran'): Mark {
  return { entity, kind: 'country', range, block: document.body };
}

describe('WrapPainter (fallback without the Highlight API)', () => {
  it('wraps marks and restores the very same text nodes on removal', () => {
    document.body.innerHTML = '<p>Iran and Russia back Assad.</p><p>Bashar al-<b>Assad</b></p>';
    const [p1, p2] = [...document.querySelectorAll('p')];
    const text1 = p1!.firstChild as Text;
    const before = document.body.innerHTML;
    const marks = [
      mark(rangeOf(text1, 0, 4)),
      mark(rangeOf(text1, 9, 15), 'russia'),
      mark(rangeOf(p2!.firstChild as Text, 0, 5, p2!.querySelector('b')!.firstChild as Text), 'assad'),
    ];
    const painter = new WrapPainter(document, 'underline');
    painter.add(marks);
    expect(document.querySelectorAll('syria-lens-mark')).toHaveLength(4);
    expect(marks[0]!.range.toString()).toBe('Iran');
    expect(marks[1]!.range.toString()).toBe('Russia');
    expect(document.body.textContent).toBe('Iran and Russia back Assad.Bashar al-Assad');
    painter.clear();
    expect(document.body.innerHTML).toBe(before);
    expect(p1!.firstChild).toBe(text1);
    expect(p1!.childNodes).toHaveLength(1);
    expect(text1.data).toBe('Iran and Russia back Assad.');
  });

  it('applies the mark style and focus as attributes on its own elements only', () => {
    document.body.innerHTML = '<p>Iran</p>';
    const m = mark(rangeOf(document.querySelector('p')!.firstChild as Text, 0, 4));
    const painter = new WrapPainter(document, 'underline');
    painter.add([m]);
    painter.setStyle('background');
    painter.focus(m);
    const wrapper = document.querySelector('syria-lens-mark')!;
    expect(wrapper.getAttribute('data-style')).toBe('background');
    expect(wrapper.hasAttribute('data-focus')).toBe(true);
    painter.clear();
    expect(document.body.innerHTML).toBe('<p>Iran</p>');
  });
});

/** A stand-in for the browser's Highlight registry (happy-dom has none). */
class FakeHighlight extends Set<Range> {
  priority = 0;
}

const TOKEN = 'zxcvbnmasd';
const highlightName = (style: 'underline' | 'background', kind: EntityKind) => nameOf(TOKEN, style, kind);

describe('HighlightPainter', () => {
  function fakeWindow() {
    const registry = new Map<string, FakeHighlight>();
    return { win: { Highlight: FakeHighlight, CSS: { highlights: registry } } as unknown as Window & typeof globalThis, registry };
  }

  it('registers ranges per kind and style, never touching the DOM', () => {
    document.body.innerHTML = '<p>Iran and Hama</p>';
    const before = document.body.innerHTML;
    const text = document.querySelector('p')!.firstChild as Text;
    const { win, registry } = fakeWindow();
    const painter = new HighlightPainter(win, 'underline', TOKEN);
    const iran = mark(rangeOf(text, 0, 4));
    const hama: Mark = { ...mark(rangeOf(text, 9, 13), 'hama'), kind: 'place' };
    painter.add([iran, hama]);
    expect(document.body.innerHTML).toBe(before);
    expect(registry.get(highlightName('underline', 'country'))!.has(iran.range)).toBe(true);
    expect(registry.get(highlightName('underline', 'place'))!.has(hama.range)).toBe(true);

    painter.setStyle('background');
    expect(registry.has(highlightName('underline', 'country'))).toBe(false);
    expect(registry.get(highlightName('background', 'country'))!.size).toBe(1);

    painter.remove([iran]);
    expect(registry.get(highlightName('background', 'country'))!.size).toBe(0);
    painter.clear();
    expect(registry.size).toBe(0);
  });

  it('re-registers its highlights after the page clears the shared registry', () => {
    document.body.innerHTML = '<p>Iran</p>';
    const { win, registry } = fakeWindow();
    const painter = new HighlightPainter(win, 'underline', TOKEN);
    const iran = mark(rangeOf(document.querySelector('p')!.firstChild as Text, 0, 4));
    painter.add([iran]);
    registry.clear();
    painter.ensureRegistered();
    expect(registry.get(highlightName('underline', 'country'))!.has(iran.range)).toBe(true);
  });

  it('the reader\'s own names get no highlight at all, and focusing one registers nothing', () => {
    document.body.innerHTML = '<p>Iran and Abu Hamza</p>';
    const text = document.querySelector('p')!.firstChild as Text;
    const { win, registry } = fakeWindow();
    const own = (m: Mark) => m.entity === 'mine';
    const painter = new HighlightPainter(win, 'underline', TOKEN, own);
    const iran = mark(rangeOf(text, 0, 4));
    const mine: Mark = { ...mark(rangeOf(text, 9, 18), 'mine'), kind: 'person' };
    painter.add([iran, mine]);
    expect([...registry.keys()]).toEqual([highlightName('underline', 'country')]);
    const ranges = [...registry.values()].flatMap((h) => [...h]);
    expect(ranges.map((r) => r.toString())).toEqual(['Iran']);
    painter.focus(mine);
    expect(registry.has(focusName(TOKEN))).toBe(false);
    painter.focus(iran);
    expect(registry.get(focusName(TOKEN))!.has(iran.range)).toBe(true);
  });

  it('with style "none" nothing at all is in the registry, and a visible style brings the marks back', () => {
    document.body.innerHTML = '<p>Iran</p>';
    const { win, registry } = fakeWindow();
    const painter = new HighlightPainter(win, 'none', TOKEN);
    const iran = mark(rangeOf(document.querySelector('p')!.firstChild as Text, 0, 4));
    painter.add([iran]);
    painter.focus(iran);
    painter.ensureRegistered();
    expect(registry.size).toBe(0);
    painter.setStyle('background');
    expect(registry.get(highlightName('background', 'country'))!.has(iran.range)).toBe(true);
    painter.setStyle('none');
    expect(registry.size).toBe(0);
  });

  it('clear takes out only its own highlights', () => {
    document.body.innerHTML = '<p>Iran</p>';
    const { win, registry } = fakeWindow();
    registry.set('page-own', new FakeHighlight());
    const painter = new HighlightPainter(win, 'underline', TOKEN);
    painter.add([mark(rangeOf(document.querySelector('p')!.firstChild as Text, 0, 4))]);
    painter.clear();
    expect([...registry.keys()]).toEqual(['page-own']);
  });
});
