import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tm } from '../../core/i18n';
import { bundledBriefings, IRAN_WITHDRAWAL_BRIEFING } from '../../assets/briefings';
import {
  cardFor,
  compileBriefing,
  compileBriefingInChunks,
  MAX_BRIEFING_BYTES,
  splitSentences,
  utf8Length,
  validateBriefingText,
  type CompiledBriefing,
  type Sentence,
} from '../../core/briefing';
import { builtInEntities } from '../../core/catalogue';
import { createMatcher } from '../../core/matcher';
import type { Briefing, Entity, FindMentions, Mention } from '../../core/types';

const BRIEFING_TEXT = readFileSync(new URL('../../assets/briefings/syria-2024-12-iran-withdrawal.txt', import.meta.url), 'utf8');

/** A tiny stand-in for the matcher: whole words (exact case) → entity id. */
function fakeFind(words: Record<string, string>): FindMentions {
  const forms = Object.keys(words).sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  return (text) => {
    const mentions: Mention[] = [];
    for (const m of text.matchAll(pattern)) mentions.push({ entity: words[m[0]]!, start: m.index, end: m.index + m[0].length, text: m[0] });
    return mentions;
  };
}

function texts(text: string): string[] {
  const sentences = splitSentences(text);
  expectVerbatim(text, sentences);
  return sentences.map((s) => s.text);
}

/** Every sentence is the slice its offsets name, without surrounding white space. */
function expectVerbatim(text: string, sentences: readonly Sentence[]): void {
  for (const s of sentences) {
    expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(s.text).toBe(s.text.trim());
    expect(s.text.length).toBeGreaterThan(0);
  }
}

function entity(id: string, name = id[0]!.toUpperCase() + id.slice(1)): Entity {
  return { id, name, kind: 'topic', description: '', aliases: [{ text: name }] };
}

const briefing = (id: string, text: string, extra: Partial<Briefing> = {}): Briefing => ({ id, title: `Title of ${id}`, text, ...extra });

