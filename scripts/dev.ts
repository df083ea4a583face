/**
 * `npm run dev`: serves a sample news page (and, when present, the real articles in
 * ../shared/corpus/articles) on localhost, then starts WXT's dev runner with the browser
 * opening that page. Extra arguments go to WXT, e.g. `npm run dev -- -b firefox`.
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const folders: Record<string, string> = {
  '/sample/': join(root, 'scripts/sample'),
  '/articles/': resolve(root, '../shared/corpus/articles'),
};
const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.txt': 'text/plain; charset=utf-8' };

const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  for (const [prefix, folder] of Object.entries(folders)) {
    if (!path.startsWith(prefix)) continue;
    const file = normalize(join(folder, path.slice(prefix.length)));
    if (file.startsWith(folder) && existsSync(file) && statSync(file).isFile()) {
      response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(response);
      return;
    }
  }
  response.writeHead(404).end('Not found');
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}/sample/news-sample.html`;
  console.log(`Sample news page: ${url}`);
  if (existsSync(folders['/articles/']!)) console.log(`Real articles: http://127.0.0.1:${port}/articles/`);
  const wxt = spawn('npx', ['wxt', ...process.argv.slice(2).filter((arg) => arg !== '--')], {
    stdio: 'inherit',
    env: { ...process.env, SYRIA_LENS_DEV_URL: url },
  });
  wxt.on('exit', (code) => {
    server.close();
    process.exit(code ?? 0);
  });
});
