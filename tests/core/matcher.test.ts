import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInEntities } from '../../core/catalogue';
import { createMatcher, lastPlanCache, matcherFromPlan, planMatcher, rowFor } from '../../core/matcher';
import type { Entity, Mention } from '../../core/types';

const { find } = createMatcher(builtInEntities());

/** [entity, text] of every mention, in order. */
function pairs(text: string): Array<[string, string]> {
  return find(text).map((m) => [m.entity, m.text]);
}

function ids(text: string): string[] {
  return find(text).map((m) => m.entity);
}

function entity(id: string, aliases: Entity['aliases'], notAliases?: string[]): Entity {
  return { id, name: id, kind: 'topic', description: '', aliases, ...(notAliases ? { notAliases } : {}) };
}

/** Every mention's text is the slice its offsets name; mentions are sorted and do not overlap. */
function expectConsistent(text: string, mentions: Mention[]): void {
  let last = -1;
  for (const m of mentions) {
    expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(m.start).toBeGreaterThanOrEqual(last);
    expect(m.end).toBeGreaterThan(m.start);
    last = m.end;
  }
}

describe('whole words', () => {
  it('finds each built-in entity in English', () => {
    expect(ids('Syria, Iran, Hama, Aleppo, Damascus, Russia, Ukraine and Europe; Assad; rebels; refugees.')).toEqual([
      'syria', 'iran', 'hama', 'aleppo', 'damascus', 'russia', 'ukraine', 'europe', 'assad', 'rebels', 'refugees',
    ]);
  });

  it('treats hyphens, dashes, apostrophes and punctuation as boundaries', () => {
    expect(pairs('Iran-backed militias left Damascus-based offices.')).toEqual([['iran', 'Iran'], ['damascus', 'Damascus']]);
    expect(pairs('Assad’s army, Assad\'s allies, rebel-held towns, anti-Assad and pro-Assad crowds.')).toEqual([
      ['assad', 'Assad'], ['assad', 'Assad'], ['rebels', 'rebel'], ['assad', 'Assad'], ['assad', 'Assad'],
    ]);
    expect(pairs('Hafez’s son—Assad—ruled (Syria) "Iran" «Aleppo» post-Assad.')).toEqual([
      ['assad', 'Assad'], ['syria', 'Syria'], ['iran', 'Iran'], ['aleppo', 'Aleppo'], ['assad', 'Assad'],
    ]);
    expect(ids('Hama–Homs road and Aleppo—Idlib front')).toEqual(['hama', 'homs', 'aleppo', 'idlib']);
  });

  it('does not match inside longer words', () => {
    // English: `Assads` is a plural (in German it is Assad's genitive, see "names know their language").
    expect(find('Hamas, Syriac, Prussia, Belarussian, Hamadan, the Assads, Iranianism, Europeanness', 'en')).toEqual([]);
    expect(find('HAMAS fighters and the SYRIAC church')).toEqual([]);
  });

  it('does not count Russo- but counts the Ukrainian after it', () => {
    expect(pairs('the Russo-Turkish war and the Russo-Ukrainian war')).toEqual([['turkey', 'Turkish'], ['ukraine', 'Ukrainian']]);
  });

  it('uses letters, digits, marks and _ of any script as word characters', () => {
    expect(find('éSyria Syriaé Syria中 中Syria _Syria Syria_ 2Syria Syria2 Syria\u0301')).toEqual([]);
    expect(pairs('«Syria»·Syria…Syria')).toEqual([['syria', 'Syria'], ['syria', 'Syria'], ['syria', 'Syria']]);
  });

  it('gives exact UTF-16 offsets', () => {
    const text = 'In 2011 😀 Syria and Iran';
    const mentions = find(text);
    expect(mentions).toEqual([
      { entity: 'syria', start: 11, end: 16, text: 'Syria' },
      { entity: 'iran', start: 21, end: 25, text: 'Iran' },
    ]);
  });

  it('counts the Russia, Iran, Syria, Europe and Ukraine demonyms and cities', () => {
    expect(ids('Russian Russians Moscow Kremlin')).toEqual(['russia', 'russia', 'russia', 'russia']);
    expect(ids('Iranian Iranians Tehran')).toEqual(['iran', 'iran', 'iran']);
    expect(pairs('the Syrian Arab Army and Syrians')).toEqual([['syria', 'Syrian'], ['syria', 'Syrians']]);
    expect(ids('European Europeans Ukrainian Ukrainians')).toEqual(['europe', 'europe', 'ukraine', 'ukraine']);
  });
});

