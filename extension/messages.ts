/**
 * Messages between the extension's parts: the ONE definition of every request, of what answers
 * it, and of the functions that send and answer them. Nothing else in the extension calls
 * runtime.sendMessage, tabs.sendMessage, onMessage, connect or onConnect.
 *
 * Settings never travel as messages: every part reads them from browser.storage and follows
 * storage.onChanged (one-way data flow); the background turns them into what one page needs
 * (its LensConfig) when a content script asks.
 *
 * Who asks whom:
 * - content scripts and extension pages ask the background: `askBackground` / `answerBackgroundRequests`;
 * - the popup and the background ask the content script in a tab's top frame: `askPage` /
 *   `answerPageRequests`;
 * - a page tells the popup its state without being asked: the popup opens a port
 *   (`followPageState`) and the page posts its PageState on it whenever its marks change
 *   (`publishPageState`).
 *
 * Checked where received: the receiver validates every request against its schema; a malformed
 * or unknown one is refused, the reason logged and sent back as the rejection. What a page's
 * content script answers (it runs in the page's renderer) is validated by the asker too. What the
 * background answers is not: it is the extension's own privileged part, and `BackgroundAnswers`
 * types it.
 *
 * Adding a request: its schema in BACKGROUND_REQUEST (or PAGE_REQUEST), its answer in the map
 * next to it, and its handler where it is answered; the compiler asks for each.
 */
import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import { MAX_SOURCE_CHARS } from '../core/briefing-file';
import { MAX_BRIEFING_BYTES } from '../core/briefing-limits';
import type { LensConfig } from '../core/lens-config';
import { MARK_TOKEN } from '../core/mark-names';
import { INACTIVE_REASONS, type CardData, type InactiveReason } from '../core/types';

export type { InactiveReason, LensConfig };

/** A request read from a message: the request, or why it was refused. */
export type Checked<T> = { ok: true; request: T } | { ok: false; reason: string };

type Sender = Browser.runtime.MessageSender;

// ---------------------------------------------------------------------------------------------
// To the background

/** The most text a `detect-language` request carries (page/marks.ts sends a few thousand characters). */
export const DETECT_LANGUAGE_MAX = 16_384;

/** What a page read about itself (core/news.ts PageSignals): its JSON-LD is parsed in the background. */
const PageSignalsSchema = v.object({
  ogType: v.optional(v.nullable(v.string())),
  jsonLd: v.array(v.string()),
  hostname: v.string(),
});

/** Requests the background answers (from content scripts and extension pages). */
export const BACKGROUND_REQUEST = v.variant('type', [
  /**
   * What should this page mark, and how? Answered with its LensConfig and the highlight-name token
   * of the sender's document, whose `performance.timeOrigin` this is (extension/mark-token.ts):
   * one round trip for both at the start of every page.
   */
  v.object({
    type: v.literal('lens-config'),
    url: v.string(),
    signals: PageSignalsSchema,
    crossOrigin: v.optional(v.literal(true)),
    timeOrigin: v.pipe(v.number(), v.finite(), v.minValue(0)),
  }),
  /** The card for an entity: answered with CardData, or null for an unknown entity. */
  v.object({ type: v.literal('card'), entity: v.string() }),
  /**
   * Insert (`on`) or remove the stylesheet that paints the marks of the sender's frame, whose
   * highlight names are made from `token` (core/mark-names.ts): only while its lens is on.
   */
  v.object({ type: v.literal('mark-css'), token: v.pipe(v.string(), v.regex(MARK_TOKEN)), on: v.boolean() }),
  /** Inject the card UI script into the sender's frame (loaded on first hover only). */
  v.object({ type: v.literal('load-card-ui') }),
  /** The sender's frame now paints `total` marks (`active` false: Syria Lens is off there). For the badge. */
  v.object({ type: v.literal('mentions-changed'), total: v.pipe(v.number(), v.integer(), v.minValue(0)), active: v.boolean() }),
  /** The reader clicked a card's source: show the briefing with this sentence highlighted. */
  v.object({ type: v.literal('open-briefing'), briefingId: v.string(), sentence: v.string() }),
  /**
   * What language is this text in (a page's text whose language the page does not declare)?
   * Answered with a language tag from the browser's detector, or undefined when it cannot tell.
   */
  v.object({ type: v.literal('detect-language'), text: v.pipe(v.string(), v.maxLength(DETECT_LANGUAGE_MAX)) }),
]);

