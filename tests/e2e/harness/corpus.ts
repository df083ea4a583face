/**
 * What the end-to-end tests expect on the corpus pages: gold counts, which entity a marked text
 * belongs to (an independent reading of ../shared/corpus/README.md, not the project's matcher),
 * the bundled briefing's sentences, and each entity's display name.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTICLES_DIR, BRIEFING_FILE, CORPUS_DIR, REPO_ROOT } from './paths';

export interface Article {
  /** e.g. 02-nyt-morning-what-is-happening-in-syria */
  slug: string;
  /** Server path, e.g. /articles/02-….html */
  path: string;
  /** Gold mentions per entity id (zeros included). */
  gold: Record<string, number>;
  goldTotal: number;
}

export function corpusArticles(): Article[] {
  const gold = JSON.parse(readFileSync(join(CORPUS_DIR, 'gold-v2.json'), 'utf8')) as Record<string, Record<string, number>>;
  return readdirSync(ARTICLES_DIR)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((file) => {
      const slug = file.replace(/\.html$/, '');
      const counts = gold[`${slug}.txt`];
      if (!counts) throw new Error(`gold-v2.json has no entry for ${slug}.txt`);
      return { slug, path: `/articles/${file}`, gold: counts, goldTotal: Object.values(counts).reduce((a, b) => a + b, 0) };
    });
}

/**
 * Written forms per gold entity (README "How a mention was counted" and "Entity set v2"), as RegExp
 * sources, for the English corpus. `names` are case-sensitive (their ALL-CAPS form counts too);
 * `anyCase` forms count in any case. Texts are normalised first: any white space → ' ', U+2011 →
 * '-', soft hyphens removed. Compound forms (`Assad regime`, `rebel forces`) are accepted because a
 * marker may take the longer name as one mention; either way it is one mention of the same entity.
 * The longest form at a position wins (`Syrian National Army` is sna, not syria).
 */
const AL = '(?:[Aa]l[- ])';
const FORMS: Record<string, { names?: string; anyCase?: string }> = {
  assad_other: { names: `(?:Hafez|Maher|Asma) ${AL}Assad` },
  assad: { names: `(?:Bashar ${AL}?|${AL}|House of )?Assad(?: (?:[Rr]egime|[Gg]overnment|[Ff]amily))?` },
  syria: { names: 'Syria(?:ns?)?(?: Arab Army)?' },
  iran: { names: 'Iran(?:ians?)?|Tehran' },
  hama: { names: 'Hama' },
  aleppo: { names: 'Aleppo' },
  damascus: { names: 'Damascus' },
  russia: { names: 'Russia(?:ns?)?|Moscow|Kremlin' },
  ukraine: { names: 'Ukrain(?:e|ians?)' },
  europe: { names: 'Europe(?:ans?)?(?: Union)?' },
  rebels: { anyCase: 'rebel(?:s| forces)?' },
  refugees: { anyCase: 'refugee(?:s| crisis)?' },
  hts: { names: "(?:Hay[’']?at |Hayut )?Tahrir [Aa]l-Sham|HTS|H\\.T\\.S\\.|Jabhat (?:al-Nusra|Fateh al-Sham)|(?:[Aa]l[- ])?Nusra Front|[Aa]l-Nusra" },
  sna: { names: 'Syrian National Army|SNA' },
  sdf: { names: "Syrian Democratic Forces|SDF|YPG|People[’']s Protection Units" },
  kurds: { names: 'Kurds?|Kurdish' },
  isis: { names: 'Islamic State(?: group| (?:of|in) Iraq and (?:Syria|the Levant))?|ISIS|ISIL|Daesh' },
  hezbollah: { names: 'Hezbollah|Hizbollah|Hizbullah|Hizballah' },
  irgc: { names: 'Islamic Revolutionary Guards? Corps|Revolutionary Guards?(?: Corps)?|IRGC|Quds Force|Sepah-e Pasdaran' },
  sharaa: { names: '(?:Ahmed |Ahmad )?[Aa]l-Shara?a|Sharaa|Abu M[ou]hamm?[ae]d al-(?:Jolani|Julani|Golani|Jawlani)|al-(?:Jolani|Julani|Golani|Jawlani)|Jolani' },
  putin: { names: '(?:Vladimir )?Putin' },
  erdogan: { names: '(?:Recep )?(?:Tayyip )?Erdo[gğ]an' },
  khamenei: { names: '(?:Ayatollah )?(?:Ali )?Khamenei' },
  homs: { names: 'Homs' },
  idlib: { names: 'Idl[ie]b' },
  latakia: { names: 'Latt?akia' },
  tartus: { names: 'Tart(?:us|ous)' },
  daraa: { names: "Daraa|Deraa|Dara[’']a" },
  'deir-ez-zor': { names: 'Deir (?:[Ee]z-|el-|al-|az-)?Zou?r|Deir Ezzou?r' },
  raqqa: { names: '(?:al-)?Raqqa' },
  manbij: { names: 'Manbij' },
  kobani: { names: 'Koban[ie]' },
  qamishli: { names: 'Qamishl[io]' },
  palmyra: { names: 'Palmyra|Tadmur' },
  golan: { names: 'Golan(?: Heights)?' },
  hmeimim: { names: 'Khmeimim|Hmeimim' },
  quneitra: { names: 'Quneitra|Quenitra' },
  suwayda: { names: 'Suwayda|Suwaida|Sweida' },
  sednaya: { names: 'Saydnaya|Sednaya' },
  turkey: { names: 'Turkey|Türkiye|Turkish|Turks?|Ankara' },
  israel: { names: 'Israel(?:is?)?' },
  lebanon: { names: 'Lebanon|Lebanese|Beirut' },
  iraq: { names: 'Iraq(?:is?)?|Baghdad' },
  jordan: { names: 'Jordan(?:ians?)?|Amman' },
  'united-states': { names: 'United States|U\\.S\\.(?:A\\.)?|US|USA|Americans?|America' },
};

