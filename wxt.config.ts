import { defineConfig } from 'wxt';

// Gecko id is fixed so Firefox keeps the reader's storage across updates and so
// end-to-end tests can pin the extension's moz-extension:// UUID.
export const GECKO_ID = 'syria-lens@syria-lens.org';

export default defineConfig({
  // Explicit imports everywhere: a reader sees where each name comes from.
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'Syria Lens',
    description:
      'Marks people, places and groups in news about Syria and shows background from a briefing on hover. Works offline.',
    permissions: ['storage', 'activeTab'],
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: GECKO_ID, strict_min_version: '128.0' } } }
      : {}),
  }),
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  }),
});
