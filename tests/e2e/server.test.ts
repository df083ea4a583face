/** The e2e static server (no browser): mounts, content types, per-fixture headers, no escapes. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusArticles } from './harness/corpus';
import { STRICT_CSP, startServer, type StaticServer } from './harness/server';

let server: StaticServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

describe('e2e static server', () => {
  it('serves corpus articles in place, as HTML, on 127.0.0.1', async () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(server.url(corpusArticles()[0]!.path));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBeNull();
    expect(await response.text()).toContain('og:type');
  });

  it('serves fixtures, with a strict CSP for *.csp.html and correct types', async () => {
    const page = await fetch(server.url('/fixtures/strict.csp.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(STRICT_CSP);
    const css = await fetch(server.url('/fixtures/news.css'));
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('applies a <file>.headers.json sidecar and does not serve the sidecar itself', async () => {
    const { FIXTURES_DIR } = await import('./harness/paths');
    const dir = await mkdtemp(`${FIXTURES_DIR}/.tmp-`);
    try {
      await writeFile(`${dir}/page.html`, '<!doctype html><p>x</p>');
      await writeFile(`${dir}/page.html.headers.json`, JSON.stringify({ 'X-Frame-Options': 'DENY' }));
      const base = `/fixtures/${dir.slice(FIXTURES_DIR.length + 1)}`;
      const response = await fetch(server.url(`${base}/page.html`));
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect((await fetch(server.url(`${base}/page.html.headers.json`))).status).toBe(404);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('answers 404 outside its mounts and for missing files', async () => {
    expect((await fetch(server.url('/package.json'))).status).toBe(404);
    expect((await fetch(server.url('/fixtures/nope.html'))).status).toBe(404);
    expect((await fetch(`${server.origin}/articles/..%2F..%2Fgold-v2.json`)).status).toBe(404);
  });
});
