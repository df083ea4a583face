/**
 * `npm run maps -- --preview` writes .output/maps-preview.html: every place and country map,
 * in the light and the dark palette, as the card renders them, to look at in a browser.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { h, render } from 'preact';
import en from '../../public/_locales/en/messages.json';
import { formatMessage, setFallbackMessages, setTranslator, type MessageEntry } from '../../core/i18n';
import { LocatorMap } from '../../components/LocatorMap';
import { palette, cssVariable } from '../../components/palette';
import type { LocatorMapData } from '../../components/locator-map-types';

export function writePreview(
  data: LocatorMapData,
  file = '.output/maps-preview.html',
  only?: readonly string[],
  locale?: { messages: Record<string, MessageEntry>; dir: 'ltr' | 'rtl'; names?: Record<string, string> },
): string {
  setFallbackMessages(en);
  if (locale) {
    setTranslator((key, substitutions) => {
      if (key === '@@bidi_dir') return locale.dir;
      const entry = locale.messages[key];
      return entry ? formatMessage(entry, substitutions) : '';
    });
  }
  const window = new Window();
  const globals = globalThis as Record<string, unknown>;
  const saved = { document: globals.document, window: globals.window };
  globals.document = window.document;
  globals.window = window;
  try {
    const ids = [...Object.keys(data.places), ...Object.keys(data.countries)].filter((id) => !only || only.includes(id));
    const figure = (id: string) => {
      const container = window.document.createElement('div');
      render(h(LocatorMap, { id, name: locale?.names?.[id] ?? title(id), data }), container);
      const alt = container.querySelector('svg')?.getAttribute('aria-label') ?? '';
      return `<figure>${container.innerHTML}<figcaption>${escape(alt)}</figcaption></figure>`;
    };
    const vars = (which: 'light' | 'dark') =>
      Object.entries(palette[which])
        .map(([token, value]) => `${cssVariable(token as keyof typeof palette.light)}: ${value};`)
        .join(' ');
    const html = `<!doctype html><meta charset="utf-8"><title>Locator maps</title>
<style>
body { margin: 0; font: 14px system-ui, sans-serif; }
section { display: flex; flex-wrap: wrap; gap: 12px; padding: 12px; }
section.light { ${vars('light')} background: var(--sl-bg); color: var(--sl-text); }
section.dark { ${vars('dark')} background: var(--sl-bg); color: var(--sl-text); }
figure { margin: 0; width: 312px; }
figcaption { font-size: 12px; color: var(--sl-muted); margin-top: 4px; }
</style>
<section class="light" dir="${locale?.dir ?? 'ltr'}">${ids.map(figure).join('')}</section>
<section class="dark" dir="${locale?.dir ?? 'ltr'}">${ids.map(figure).join('')}</section>`;
    mkdirSync(file.replace(/\/[^/]*$/, ''), { recursive: true });
    writeFileSync(file, html);
    return file;
  } finally {
    setTranslator(null);
    globals.document = saved.document;
    globals.window = saved.window;
    void window.happyDOM.close();
  }
}

function title(id: string): string {
  const special: Record<string, string> = { 'deir-ez-zor': 'Deir ez-Zor', golan: 'Golan Heights', 'united-states': 'United States' };
  return special[id] ?? id.charAt(0).toUpperCase() + id.slice(1);
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