describe('splitSentences', () => {
  it('does not end a sentence after titles and other abbreviations', () => {
    expect(texts('Mr. Smith met Dr. Jones and Mrs. Lee in St. Petersburg. They talked.')).toEqual([
      'Mr. Smith met Dr. Jones and Mrs. Lee in St. Petersburg.',
      'They talked.',
    ]);
    expect(texts('Gen. Ali and Col. Hassan arrived on Dec. 8, 2024. The city fell on Jan. 3.')).toEqual([
      'Gen. Ali and Col. Hassan arrived on Dec. 8, 2024.',
      'The city fell on Jan. 3.',
    ]);
    expect(texts('Some groups, e.g. the largest, i.e. HTS, gained ground. Others did not.')).toEqual([
      'Some groups, e.g. the largest, i.e. HTS, gained ground.',
      'Others did not.',
    ]);
  });

  it('reads U.S., U.K. and U.N. as abbreviations unless a sentence clearly starts after them', () => {
    expect(texts('The U.S. and the U.K. backed the U.N. Security Council plan. Talks resumed.')).toEqual([
      'The U.S. and the U.K. backed the U.N. Security Council plan.',
      'Talks resumed.',
    ]);
    expect(texts('Troops were flown back to the U.S. The rebels advanced.')).toEqual([
      'Troops were flown back to the U.S.',
      'The rebels advanced.',
    ]);
  });

  it('ends a sentence at etc. only when a capital follows', () => {
    expect(texts('They brought tanks, trucks, etc. and fuel. Then they left.')).toEqual([
      'They brought tanks, trucks, etc. and fuel.',
      'Then they left.',
    ]);
    expect(texts('They brought tanks, trucks, etc. The convoy left.')).toEqual(['They brought tanks, trucks, etc.', 'The convoy left.']);
  });

  it('keeps initials, decimals and host names inside the sentence', () => {
    expect(texts('George W. Bush and J. R. Smith spoke. Then we left.')).toEqual(['George W. Bush and J. R. Smith spoke.', 'Then we left.']);
    expect(texts('Inflation reached 3.5 percent in 2024. Prices rose 12.75% since.')).toEqual([
      'Inflation reached 3.5 percent in 2024.',
      'Prices rose 12.75% since.',
    ]);
    expect(texts('See aleppo.example.com for the map. Done.')).toEqual(['See aleppo.example.com for the map.', 'Done.']);
  });

  it('keeps closing quotes with the sentence they end', () => {
    expect(texts('He said, "We are leaving." The troops left. She said: “It is over.” Then silence. He wrote ‘Goodbye.’ And left.')).toEqual([
      'He said, "We are leaving."',
      'The troops left.',
      'She said: “It is over.”',
      'Then silence.',
      'He wrote ‘Goodbye.’',
      'And left.',
    ]);
  });

  it('splits at question and exclamation marks, not when a lower-case word follows', () => {
    expect(texts('Will Assad fall? Nobody knows! “Why?” he asked. It matters?! Yes.')).toEqual([
      'Will Assad fall?',
      'Nobody knows!',
      '“Why?” he asked.',
      'It matters?!',
      'Yes.',
    ]);
  });

  it('ends a sentence at an ellipsis before a capital, not before a lower-case word', () => {
    expect(texts('The talks... stalled again. Then... Nothing happened… until Friday. It ended…')).toEqual([
      'The talks... stalled again.',
      'Then...',
      'Nothing happened… until Friday.',
      'It ended…',
    ]);
  });

  it('always ends a sentence at a blank line, and numbers paragraphs', () => {
    const text = 'A heading without a stop\n\nSecond paragraph starts here. It goes on\r\n\r\nand this is the third.';
    const sentences = splitSentences(text);
    expectVerbatim(text, sentences);
    expect(sentences.map((s) => [s.text, s.paragraph])).toEqual([
      ['A heading without a stop', 0],
      ['Second paragraph starts here.', 1],
      ['It goes on', 1],
      ['and this is the third.', 2],
    ]);
  });

  it('keeps hard-wrapped lines in one sentence but ends one at a short heading line', () => {
    const wrapped = 'Iran has begun withdrawing its troops from Syria as the rebels\ntake Hama and Aleppo, officials and analysts said on\nTuesday. Russia is stretched.';
    expect(texts(wrapped)).toEqual([
      'Iran has begun withdrawing its troops from Syria as the rebels\ntake Hama and Aleppo, officials and analysts said on\nTuesday.',
      'Russia is stretched.',
    ]);
    expect(texts('Background\nIran has begun withdrawing its troops from Syria, officials said.')).toEqual([
      'Background',
      'Iran has begun withdrawing its troops from Syria, officials said.',
    ]);
  });

  it('drops link placeholders and calls to action on a line of their own', () => {
    const text = [
      'Iran is leaving Syria.',
      'Read the original article here',
      'Read more',
      'Click here',
      'Subscribe…',
      'Read more →',
      'Continue reading:',
      'https://example.com/story',
      'Read the statement in full, officials said.',
    ].join('\n\n');
    expect(texts(text)).toEqual(['Iran is leaving Syria.', 'Read the statement in full, officials said.']);
    // On a line of its own inside a paragraph, too.
    expect(texts('Read the original article here\nIran is reportedly evacuating its military personnel from Syria.')).toEqual([
      'Iran is reportedly evacuating its military personnel from Syria.',
    ]);
  });

  it('splits the bundled briefing verbatim, without the placeholder line', () => {
    const sentences = splitSentences(BRIEFING_TEXT);
    expectVerbatim(BRIEFING_TEXT, sentences);
    expect(sentences).toHaveLength(35);
    expect(sentences.some((s) => /Read the original article/i.test(s.text))).toBe(false);
    expect(sentences[0]!.text).toMatch(/^Amid a significant rebel offensive .* from Syria\.$/);
    expect(sentences[3]!.text).toMatch(/^This withdrawal significantly weakens Assad’s regime/);
    expect(sentences[3]!.paragraph).toBe(0);
    // Paragraph 1 was the placeholder line: the longer summary starts at paragraph 2.
    expect(sentences[4]).toMatchObject({ paragraph: 2 });
    expect(sentences[4]!.text).toMatch(/^Iran is reportedly evacuating/);
    expect(sentences.at(-1)!.text).toBe('The path towards a stable future will likely be long and arduous.');
  });

  it('treats markup as plain text', () => {
    const text = 'Aleppo fell. <script>alert("Aleppo")</script> <b>Hama</b> followed.';
    expect(texts(text)).toEqual(['Aleppo fell.', '<script>alert("Aleppo")</script> <b>Hama</b> followed.']);
  });
});

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
    const globals = globalThis as { scheduler?: unknown };
    const saved = globals.scheduler;
    let pauses = 0;
    globals.scheduler = { yield: () => ((pauses += 1), Promise.resolve()) };
    try {
      // sliceMs 0: pause at every point where the compile may pause, to count those points.
      expect(await compileBriefingInChunks(b, find, { yieldEvery: 100, sliceMs: 0 })).toEqual(compileBriefing(b, find));
    } finally {
      globals.scheduler = saved;
    }
    expect(pauses).toBeGreaterThanOrEqual(20 + 5 + 20);
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

