// @vitest-environment happy-dom
/**
 * Names know their language on a page (issue 10): each text is matched with the names of its
 * language — the nearest `lang` / `xml:lang`, then the document's, then Content-Language — and
 * where nothing declares one, the language the browser detects (asked once per page).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { builtInEntities } from '../../core/catalogue';
import { createMatcher } from '../../core/matcher';
import { languageRuns } from '../../page/language';
import { PageMarks } from '../../page/marks';
import type { Mark, Painter } from '../../page/paint';
import { extractText } from '../../page/scan';

const { find } = createMatcher(builtInEntities());

class RecordingPainter implements Painter {
  readonly kind = 'highlight' as const;
  readonly painted = new Set<Mark>();
  add(marks: readonly Mark[]) {
    for (const m of marks) this.painted.add(m);
  }
  remove(marks: readonly Mark[]) {
    for (const m of marks) this.painted.delete(m);
  }
  focus() {}
  setStyle() {}
  clear() {
    this.painted.clear();
  }
  /** `text → entity` of every painted mark, in document order. */
  marks() {
    return [...this.painted]
      .sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range))
      .map((m) => `${m.range.toString()} → ${m.entity}`);
  }
}

let controller: AbortController | undefined;
afterEach(() => {
  controller?.abort();
  document.documentElement.removeAttribute('lang');
  document.head.innerHTML = '';
});

/** Loads `body` into the document (with `lang` on the root, and `head`) and marks it. */
async function mark(body: string, { lang, head = '', detectLanguage }: { lang?: string; head?: string; detectLanguage?: (text: string) => Promise<string | undefined> } = {}) {
  if (lang !== undefined) document.documentElement.setAttribute('lang', lang);
  document.head.innerHTML = head;
  document.body.innerHTML = body;
  controller = new AbortController();
  const painter = new RecordingPainter();
  const marks = new PageMarks({ doc: document, find, kindOf: () => 'place', painter, firstOnly: false, signal: controller.signal, onChange: () => {}, ...(detectLanguage ? { detectLanguage } : {}) });
  await marks.start();
  return painter;
}

/** The language of each run over the body's text, with the run's text. */
function runs(body: string, lang?: string, head = ''): Array<[string, string | undefined]> {
  if (lang !== undefined) document.documentElement.setAttribute('lang', lang);
  document.head.innerHTML = head;
  document.body.innerHTML = body;
  const index = extractText(document.body);
  return languageRuns(index).map(({ start, end, language }) => [index.text.slice(start, end).replace(/\u2029$/, ''), language]);
}

describe('languageRuns: the declared language of each part of a page', () => {
  it('takes the nearest lang on the text, then the document’s', () => {
    expect(runs('<p>One.</p><blockquote lang="ar-SY"><p>Two.</p></blockquote><p>Three <q lang="de">vier</q> five.</p>', 'en-GB')).toEqual([
      ['One.', 'en'],
      ['Two.', 'ar'],
      ['Three ', 'en'],
      ['vier', 'de'],
      [' five.', 'en'],
    ]);
  });

  it('reads xml:lang too, passes over a lang that says nothing, and joins neighbours in one language', () => {
    expect(runs('<p xml:lang="fr">Un.</p><p lang="">Two.</p><p lang="en">Three.</p><p lang="x-private">Four.</p>', 'en')).toEqual([
      ['Un.', 'fr'],
      ['Two.\u2029Three.\u2029Four.', 'en'],
    ]);
  });

  it('falls back to Content-Language (the meta pragma), and leaves text undeclared when nothing declares it', () => {
    const meta = '<meta http-equiv="Content-Language" content="de">';
    expect(runs('<p>Eins.</p><p lang="es">Dos.</p>', undefined, meta)).toEqual([['Eins.', 'de'], ['Dos.', 'es']]);
    document.head.innerHTML = '';
    expect(runs('<p>One.</p><p lang="es">Dos.</p><p>Three.</p>')).toEqual([['One.', undefined], ['Dos.', 'es'], ['Three.', undefined]]);
  });

  it('on a long page, the same answers whether or not something below the root declares a language', () => {
    // Past 64 text nodes a page where only the root declares is decided in one go (one query);
    // one lang="de" at the very end must still be found.
    const paragraphs = Array.from({ length: 100 }, (_, i) => `<p>Line ${i} <b>bold</b>.</p>`).join('');
    const plain = runs(paragraphs, 'en-GB');
    expect(plain).toHaveLength(1);
    expect(plain[0]![1]).toBe('en');
    expect(plain[0]![0]).toMatch(/^Line 0 bold\.\u2029Line 1 bold\./);
    expect(runs(paragraphs + '<p lang="de">Ende.</p>', 'en-GB').map(([, language]) => language)).toEqual(['en', 'de']);
    document.documentElement.removeAttribute('lang');
    const xmlRoot = runs(paragraphs);
    expect(xmlRoot[0]![1]).toBeUndefined();
    document.documentElement.setAttribute('xml:lang', 'fr');
    try {
      expect(runs(paragraphs)).toEqual([[expect.stringMatching(/^Line 0/), 'fr']]);
    } finally {
      document.documentElement.removeAttribute('xml:lang');
    }
  });

  it('in an open shadow root, a lang inside counts and the host’s does not reach in, long or short', () => {
    for (const count of [3, 100]) {
      document.documentElement.setAttribute('lang', 'en');
      document.body.innerHTML = '<div lang="de"></div>';
      const root = document.body.firstElementChild!.attachShadow({ mode: 'open' });
      root.innerHTML = Array.from({ length: count }, (_, i) => `<p>Zeile ${i}.</p>`).join('') + '<p lang="es">Fin.</p>';
      const index = extractText(root);
      expect(languageRuns(index).map(({ language }) => language)).toEqual(['en', 'es']);
    }
  });
});

