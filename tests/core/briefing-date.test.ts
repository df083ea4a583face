/**
 * A reader's briefing keeps its date (an article's publication day): stored, exported and
 * imported; a date that is not a real day is dropped, never trusted.
 */
import { describe, expect, it, vi } from 'vitest';
import { isBriefingDate, parseBriefingFile, serializeBriefingFile } from '../../core/briefing-file';
import type { Briefing } from '../../core/types';

vi.mock('wxt/browser', () => ({ browser: {} }));
const { parseReaderBriefings } = await import('../../extension/briefing-store');

const DATED: Briefing = { id: 'reader-1', title: 'Explainer', text: 'Rebels took Hama.', source: 'https://a.example/x', date: '2024-12-07', builtIn: false, enabled: true };

describe('briefing dates', () => {
  it('isBriefingDate accepts real days only', () => {
    expect(isBriefingDate('2024-12-07')).toBe(true);
    expect(isBriefingDate('2024-02-29')).toBe(true);
    for (const bad of ['2023-02-29', '2024-12-7', '2024-12-07T00:00:00Z', 20241207, null, undefined]) expect(isBriefingDate(bad)).toBe(false);
  });

  it('survives export and import', () => {
    const parsed = parseBriefingFile(serializeBriefingFile([DATED]));
    expect(parsed.ok && parsed.briefings[0]).toMatchObject({ title: 'Explainer', date: '2024-12-07', source: DATED.source });
  });

  it('an imported or stored date that is not a day is dropped, the briefing kept', () => {
    const file = JSON.parse(serializeBriefingFile([DATED])) as { briefings: Record<string, unknown>[] };
    file.briefings[0]!.date = 'last week';
    const parsed = parseBriefingFile(JSON.stringify(file));
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.briefings[0]).not.toHaveProperty('date');
    expect(parseReaderBriefings([{ id: 'a', title: 'A', text: 'x', date: '2024-12-07' }, { id: 'b', title: 'B', text: 'y', date: 42 }])).toEqual([
      { id: 'a', title: 'A', text: 'x', builtIn: false, date: '2024-12-07' },
      { id: 'b', title: 'B', text: 'y', builtIn: false },
    ]);
  });
});
