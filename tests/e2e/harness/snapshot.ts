/**
 * A private copy of each build. Other engineers rebuild .output while tests run; a browser whose
 * extension files vanish mid-test fails for no fault of the extension. The copy is taken once the
 * build is complete (the manifest and every file it and the pages name exist), waiting up to 90 s
 * for one.
 *
 *   const { ready, launchSnapshot } = privateBuilds();   // at the top level of a test file
 *   const pre = ready('chromium');                        // prerequisites + a complete copy
 *   const browser = await launchSnapshot('chromium');
 *   const page = await retrying(() => browser.openPage(url));
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { launchChromium, launchFirefox, type ExtensionBrowser } from './browsers';
import { CHROME_EXTENSION_DIR, FIREFOX_EXTENSION_DIR, prerequisites, type BrowserName } from './paths';

/** The manifest and every script/stylesheet it and the extension's pages name exist in `dir`. */
export function buildComplete(dir: string): boolean {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const files: string[] = [
    'card-ui.js',
    manifest.background?.service_worker,
    ...(manifest.background?.scripts ?? []),
    ...(manifest.content_scripts ?? []).flatMap((c: { js?: string[]; css?: string[] }) => [...(c.js ?? []), ...(c.css ?? [])]),
  ].filter(Boolean);
  for (const html of readdirSync(dir).filter((f) => f.endsWith('.html'))) {
    for (const m of readFileSync(join(dir, html), 'utf8').matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)) files.push(m[1]!);
  }
  return files.every((f) => existsSync(join(dir, f.replace(/^\//, ''))));
}

/** A complete copy of the build in `dir` in a temporary directory, or undefined after 90 s without one. */
export function snapshotBuild(dir: string): string | undefined {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const copy = mkdtempSync(join(tmpdir(), 'syria-lens-build-'));
    try {
      cpSync(dir, copy, { recursive: true });
      if (buildComplete(copy)) return copy;
    } catch {
      // being rewritten: try again
    }
    rmSync(copy, { recursive: true, force: true });
    if (Date.now() > deadline) return undefined;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2_000);
  }
}

export interface PrivateBuilds {
  /** The copies (undefined: no complete build within 90 s). */
  SNAP: Record<BrowserName, string | undefined>;
  /** `prerequisites(name)`, and a failure (not a skip) when no complete copy could be taken. */
  ready(name: BrowserName): { run: true } | { run: false; skip: boolean; reason: string };
  /** Launch the browser on its private copy (`touch`: a phone with a touch screen, see browsers.ts). */
  launchSnapshot(name: BrowserName, options?: { touch?: boolean }): Promise<ExtensionBrowser>;
}

/**
 * Take the copies now (synchronously, while the test file is collected) and remove them in the
 * file's afterAll. Call once at the top level of a test file.
 */
export function privateBuilds(): PrivateBuilds {
  const SNAP: Record<BrowserName, string | undefined> = {
    chromium: snapshotBuild(CHROME_EXTENSION_DIR),
    firefox: snapshotBuild(FIREFOX_EXTENSION_DIR),
  };
  afterAll(() => {
    for (const dir of Object.values(SNAP)) if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    SNAP,
    ready(name) {
      const base = prerequisites(name);
      if (!base.run) return base;
      return SNAP[name] ? base : { run: false, skip: false, reason: `no complete ${name} build in .output within 90 s` };
    },
    launchSnapshot(name, { touch = false } = {}) {
      return name === 'chromium' ? launchChromium({ extensionDir: SNAP.chromium!, touch }) : launchFirefox({ extensionDir: SNAP.firefox!, touch });
    },
  };
}

/** Opening a page, retried while another build rewrites .output (ERR_FILE_NOT_FOUND / ENOENT). */
export async function retrying<T>(open: () => Promise<T>, tries = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await open();
    } catch (error) {
      if (i >= tries || !/ERR_FILE_NOT_FOUND|ENOENT|new tab to appear|to load/.test(String(error))) throw error;
      console.warn(`[e2e] retrying after: ${String(error).split('\n')[0]}`);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
}
