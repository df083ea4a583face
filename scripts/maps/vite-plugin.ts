/**
 * Vite plugin: `import data from 'virtual:syria-lens/locator-maps'` gets the locator maps drawn
 * by scripts/maps/generate.ts as a plain object. They are drawn once per build (a second or so),
 * only when a bundle imports them (the card UI), so the content script carries nothing of it.
 */
import type { Plugin } from 'vite';
import { generateLocatorMaps } from './generate';

export const LOCATOR_MAPS_MODULE = 'virtual:syria-lens/locator-maps';
const RESOLVED = '\0' + LOCATOR_MAPS_MODULE;

export function locatorMaps(): Plugin {
  let source: string | null = null;
  return {
    name: 'syria-lens-locator-maps',
    resolveId(id) {
      return id === LOCATOR_MAPS_MODULE ? RESOLVED : null;
    },
    load(id) {
      if (id !== RESOLVED) return null;
      source ??= `export default ${JSON.stringify(generateLocatorMaps().data)};\n`;
      return source;
    },
  };
}
