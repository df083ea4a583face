/**
 * Command-line annotator: prints the mentions the extension would mark in each file.
 *
 *   npm run -s annotate -- [--lang LANG] FILE...
 *
 * One line of JSON per file: {"file", "language", "mentions": [{"entity", "text", "start", "end"}, ...]}.
 * `.txt` (and any other non-HTML file) is matched as it is; `.html`/`.htm` is parsed (happy-dom,
 * scripts off) and matched on its visible text as the content script reads it — the same
 * `extractText` from page/scan.ts, so offsets index that text (blocks joined by U+2029).
 *
 * Names know their language (core/language.ts, the same decision as on a page): each HTML block
 * is matched with the names of its nearest `lang`/`xml:lang`, then the document's, then the
 * file's `<meta http-equiv="Content-Language">`. `--lang` declares the language of the files
 * (like a Content-Language header: it counts where a page declares none; `--lang all` uses every
 * language's names). Where nothing is declared, the language is detected from the text with
 * franc-min, offline. `language` in the output is the file's own (undefined when unknown).
 *
 * A file that cannot be read is reported on stderr; the others are still annotated, and the
 * exit code is 1.
 */
import { readFile } from 'node:fs/promises';
import { franc } from 'franc-min';
import type { Window } from 'happy-dom';
import { builtInEntities } from '../core/catalogue';
import { decideLanguage, fromIso6393, primaryLanguage } from '../core/language';
import { createMatcher, findInSpans } from '../core/matcher';
import type { FindMentions, Mention } from '../core/types';
import { BLOCK_SEPARATOR, extractText, isHiddenByInlineStyle } from '../page/scan';

const HTML_FILE = /\.html?$/i;
const USAGE = 'usage: npm run -s annotate -- [--lang LANG|all] FILE...   (.txt as is, .html/.htm by visible text)\n';

interface FileMentions {
  file: string;
  language?: string;
  mentions: Array<{ entity: string; text: string; start: number; end: number }>;
}

/** The language of text nobody declared, read by franc-min (undefined when it cannot tell). */
function detect(text: string): string | undefined {
  return fromIso6393(franc(text.replaceAll(BLOCK_SEPARATOR, '\n'), { minLength: 20 }));
}

/** `lang`, else `xml:lang`, of an element; null when it has neither. */
function langOf(element: Element): string | null {
  return element.getAttribute('lang') ?? element.getAttribute('xml:lang');
}

/** The nearest declared language at `element` (itself or an ancestor). */
function nearestLang(element: Element | null): string | null {
  for (let el = element; el; el = el.parentElement) {
    const lang = langOf(el);
    if (lang !== null) return lang;
  }
  return null;
}

interface Page {
  text: string;
  /** Where each block's text starts and ends in `text`, with its declared language. */
  spans: Array<{ start: number; end: number; blockLang: string | null }>;
  docLang: string | null;
  contentLanguage: string | null;
}

/** The visible text of an HTML document, as the content script sees it, with each block's language. */
function htmlPage(window: Window, html: string): Page {
  const document = new window.DOMParser().parseFromString(html, 'text/html');
  const root = (document.body ?? document.documentElement) as unknown as Node;
  const page: Page = {
    text: '',
    spans: [],
    docLang: document.documentElement ? langOf(document.documentElement as unknown as Element) : null,
    contentLanguage: document.querySelector('meta[http-equiv="Content-Language" i]')?.getAttribute('content') ?? null,
  };
  const pending: Node[] = [root];
  // Open shadow roots (declarative shadow DOM) are scanned on their own, as on a page.
  for (let node = pending.shift(); node; node = pending.shift()) {
    const index = extractText(node, { skip: isHiddenByInlineStyle });
    pending.push(...(index.shadowRoots as unknown as Node[]));
    if (!index.text) continue;
    if (page.text) page.text += BLOCK_SEPARATOR;
    const offset = page.text.length;
    page.text += index.text;
    index.nodes.forEach((_, i) => {
      const start = offset + (i === 0 ? 0 : index.starts[i]!);
      const end = offset + (i + 1 < index.nodes.length ? index.starts[i + 1]! : index.text.length);
      page.spans.push({ start, end, blockLang: nearestLang(index.blocks[i] as unknown as Element) });
    });
  }
  return page;
}

function annotation(file: string, language: string | undefined, mentions: Mention[]): FileMentions {
  return {
    file,
    ...(language ? { language } : {}),
    mentions: mentions.map(({ entity, text, start, end }) => ({ entity, text, start, end })),
  };
}

/** Reads `--lang LANG` / `--lang=LANG` out of the arguments. `all`: every language's names. */
function parseArguments(args: string[]): { files: string[]; lang?: string; all: boolean } | string {
  const files: string[] = [];
  let lang: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg !== '--lang' && !arg.startsWith('--lang=')) {
      files.push(arg);
      continue;
    }
    const value = arg === '--lang' ? args[++i] : arg.slice('--lang='.length);
    if (value === undefined || value === '') return '--lang needs a language, such as en, de or ar (or all)';
    lang = value;
  }
  if (lang !== undefined && lang !== 'all' && primaryLanguage(lang) === undefined) {
    return `--lang: ${JSON.stringify(lang)} is not a language tag (such as en, de-CH or ar)`;
  }
  return { files, ...(lang !== undefined && lang !== 'all' ? { lang } : {}), all: lang === 'all' };
}

async function main(args: string[]): Promise<number> {
  const parsed = parseArguments(args);
  if (typeof parsed === 'string' || parsed.files.length === 0) {
    process.stderr.write((typeof parsed === 'string' ? `annotate: ${parsed}\n` : '') + USAGE);
    return 2;
  }
  const { files, lang, all } = parsed;
  const { find }: { find: FindMentions } = createMatcher(builtInEntities());
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
      let result: FileMentions;
      if (!HTML_FILE.test(file)) {
        const language = all ? undefined : decideLanguage({ contentLanguage: lang, detected: lang ? undefined : detect(content) });
        result = annotation(file, language, find(content, language));
      } else {
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
        const page = htmlPage(window, content);
        const declared = { docLang: page.docLang, contentLanguage: page.contentLanguage ?? lang };
        // Detection only where nothing is declared, and then once, for the whole page.
        let detected: string | undefined | null = null;
        const detectedOnce = () => (detected === null ? (detected = detect(page.text)) : detected);
        const language = all ? undefined : decideLanguage(declared) ?? detectedOnce();
        const spans = page.spans.map(({ start, end, blockLang }) => ({
          start,
          end,
          language: all ? undefined : decideLanguage({ blockLang, ...declared }) ?? detectedOnce(),
        }));
        result = annotation(file, language, findInSpans(find, page.text, spans));
      }
      process.stdout.write(JSON.stringify(result) + '\n');
    }
  } finally {
    await window?.happyDOM.close();
  }
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