describe('letter case', () => {
  it('matches names in exact case and in ALL CAPS only', () => {
    expect(pairs('HAMA FALLS, IRAN WATCHES; BASHAR AL-ASSAD FLEES')).toEqual([
      ['hama', 'HAMA'], ['iran', 'IRAN'], ['assad', 'BASHAR AL-ASSAD'],
    ]);
    expect(find('hama iran syria damascus assad Syria’s'.slice(0, 30))).toEqual([]);
    expect(find('IrAn SYria aLEPPO')).toEqual([]);
    expect(ids('IRAN’S ALLY SYRIA')).toEqual(['iran', 'syria']);
  });

  it('matches rebel(s) and refugee(s) in any case', () => {
    expect(ids('rebel Rebels REBELS rEbEl refugee Refugees REFUGEES')).toEqual([
      'rebels', 'rebels', 'rebels', 'rebels', 'refugees', 'refugees', 'refugees',
    ]);
  });
});

describe('word boundaries, character by character', () => {
  it('agrees with the Unicode definition of a word character for Latin-1 and General Punctuation', () => {
    // The boundary test has a table for these ranges (the common neighbours of names in news
    // text) and a Unicode-property RegExp for the rest: the table must say what the RegExp says.
    const isWordChar = /^[\p{L}\p{N}\p{M}_]$/u;
    const disagreements: string[] = [];
    for (const [from, to] of [[0, 0x2ff], [0x2000, 0x206f]] as const) {
      for (let c: number = from; c <= to; c++) {
        if (c === 0x2029) continue; // the scanner's block separator
        const ch = String.fromCharCode(c);
        const boundary = !isWordChar.test(ch);
        if ((find(`Assad${ch}`, 'en').length === 1) !== boundary) disagreements.push(`after U+${c.toString(16)}`);
        if ((find(`${ch}Assad`, 'en').length === 1) !== boundary) disagreements.push(`before U+${c.toString(16)}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe('multi-word names', () => {
  it('counts Bashar al-Assad as one mention in all its spellings', () => {
    for (const name of [
      'Bashar al-Assad', 'Bashar al Assad', 'Bashar Al Assad', 'Bashar Al-Assad', 'Bashar\u00A0al-Assad',
      'Bashar al\u2011Assad', 'Bashar\u00A0al\u00A0Assad', 'Bashar  al-Assad', 'Bashar\n    al-Assad', 'Bashar\tal Assad',
    ]) {
      const text = `President ${name} fled.`;
      expect(find(text), JSON.stringify(name)).toEqual([{ entity: 'assad', start: 10, end: 10 + name.length, text: name }]);
    }
  });

  it('counts al-Assad, Mr. Assad and the Assad regime once each', () => {
    expect(pairs('Mr. al-Assad and Mr. Assad; the Assad regime; the House of Assad')).toEqual([
      ['assad', 'al-Assad'], ['assad', 'Assad'], ['assad', 'Assad'], ['assad', 'Assad'],
    ]);
    expect(pairs('the aal Assad family')).toEqual([['assad', 'Assad']]);
  });

  it('never takes Hafez, Maher or Asma al-Assad for Bashar', () => {
    expect(find('Hafez al-Assad, Maher al Assad, Asma al-Assad, Hafez\u00A0al\u2011Assad and Maher  al Assad')).toEqual([]);
    expect(find('HAFEZ AL-ASSAD')).toEqual([]);
    expect(pairs('Hafez al-Assad’s son Bashar al-Assad')).toEqual([['assad', 'Bashar al-Assad']]);
  });

  it('follows runs of white space after any word of a name', () => {
    expect(pairs('Bashar al  Assad and Bashar al\n\tAssad')).toEqual([['assad', 'Bashar al  Assad'], ['assad', 'Bashar al\n\tAssad']]);
    expect(find('Hafez al  Assad, Maher  al \u00A0Assad')).toEqual([]);
  });

  it('finds a name that also begins a longer one, whatever separator follows it', () => {
    const matcher = createMatcher([
      entity('city', [{ text: 'Damascus' }, { text: 'Damascus countryside' }]),
      entity('group', [{ text: 'Free Syrian Army' }]),
    ]);
    const seen = (text: string) => matcher.find(text).map((m) => [m.entity, m.text]);
    for (const separator of [' ', '  ', '\n', '\u00A0', ' \u00A0', '\t\n ', '\u2011', '\u202F']) {
      expect(seen(`Damascus${separator}said`), JSON.stringify(separator)).toEqual([['city', 'Damascus']]);
    }
    expect(seen('Damascus\u00A0countryside and Damascus\n\ncountryside')).toEqual([
      ['city', 'Damascus\u00A0countryside'], ['city', 'Damascus\n\ncountryside'],
    ]);
    // The head of a name that does not follow is no mention, and the search goes on after it.
    expect(seen('Free\u00A0Syrian Army, Free\nSyrian\u00A0forces, Free Damascus')).toEqual([
      ['group', 'Free\u00A0Syrian Army'], ['city', 'Damascus'],
    ]);
    // Never across blocks: U+2029 is the scanner's block separator.
    expect(seen('Damascus\u2029countryside; Free\u2029Syrian Army')).toEqual([['city', 'Damascus']]);
  });

  it('does not count bare Bashar', () => {
    expect(find('Bashar, Bashar’s father and BASHAR')).toEqual([]);
  });

  it('counts European Union, rebel forces and refugee crisis as one mention', () => {
    expect(pairs('The European Union, Rebel Forces and the refugee crisis')).toEqual([
      ['europe', 'European Union'], ['rebels', 'Rebel Forces'], ['refugees', 'refugee crisis'],
    ]);
    expect(pairs('European\u00A0Union REFUGEE  CRISIS')).toEqual([['europe', 'European\u00A0Union'], ['refugees', 'REFUGEE  CRISIS']]);
  });

  it('falls back to the shorter name when the longer one does not fit', () => {
    expect(pairs('a European union of states')).toEqual([['europe', 'European']]);
    expect(pairs('rebel forcesX')).toEqual([['rebels', 'rebel']]);
    expect(pairs('rebel  force')).toEqual([['rebels', 'rebel']]);
  });

  it('never lets a name span a paragraph separator (U+2029)', () => {
    expect(pairs('Bashar\u2029al-Assad')).toEqual([['assad', 'al-Assad']]);
    expect(pairs('European\u2029Union')).toEqual([['europe', 'European']]);
    expect(pairs('rebel\u2029forces and refugee \u2029crisis')).toEqual([['rebels', 'rebel'], ['refugees', 'refugee']]);
    expect(pairs('Hafez\u2029al-Assad')).toEqual([['assad', 'al-Assad']]);
  });
});

describe('soft hyphens', () => {
  it('ignores them inside a word and keeps offsets in the original text', () => {
    const text = 'In Da\u00ADmas\u00ADcus and Syria';
    expect(find(text)).toEqual([
      { entity: 'damascus', start: 3, end: 13, text: 'Da\u00ADmas\u00ADcus' },
      { entity: 'syria', start: 18, end: 23, text: 'Syria' },
    ]);
  });

  it('handles soft hyphens before, between and around names', () => {
    const text = 'ex\u00ADtra Bashar al-As\u00ADsad, Iran\u00AD and \u00ADHama';
    const mentions = find(text);
    expect(mentions.map((m) => [m.entity, m.text])).toEqual([
      ['assad', 'Bashar al-As\u00ADsad'], ['iran', 'Iran'], ['hama', 'Hama'],
    ]);
    expectConsistent(text, mentions);
  });

  it('does not turn a longer word into a name', () => {
    expect(find('Syria\u00ADc and Ha\u00ADmas')).toEqual([]);
  });
});

describe('links and e-mail addresses', () => {
  it('ignores names inside URLs', () => {
    expect(find('see https://example.com/Syria/Aleppo-news and http://Damascus.example/')).toEqual([]);
    expect(find('www.Aleppo.org/Hama')).toEqual([]);
    expect(pairs('Aleppo (https://news.example/Aleppo) Aleppo')).toEqual([['aleppo', 'Aleppo'], ['aleppo', 'Aleppo']]);
  });

  it('ignores names inside e-mail addresses', () => {
    expect(find('write to Damascus@example.com or desk@Syria.example.org')).toEqual([]);
    expect(ids('Syria @Syria')).toEqual(['syria', 'syria']);
  });

  it('ignores names inside bare domain names but not at the end of a sentence', () => {
    expect(find('Read Aleppo.com and news.Syria.org/x, or rebels.example.net.')).toEqual([]);
    expect(ids('They took Aleppo. Then Hama.Next came Homs')).toEqual(['aleppo', 'hama', 'homs']);
    // A dot, then punctuation, a note, capitals or a long run of letters: no host name.
    expect(ids('“Not Turkey.” Syria.[12] Iran..., Aleppo.ABC and Hama.abcdefghijklmnopqrstuvwxyz')).toEqual(['turkey', 'syria', 'iran', 'aleppo', 'hama']);
    // A host with a port, a query, a fragment, or at the very end.
    expect(find('Aleppo.info:8080 Syria.net?x=1 Hama.co#top news.Iran.io')).toEqual([]);
  });
});

describe('Arabic', () => {
  it('finds the names', () => {
    expect(ids('سوريا سورية إيران ايران طهران حماة حماه حلب دمشق روسيا موسكو أوكرانيا أوروبا')).toEqual([
      'syria', 'syria', 'iran', 'iran', 'iran', 'hama', 'hama', 'aleppo', 'damascus', 'russia', 'russia', 'ukraine', 'europe',
    ]);
    expect(pairs('قال بشار الأسد إن الأسد باق')).toEqual([['assad', 'بشار الأسد'], ['assad', 'الأسد']]);
    expect(pairs('الاتحاد الأوروبي والكرملين')).toEqual([['europe', 'الاتحاد الأوروبي'], ['russia', 'والكرملين']]);
  });

  it('accepts attached prefixes and covers the whole word', () => {
    const text = 'ودمشق بدمشق لدمشق فدمشق كدمشق وبدمشق';
    const mentions = find(text);
    expect(mentions.map((m) => m.text)).toEqual(['ودمشق', 'بدمشق', 'لدمشق', 'فدمشق', 'كدمشق', 'وبدمشق']);
    expect(mentions.every((m) => m.entity === 'damascus')).toBe(true);
    expectConsistent(text, mentions);
    expect(find('وصل إلى ودمشق')[0]).toEqual({ entity: 'damascus', start: 8, end: 13, text: 'ودمشق' });
  });

  it('accepts the article and its combinations, also the contracted لل', () => {
    expect(pairs('والأسد بالأسد فالأسد كالأسد وبالأسد للأسد وللأسد')).toEqual(
      ['والأسد', 'بالأسد', 'فالأسد', 'كالأسد', 'وبالأسد', 'للأسد', 'وللأسد'].map((t) => ['assad', t]),
    );
    expect(pairs('السوري والسوريين للسوريين والروس الروسية')).toEqual([
      ['syria', 'السوري'], ['syria', 'والسوريين'], ['syria', 'للسوريين'], ['russia', 'والروس'], ['russia', 'الروسية'],
    ]);
    expect(pairs('اللاجئين وللاجئين الثوار والمتمردين')).toEqual([
      ['refugees', 'اللاجئين'], ['refugees', 'وللاجئين'], ['rebels', 'الثوار'], ['rebels', 'والمتمردين'],
    ]);
  });

  it('needs the article for names written with it', () => {
    // أسد alone is "a lion"; روس alone is not the Russians.
    expect(find('أسد وأسد روس')).toEqual([]);
  });

  it('follows the normal boundary rule for suffixes and other letters', () => {
    expect(find('دمشقي الحلبي حلبة محلب حماس سوريال')).toEqual([]);
    expect(find('مدمشق سبدمشق')).toEqual([]);
  });

  it('never takes Hafez al-Assad for Bashar', () => {
    expect(find('حافظ الأسد وماهر الأسد')).toEqual([]);
  });

  it('matches in mixed-script text with exact offsets', () => {
    const text = 'Damascus (دمشق) and Aleppo (حلب).';
    expect(find(text)).toEqual([
      { entity: 'damascus', start: 0, end: 8, text: 'Damascus' },
      { entity: 'damascus', start: 10, end: 14, text: 'دمشق' },
      { entity: 'aleppo', start: 20, end: 26, text: 'Aleppo' },
      { entity: 'aleppo', start: 28, end: 31, text: 'حلب' },
    ]);
  });
});

describe('French, German and Spanish', () => {
  it('French', () => {
    expect(pairs('Bachar al-Assad a fui Damas ; les rebelles syriens ont pris Alep.')).toEqual([
      ['assad', 'Bachar al-Assad'], ['damascus', 'Damas'], ['rebels', 'rebelles'], ['syria', 'syriens'], ['aleppo', 'Alep'],
    ]);
    expect(ids('La Syrie, la Russie, l’Iran, Téhéran, Moscou, l’Union européenne, les réfugiés ukrainiens, les Européens.')).toEqual([
      'syria', 'russia', 'iran', 'iran', 'russia', 'europe', 'refugees', 'ukraine', 'europe',
    ]);
  });

  it('German', () => {
    expect(pairs('Baschar al-Assad floh aus Damaskus nach Moskau.')).toEqual([
      ['assad', 'Baschar al-Assad'], ['damascus', 'Damaskus'], ['russia', 'Moskau'],
    ]);
    expect(ids('Syrien, Russland, der Iran, Teheran, die Ukraine, Europa, die Europäische Union, Rebellen, Flüchtlinge, die syrische Armee, russische Truppen, Aleppo.')).toEqual([
      'syria', 'russia', 'iran', 'iran', 'ukraine', 'europe', 'europe', 'rebels', 'refugees', 'syria', 'russia', 'aleppo',
    ]);
  });

  it('Spanish', () => {
    expect(pairs('Bachar al Asad huyó de Damasco a Moscú.')).toEqual([
      ['assad', 'Bachar al Asad'], ['damascus', 'Damasco'], ['russia', 'Moscú'],
    ]);
    expect(ids('Siria, Rusia, Irán, Ucrania, Europa, la Unión Europea, los rebeldes sirios, los refugiados, Alepo, Hama.')).toEqual([
      'syria', 'russia', 'iran', 'ukraine', 'europe', 'europe', 'rebels', 'syria', 'refugees', 'aleppo', 'hama',
    ]);
  });
});

describe('custom entity sets', () => {
  it('returns nothing for an empty set', () => {
    expect(createMatcher([]).find('Syria')).toEqual([]);
  });

  it('escapes RegExp characters in aliases', () => {
    const { find: findUs } = createMatcher([entity('us', [{ text: 'U.S.' }, { text: 'C++' }])]);
    expect(findUs('the U.S. and C++ but not UxSx')).toEqual([
      { entity: 'us', start: 4, end: 8, text: 'U.S.' },
      { entity: 'us', start: 13, end: 16, text: 'C++' },
    ]);
  });

  it('matches aliases whose lower case is longer (İ)', () => {
    const { find: findIstanbul } = createMatcher([entity('istanbul', [{ text: 'İstanbul' }])]);
    expect(findIstanbul('İstanbul and İSTANBUL; not istanbul').map((m) => m.text)).toEqual(['İstanbul', 'İSTANBUL']);
  });

  it('honours anyCase and notAliases of any entity', () => {
    const { find: findHts } = createMatcher([
      entity('hts', [{ text: 'HTS' }, { text: 'Hayat Tahrir al-Sham' }, { text: 'tahrir', anyCase: true }], ['Tahrir Square']),
    ]);
    expect(findHts('HTS, hts, Hayat Tahrir al‑Sham, TAHRIR, Tahrir Square').map((m) => m.text)).toEqual([
      'HTS', 'Hayat Tahrir al‑Sham', 'TAHRIR',
    ]);
  });

  it('can be called again and again with the same result', () => {
    const text = 'Syria and Iran and Bashar\u00A0al-Assad';
    expect(find(text)).toEqual(find(text));
    expect(find('')).toEqual([]);
  });
});

describe('on a large real page', () => {
  const big = readFileSync(new URL('../../../shared/corpus/big/syrian-civil-war.txt', import.meta.url), 'utf8');

  it('returns sorted, non-overlapping mentions whose text matches the offsets', () => {
    const mentions = find(big);
    expect(mentions.length).toBeGreaterThan(1000);
    expectConsistent(big, mentions);
  });
});

describe('a prepared plan (what the background sends each page)', () => {
  const big = readFileSync(new URL('../../../shared/corpus/big/syrian-civil-war.txt', import.meta.url), 'utf8');

  it('survives the JSON of extension messaging and finds exactly what createMatcher finds', () => {
    const plan = JSON.parse(JSON.stringify(planMatcher(builtInEntities())));
    const fromPlan = matcherFromPlan(plan);
    const mixed = 'Bashar\u00A0al\u2011Assad, HAFEZ AL-ASSAD, ودمشق, réfugiés, aleppo.com, Damaskus.';
    expect(fromPlan.find(mixed)).toEqual(find(mixed));
    expect(fromPlan.find(big)).toEqual(find(big));
    expect(plan.targets[rowFor(plan.exact, 'Hafez al-Assad', -1)!]).toBe('!assad');
  });

  it('holds its tables as strings the page searches: every form found, the first usable row of each', () => {
    const plan = planMatcher(builtInEntities());
    for (const name of ['exact', 'anyCase', 'arabic', 'stripped'] as const) {
      const table = plan[name];
      expect(table.startsWith('\x1e')).toBe(true);
      const rows = table.split('\x1e').slice(1).map((row) => row.split('\x1f'));
      expect(rows.length).toBeGreaterThan(10);
      const forms = rows.map(([form]) => form!);
      expect([...forms].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(forms);
      for (const bit of [-1, ...plan.languages.map((_, i) => 1 << i)]) {
        for (const form of new Set(forms)) {
          const first = rows.find(([f, , mask]) => f === form && (Number(mask) === 0 || (Number(mask) & bit) !== 0));
          expect(rowFor(table, form, bit), `${name} ${form} ${bit}`).toBe(first ? Number(first[1]) : undefined);
          // Forms that are not there: longer, shorter, or inside another.
          for (const absent of [form + 'x', form.slice(1), form.slice(0, -1)]) {
            if (!forms.includes(absent)) expect(rowFor(table, absent, bit)).toBeUndefined();
          }
        }
      }
    }
    expect(rowFor('', 'Syria', -1)).toBeUndefined();
  });

  it('leaves out an alias holding the tables’ separators, and keeps the entity’s other names', () => {
    const plan = planMatcher([entity('x', [{ text: 'Bad\x1fName' }, { text: 'Good Name' }, { text: 'Row\x1eEnd' }])]);
    expect(plan.exact).not.toMatch(/Bad|Row/);
    expect(matcherFromPlan(plan).find('A Good Name and a Bad\x1fName.').map((m) => m.text)).toEqual(['Good Name']);
  });

  it('is made once for the same entities when cached, and anew when they change', () => {
    const planFor = lastPlanCache();
    const entities = builtInEntities();
    const first = planFor(entities);
    expect(planFor(builtInEntities())).toBe(first);
    const fewer = entities.filter((e) => e.id !== 'iran');
    const second = planFor(fewer);
    expect(second).not.toBe(first);
    expect(matcherFromPlan(second).find('Iran and Syria').map((m) => m.entity)).toEqual(['syria']);
  });

  it('of no entities finds nothing', () => {
    const plan = planMatcher([]);
    expect(plan.sources).toEqual({ '': '' });
    expect(matcherFromPlan(plan).find('Syria and Iran')).toEqual([]);
  });
});

describe('a hostile alias (issue 9)', () => {
  /** Every character of the plan's RegExp sources: what the page compiles. */
  const patternChars = (plan: ReturnType<typeof planMatcher>): number =>
    Object.values(plan.sources).reduce((n, source) => n + source.length, 0);

  it('of 3,000 one-letter words (6 KB) builds a pattern linear in its length, fast', () => {
    const alias = Array.from({ length: 3000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(' ');
    const started = performance.now();
    const plan = planMatcher([entity('long', [{ text: alias }])]);
    const { find: findLong } = matcherFromPlan(plan);
    const found = findLong(`Before ${alias}. After, Syria.`);
    const elapsed = performance.now() - started;
    // Before: one head per space, 9,000,000 characters (27 MB) that ran V8 out of memory.
    // Now: the literal and its upper-case form (2 × 6 KB) plus a few short heads.
    expect(patternChars(plan)).toBeLessThan(4 * alias.length);
    expect(found.map((m) => m.entity)).toEqual(['long']);
    expect(elapsed).toBeLessThan(1000);
  });

  it('grows linearly: twice the words, about twice the pattern', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
    const small = patternChars(planMatcher([entity('x', [{ text: words(500) }])]));
    const large = patternChars(planMatcher([entity('x', [{ text: words(1000) }])]));
    expect(large / small).toBeLessThan(2.5);
  });

  it('a name of many words is still found with an odd separator anywhere in it', () => {
    const name = 'One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve';
    const words = name.split(' ');
    const { find: findName } = createMatcher([entity('long', [{ text: name }, { text: 'One Two' }])]);
    for (const separator of ['\u00a0', '  ', '\n', '\u2009']) {
      for (let k = 1; k < words.length; k++) {
        const written = words.map((word, i) => (i === 0 ? word : (i === k ? separator : ' ') + word)).join('');
        const text = `x ${written} y`;
        expect(findName(text), `${JSON.stringify(separator)} before word ${k + 1}`).toEqual([
          { entity: 'long', start: 2, end: 2 + written.length, text: written },
        ]);
      }
    }
    expect(findName('x One Two Three y').map((m) => m.text)).toEqual(['One Two']);
  });

  it('a hyphenated name of many parts is found with U+2011 in any of them', () => {
    const name = 'a-b-c-d-e-f-g-h-i-j-k-l';
    const { find: findName } = createMatcher([entity('long', [{ text: name }])]);
    for (let k = 1; k < 12; k++) {
      const written = name.split('-').map((part, i) => (i === 0 ? part : (i === k ? '\u2011' : '-') + part)).join('');
      expect(findName(`(${written})`).map((m) => m.text), `before part ${k + 1}`).toEqual([written]);
    }
  });
});
