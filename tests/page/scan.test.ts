// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { BLOCK_SEPARATOR, extractText, isHiddenByInlineStyle, isInSkippedRegion, OffsetMapper } from '../../page/scan';

const S = BLOCK_SEPARATOR;

function scan(html: string, options = {}) {
  document.body.innerHTML = html;
  return extractText(document.body, options);
}

describe('extractText', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('joins inline markup as a reader sees it and separates blocks', () => {
    const { text } = scan('<p>Bashar al-<b>Assad</b> fled.</p><p>Aleppo fell.</p>');
    expect(text).toBe(`Bashar al-Assad fled.${S}Aleppo fell.`);
  });

  it('skips code, pre, scripts, styles, form fields, editable and hidden regions', () => {
    const { text } = scan(
      '<p>Hama</p><code>Iran</code><pre>Russia</pre><script>var Syria</script><style>.Aleppo{}</style>' +
        '<textarea>Damascus</textarea><input value="Iran"><select><option>Europe</option></select>' +
        '<div contenteditable>Ukraine</div><div contenteditable="false">rebels</div>' +
        '<div aria-hidden="true">refugees</div><div hidden>Assad</div><div style="display:none">Moscow</div>' +
        '<syria-lens-mark>Tehran</syria-lens-mark>',
      { skip: isHiddenByInlineStyle },
    );
    expect(text).toBe(`Hama${S}rebels`);
  });

  it('breaks words at <br> and images inside a paragraph', () => {
    const { text } = scan('<p>rebel<br>forces and Iran<img alt="">ian</p>');
    expect(text).toBe(`rebel${S}forces and Iran${S}ian`);
  });

  it('records text nodes, their offsets and their blocks', () => {
    const index = scan('<div>Iran <span>and</span></div><p>Syria</p>');
    expect(index.nodes.map((n) => n.data)).toEqual(['Iran ', 'and', 'Syria']);
    expect(index.starts).toEqual([0, 5, 9]);
    expect(index.blocks.map((b) => b.tagName)).toEqual(['DIV', 'DIV', 'P']);
    for (let i = 0; i < index.nodes.length; i++) {
      expect(index.text.slice(index.starts[i], index.starts[i]! + index.nodes[i]!.data.length)).toBe(index.nodes[i]!.data);
    }
  });

  it('lists open shadow roots for separate scanning', () => {
    document.body.innerHTML = '<div id="host"></div>';
    const host = document.getElementById('host')!;
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>Damascus</p>';
    const index = extractText(document.body);
    expect(index.shadowRoots).toHaveLength(1);
    expect(extractText(index.shadowRoots[0]!).text).toBe('Damascus');
  });

  it('finds the open shadow roots of every element that can host one, custom elements included', () => {
    // The elements attachShadow allows, and a custom element.
    const hosts = ['article', 'aside', 'blockquote', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'main', 'nav', 'p', 'section', 'span', 'news-story'];
    document.body.innerHTML = hosts.map((tag) => `<${tag}></${tag}>`).join('');
    for (const host of document.body.children) host.attachShadow({ mode: 'open' }).innerHTML = `<p>${host.localName}</p>`;
    const index = extractText(document.body);
    expect(index.shadowRoots.map((root) => extractText(root).text)).toEqual(hosts);
  });
});

describe('OffsetMapper', () => {
  it('maps a mention split by inline markup to both of its text nodes', () => {
    const index = scan('<p>Bashar al-<b>Assad</b> fled</p>');
    const mapper = new OffsetMapper(index);
    const range = document.createRange();
    expect(mapper.seek(0, false)).toBe(true);
    expect(mapper.node!.data).toBe('Bashar al-');
    expect(mapper.offset).toBe(0);
    range.setStart(mapper.node!, mapper.offset);
    expect(mapper.seek(15, true)).toBe(true);
    expect(mapper.node!.data).toBe('Assad');
    expect(mapper.offset).toBe(5);
    expect(mapper.index).toBe(1);
    range.setEnd(mapper.node!, mapper.offset);
    expect(range.toString()).toBe('Bashar al-Assad');
  });

  it('resolves an end on a node boundary to the end of the earlier node', () => {
    const index = scan('<p><i>Iran</i>ian</p>');
    const mapper = new OffsetMapper(index);
    expect(mapper.seek(0, false)).toBe(true);
    expect(mapper.node!.data).toBe('Iran');
    expect(mapper.seek(4, true)).toBe(true);
    expect(mapper.node!.data).toBe('Iran');
    expect(mapper.offset).toBe(4);
  });

  it('finds no point past the text, as when the page shortened a node during a pause', () => {
    const index = scan('<p>Syria</p>');
    const mapper = new OffsetMapper(index);
    (index.nodes[0] as Text).data = 'Sy';
    expect(mapper.seek(2, true)).toBe(true);
    expect(mapper.seek(4, true)).toBe(false);
  });
});

describe('isInSkippedRegion', () => {
  it('is true inside editable regions and false in prose', () => {
    document.body.innerHTML = '<div contenteditable><p id="a">x</p></div><p id="b">y</p>';
    expect(isInSkippedRegion(document.getElementById('a')!.firstChild!)).toBe(true);
    expect(isInSkippedRegion(document.getElementById('b')!.firstChild!)).toBe(false);
  });
});