type AnyBackgroundRequest = v.InferOutput<typeof BACKGROUND_REQUEST>;
export type BackgroundRequestType = AnyBackgroundRequest['type'];
/** One request to the background (`BackgroundRequest<'card'>`), or any of them. */
export type BackgroundRequest<K extends BackgroundRequestType = BackgroundRequestType> = {
  [P in K]: Extract<AnyBackgroundRequest, { type: P }>;
}[K];

/** What the background answers to each request. */
export interface BackgroundAnswers {
  /** `token`: ten lower-case letters (core/mark-names.ts). */
  'lens-config': { config: LensConfig; token: string };
  card: CardData | null;
  'mark-css': void;
  'load-card-ui': boolean;
  'mentions-changed': void;
  'open-briefing': void;
  'detect-language': string | undefined;
}

export type BackgroundHandlers = {
  [K in BackgroundRequestType]: (request: BackgroundRequest<K>, sender: Sender) => BackgroundAnswers[K] | Promise<BackgroundAnswers[K]>;
};

/** Asks the background. Rejects when it refused the request or is not there (extension reloading). */
export function askBackground<K extends BackgroundRequestType>(request: BackgroundRequest<K>): Promise<BackgroundAnswers[K]> {
  return browser.runtime.sendMessage<BackgroundRequest<K>, BackgroundAnswers[K]>(request);
}

/** The background: answers every request with `handlers`, after checking it. */
export function answerBackgroundRequests(handlers: BackgroundHandlers): void {
  listenForMessages((message, sender) => {
    const parsed = v.safeParse(BACKGROUND_REQUEST, message);
    if (!parsed.success) return refuse('the background', describe(parsed.issues), message);
    return run(handlers, parsed.output, sender);
  });
}

function run<K extends BackgroundRequestType>(handlers: BackgroundHandlers, request: BackgroundRequest<K>, sender: Sender): Promise<BackgroundAnswers[K]> {
  const handler: BackgroundHandlers[K] = handlers[request.type];
  // A handler that throws rejects the sender's promise instead of leaving it waiting.
  return Promise.resolve().then(() => handler(request, sender));
}

// ---------------------------------------------------------------------------------------------
// To a page's content script

/** Requests the content script of a tab's top frame answers (from the popup and the background). */
export const PAGE_REQUEST = v.variant('type', [
  /** How the page is marked now: answered with a PageState. */
  v.object({ type: v.literal('get-page-state') }),
  /**
   * Scroll to the next (`direction` 1, the default) or previous mention of `entity` (any entity
   * when absent) after the last one revealed, emphasise it and open its card. Answered with
   * whether there was one.
   */
  v.object({ type: v.literal('reveal-mention'), entity: v.optional(v.string()), direction: v.optional(v.picklist([1, -1])) }),
]);

type AnyPageRequest = v.InferOutput<typeof PAGE_REQUEST>;
export type PageRequestType = AnyPageRequest['type'];
export type PageRequest<K extends PageRequestType = PageRequestType> = { [P in K]: Extract<AnyPageRequest, { type: P }> }[K];

