import { defineConfig } from 'vitest/config';
import { locatorMaps } from './scripts/maps/vite-plugin';

// Two projects: fast unit tests of the pure core and the page side (Node / happy-dom),
// and end-to-end tests that drive the built extension in real Chromium and Firefox.
export default defineConfig({
  // Components import the locator maps the build draws (virtual:syria-lens/locator-maps).
  plugins: [locatorMaps()],
  // The page side's User Timing measures (page/timing.ts) are on in tests, as in benchmark builds.
  define: { __SYRIA_LENS_BENCH__: 'true' },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          setupFiles: ['tests/setup.ts'],
          include: ['tests/core/**/*.test.ts', 'tests/page/**/*.test.ts', 'tests/components/**/*.test.tsx', 'tests/scripts/**/*.test.ts', 'tests/extension/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