describe('cardFor', () => {
  const find = fakeFind({ Iran: 'iran', Hama: 'hama', Aleppo: 'aleppo', Russia: 'russia', Assad: 'assad', HTS: 'hts' });
  const iran = entity('iran');
  const byId = new Map(['iran', 'hama', 'aleppo', 'russia', 'assad'].map((id) => [id, entity(id)]));
  const first = compileBriefing(
    briefing('first', 'Iran is leaving Syria after Hama fell to the rebels. Iran and Russia disagree about Hama. Aleppo is quiet today.', { builtIn: true }),
    find,
  );
  const second = compileBriefing(
    briefing('second', 'Iran sent envoys to Russia last week for more talks. HTS says Iran has no role left. Iran is leaving Syria after Hama fell to the rebels.', {
      source: 'https://example.com/briefing',
    }),
    find,
  );

  it('labels background by briefing, in the given order, and merges related entities', () => {
    const card = cardFor(iran, [first, second], byId);
    expect(card.entity).toBe(iran);
    expect(card.backgrounds).toEqual([
      {
        briefingId: 'first',
        briefingTitle: 'Title of first',
        sentences: ['Iran is leaving Syria after Hama fell to the rebels.', 'Iran and Russia disagree about Hama.'],
      },
      {
        briefingId: 'second',
        briefingTitle: 'Title of second',
        source: 'https://example.com/briefing',
        // The sentence the first briefing already quoted is not repeated.
        sentences: ['Iran sent envoys to Russia last week for more talks.', 'HTS says Iran has no role left.'],
      },
    ]);
    // Hama 2 + 1 and Russia 1 + 1 shared sentences; `hts` is not a known entity (hidden or removed).
    expect(card.related).toEqual([
      { id: 'hama', name: 'Hama' },
      { id: 'russia', name: 'Russia' },
    ]);
  });

  it('shows only briefings that have sentences for the entity, and respects the limit', () => {
    const aleppo = cardFor(entity('aleppo'), [first, second], byId);
    expect(aleppo.backgrounds.map((b) => b.briefingId)).toEqual(['first']);
    expect(aleppo.related).toEqual([]);
    const limited = cardFor(iran, [second, first], byId, { limit: 1 });
    expect(limited.backgrounds.map((b) => [b.briefingId, b.sentences.length])).toEqual([
      ['second', 1],
      ['first', 1],
    ]);
    expect(cardFor(entity('nobody'), [first, second], byId)).toEqual({ entity: entity('nobody'), backgrounds: [], related: [] });
  });

  it('works on a compiled briefing read back from storage', () => {
    const stored = JSON.parse(JSON.stringify([first, second])) as CompiledBriefing[];
    expect(cardFor(iran, stored, byId)).toEqual(cardFor(iran, [first, second], byId));
  });
});