describe('PageMarks: names of the text’s language', () => {
  it('an English page never marks Europa; a German block in it does', async () => {
    const painter = await mark(
      '<p>The Europa probe and Europa, the moon, have nothing to do with Syria.</p>' +
        '<p lang="de">Viele Syrer flohen nach Europa.</p>',
      { lang: 'en' },
    );
    expect(painter.marks()).toEqual(['Syria → syria', 'Syrer → syria', 'Europa → europe']);
  });

  it('a German page marks Europa', async () => {
    const painter = await mark('<p>Viele Syrer flohen nach Europa.</p>', { lang: 'de-DE' });
    expect(painter.marks()).toEqual(['Syrer → syria', 'Europa → europe']);
  });

  it('an English paragraph quoting an Arabic one gets the Arabic names in that quote only', async () => {
    const arabic = 'سقطت دمشق وفرّ الأسد إلى روسيا';
    const painter = await mark(`<p>Assad fled. A witness wrote:</p><blockquote lang="ar" dir="rtl">${arabic}</blockquote><p>Quoted unmarked: ${arabic}</p>`, { lang: 'en' });
    expect(painter.marks()).toEqual(['Assad → assad', 'دمشق → damascus', 'الأسد → assad', 'روسيا → russia']);
  });

  it('Content-Language decides when no lang does', async () => {
    const painter = await mark('<p>Viele Syrer flohen nach Europa.</p>', { head: '<meta http-equiv="Content-Language" content="en">' });
    expect(painter.marks()).toEqual([]);
  });
});

describe('PageMarks: detection where nothing is declared', () => {
  const german = '<p>Viele Syrer flohen nach Europa.</p>';

  it('asks the detector once, with the undeclared text, and matches it with the detected language', async () => {
    const detectLanguage = vi.fn((_text: string) => Promise.resolve('en'));
    const painter = await mark(`${german}<p lang="de">Nach Europa.</p>`, { detectLanguage });
    expect(detectLanguage).toHaveBeenCalledTimes(1);
    expect(detectLanguage.mock.calls[0]![0]).toBe('Viele Syrer flohen nach Europa.\u2029');
    // Detected English: the undeclared German sentence gets English names; the declared block keeps its own.
    expect(painter.marks()).toEqual(['Europa → europe']);
  });

  it('a page detected as German marks Europa', async () => {
    const painter = await mark(german, { detectLanguage: () => Promise.resolve('de') });
    expect(painter.marks()).toEqual(['Syrer → syria', 'Europa → europe']);
  });

  it('does not ask when the page declares its language', async () => {
    const detectLanguage = vi.fn(() => Promise.resolve('de'));
    await mark(german, { lang: 'en', detectLanguage });
    expect(detectLanguage).not.toHaveBeenCalled();
  });

  it('uses every language’s names when the detector cannot tell, or fails', async () => {
    expect((await mark(german, { detectLanguage: () => Promise.resolve(undefined) })).marks()).toEqual(['Syrer → syria', 'Europa → europe']);
    controller?.abort();
    expect((await mark(german, { detectLanguage: () => Promise.reject(new Error('gone')) })).marks()).toEqual(['Syrer → syria', 'Europa → europe']);
  });

  it('text that arrives later is detected then, and the page is marked again in its language', async () => {
    const detectLanguage = vi.fn(() => Promise.resolve('en'));
    const painter = await mark('<main></main>', { detectLanguage });
    expect(detectLanguage).not.toHaveBeenCalled();
    const p = document.createElement('p');
    p.textContent = 'Europa, the moon, and Syria.';
    document.querySelector('main')!.append(p);
    await vi.waitUntil(() => painter.marks().length === 1 && detectLanguage.mock.calls.length === 1, { timeout: 2000, interval: 20 });
    expect(painter.marks()).toEqual(['Syria → syria']);
  });
});
