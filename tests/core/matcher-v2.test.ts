/**
 * Counting rules v2 (issue 10, ../shared/corpus/README.md "Entity set v2"): the longest name wins,
 * names in five languages and their inflections, names that know their language, and the classes
 * of "something else with the same letters". Realistic sentences, written for these tests.
 */
import { describe, expect, it } from 'vitest';
import { builtInEntities } from '../../core/catalogue';
import { createMatcher, findInSpans, matcherFromPlan, planMatcher } from '../../core/matcher';
import type { Entity } from '../../core/types';

const { find } = createMatcher(builtInEntities());

/** [entity, text] of every mention, in order. */
function pairs(text: string, language?: string): Array<[string, string]> {
  return find(text, language).map((m) => [m.entity, m.text]);
}

function ids(text: string, language?: string): string[] {
  return find(text, language).map((m) => m.entity);
}

describe('the longest name wins', () => {
  it('takes an organisation whose name holds a country or a place as one mention of it', () => {
    expect(pairs('Fighters of the Syrian National Army entered Manbij.', 'en')).toEqual([['sna', 'Syrian National Army'], ['manbij', 'Manbij']]);
    expect(pairs('The Syrian Democratic Forces (SDF) hold Raqqa.', 'en')).toEqual([
      ['sdf', 'Syrian Democratic Forces'], ['sdf', 'SDF'], ['raqqa', 'Raqqa'],
    ]);
    expect(pairs('a commander of the Islamic Revolutionary Guard Corps', 'en')).toEqual([['irgc', 'Islamic Revolutionary Guard Corps']]);
    expect(pairs('the Islamic State of Iraq and Syria, also called the Islamic State of Iraq and the Levant', 'en')).toEqual([
      ['isis', 'Islamic State of Iraq and Syria'], ['isis', 'Islamic State of Iraq and the Levant'],
    ]);
    expect(pairs('Israeli troops on the Golan Heights', 'en')).toEqual([['israel', 'Israeli'], ['golan', 'Golan Heights']]);
  });

  it('counts names side by side separately, and a name with its bracketed abbreviation twice', () => {
    expect(pairs('Lebanese Hezbollah and the Turkish-backed Syrian National Army', 'en')).toEqual([
      ['lebanon', 'Lebanese'], ['hezbollah', 'Hezbollah'], ['turkey', 'Turkish'], ['sna', 'Syrian National Army'],
    ]);
    expect(pairs('Hayat Tahrir al-Sham (HTS) and the HTS-led alliance', 'en')).toEqual([
      ['hts', 'Hayat Tahrir al-Sham'], ['hts', 'HTS'], ['hts', 'HTS'],
    ]);
    expect(pairs("the YPG (People's Protection Units)", 'en')).toEqual([['sdf', 'YPG'], ['sdf', "People's Protection Units"]]);
  });

  it('keeps the Syrian Arab Army one syria mention', () => {
    expect(ids('Units of the Syrian Arab Army withdrew.', 'en')).toEqual(['syria']);
  });

  it('finds the longest name across odd spaces and hyphens too', () => {
    expect(pairs('the Syrian\u00a0National\u00a0Army and Hayat\u00a0Tahrir al\u2011Sham', 'en')).toEqual([
      ['sna', 'Syrian\u00a0National\u00a0Army'], ['hts', 'Hayat\u00a0Tahrir al\u2011Sham'],
    ]);
    expect(pairs('Syrian\u00a0forces', 'en')).toEqual([['syria', 'Syrian']]);
  });

  it('counts Arabic organisation names as one mention, with their prefixes', () => {
    expect(pairs('وقال الجيش الوطني السوري إن هيئة تحرير الشام دخلت حمص', 'ar')).toEqual([
      ['sna', 'الجيش الوطني السوري'], ['hts', 'هيئة تحرير الشام'], ['homs', 'حمص'],
    ]);
    expect(pairs('واشتبكت قوات سوريا الديمقراطية مع داعش وحزب الله', 'ar')).toEqual([
      ['sdf', 'قوات سوريا الديمقراطية'], ['isis', 'داعش'], ['hezbollah', 'وحزب الله'],
    ]);
  });
});