export const PAGE_STATE = v.object({
  /** Host name of the page that answered. */
  host: v.string(),
  active: v.boolean(),
  reason: v.optional(v.picklist(INACTIVE_REASONS)),
  /** Mentions per entity id on the page now. */
  counts: v.record(v.string(), v.pipe(v.number(), v.integer(), v.minValue(0))),
  total: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type PageState = v.InferOutput<typeof PAGE_STATE>;

/** What a page answers to each request. */
export interface PageAnswers {
  'get-page-state': PageState;
  'reveal-mention': boolean;
}

/** The asker's check of each answer: a page's content script is not trusted to answer well. */
const readPageAnswer: { [K in PageRequestType]: (answer: unknown) => PageAnswers[K] } = {
  'get-page-state': (answer) => checked(PAGE_STATE, answer),
  'reveal-mention': (answer) => checked(v.boolean(), answer),
};

function checked<T>(schema: v.GenericSchema<unknown, T>, answer: unknown): T {
  const parsed = v.safeParse(schema, answer);
  if (parsed.success) return parsed.output;
  throw new Error(`Syria Lens: a page's answer is not valid: ${describe(parsed.issues)}`);
}

export type PageHandlers = { [K in PageRequestType]: (request: PageRequest<K>) => PageAnswers[K] };

/**
 * Asks the content script in a tab's top frame. Rejects when no content script answers (a page
 * loaded before install, a browser page), when it refused the request, or when its answer is not
 * what this request expects.
 */
export async function askPage<K extends PageRequestType>(tabId: number, request: PageRequest<K>): Promise<PageAnswers[K]> {
  const answer: unknown = await browser.tabs.sendMessage(tabId, request, { frameId: 0 });
  const read: (typeof readPageAnswer)[K] = readPageAnswer[request.type];
  return read(answer);
}

/**
 * The content script's own check of PAGE_REQUEST. The same rules written out by hand, because
 * valibot would add 3 KB to the content script, which runs on every page and may weigh 40 KB;
 * tests/extension/messages.test.ts shows it accepts and refuses exactly what the schema does.
 */
export function readPageRequest(message: unknown): Checked<PageRequest> {
  // Short reasons: the refused message itself is logged next to them (see `refuse`).
  if (!message || typeof message !== 'object' || Array.isArray(message)) return { ok: false, reason: 'not an object' };
  const fields: { type?: unknown; entity?: unknown; direction?: unknown } = message;
  if (fields.type === 'get-page-state') return { ok: true, request: { type: 'get-page-state' } };
  if (fields.type !== 'reveal-mention') return { ok: false, reason: 'unknown type' };
  const { entity, direction } = fields;
  if (entity !== undefined && typeof entity !== 'string') return { ok: false, reason: '"entity" must be a string' };
  if (direction !== undefined && direction !== 1 && direction !== -1) return { ok: false, reason: '"direction" must be 1 or -1' };
  const request: PageRequest<'reveal-mention'> = { type: 'reveal-mention' };
  if ('entity' in fields) request.entity = entity;
  if ('direction' in fields) request.direction = direction;
  return { ok: true, request };
}

/** The content script (top frame only): answers the popup's and the background's requests until `signal` aborts. */
export function answerPageRequests(handlers: PageHandlers, signal: AbortSignal): void {
  listenForMessages((message) => {
    const checked = readPageRequest(message);
    if (!checked.ok) return refuse('the page', checked.reason, message);
    return Promise.resolve().then(() => answerPage(handlers, checked.request));
  }, signal);
}

function answerPage<K extends PageRequestType>(handlers: PageHandlers, request: PageRequest<K>): PageAnswers[K] {
  const handler: PageHandlers[K] = handlers[request.type];
  return handler(request);
}

// ---------------------------------------------------------------------------------------------
// The popup follows a page's state

/** The name of the port the popup opens to a page to follow its PageState. */
const PAGE_STATE_PORT = 'syria-lens:page-state';

/**
 * The content script (top frame only): every popup that follows this page gets `state()` when it
 * connects and again each time the returned function is called (when the marks change). Until
 * `signal` aborts.
 */
export function publishPageState(state: () => PageState, signal: AbortSignal): () => void {
  const ports = new Set<Browser.runtime.Port>();
  const post = (port: Browser.runtime.Port) => {
    try {
      port.postMessage(state());
    } catch {
      ports.delete(port); // The popup closed between its disconnect and our post.
    }
  };
  const onConnect = (port: Browser.runtime.Port) => {
    if (port.name !== PAGE_STATE_PORT) return;
    ports.add(port);
    port.onDisconnect.addListener(() => ports.delete(port));
    post(port);
  };
  browser.runtime.onConnect.addListener(onConnect);
  signal.addEventListener(
    'abort',
    () => {
      removeListener(() => browser.runtime.onConnect.removeListener(onConnect));
      for (const port of ports) removeListener(() => port.disconnect());
      ports.clear();
    },
    { once: true },
  );
  return () => {
    for (const port of ports) post(port);
  };
}

/**
 * The popup: calls `onState` with the page state of a tab's top frame now and whenever it
 * changes, and `onGone` when the page stops answering (it navigated, closed, or has no content
 * script). Each state is checked before it is used. Until `signal` aborts.
 */
export function followPageState(tabId: number, onState: (state: PageState) => void, onGone: () => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const port = browser.tabs.connect(tabId, { name: PAGE_STATE_PORT, frameId: 0 });
  port.onMessage.addListener((message: unknown) => {
    const parsed = v.safeParse(PAGE_STATE, message);
    if (parsed.success) onState(parsed.output);
    else console.warn(`Syria Lens: ignored a page state that is not valid: ${describe(parsed.issues)}`);
  });
  port.onDisconnect.addListener(() => {
    if (!signal.aborted) onGone();
  });
  signal.addEventListener('abort', () => port.disconnect(), { once: true });
}

// ---------------------------------------------------------------------------------------------
// Scripts the popup injects on demand answer with their result

/**
 * Whether a page looks like an article (entrypoints/article-check.ts), and for which address.
 * Checked like any page's answer: the script runs in the page's renderer.
 */
export const ARTICLE_CHECK = v.object({ article: v.boolean(), url: v.pipe(v.string(), v.maxLength(MAX_SOURCE_CHARS * 4)) });
export type ArticleCheck = v.InferOutput<typeof ARTICLE_CHECK>;

/**
 * The article a page read for "Use this article as a briefing" (entrypoints/extract-article.ts,
 * page/article.ts). At most 1 MB of text: the briefing limit (core/briefing-limits.ts), counted
 * here in UTF-16 units, then in UTF-8 bytes by `validateBriefingText` before anything is kept.
 */
export const ARTICLE_ANSWER = v.variant('ok', [
  v.object({
    ok: v.literal(true),
    url: v.pipe(v.string(), v.maxLength(MAX_SOURCE_CHARS * 4)),
    title: v.pipe(v.string(), v.maxLength(10_000)),
    site: v.nullable(v.pipe(v.string(), v.maxLength(10_000))),
    published: v.nullable(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/))),
    text: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_BRIEFING_BYTES)),
    ms: v.pipe(v.number(), v.minValue(0)),
  }),
  v.object({ ok: v.literal(false), reason: v.picklist(['not-article', 'no-text']) }),
]);
export type ArticleAnswer = v.InferOutput<typeof ARTICLE_ANSWER>;

