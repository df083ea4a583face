/**
 * Accuracy of the built-in catalogue + matcher on real news articles, against the reviewed
 * mention counts of all 44 ids in ../shared/corpus/gold-v2.json (the corpus stays outside the
 * repository). The articles are English (their pages declare lang="en"): they are matched with the
 * English names and those spelled alike in every language, as a page would be.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInEntities } from '../../core/catalogue';
import { createMatcher } from '../../core/matcher';

const corpus = new URL('../../../shared/corpus/', import.meta.url);
const articles = new URL('articles/', corpus);
const gold = JSON.parse(readFileSync(new URL('gold-v2.json', corpus), 'utf8')) as Record<string, Record<string, number>>;
/** Counted in gold-v2.json, but not an entity: other members of the Assad family. */
const NOT_ENTITIES = new Set(['assad_other']);

const files = readdirSync(articles).filter((name) => name.endsWith('.txt')).sort();
const entities = builtInEntities();
const { find } = createMatcher(entities);
const LANGUAGE = 'en';

interface Score { tp: number; fp: number; fn: number }

function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

describe('accuracy on the news corpus (gold-v2, 44 ids)', () => {
  const scores = new Map<string, Score>(entities.map((entity) => [entity.id, { tp: 0, fp: 0, fn: 0 }]));
  const total: Score = { tp: 0, fp: 0, fn: 0 };
  /** Ids with at least one mention in the gold counts. */
  const present = new Set<string>();

  for (const file of files) {
    const expected = gold[file];
    if (!expected) continue;
    const predicted = new Map<string, number>();
    for (const mention of find(readFileSync(new URL(file, articles), 'utf8'), LANGUAGE)) {
      predicted.set(mention.entity, (predicted.get(mention.entity) ?? 0) + 1);
    }
    const entityIds = new Set([...Object.keys(expected), ...predicted.keys()]);
    for (const id of entityIds) {
      if (NOT_ENTITIES.has(id)) continue;
      const pred = predicted.get(id) ?? 0;
      const want = expected[id] ?? 0;
      if (want > 0) present.add(id);
      const score = scores.get(id) ?? { tp: 0, fp: 0, fn: 0 };
      score.tp += Math.min(pred, want);
      score.fp += Math.max(0, pred - want);
      score.fn += Math.max(0, want - pred);
      scores.set(id, score);
    }
  }
  for (const score of scores.values()) {
    total.tp += score.tp;
    total.fp += score.fp;
    total.fn += score.fn;
  }

  it('reads every article that has gold counts, and gold counts every built-in entity', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    expect(files.filter((file) => gold[file]).length).toBe(Object.keys(gold).length);
    for (const counts of Object.values(gold)) {
      expect(Object.keys(counts).filter((id) => !NOT_ENTITIES.has(id)).sort()).toEqual(entities.map((e) => e.id).sort());
    }
  });

  it('prints precision and recall per entity', () => {
    const rows = [...scores].sort(([a], [b]) => a.localeCompare(b));
    const line = (id: string, s: Score) =>
      `${id.padEnd(14)} ${String(s.tp).padStart(5)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}` +
      `   ${ratio(s.tp, s.tp + s.fp).toFixed(3)}    ${ratio(s.tp, s.tp + s.fn).toFixed(3)}`;
    console.log(
      ['entity            TP   FP   FN   precision recall', ...rows.map(([id, s]) => line(id, s)), line('OVERALL', total)].join('\n'),
    );
    expect(rows).toHaveLength(44);
  });

  it('has overall precision and recall of at least 0.99', () => {
    expect(ratio(total.tp, total.tp + total.fp)).toBeGreaterThanOrEqual(0.99);
    expect(ratio(total.tp, total.tp + total.fn)).toBeGreaterThanOrEqual(0.99);
  });

  it('has a recall of at least 0.95 for every entity present in the gold counts', () => {
    expect(present.size).toBeGreaterThan(30);
    for (const id of present) {
      const s = scores.get(id)!;
      expect(ratio(s.tp, s.tp + s.fn), id).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('never marks Hafez, Maher or Asma al-Assad as Bashar al-Assad', () => {
    const others = /\b(?:Hafez|Maher|Asma)[\s\u00A0]+al[-\u2011\s\u00A0]Assad\b/g;
    let seen = 0;
    for (const file of files) {
      const text = readFileSync(new URL(file, articles), 'utf8');
      const assad = find(text, LANGUAGE).filter((m) => m.entity === 'assad');
      for (const other of text.matchAll(others)) {
        seen++;
        const start = other.index;
        const end = start + other[0].length;
        expect(assad.filter((m) => m.start < end && m.end > start), `${file}: ${other[0]}`).toEqual([]);
      }
    }
    const expectedOthers = Object.values(gold).reduce((sum, counts) => sum + (counts.assad_other ?? 0), 0);
    expect(seen).toBe(expectedOthers);
  });
});