describe('names in five languages, with their inflections', () => {
  it('English: demonyms, capitals and former names', () => {
    expect(pairs('Turkish troops, the Turks and Ankara; Iraqi militias in Baghdad; Jordanians in Amman; Americans and the U.S.', 'en')).toEqual([
      ['turkey', 'Turkish'], ['turkey', 'Turks'], ['turkey', 'Ankara'], ['iraq', 'Iraqi'], ['iraq', 'Baghdad'],
      ['jordan', 'Jordanians'], ['jordan', 'Amman'], ['united-states', 'Americans'], ['united-states', 'U.S.'],
    ]);
    expect(pairs('the Nusra Front, later Jabhat Fateh al-Sham, led by Abu Mohammed al-Jolani', 'en')).toEqual([
      ['hts', 'Nusra Front'], ['hts', 'Jabhat Fateh al-Sham'], ['sharaa', 'Abu Mohammed al-Jolani'],
    ]);
  });

  it('Arabic: the new names with attached prefixes and the article', () => {
    expect(pairs('وصل أردوغان إلى أنقرة، وقال بوتين في موسكو إن القوات الروسية باقية في حميميم وطرطوس', 'ar')).toEqual([
      ['erdogan', 'أردوغان'], ['turkey', 'أنقرة'], ['putin', 'بوتين'], ['russia', 'موسكو'], ['russia', 'الروسية'], ['hmeimim', 'حميميم'],
      ['tartus', 'وطرطوس'],
    ]);
    expect(pairs('في إدلب واللاذقية وبالرقة ولدير الزور والعراق والأردن ولبنان وتركيا وإسرائيل', 'ar')).toEqual([
      ['idlib', 'إدلب'], ['latakia', 'واللاذقية'], ['raqqa', 'وبالرقة'], ['deir-ez-zor', 'ولدير الزور'], ['iraq', 'والعراق'],
      ['jordan', 'والأردن'], ['lebanon', 'ولبنان'], ['turkey', 'وتركيا'], ['israel', 'وإسرائيل'],
    ]);
    expect(pairs('المقاتلون الأكراد والأتراك والإسرائيليون', 'ar')).toEqual([
      ['kurds', 'الأكراد'], ['turkey', 'والأتراك'], ['israel', 'والإسرائيليون'],
    ]);
  });

  it('French: gender and number, and the French abbreviations', () => {
    expect(pairs('Les forces turques et l’armée turque, un Turc et des Kurdes ; la Turquie.', 'fr')).toEqual([
      ['turkey', 'turques'], ['turkey', 'turque'], ['turkey', 'Turc'], ['kurds', 'Kurdes'], ['turkey', 'Turquie'],
    ]);
    expect(pairs('Les Forces démocratiques syriennes (FDS) et Hayat Tahrir al-Cham (HTC) ; les frappes israéliennes au Liban.', 'fr')).toEqual([
      ['sdf', 'Forces démocratiques syriennes'], ['sdf', 'FDS'], ['hts', 'Hayat Tahrir al-Cham'], ['hts', 'HTC'],
      ['israel', 'israéliennes'], ['lebanon', 'Liban'],
    ]);
    expect(pairs('Vladimir Poutine a reçu Bachar al-Assad ; l’État islamique et les États-Unis.', 'fr')).toEqual([
      ['putin', 'Vladimir Poutine'], ['assad', 'Bachar al-Assad'], ['isis', 'État islamique'], ['united-states', 'États-Unis'],
    ]);
  });

  it('German: adjective endings, nouns and genitives', () => {
    expect(pairs('Die türkische Armee, türkischen Soldaten, ein türkischer Panzer; die Türkei und die Türken.', 'de')).toEqual([
      ['turkey', 'türkische'], ['turkey', 'türkischen'], ['turkey', 'türkischer'], ['turkey', 'Türkei'], ['turkey', 'Türken'],
    ]);
    expect(pairs('Assads Sturz, Israels Angriffe und die israelischen Truppen im Libanon; Jordaniens König.', 'de')).toEqual([
      ['assad', 'Assads'], ['israel', 'Israels'], ['israel', 'israelischen'], ['lebanon', 'Libanon'], ['jordan', 'Jordaniens'],
    ]);
    expect(pairs('Die US-amerikanische Regierung, die Hisbollah, die Revolutionsgarden und die Kurden.', 'de')).toEqual([
      ['united-states', 'US-amerikanische'], ['hezbollah', 'Hisbollah'], ['irgc', 'Revolutionsgarden'], ['kurds', 'Kurden'],
    ]);
  });

  it('Spanish: gender and number, and Spanish spellings', () => {
    expect(pairs('Los soldados turcos, la frontera turca y Turquía; los kurdos y las milicias kurdas.', 'es')).toEqual([
      ['turkey', 'turcos'], ['turkey', 'turca'], ['turkey', 'Turquía'], ['kurds', 'kurdos'], ['kurds', 'kurdas'],
    ]);
    expect(pairs('Estados Unidos y EE. UU.; el Estado Islámico, Hezbolá y los Altos del Golán; el presidente estadounidense.', 'es')).toEqual([
      ['united-states', 'Estados Unidos'], ['united-states', 'EE. UU.'], ['isis', 'Estado Islámico'], ['hezbollah', 'Hezbolá'],
      ['golan', 'Altos del Golán'], ['united-states', 'estadounidense'],
    ]);
    expect(pairs('Jamenei, Erdogan y Putin hablaron de Líbano, Irak y Jordania.', 'es')).toEqual([
      ['khamenei', 'Jamenei'], ['erdogan', 'Erdogan'], ['putin', 'Putin'], ['lebanon', 'Líbano'], ['iraq', 'Irak'], ['jordan', 'Jordania'],
    ]);
  });
});

