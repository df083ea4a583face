/**
 * The pages the benchmark loads, served from 127.0.0.1 (content scripts only run on http(s)):
 * - `/big`   the large real page from the shared corpus, as it is;
 * - `/big4`  the same page with its body content repeated four times (built in memory);
 * - `/big16` sixteen times (about 2 MB): how the work grows with the page.
 * Nothing is cached, so every run is a fresh load.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

export interface BenchServer {
  /** Address of a page: `url('big')`, `url('big4')`. */
  url(page: PageName): string;
  /** Bytes of each page's HTML. */
  sizes: Record<PageName, number>;
  close(): Promise<void>;
}

export type PageName = 'big' | 'big4' | 'big16';

/** The page with everything between `<body…>` and `</body>` repeated `times` times. */
export function repeatBody(html: string, times: number): string {
  const open = /<body[^>]*>/i.exec(html);
  const close = html.toLowerCase().lastIndexOf('</body>');
  if (!open || close === -1) throw new Error('bench: the big page has no <body>…</body>');
  const start = open.index + open[0].length;
  const body = html.slice(start, close);
  return html.slice(0, start) + body.repeat(times) + html.slice(close);
}

export async function startServer(bigPagePath: string): Promise<BenchServer> {
  const big = readFileSync(bigPagePath, 'utf8');
  const pages: Record<PageName, Buffer> = {
    big: Buffer.from(big, 'utf8'),
    big4: Buffer.from(repeatBody(big, 4), 'utf8'),
    big16: Buffer.from(repeatBody(big, 16), 'utf8'),
  };
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname.slice(1);
    const body = Object.hasOwn(pages, path) ? pages[path as PageName] : undefined;
    if (!body) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': body.length,
      'cache-control': 'no-store',
    });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (page) => `http://127.0.0.1:${port}/${page}`,
    sizes: { big: pages.big.length, big4: pages.big4.length, big16: pages.big16.length },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