describe('validateBriefingText', () => {
  it('accepts ordinary text, markup included', () => {
    expect(validateBriefingText(BRIEFING_TEXT)).toEqual({ ok: true });
    expect(validateBriefingText('<script>alert(1)</script> Aleppo fell.')).toEqual({ ok: true });
    expect(validateBriefingText('One odd character \uFFFD in a long enough sentence about Hama and Aleppo.')).toEqual({ ok: true });
  });

  it('refuses empty and white-space-only text', () => {
    expect(validateBriefingText('')).toEqual({ ok: false, error: { key: 'briefing_text_empty' } });
    expect(validateBriefingText(' \n\t \u00a0 ')).toEqual({ ok: false, error: { key: 'briefing_text_empty' } });
    expect(tm({ key: 'briefing_text_empty' })).toBe('The briefing is empty: paste or load some text.');
  });

  it('refuses text over 1 MB of UTF-8 and says how large it is', () => {
    expect(validateBriefingText('a'.repeat(MAX_BRIEFING_BYTES))).toEqual({ ok: true });
    const tooLarge = validateBriefingText('a'.repeat(MAX_BRIEFING_BYTES + 1));
    expect(tooLarge).toEqual({
      ok: false,
      error: { key: 'briefing_text_too_large', substitutions: ['1.00', '1,000,001', '1,000,000'] },
    });
    expect(!tooLarge.ok && tm(tooLarge.error)).toBe(
      'The briefing is too large: 1.00 MB (1,000,001 bytes). The limit is 1 MB (1,000,000 bytes).',
    );
    // Arabic letters are 2 bytes each in UTF-8: 600,000 of them are 1.2 MB.
    const arabic = 'سوريا '.repeat(100_000);
    expect(utf8Length(arabic)).toBe(1_100_000);
    expect(validateBriefingText(arabic)).toEqual({
      ok: false,
      error: { key: 'briefing_text_too_large', substitutions: ['1.10', '1,100,000', '1,000,000'] },
    });
    expect(utf8Length('é😀a')).toBe(2 + 4 + 1);
  });

  it('counts UTF-8 bytes as Node does, lone surrogates included (as U+FFFD)', () => {
    // Characters of every UTF-8 length, pairs, and lone surrogates next to what could join them.
    const pieces = ['a', ' ', '\n', 'é', 'ß', 'ش', '\u07ff', '\u0800', '—', '中', '\uffff', '😀', '\ud800', '\udc00', '\udbff', '\udfff'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 500; n++) {
      let text = '';
      const length = Math.floor(random() * 40);
      for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
      expect(utf8Length(text), JSON.stringify(text)).toBe(Buffer.byteLength(text, 'utf8'));
    }
    expect(utf8Length('\ud800a\udc00')).toBe(3 + 1 + 3);
    expect(utf8Length('\ud800é\udc00')).toBe(3 + 2 + 3);
    expect(utf8Length('')).toBe(0);
  });

  it('refuses binary-looking text', () => {
    expect(validateBriefingText('PK\u0003\u0004\u0000\u0000 archive')).toEqual({
      ok: false,
      error: { key: 'briefing_text_nul' },
    });
    expect(tm({ key: 'briefing_text_nul' })).toBe('This looks like a binary file, not text: it contains NUL characters.');
    const garbled = 'Aleppo \uFFFD\uFFFD\u0007\u001b\uFFFD fell \uFFFD\u0002 to \u0001\uFFFD the rebels.';
    const result = validateBriefingText(garbled);
    expect(result).toEqual({ ok: false, error: { key: 'briefing_text_control', substitutions: [expect.stringMatching(/^\d+$/)] } });
    expect(!result.ok && tm(result.error)).toMatch(/^This looks like a binary file or a wrongly decoded one, not text: \d+% of its characters are control or replacement characters\.$/);
  });
});