describe('names know their language', () => {
  it('marks Europa on a German page and never on an English one', () => {
    expect(pairs('Europa blickt nach Damaskus.', 'de')).toEqual([['europe', 'Europa'], ['damascus', 'Damaskus']]);
    expect(pairs('Europa, a moon of Jupiter, is no place to flee Damascus.', 'en')).toEqual([['damascus', 'Damascus']]);
  });

  it('uses the names spelled alike in every language on every page', () => {
    for (const language of ['en', 'fr', 'de', 'es']) {
      expect(ids('Homs, Idlib, HTS, Hezbollah, Erdoğan', language), language).toEqual(['homs', 'idlib', 'hts', 'hezbollah', 'erdogan']);
    }
  });

  it('keeps each language to its own words', () => {
    // English "Jordan" is the country; German "Jordan" is the river (the country is Jordanien).
    expect(ids('Jordan closed its border.', 'en')).toEqual(['jordan']);
    expect(ids('Der Jordan fließt ins Tote Meer.', 'de')).toEqual([]);
    // German genitive "Assads" is Assad; the English plural "the Assads" is not.
    expect(ids('Assads Regime', 'de')).toEqual(['assad']);
    expect(ids('the Assads fled', 'en')).toEqual([]);
    // Arabic names only where the text is Arabic.
    expect(ids('قالت هيئة تحرير الشام', 'en')).toEqual([]);
    expect(ids('قالت هيئة تحرير الشام', 'ar')).toEqual(['hts']);
  });

  it('uses every name without a language, or with one the names are not written for', () => {
    expect(ids('Europa und Syria, سوريا')).toEqual(['europe', 'syria', 'syria']);
    expect(ids('Europa und Syria, سوريا', 'it')).toEqual(['europe', 'syria', 'syria']);
  });

  it('finds the mentions of a page whose blocks have different languages, each with its own', () => {
    const english = 'In English: Europa League, the Turkish army.';
    const german = 'Auf Deutsch: Europa und die Türkei.';
    const arabic = 'وقالت هيئة تحرير الشام';
    const text = [english, german, arabic, english].join('\u2029');
    const at = (n: number) => [english, german, arabic, english].slice(0, n).reduce((sum, part) => sum + part.length + 1, 0);
    const spans = [
      { start: 0, end: at(1), language: 'en' },
      { start: at(1), end: at(2), language: 'de' },
      { start: at(2), end: at(3), language: 'ar' },
      { start: at(3), end: text.length, language: 'en' },
    ];
    const mentions = findInSpans(find, text, spans);
    expect(mentions.map((m) => [m.entity, m.text])).toEqual([
      ['turkey', 'Turkish'], ['europe', 'Europa'], ['turkey', 'Türkei'], ['hts', 'هيئة تحرير الشام'], ['turkey', 'Turkish'],
    ]);
    for (const m of mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    // Consecutive spans of one language are matched in one go.
    let calls = 0;
    findInSpans((t, l) => (calls++, find(t, l)), text, [spans[0]!, { ...spans[1]!, language: 'en' }, spans[2]!]);
    expect(calls).toBe(2);
  });

  it('builds each language once, lazily, from the same plan', () => {
    const plan = JSON.parse(JSON.stringify(planMatcher(builtInEntities())));
    expect(plan.languages).toEqual(['ar', 'de', 'en', 'es', 'fr']);
    const matcher = matcherFromPlan(plan);
    const text = 'Die Türkei, Turkey, la Turquie, Turquía, تركيا';
    expect(matcher.find(text, 'de').map((m) => m.text)).toEqual(['Türkei']);
    expect(matcher.find(text, 'en').map((m) => m.text)).toEqual(['Turkey']);
    expect(matcher.find(text, 'fr').map((m) => m.text)).toEqual(['Turquie']);
    expect(matcher.find(text, 'es').map((m) => m.text)).toEqual(['Turquía']);
    expect(matcher.find(text, 'ar').map((m) => m.text)).toEqual(['تركيا']);
    expect(matcher.find(text).map((m) => m.text)).toEqual(['Türkei', 'Turkey', 'Turquie', 'Turquía', 'تركيا']);
    expect(matcher.find(text, 'de')).toEqual(matcher.find(text, 'de'));
  });

  it('lets a reader\'s alias carry a language, or none', () => {
    const entities: Entity[] = [
      ...builtInEntities(),
      { id: 'wagner', name: 'Wagner Group', kind: 'group', description: '', aliases: [{ text: 'Wagner' }, { text: 'Вагнер', lang: ['ru'] }] },
    ];
    const { find: findWagner } = createMatcher(entities);
    expect(findWagner('Wagner, Вагнер', 'en').map((m) => m.text)).toEqual(['Wagner']);
    expect(findWagner('Wagner, Вагнер', 'ru').map((m) => m.text)).toEqual(['Wagner', 'Вагнер']);
    expect(findWagner('Wagner, Вагнер, Turkey', 'de').map((m) => m.text)).toEqual(['Wagner']);
  });
});

describe('something else with the same letters is not a mention', () => {
  it('a name inside another proper name: a spacecraft, a football league, a broadcaster, a person', () => {
    expect(ids('NASA’s Europa Clipper and the Europa League final; Radio Free Europe reported it.', 'de')).toEqual([]);
    expect(ids('Radio Free Europe reported from Europe.', 'en')).toEqual(['europe']);
    expect(ids('Michael Jordan and Jordan Peterson visited Jordan.', 'en')).toEqual(['jordan']);
    expect(ids('Defence Minister Israel Katz said Israel would stay.', 'en')).toEqual(['israel']);
    expect(ids('Captain America and Bank of America; America’s Cup; America said no.', 'en')).toEqual(['united-states']);
    expect(ids('Yair Golan criticised the plan for the Golan.', 'en')).toEqual(['golan']);
    expect(ids('USA Today said Team USA would not go to the USA.', 'en')).toEqual(['united-states']);
    // …but an air base named after the place is the place.
    expect(pairs('Russian jets left Hmeimim air base.', 'en')).toEqual([['russia', 'Russian'], ['hmeimim', 'Hmeimim']]);
  });

  it('a continent or region whose name holds a country’s', () => {
    expect(ids('Migrants from Latin America, South America and Central America; Latin-American and North American leaders.', 'en')).toEqual([]);
    expect(ids('Pan-American ties; American troops and Latin American diplomats.', 'en')).toEqual(['united-states']);
    expect(ids('les pays latino-américains et le président américain', 'fr')).toEqual(['united-states']);
  });

  it('a common noun at the start of a sentence, when the words around it make its sense plain', () => {
    expect(ids('Turkey dinners cost more this year. Turkey sandwiches too. TURKEY BREAST on sale. Wild Turkey is a bourbon.', 'en')).toEqual([]);
    expect(ids('Turkey shelled Kurdish positions. Turkey, Iran and Russia met.', 'en')).toEqual(['turkey', 'kurds', 'turkey', 'iran', 'russia']);
    expect(ids('Turkish delight and Turkish coffee; Turkish drones.', 'en')).toEqual(['turkey']);
    expect(ids('Latakia tobacco gives the blend its smoke; Latakia port.', 'en')).toEqual(['latakia']);
    expect(ids('Russian roulette with Russian jets', 'en')).toEqual(['russia']);
    expect(ids('Ankara prints are bright; Ankara said no.', 'en')).toEqual(['turkey']);
  });

  it('an English word that is an abbreviation only in capitals', () => {
    expect(ids('Let us hope the US keeps its troops; the U.S. and the USA agree.', 'en')).toEqual(['united-states', 'united-states', 'united-states']);
    expect(ids('TRUST US. WHAT THEY TOLD US WAS FALSE.', 'en')).toEqual([]);
    expect(ids('THIS IS NOT OUR FIGHT, and US officials agreed.', 'en')).toEqual(['united-states']);
    expect(ids('THE UNITED STATES SHOULD STAY OUT', 'en')).toEqual(['united-states']);
    // Bare IS is not the Islamic State in English; in German it is its abbreviation.
    expect(ids('It IS what it is; ISIS and ISIL remain.', 'en')).toEqual(['isis', 'isis']);
    expect(ids('Die Terrormiliz IS greift an.', 'de')).toEqual(['isis']);
  });

  it('places of the same name elsewhere', () => {
    expect(ids('Police in Lebanon, Pennsylvania, and Moscow, Idaho, and Palmyra, N.Y., said nothing about Damascus, Maryland.', 'en')).toEqual([]);
    expect(ids('Lebanon, Syria and Jordan; Moscow, Tehran and Damascus; Palmyra, Homs.', 'en')).toEqual([
      'lebanon', 'syria', 'jordan', 'russia', 'iran', 'damascus', 'palmyra', 'homs',
    ]);
    expect(ids('Palmyra Atoll lies in the Pacific; Homs, Libya is a port.', 'en')).toEqual([]);
    // Kenitra in Morocco is written like Quneitra.
    expect(ids('القنيطرة المغربية مدينة ساحلية، أما القنيطرة السورية فعلى الجولان', 'ar')).toEqual(['quneitra', 'syria', 'golan']);
  });

  it('another country’s SDF, SNA or FDS', () => {
    expect(ids('Japan’s SDF and the Japan Self-Defense Forces (SDF) train with the Maritime SDF.', 'en')).toEqual([]);
    expect(ids('The Somali National Army (SNA) and the Kurdish-led SDF.', 'en')).toEqual(['kurds', 'sdf']);
    expect(ids('Les FDS burkinabè et les FDS syriennes.', 'fr')).toEqual(['sdf', 'syria']);
  });

  it('an unrelated organisation with the same name or abbreviation', () => {
    // Kata'ib Hezbollah is an Iraqi militia, not the Lebanese party.
    expect(ids("Kata'ib Hezbollah fired at a US base; Hezbollah denied any role.", 'en')).toEqual(['united-states', 'hezbollah']);
    expect(ids('كتائب حزب الله العراقية وحزب الله اللبناني', 'ar')).toEqual(['iraq', 'hezbollah', 'lebanon']);
    // HTC, the French abbreviation of HTS, is also a phone maker.
    expect(ids('Le HTC One est sorti ; HTC a pris Alep.', 'fr')).toEqual(['hts', 'aleppo']);
  });

  it('context words are read as a reader sees them: any white space, any hyphen, any letter case, whole words, within the block', () => {
    // Spaces, line breaks and no-break spaces between or inside the words; curly and straight apostrophes.
    expect(ids('Turkey\u00a0dinners; TURKEY \n SANDWICHES; Lebanon,\n  Pennsylvania; Kata’ib Hezbollah', 'en')).toEqual([]);
    expect(ids('Turkey\u2011dinners cost more.', 'en')).toEqual([]);
    // A longer word that only begins like a context word is no context (Day is not Dayton).
    expect(ids('Turkey Dayton talks; Turkey daylong strikes', 'en')).toEqual(['turkey', 'turkey']);
    // A number after HTS makes it a tariff code, a word does not.
    expect(ids('HTS\u00a09903 and HTS 9903.88; HTS forces', 'en')).toEqual(['hts']);
    // The next block is another text: a heading "Turkey" over a paragraph that starts with "Dinners".
    expect(ids('Turkey\u2029Dinners were served.', 'en')).toEqual(['turkey']);
    expect(ids('Latin\u2029America said no.', 'en')).toEqual(['united-states']);
  });

  it('HTS as a tariff code', () => {
    expect(ids('Goods under HTS code 8471.30 and HTS 9903.88.15 pay duty; check the HTS classification.', 'en')).toEqual([]);
    expect(ids('HTS fighters and the HTS-led government', 'en')).toEqual(['hts', 'hts']);
  });

  it('Kurdistan (a place) is not the Kurds; Washington and Jerusalem never count', () => {
    expect(ids('Iraqi Kurdistan and the Kurdistan Workers’ Party', 'en')).toEqual(['iraq']);
    expect(ids('Kurdish leaders in Kurdistan', 'en')).toEqual(['kurds']);
    expect(ids('Washington and Jerusalem reacted; so did Ankara.', 'en')).toEqual(['turkey']);
  });

  it('another person of the same name', () => {
    // Farouk al-Sharaa, Syria's former vice-president, and a bare al-Sharaa after him.
    expect(ids('Former Vice-President Farouk al Sharaa was Russia’s favourite; Assad had once had al Sharaa detained.', 'en')).toEqual([
      'russia', 'assad',
    ]);
    expect(ids('Farouk al-Sharaa served Hafez. Today Ahmed al-Sharaa rules, and al-Sharaa met Erdoğan.', 'en')).toEqual([
      'sharaa', 'sharaa', 'erdogan',
    ]);
    expect(ids('Sharaa’s militias advanced.', 'en')).toEqual(['sharaa']);
    expect(ids('Mojtaba Khamenei, his son, and Ali Khamenei; Emine Erdoğan and Erdoğan.', 'en')).toEqual(['khamenei', 'erdogan']);
    expect(ids('the Golani Brigade and al-Golani', 'en')).toEqual(['sharaa']);
  });

  it('Arabic common nouns and names with the same letters', () => {
    // حمص is Homs; الحمص is chickpeas. حماة الديار is the anthem ("guardians of the homeland").
    expect(ids('دخلت القوات حمص، وارتفع سعر الحمص وللحمص سوق', 'ar')).toEqual(['homs']);
    expect(ids('عُزف نشيد حماة الديار في حماة', 'ar')).toEqual(['hama']);
    expect(ids('نهر الأردن وغور الأردن، والأردن دولة', 'ar')).toEqual(['jordan']);
    // درعا بشريا is "a human shield"; أمريكا اللاتينية is Latin America.
    expect(ids('استخدموا المدنيين درعا بشريا في درعا', 'ar')).toEqual(['daraa']);
    expect(ids('من أمريكا اللاتينية إلى أمريكا', 'ar')).toEqual(['united-states']);
  });
});