/** An article answer, checked; throws when it is not one (a broken or hostile page). */
export function readArticleAnswer(answer: unknown): ArticleAnswer {
  return checked(ARTICLE_ANSWER, answer);
}

/** Does the page in the tab's top frame look like an article? Rejects when the browser does not let the extension in (browser pages, store pages). */
export async function checkPageArticle(tabId: number): Promise<ArticleCheck> {
  return checked(ARTICLE_CHECK, await runPageScript(tabId, '/article-check.js'));
}

/** Reads the article in the tab's top frame, on a copy of its document. Rejects like `checkPageArticle`, or when the answer is not valid. */
export async function extractPageArticle(tabId: number): Promise<ArticleAnswer> {
  return readArticleAnswer(await runPageScript(tabId, '/extract-article.js'));
}

/**
 * Runs a packaged script in the tab's top frame and gives its result (the value its `main`
 * returns). MV3: `scripting.executeScript`, allowed by the `scripting` permission with the host
 * permissions the content script already has; Firefox's MV2: `tabs.executeScript`, allowed by
 * the same host permissions. No new permission either way.
 */
async function runPageScript(tabId: number, file: '/article-check.js' | '/extract-article.js'): Promise<unknown> {
  if (import.meta.env.MANIFEST_VERSION === 3) {
    const [injection] = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [file] });
    return injection?.result;
  }
  const [result] = (await browser.tabs.executeScript(tabId, { file, frameId: 0 })) as unknown[];
  return result;
}

// ---------------------------------------------------------------------------------------------

/**
 * runtime.onMessage with a listener that answers every message with a Promise (the polyfill sends
 * its result back), until `signal` aborts. The listener's type also lists a void-returning form,
 * which is why the lint rule for misused promises is told that this one is meant.
 */
function listenForMessages(listener: (message: unknown, sender: Sender) => Promise<unknown>, signal?: AbortSignal): void {
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- answering with a Promise is the API
  browser.runtime.onMessage.addListener(listener);
  signal?.addEventListener(
    'abort',
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the same listener
    () => removeListener(() => browser.runtime.onMessage.removeListener(listener)),
    { once: true },
  );
}

/** Logs why a message was refused, with the message, and rejects its sender's promise with the reason. */
function refuse(where: string, reason: string, message: unknown): Promise<never> {
  const text = `Syria Lens: ${where} refused a message: ${reason}`;
  console.warn(text, message);
  return Promise.reject(new Error(text));
}

/** After the extension is reloaded the old context's APIs throw; its listeners are gone anyway. */
function removeListener(remove: () => void): void {
  try {
    remove();
  } catch {
    // Nothing left to remove.
  }
}

/** The first issue, with where it is: `entity: Invalid type: Expected string but received 42`. */
function describe(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  const path = issue ? v.getDotPath(issue) : null;
  return `${path ? `${path}: ` : ''}${issue?.message ?? 'not valid'}`;
}
