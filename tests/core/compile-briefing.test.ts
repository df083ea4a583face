import { describe, expect, it, vi } from 'vitest';
import { bundledBriefings, IRAN_WITHDRAWAL_BRIEFING } from '../../assets/briefings';
import { cardFor } from '../../core/cards';
import { builtInEntities } from '../../core/catalogue';
import { compileBriefing, compileBriefingInChunks, type CompiledBriefing } from '../../core/compile-briefing';
import { createMatcher } from '../../core/matcher';
import { BRIEFING_TEXT, briefing, fakeFind } from './briefing-helpers';

describe('compileBriefing with a stand-in matcher', () => {
  const find = fakeFind({ Iran: 'iran', Iranian: 'iran', Hama: 'hama', Aleppo: 'aleppo', Russia: 'russia', Assad: 'assad', rebels: 'rebels' });

  it('quotes sentences verbatim at their offsets and stays JSON-serialisable', () => {
    const b = briefing('b', 'Iran is leaving.  Rebels took Hama.\n\nRussia backs   Assad. Nothing here.');
    const compiled = compileBriefing(b, find);
    for (const s of compiled.sentences) expect(b.text.slice(s.start, s.end)).toBe(s.text);
    // Only sentences a card quotes are kept.
    expect(compiled.sentences.map((s) => s.text)).toEqual(['Iran is leaving.', 'Rebels took Hama.', 'Russia backs   Assad.']);
    expect(Object.keys(compiled.entities).sort()).toEqual(['assad', 'hama', 'iran', 'russia']);
    const copy = JSON.parse(JSON.stringify(compiled)) as CompiledBriefing;
    expect(copy).toEqual(compiled);
    expect(copy.entities.russia!.related).toEqual([{ id: 'assad', shared: 1 }]);
  });

  it('ranks the entity as subject, in the summary, with fewer other names first', () => {
    const text = [
      'Officials in Russia and Hama worried as the talks went on for a long time.',
      '',
      'Analysts said the offensive was far from over for Russia and its allies.',
      'Russia has limited capacity to intervene because of the war elsewhere.',
      'Russia, Iran, Assad and the rebels are all part of a crowded field now.',
      'Russia.',
    ].join('\n');
    const compiled = compileBriefing(briefing('b', text), find);
    const ranked = compiled.entities.russia!.sentences.map((i) => compiled.sentences[i]!.text);
    expect(ranked[0]).toBe('Russia has limited capacity to intervene because of the war elsewhere.');
    // Too short to be background: last.
    expect(ranked.at(-1)).toBe('Russia.');
    // Subject but crowded ranks below the specific subject sentence.
    expect(ranked.indexOf('Russia, Iran, Assad and the rebels are all part of a crowded field now.')).toBeGreaterThan(0);
  });

  it('prefers the summary paragraph and the name to a derived word', () => {
    const text = 'Iran began pulling its officers out of the country last week.\n\nIran began pulling its officers out of the country after talks failed badly.\n\nIranian officers began leaving the country in large numbers, officials said.';
    const compiled = compileBriefing(briefing('b', text), find);
    const ranked = compiled.entities.iran!.sentences.map((i) => compiled.sentences[i]!.text);
    expect(ranked[0]).toBe('Iran began pulling its officers out of the country last week.');
  });

  it('drops near-duplicate sentences and keeps the better one', () => {
    const text = [
      'Iran is withdrawing its troops from Syria as the rebels advance on Hama.',
      '',
      'Iran is withdrawing its troops from Syria as rebels advance on the city of Hama.',
      'Iran is reportedly withdrawing troops from Syria as the rebels advance on Hama.',
      'Iran also evacuated diplomats from its embassy in Damascus on Friday.',
    ].join('\n');
    const compiled = compileBriefing(briefing('b', text), find);
    const ranked = compiled.entities.iran!.sentences.map((i) => compiled.sentences[i]!.text);
    expect(ranked).toEqual([
      'Iran is withdrawing its troops from Syria as the rebels advance on Hama.',
      'Iran also evacuated diplomats from its embassy in Damascus on Friday.',
    ]);
  });

  it('lists related entities, most shared sentences first', () => {
    const text = 'Assad relies on Russia. Assad lost Hama to the rebels. Assad lost Aleppo to the rebels, and Russia watched. Assad met Iranian envoys.';
    const compiled = compileBriefing(briefing('b', text), find);
    expect(compiled.entities.assad!.related).toEqual([
      { id: 'russia', shared: 2 },
      { id: 'rebels', shared: 2 },
      { id: 'hama', shared: 1 },
      { id: 'aleppo', shared: 1 },
      { id: 'iran', shared: 1 },
    ]);
    expect(compiled.entities.hama!.related.map((r) => r.id)).toEqual(['assad', 'rebels']);
  });

  it('keeps at most maxSentences per entity', () => {
    const text = Array.from({ length: 30 }, (_, i) => `Iran ${'abcdefghijklmnopqrstuvwxyz'[i % 26]!.repeat(3)} moved unit ${i} to position ${i * 7} near ward ${i * 13}.`).join(' ');
    expect(compileBriefing(briefing('b', text), find).entities.iran!.sentences).toHaveLength(8);
    expect(compileBriefing(briefing('b', text), find, { maxSentences: 3 }).entities.iran!.sentences).toHaveLength(3);
  });

  it('quotes pasted markup as plain sentence text', () => {
    const text = '<script>document.title = "Aleppo"</script> Hama fell to the rebels. <img src=x onerror="alert(1)"> Aleppo too.';
    const compiled = compileBriefing(briefing('b', text), find);
    const aleppo = compiled.entities.aleppo!.sentences.map((i) => compiled.sentences[i]!.text);
    expect(aleppo).toEqual(['<script>document.title = "Aleppo"</script> Hama fell to the rebels.', '<img src=x onerror="alert(1)"> Aleppo too.']);
  });

  it('compiles in chunks to the same result, and stops when aborted', async () => {
    const text = BRIEFING_TEXT.repeat(3);
    const b = briefing('b', text);
    expect(await compileBriefingInChunks(b, find, { yieldEvery: 5 })).toEqual(compileBriefing(b, find));
    const controller = new AbortController();
    const pending = compileBriefingInChunks(b, find, { signal: controller.signal, yieldEvery: 1 });
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });

  it('pauses while ranking an entity with thousands of candidate sentences, not only between entities', async () => {
    // 2,000 sentences, every one naming Iran: matching pauses every 100 sentences (20 pauses),
    // splitting every 400 (5), and ranking Iran’s 2,000 candidates must pause as often again.
    const text = Array.from({ length: 2000 }, (_, i) => `Report ${i} says Iran changed.`).join('\n\n');
    const b = briefing('b', text);
    // Every pause posts one message on the yield channel (core/yield.ts): count them.
    const posted = vi.spyOn(MessagePort.prototype, 'postMessage');
    try {
      // sliceMs 0: pause at every point where the compile may pause, to count those points.
      expect(await compileBriefingInChunks(b, find, { yieldEvery: 100, sliceMs: 0 })).toEqual(compileBriefing(b, find));
      expect(posted.mock.calls.length).toBeGreaterThanOrEqual(20 + 5 + 20);
    } finally {
      posted.mockRestore();
    }
  });
});

