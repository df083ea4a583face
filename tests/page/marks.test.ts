// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Mention } from '../../core/types';
import { PageMarks } from '../../page/marks';
import type { Mark, Painter } from '../../page/paint';

/** A small stand-in matcher: whole-word, case-sensitive names. The real one is tested in core. */
const NAMES: Record<string, string> = { Iran: 'iran', Hama: 'hama', Aleppo: 'aleppo', 'Bashar al-Assad': 'assad' };
function find(text: string): Mention[] {
  const out: Mention[] = [];
  for (const m of text.matchAll(/Bashar al-Assad|\b(?:Iran|Hama|Aleppo)\b/g)) {
    out.push({ entity: NAMES[m[0]]!, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

class RecordingPainter implements Painter {
  readonly kind = 'highlight' as const;
  readonly painted = new Set<Mark>();
  /** How many marks each `add` call brought. */
  readonly batches: number[] = [];
  add(marks: readonly Mark[]) {
    this.batches.push(marks.length);
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
  texts() {
    return [...this.painted].map((m) => m.range.toString()).sort();
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let controller: AbortController;

function start(html: string, firstOnly = false) {
  document.body.innerHTML = html;
  controller = new AbortController();
  const painter = new RecordingPainter();
  let changes = 0;
  const marks = new PageMarks({
    doc: document,
    find,
    kindOf: () => 'place',
    painter,
    firstOnly,
    signal: controller.signal,
    onChange: () => changes++,
  });
  return { marks, painter, changes: () => changes, ready: marks.start() };
}

afterEach(() => controller?.abort());

describe('PageMarks', () => {
  it('marks every mention, including one split by inline markup, without touching the DOM', async () => {
    const { marks, painter, ready } = start('<p>Bashar al-<b>Assad</b> lost Hama and Aleppo.</p><p>Iran left.</p>');
    const before = document.body.innerHTML;
    await ready;
    expect(painter.texts()).toEqual(['Aleppo', 'Bashar al-Assad', 'Hama', 'Iran']);
    expect(marks.counts()).toEqual({ assad: 1, hama: 1, aleppo: 1, iran: 1 });
    expect(document.body.innerHTML).toBe(before);
  });

  it('follows added, changed and removed text', async () => {
    const { painter, ready } = start('<div id="feed"><p id="first">Hama</p></div>');
    await ready;
    const feed = document.getElementById('feed')!;
    const added = document.createElement('p');
    added.textContent = 'Then Aleppo and Iran.';
    feed.appendChild(added);
    await wait(250);
    expect(painter.texts()).toEqual(['Aleppo', 'Hama', 'Iran']);

    (added.firstChild as Text).data = 'Only Iran now.';
    await wait(250);
    expect(painter.texts()).toEqual(['Hama', 'Iran']);

    document.getElementById('first')!.remove();
    await wait(250);
    expect(painter.texts()).toEqual(['Iran']);
  });

  it('never marks inside editable regions, even when text is typed there later', async () => {
    const { painter, ready } = start('<div contenteditable="true"><p>Hama</p></div><p>Iran</p>');
    await ready;
    document.querySelector('[contenteditable] p')!.append(' and Aleppo');
    await wait(250);
    expect(painter.texts()).toEqual(['Iran']);
  });

  it('ignores its own card host being added to the page', async () => {
    const { painter, ready, changes } = start('<p>Iran</p>');
    await ready;
    const before = changes();
    document.documentElement.appendChild(document.createElement('abcdefghij-c'));
    await wait(250);
    expect(changes()).toBe(before);
    expect(painter.texts()).toEqual(['Iran']);
  });

  it('marks only the first mention of each entity in first-only mode', async () => {
    const { painter, marks, ready } = start('<p>Iran, Hama, Iran and Hama.</p><p>Iran</p>', true);
    await ready;
    expect(marks.counts()).toEqual({ iran: 3, hama: 2 });
    expect(painter.painted.size).toBe(2);
    const offsets = [...painter.painted].map((m) => m.range.startOffset).sort((a, b) => a - b);
    expect(offsets).toEqual([0, 6]);
  });

  it('handles a storm of mutations with one full rescan and ends with the right marks', async () => {
    const { painter, ready } = start('<div id="live"></div>');
    await ready;
    performance.clearMeasures();
    const live = document.getElementById('live')!;
    for (let i = 0; i < 1200; i++) {
      const p = document.createElement('p');
      p.textContent = i % 2 ? 'Hama' : 'nothing';
      live.appendChild(p);
    }
    // happy-dom is slow on a busy machine: poll for the result rather than guess a time.
    for (let i = 0; i < 250 && painter.painted.size !== 600; i++) await wait(100);
    expect(painter.painted.size).toBe(600);
    expect(performance.getEntriesByName('syria-lens:scan')).toHaveLength(1);
    expect(performance.getEntriesByName('syria-lens:rescan')).toHaveLength(0);
  }, 30_000);

  it('paints a long page’s first scan a chunk at a time, and every mark in the end', async () => {
    const { marks, painter, ready } = start('<p>Hama, Iran and Aleppo.</p>'.repeat(1100));
    await ready;
    expect(painter.painted.size).toBe(3300);
    expect(marks.paintedCount()).toBe(3300);
    // Between chunks the scan may give the page its turn (page/marks.ts, PAINT_CHUNK).
    expect(painter.batches.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...painter.batches)).toBeLessThanOrEqual(1024);
  });

  it('removes every mark and stops following the page when aborted', async () => {
    const { painter, ready } = start('<p>Iran</p>');
    await ready;
    controller.abort();
    expect(painter.painted.size).toBe(0);
    document.body.insertAdjacentHTML('beforeend', '<p>Hama</p>');
    await wait(250);
    expect(painter.painted.size).toBe(0);
  });
});
