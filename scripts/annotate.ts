/**
 * Command-line annotator: prints the mentions the extension would mark in each file.
 *
 *   npm run -s annotate -- FILE...
 *
 * One line of JSON per file: {"file": "...", "mentions": [{"entity", "text", "start", "end"}, ...]}.
 * `.txt` (and any other non-HTML file) is matched as it is; `.html`/`.htm` is parsed (happy-dom,
 * scripts off) and matched on its visible text as the content script reads it — the same
 * `extractText` from page/scan.ts, so offsets index that text (blocks joined by U+2029).
 * A file that cannot be read is reported on stderr; the others are still annotated, and the
 * exit code is 1.
 */
import { readFile } from 'node:fs/promises';
import type { Window } from 'happy-dom';
import { builtInEntities } from '../core/catalogue';
import { createMatcher } from '../core/matcher';
import type { FindMentions } from '../core/types';
import { BLOCK_SEPARATOR, extractText } from '../page/scan';

const HTML_FILE = /\.html?$/i;

interface FileMentions {
  file: string;
  mentions: Array<{ entity: string; text: string; start: number; end: number }>;
}

/** The visible text of an HTML document, as the content script sees it. */
function htmlText(window: Window, html: string): string {
  const document = new window.DOMParser().parseFromString(html, 'text/html');
  const root = (document.body ?? document.documentElement) as unknown as Node;
  const parts: string[] = [];
  const pending: Node[] = [root];
  // Open shadow roots (declarative shadow DOM) are scanned on their own, as on a page.
  for (let node = pending.shift(); node; node = pending.shift()) {
    const index = extractText(node, { inlineStyles: true });
    if (index.text) parts.push(index.text);
    pending.push(...(index.shadowRoots as unknown as Node[]));
  }
  return parts.join(BLOCK_SEPARATOR);
}

function annotateText(file: string, text: string, find: FindMentions): FileMentions {
  return {
    file,
    mentions: find(text).map(({ entity, text: mentionText, start, end }) => ({ entity, text: mentionText, start, end })),
  };
}

async function main(files: string[]): Promise<number> {
  if (files.length === 0) {
    process.stderr.write('usage: npm run -s annotate -- FILE...   (.txt as is, .html/.htm by visible text)\n');
    return 2;
  }
  const { find } = createMatcher(builtInEntities());
  let window: Window | undefined;
  let failed = false;
  try {
    for (const file of files) {
      let content: string;
      try {
        content = await readFile(file, 'utf8');
      } catch (error) {
        const reason = error instanceof Error && 'code' in error ? `${(error as NodeJS.ErrnoException).code}` : String(error);
        process.stderr.write(`annotate: cannot read ${file}: ${reason}\n`);
        failed = true;
        continue;
      }
      let text = content;
      if (HTML_FILE.test(file)) {
        // Loaded only for HTML: plain-text runs start faster without it.
        window ??= new (await import('happy-dom')).Window({
          settings: {
            disableJavaScriptEvaluation: true,
            disableJavaScriptFileLoading: true,
            disableCSSFileLoading: true,
            disableComputedStyleRendering: true,
            navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
          },
        });
        text = htmlText(window, content);
      }
      process.stdout.write(JSON.stringify(annotateText(file, text, find)) + '\n');
    }
  } finally {
    await window?.happyDOM.close();
  }
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
