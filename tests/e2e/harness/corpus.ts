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
  const gold = JSON.parse(readFileSync(join(CORPUS_DIR, 'gold.json'), 'utf8')) as Record<string, Record<string, number>>;
  return readdirSync(ARTICLES_DIR)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((file) => {
      const slug = file.replace(/\.html$/, '');
      const counts = gold[`${slug}.txt`];
      if (!counts) throw new Error(`gold.json has no entry for ${slug}.txt`);
      return { slug, path: `/articles/${file}`, gold: counts, goldTotal: Object.values(counts).reduce((a, b) => a + b, 0) };
    });
}

/**
 * Written forms per gold entity (README "How a mention was counted"), as RegExp sources.
 * `names` are case-sensitive (their ALL-CAPS form counts too); `anyCase` forms count in any case.
 * Texts are normalised first: any white space → ' ', U+2011 → '-', soft hyphens removed.
 * Compound forms (`Assad regime`, `rebel forces`) are accepted because a marker may take the
 * longer name as one mention; either way it is one mention of the same entity.
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
 * pick briefing sentences and checked against gold.json by the harness self-test (not the product).
 */
export function countMentions(text: string): Record<string, number> {
  const t = normaliseMentionText(text);
  const counts: Record<string, number> = Object.fromEntries(Object.keys(FORMS).map((id) => [id, 0]));
  const sources = Object.values(FORMS).flatMap(({ names, anyCase }) => [names, anyCase].filter((x): x is string => !!x));
  // Longest match wins at each position: try every form, keep the longest, then classify it.
  const re = new RegExp(`(?<!${W})(?:${sources.map((s) => `(?:${s})`).join('|')})(?!${W})`, 'giu');
  let at = 0;
  while (at < t.length) {
    re.lastIndex = at;
    const m = re.exec(t);
    if (!m) break;
    let best: string | undefined;
    for (const source of sources) {
      const one = new RegExp(`(?<!${W})(?:${source})(?!${W})`, 'iuy');
      one.lastIndex = m.index;
      const hit = one.exec(t)?.[0];
      if (hit && entityOfMentionText(hit) && (!best || hit.length > best.length)) best = hit;
    }
    const id = best && entityOfMentionText(best);
    if (id) counts[id]!++;
    at = m.index + (best?.length ?? 1);
  }
  return counts;
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
