import { describe, expect, it } from 'vitest';
import { paragraphs, splitSentences, type Sentence } from '../../core/sentences';
import { BRIEFING_TEXT } from './briefing-helpers';

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

describe('paragraphs', () => {
  it('are the blocks between blank lines (or U+2029), trimmed, empty ones left out', () => {
    expect(paragraphs('a\n\n  b\nc \n\n\n')).toEqual([
      [0, 1],
      [5, 8],
    ]);
    expect(paragraphs('one\u2029\u00a0two\r\n \r\nthree')).toEqual([
      [0, 3],
      [5, 8],
      [13, 18],
    ]);
    expect(paragraphs(' \n\n \t')).toEqual([]);
  });
});
