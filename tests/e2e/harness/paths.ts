/** Where things are, for the end-to-end tests. Everything resolves from the repo root (the parent of tests/). */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The shared real-news corpus: served from where it is, never copied into the repo. */
export const CORPUS_DIR = resolve(REPO_ROOT, '../shared/corpus');
export const ARTICLES_DIR = join(CORPUS_DIR, 'articles');
export const FIXTURES_DIR = join(REPO_ROOT, 'tests/fixtures');
export const BRIEFING_FILE = join(REPO_ROOT, 'assets/briefings/syria-2024-12-iran-withdrawal.txt');

/** The built extensions (`npm run build`); overridable to try the harness on another build. */
export const CHROME_EXTENSION_DIR = process.env.SYRIA_LENS_CHROME_EXTENSION ?? join(REPO_ROOT, '.output/chrome-mv3');
export const FIREFOX_EXTENSION_DIR = process.env.SYRIA_LENS_FIREFOX_EXTENSION ?? join(REPO_ROOT, '.output/firefox-mv2');

export const CHROMIUM_BIN = process.env.SYRIA_LENS_CHROMIUM ?? '/usr/bin/chromium';
export const FIREFOX_BIN = process.env.SYRIA_LENS_FIREFOX ?? '/usr/bin/firefox-esr';

export const IN_CI = process.env.CI === 'true';

export type BrowserName = 'chromium' | 'firefox';

/** Why a browser's end-to-end tests cannot run here, or undefined when they can. */
export function missingPrerequisite(browser: BrowserName): string | undefined {
  const bin = browser === 'chromium' ? CHROMIUM_BIN : FIREFOX_BIN;
  const ext = browser === 'chromium' ? CHROME_EXTENSION_DIR : FIREFOX_EXTENSION_DIR;
  if (!existsSync(bin)) return `${browser} binary not found at ${bin} (apt-get install ${browser === 'chromium' ? 'chromium' : 'firefox-esr'})`;
  if (!existsSync(join(ext, 'manifest.json'))) return `no extension build at ${ext} (run \`npm run build\` first)`;
  if (!existsSync(join(ARTICLES_DIR))) return `corpus not found at ${ARTICLES_DIR}`;
  return undefined;
}

export type Prerequisites = { run: true } | { run: false; skip: boolean; reason: string };

/**
 * In CI a missing browser or build is a failure, not a skip. Locally the suite is skipped and the
 * reason printed. Returns what to do: run, skip (local) or fail (CI), with the reason.
 */
export function prerequisites(browser: BrowserName): Prerequisites {
  return decide(browser, missingPrerequisite(browser));
}

/** The same for a test that needs only the browser (it makes its own build, e.g. a store zip). */
export function browserPrerequisite(browser: BrowserName): Prerequisites {
  const bin = browser === 'chromium' ? CHROMIUM_BIN : FIREFOX_BIN;
  return decide(browser, existsSync(bin) ? undefined : `${browser} binary not found at ${bin}`);
}

function decide(browser: BrowserName, missing: string | undefined): Prerequisites {
  if (!missing) return { run: true };
  if (IN_CI) return { run: false, skip: false, reason: `CI=true but ${missing}` };
  console.warn(`[e2e] SKIPPING ${browser}: ${missing}`);
  return { run: false, skip: true, reason: missing };
}
