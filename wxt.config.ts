import { defineConfig } from 'wxt';
import { locatorMaps } from './scripts/maps/vite-plugin';

// Gecko id is fixed so Firefox keeps the reader's storage across updates and so
// end-to-end tests can pin the extension's moz-extension:// UUID.
export const GECKO_ID = 'syria-lens@syria-lens.org';

// `SYRIA_LENS_BENCH=1` builds the benchmark's own copy (npm run bench), into .output/bench/: the
// only build whose page side records User Timing measures (page/timing.ts).
const BENCH = process.env.SYRIA_LENS_BENCH === '1';

export default defineConfig({
  // Explicit imports everywhere: a reader sees where each name comes from.
  imports: false,
  outDir: BENCH ? '.output/bench' : '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extension_name__',
    description: '__MSG_extension_description__',
    default_locale: 'en',
    // `scripting` + host permissions: the card UI is injected into a page only when a card
    // opens (the content script itself already runs on these hosts). No `activeTab`: the host
    // permissions already cover every page Syria Lens works on; all it added was the address of
    // a browser or file page in the popup, which then says "cannot run on this page" instead.
    permissions: ['storage', ...(manifestVersion === 3 ? ['scripting'] : [])],
    host_permissions: ['http://*/*', 'https://*/*'],
    // The card frame (entrypoints/card), embedded by the card host in pages (page/card-host.ts).
    // Chromium: reachable only at a per-session address, so a page cannot probe for it.
    web_accessible_resources:
      manifestVersion === 3
        ? [{ resources: ['card.html'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true }]
        : ['card.html'],
    // Readers can change these keys in the browser's shortcuts settings.
    commands: {
      'toggle-site': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_command_toggle_site__',
      },
      'next-mention': {
        suggested_key: { default: 'Alt+Shift+Period' },
        description: '__MSG_command_next_mention__',
      },
      'previous-mention': {
        suggested_key: { default: 'Alt+Shift+Comma' },
        description: '__MSG_command_previous_mention__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // Firefox 140 was the first with the CSS Custom Highlight API, but ESR 140 registers the
            // marks and paints no underline for them (tests/e2e/paint.test.ts, run against 140.12:
            // 0 pixels change); 153 ESR, the oldest Firefox these tests pass on, paints them. The
            // data-collection declaration (read since 140, 142 on Android): Syria Lens collects nothing.
            gecko: { id: GECKO_ID, strict_min_version: '153.0', data_collection_permissions: { required: ['none'] } },
            gecko_android: { strict_min_version: '153.0' },
          },
        }
      : {}),
  }),
  // The sources zip for the store holds what builds the extension, not the README's pictures.
  zip: { excludeSources: ['docs/screenshots/**'] },
  // `npm run dev` (scripts/dev.ts) serves a sample news page and passes its address here.
  webExt: {
    binaries: { chrome: '/usr/bin/chromium', firefox: '/usr/bin/firefox-esr' },
    startUrls: process.env.SYRIA_LENS_DEV_URL ? [process.env.SYRIA_LENS_DEV_URL] : undefined,
    // Chromium refuses to start as root without this (containers, CI machines).
    chromiumArgs: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  },
  vite: () => ({
    // The card's locator maps, drawn at build time from Natural Earth and GeoNames (scripts/maps/).
    plugins: [locatorMaps()],
    define: { __SYRIA_LENS_BENCH__: JSON.stringify(BENCH) },
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    // Terser packs the content script (which runs on every page) about 2% tighter than esbuild.
    build: { minify: 'terser', terserOptions: { compress: { passes: 3 }, format: { comments: false } } },
  }),
});
