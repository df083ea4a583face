// @vitest-environment node
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoFile, repoRoot } from './render';

type Catalogue = Record<string, { message: string; description?: string; placeholders?: Record<string, { content: string }> }>;

const LOCALES = ['en', 'ar', 'fr', 'de'] as const;
const catalogues = Object.fromEntries(
  LOCALES.map((locale) => [locale, JSON.parse(repoFile(`public/_locales/${locale}/messages.json`)) as Catalogue]),
) as Record<(typeof LOCALES)[number], Catalogue>;
const en = catalogues.en;

/** Source files that call t('…'): components, and the page side and entrypoints once they do. */
function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(join(repoRoot, dir));
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(repoRoot, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of ['components', 'page', 'entrypoints'].flatMap(sourceFiles)) {
    for (const match of repoFile(file).matchAll(/\bt\(\s*['"`]([^'"`]+)['"`]/g)) used.set(match[1]!, file);
  }
  return used;
}

/** Keys of message descriptors (`{ key: '…' }`) that core modules and the stores return or throw. */
function descriptorKeys(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of ['core', 'extension', 'components', 'entrypoints'].flatMap(sourceFiles)) {
    for (const match of repoFile(file).matchAll(/\bkey:\s*['"`]([^'"`]+)['"`]/g)) used.set(match[1]!, file);
  }
  return used;
}

const placeholderNames = (message: string) =>
  [...message.matchAll(/\$([a-zA-Z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase()).sort();

describe('locale files', () => {
  it('have a message for every key the components use', () => {
    const used = usedKeys();
    expect(used.size).toBeGreaterThan(20);
    for (const [key, file] of used) {
      for (const locale of LOCALES) {
        expect(catalogues[locale][key]?.message, `${key} (used in ${file}) in ${locale}`).toBeTruthy();
      }
    }
  });

  it('have a message for every descriptor key core and the stores use, with a placeholder per substitution', () => {
    const used = descriptorKeys();
    expect(used.size).toBeGreaterThan(40);
    for (const [key, file] of used) {
      for (const locale of LOCALES) {
        expect(catalogues[locale][key]?.message, `${key} (used in ${file}) in ${locale}`).toBeTruthy();
      }
    }
  });

  it('ar, fr and de have exactly the English keys', () => {
    for (const locale of ['ar', 'fr', 'de'] as const) {
      expect(Object.keys(catalogues[locale]).sort(), locale).toEqual(Object.keys(en).sort());
    }
  });

  it('use snake_case keys, which Chrome accepts, each with a description for translators', () => {
    for (const locale of LOCALES) {
      for (const [key, entry] of Object.entries(catalogues[locale])) {
        expect(key, locale).toMatch(/^[a-z0-9]+(_[a-z0-9]+)*$/);
        expect(entry.message.trim(), `${locale} ${key}`).not.toBe('');
        expect(entry.description?.trim(), `${locale} ${key}`).toBeTruthy();
      }
    }
  });

  it('name the extension and fit the store limits', () => {
    for (const locale of LOCALES) {
      const { extension_name: name, extension_description: description } = catalogues[locale];
      expect(name?.message, locale).toBe('Syria Lens');
      expect(description?.message.length, locale).toBeLessThanOrEqual(132);
    }
  });

  it('keep every placeholder of the English message, and define the ones they use', () => {
    for (const locale of LOCALES) {
      for (const [key, entry] of Object.entries(catalogues[locale])) {
        const names = placeholderNames(entry.message);
        expect(names, `${locale} ${key}`).toEqual(placeholderNames(en[key]!.message));
        const defined = Object.keys(entry.placeholders ?? {}).map((name) => name.toLowerCase());
        for (const name of names) expect(defined, `${locale} ${key} $${name}$`).toContain(name);
      }
    }
  });

  it('are translated, not copied from English', () => {
    for (const locale of ['ar', 'fr', 'de'] as const) {
      const same = Object.keys(en).filter((key) => catalogues[locale][key]?.message === en[key]!.message);
      // The brand name stays; German "Person" and "Israel" (a map label) are the same words.
      expect(same.length, `${locale}: ${same.join(', ')}`).toBeLessThanOrEqual(4);
    }
    const arabicLetters = /[\u0600-\u06ff]/;
    for (const [key, entry] of Object.entries(catalogues.ar)) {
      if (key !== 'extension_name') expect(entry.message, key).toMatch(arabicLetters);
    }
  });
});
