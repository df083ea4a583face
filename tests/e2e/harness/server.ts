/**
 * A tiny static HTTP server for the end-to-end tests, on 127.0.0.1 and a random port.
 *   /articles/…  → ../shared/corpus/articles/ (served in place, never copied)
 *   /big/…       → ../shared/corpus/big/
 *   /fixtures/…  → tests/fixtures/
 * Per-fixture response headers: `*.csp.html` gets a strict CSP; a sidecar file
 * `<name>.headers.json` ({"Header-Name": "value"}) adds or overrides headers for `<name>`.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { ARTICLES_DIR, CORPUS_DIR, FIXTURES_DIR } from './paths';

export const STRICT_CSP = "default-src 'none'; style-src 'self'";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.xml': 'application/xml; charset=utf-8',
  '.xhtml': 'application/xhtml+xml; charset=utf-8',
};

const MOUNTS: [prefix: string, dir: string][] = [
  ['/articles/', ARTICLES_DIR],
  ['/big/', join(CORPUS_DIR, 'big')],
  ['/fixtures/', FIXTURES_DIR],
];

export interface StaticServer {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  url(path: string): string;
  close(): Promise<void>;
}

async function headersFor(file: string): Promise<Record<string, string>> {
  const headers: Record<string, string> = {
    'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Cache-Control': 'no-store',
  };
  if (file.endsWith('.csp.html')) headers['Content-Security-Policy'] = STRICT_CSP;
  try {
    const extra = JSON.parse(await readFile(`${file}.headers.json`, 'utf8')) as Record<string, string>;
    Object.assign(headers, extra);
  } catch {
    // no sidecar: defaults only
  }
  return headers;
}

function resolveFile(pathname: string): string | undefined {
  for (const [prefix, dir] of MOUNTS) {
    if (!pathname.startsWith(prefix)) continue;
    const rel = normalize(decodeURIComponent(pathname.slice(prefix.length)));
    if (rel.startsWith('..') || rel.includes(`${sep}..`)) return undefined;
    return join(dir, rel);
  }
  return undefined;
}

export async function startServer(): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
        if (pathname === '/favicon.ico') {
          res.writeHead(204).end();
          return;
        }
        let file = resolveFile(pathname);
        if (file && (await stat(file).catch(() => undefined))?.isDirectory()) file = join(file, 'index.html');
        if (!file || file.endsWith('.headers.json')) {
          res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
          return;
        }
        const body = await readFile(file).catch(() => undefined);
        if (!body) {
          res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
          return;
        }
        res.writeHead(200, await headersFor(file));
        res.end(req.method === 'HEAD' ? undefined : body);
      } catch (error) {
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error));
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => new URL(path, origin).href,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