/**
 * Other people with an entity's family name: never that entity, and a bare family name after one
 * of them (before the entity's own full name comes again) is that person too — "Farouk al Sharaa …
 * al Sharaa" (README: "other men named al-Sharaa").
 */
const OTHER_PEOPLE: Record<string, { others: string; surname: RegExp; full: RegExp }> = {
  sharaa: { others: `(?:Farouk|Farouq|Hussein|Maher) ${AL}Shara?a`, surname: /^(?:[Aa]l-)?Shara?a$/, full: /^(?:Ahmed|Ahmad|Abu|al-J|al-G|Jolani)/ },
};

/** Soft hyphens out, any white space → ' ', U+2011 → '-'. */
export function normaliseMentionText(text: string): string {
  return text.replace(/\u00ad/g, '').replace(/\s+/gu, ' ').replace(/\u2011/g, '-');
}

const W = '[\\p{L}\\p{N}_]';

/** Which gold entity a marked text is a mention of, or undefined (an entity gold does not count). */
export function entityOfMentionText(raw: string): string | undefined {
  const text = normaliseMentionText(raw);
  const allCaps = /\p{Lu}/u.test(text) && text === text.toUpperCase();
  for (const [id, { names, anyCase }] of Object.entries(FORMS)) {
    if (names && new RegExp(`^(?:${names})$`, allCaps ? 'iu' : 'u').test(text)) return id;
    if (anyCase && new RegExp(`^(?:${anyCase})$`, 'iu').test(text)) return id;
  }
  return undefined;
}

/** Does a piece of text mention the entity (whole words)? Used to pick briefing sentences. */
export function mentions(text: string, entity: string): boolean {
  return countMentions(text)[entity]! > 0;
}

/**
 * Count mentions per gold entity in plain text: an independent reading of the corpus rules, used to
 * pick briefing sentences and checked against gold-v2.json by the harness self-test (not the product).
 */
export function countMentions(text: string): Record<string, number> {
  const t = normaliseMentionText(text);
  const counts: Record<string, number> = Object.fromEntries(Object.keys(FORMS).map((id) => [id, 0]));
  const others = Object.values(OTHER_PEOPLE).map(({ others }) => others);
  const sources = [...Object.values(FORMS).flatMap(({ names, anyCase }) => [names, anyCase].filter((x): x is string => !!x)), ...others];
  // Longest match wins at each position: try every form, keep the longest, then classify it.
  const re = new RegExp(`(?<!${W})(?:${sources.map((s) => `(?:${s})`).join('|')})(?!${W})`, 'giu');
  /** Per entity with namesakes: is a bare family name now another person's (one was named last)? */
  const otherNamedLast: Record<string, boolean> = {};
  let at = 0;
  while (at < t.length) {
    re.lastIndex = at;
    const m = re.exec(t);
    if (!m) break;
    let best: string | undefined;
    let other: string | undefined;
    for (const source of sources) {
      const isOther = others.includes(source);
      const found = exec(source, t, m.index, isOther ? 'uy' : 'iuy');
      if (!found) continue;
      if ((isOther || entityOfMentionText(found)) && (!best || found.length > best.length)) {
        best = found;
        other = isOther ? Object.keys(OTHER_PEOPLE).find((id) => OTHER_PEOPLE[id]!.others === source) : undefined;
      }
    }
    if (other) {
      otherNamedLast[other] = true;
    } else if (best) {
      const id = entityOfMentionText(best);
      const namesake = id ? OTHER_PEOPLE[id] : undefined;
      if (id && namesake?.full.test(best)) otherNamedLast[id] = false;
      if (id && !(namesake?.surname.test(best) && otherNamedLast[id])) counts[id]!++;
    }
    at = m.index + (best?.length ?? 1);
  }
  return counts;
}