describe('the bundled briefing with the real matcher', () => {
  const entities = builtInEntities();
  const { find } = createMatcher(entities);
  const byId = new Map(entities.map((e) => [e.id, e]));
  const bundled = bundledBriefings[0]!;
  const compiled = compileBriefing(bundled, find);
  const ranked = (id: string) => compiled.entities[id]!.sentences.map((i) => compiled.sentences[i]!.text);

  it('is bundled with its text unchanged, a title and builtIn', () => {
    expect(bundledBriefings).toHaveLength(1);
    expect(bundled).toBe(IRAN_WITHDRAWAL_BRIEFING);
    expect(bundled.text).toBe(BRIEFING_TEXT);
    expect(bundled).toMatchObject({ id: 'syria-2024-12-iran-withdrawal', title: 'Iran withdraws from Syria as rebels advance, December 2024', builtIn: true });
  });

  it('quotes every card sentence verbatim from the briefing', () => {
    for (const s of compiled.sentences) expect(BRIEFING_TEXT.slice(s.start, s.end)).toBe(s.text);
    for (const e of entities) {
      for (const s of cardFor(e, [compiled], byId).backgrounds.flatMap((b) => b.sentences)) {
        expect(BRIEFING_TEXT).toContain(s);
        expect(s).not.toMatch(/Read the original article/);
      }
    }
  });

  it('puts a sensible sentence first', () => {
    const summaryLead = 'Amid a significant rebel offensive resulting in the capture of key Syrian cities like Hama and Aleppo, Iran has reportedly begun withdrawing its troops from Syria.';
    expect(ranked('hama')).toEqual([summaryLead]);
    expect(ranked('aleppo')).toEqual([summaryLead]);
    // Iran as the subject and first word, with fewer other names, then the summary's lead.
    expect(ranked('iran').slice(0, 2)).toEqual([
      'Iran is reportedly evacuating its military personnel from Syria as rebel forces make significant advances, a development that has dramatically shifted the power dynamics in the long-running Syrian conflict.',
      summaryLead,
    ]);
    expect(ranked('refugees').slice(0, 2)).toEqual([
      'The refugee crisis, therefore, becomes a critical secondary concern stemming from the evolving conflict in Syria.',
      'The potential fall of the Assad regime could trigger a new wave of refugees, potentially straining neighboring countries and Europe, which have already grappled with significant refugee influxes from the Syrian conflict.',
    ]);
    const russiaUkraine = 'Russia’s ongoing involvement in the war in Ukraine may be limiting its ability to provide robust support to its Syrian allies, further weakening Assad’s position.';
    expect(ranked('ukraine')[0]).toBe(russiaUkraine);
    expect(ranked('russia')[0]).toBe(russiaUkraine);
    expect(ranked('assad')[0]).toBe('This withdrawal significantly weakens Assad’s regime, potentially increasing reliance on Russia despite doubts about Moscow’s capacity to intervene effectively.');
    expect(ranked('damascus')[0]).toMatch(/^This rapid escalation of rebel activity has reportedly pushed fighting to the very heart of Damascus/);
  });

  it('relates the entities named together', () => {
    expect(compiled.entities.hama!.related.map((r) => r.id).sort()).toEqual(['aleppo', 'iran', 'rebels', 'syria']);
    expect(compiled.entities.refugees!.related.map((r) => r.id).sort()).toEqual(['assad', 'europe', 'syria']);
    expect(compiled.entities.ukraine!.related.map((r) => r.id)).toContain('russia');
    const card = cardFor(byId.get('russia')!, [compiled], byId);
    expect(card.related[0]).toEqual({ id: 'assad', name: 'Bashar al-Assad' });
  });
});


describe('what a card shows of a briefing stored before issue 9', () => {
  it('a title with bidi or zero-width characters and a source with credentials are cleaned when compiled', () => {
    const find = fakeFind({ Hama: 'hama' });
    const old = { ...briefing('old', 'Rebels took Hama.'), title: 'Hama \u202Etroper\u200B', source: 'https://user:pass@example.com/r' };
    const compiled = compileBriefing(old, find);
    expect(compiled.title).toBe('Hama troper');
    expect(compiled.source).toBeUndefined();
    const fine = compileBriefing({ ...old, source: 'https://example.com/r' }, find);
    expect(fine.source).toBe('https://example.com/r');
  });
});
