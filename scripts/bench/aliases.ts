/**
 * The alias list the reference implementation and mark.js search for, read straight from
 * `assets/entities.json` (the extension's own catalogue), and the ONE combined RegExp both use.
 *
 * The forms follow the matcher's case rule as far as a plain case-sensitive RegExp can:
 * every alias as written plus its ALL-CAPS form; an `anyCase` alias also in lower case and with
 * a capital first letter. Whole words in any script: no letter, digit, combining mark or `_`
 * on either side (`\b` is ASCII-only and would never match the Arabic aliases).
 * Not reproduced (the extension does these, the reference does not): notAliases swallowed,
 * spaces matching any white-space run, Arabic attached prefixes, names across inline elements,
 * URLs skipped, hidden text skipped.
 */
import { readFileSync } from 'node:fs';

interface CatalogueFile {
  entities: { id: string; aliases: { text: string; anyCase?: boolean }[] }[];
}

export function aliasForms(entitiesJsonPath: string): string[] {
  const data = JSON.parse(readFileSync(entitiesJsonPath, 'utf8')) as CatalogueFile;
  const forms = new Set<string>();
  for (const entity of data.entities) {
    for (const alias of entity.aliases) {
      const text = alias.text.replaceAll('\u00ad', '').trim().replace(/\s+/gu, ' ');
      if (!/[\p{L}\p{N}]/u.test(text)) continue;
      forms.add(text);
      forms.add(text.toUpperCase());
      if (alias.anyCase) {
        forms.add(text.toLowerCase());
        forms.add(text.charAt(0).toUpperCase() + text.slice(1).toLowerCase());
      }
    }
  }
  // Longest first, so at one position the alternation takes the longest alias.
  return [...forms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

function escapeRegExp(text: string): string {
  // Only syntax characters: with the `u` flag, escaping anything else (`\-`) is an error.
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

const WORD = '[\\p{L}\\p{N}\\p{M}_]';

/** Source and flags of the one combined RegExp (global, Unicode, case-sensitive). */
export function combinedRegExp(forms: readonly string[]): { source: string; flags: string } {
  return {
    source: `(?<!${WORD})(?:${forms.map(escapeRegExp).join('|')})(?!${WORD})`,
    flags: 'gu',
  };
}