/** The form `source` at `index` of `t`, whole words; undefined if none. */
function exec(source: string, t: string, index: number, flags: string): string | undefined {
  const one = new RegExp(`(?<!${W})(?:${source})(?!${W})`, flags);
  one.lastIndex = index;
  return one.exec(t)?.[0];
}

export const BRIEFING_TEXT = readFileSync(BRIEFING_FILE, 'utf8');

/** Whitespace collapsed, for comparing text read from the card with the briefing. */
export const squash = (s: string) => s.replace(/\u00ad/g, '').replace(/\s+/gu, ' ').trim();

/** The briefing's sentences (squashed) that mention `entity`. */
export function briefingSentencesAbout(entity: string): string[] {
  return BRIEFING_TEXT.split(/\n+/)
    .flatMap((paragraph) => paragraph.split(/(?<=[.!?][’”"')]?)\s+(?=[\p{Lu}“"‘'])/u))
    .map(squash)
    .filter((s) => s.length > 20 && mentions(s, entity));
}

/** Display names expected on cards, used unless the project's catalogue can be read (see displayName). */
const FALLBACK_NAMES: Record<string, string> = {
  syria: 'Syria',
  iran: 'Iran',
  assad: 'Bashar al-Assad',
  hama: 'Hama',
  aleppo: 'Aleppo',
  damascus: 'Damascus',
  russia: 'Russia',
  ukraine: 'Ukraine',
  europe: 'Europe',
};

interface CatalogueEntity {
  id: string;
  name: string;
}

let catalogue: Promise<CatalogueEntity[] | undefined> | undefined;

/**
 * The extension's built-in entities, read from the project's catalogue module
 * (core/catalogue.ts, `BUILT_IN_ENTITIES` or any exported array of {id, name}); undefined when
 * no such module exists yet.
 */
export function catalogueEntities(): Promise<CatalogueEntity[] | undefined> {
  catalogue ??= (async () => {
    for (const mod of ['core/catalogue.ts', 'core/entities.ts', 'core/catalog.ts']) {
      try {
        const exports = (await import(/* @vite-ignore */ join(REPO_ROOT, mod))) as Record<string, unknown>;
        const candidates = [exports.BUILT_IN_ENTITIES, ...Object.values(exports)];
        for (const value of candidates) {
          if (!Array.isArray(value) || !value.length) continue;
          if (value.every((e) => typeof (e as CatalogueEntity)?.id === 'string' && typeof (e as CatalogueEntity)?.name === 'string')) {
            return value as CatalogueEntity[];
          }
        }
      } catch {
        // no such module (yet)
      }
    }
    return undefined;
  })();
  return catalogue;
}

/**
 * The gold entities the extension marks: gold ids that are built-in entities. Gold's other
 * buckets (`assad_other`: Hafez/Maher/Asma al-Assad) are names the extension must NOT mark as
 * the entity they contain; the exact count of that entity checks it. Without a readable
 * catalogue, every gold id except `assad_other` is assumed to be an entity.
 */
export async function markedGoldIds(gold: Record<string, number>): Promise<string[]> {
  const entities = await catalogueEntities();
  const known = entities ? new Set(entities.map((e) => e.id)) : undefined;
  return Object.keys(gold).filter((id) => (known ? known.has(id) : id !== 'assad_other'));
}

/** The entity's display name: `name` in the project's catalogue, else the fallback above. */
export async function displayName(entity: string): Promise<string> {
  const hit = (await catalogueEntities())?.find((e) => e.id === entity);
  if (hit) return hit.name;
  const name = FALLBACK_NAMES[entity];
  if (!name) throw new Error(`no display name known for ${entity}`);
  return name;
}
