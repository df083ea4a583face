/**
 * `npm run bench`: how much the extension costs a real page, next to a minimal reference and
 * mark.js, in real Chromium AND Firefox ESR, with the benchmark build of the extension
 * (`SYRIA_LENS_BENCH=1`, .output/bench/: the only build that records User Timing measures).
 * `npm run bench -- --browser chromium` (or `firefox`) runs one browser.
 *
 * Pages (served from 127.0.0.1): the large real page ../shared/corpus/big/syrian-civil-war.html
 * (1×) and the same page with its body repeated 4 and 16 times (4×, 16× ≈ 2 MB).
 * Each browser is launched twice, with the extension and without any. Variants:
 *   (a) reference — TreeWalker + one combined RegExp per text node + one Range per match, one
 *       Highlight; run after load in the browser WITHOUT the extension; performance.now().
 *   (b) mark.js — `mark(aliases, { accuracy: 'exactly', caseSensitive: true })` with the same alias
 *       list, on the 1× page (the ≥ 100× target); `markRegExp` with the reference's RegExp on
 *       the 1× and 4× pages.
 *   (c) the extension — its own User Timing measures read from the page:
 *       Σ `syria-lens:slice` (work), `syria-lens:scan` (wall, pauses included), longest slice,
 *       `syria-lens:setup` (start-up before the scan).
 * Runs are PAIRS: each extension run with a reference run, both on a fresh load of the same page,
 * in alternating order, pairs of all pages interleaved. A ratio is the median of the per-pair
 * ratios, with their quartiles; the medians of the odd and of the even pairs are printed beside
 * it (how much two benches of half the size would differ).
 * Long tasks: the Long Tasks API in Chromium; a setTimeout(0) heartbeat in the page in Firefox
 * (which has no such API).
 * Then: hover latency (pointer at rest → the card's first frame, minus the hover delay), memory
 * per tab (Chromium: heap after forced GC through CDP), a long session (toggles, navigations).
 *
 * It prints figures and PASS/FAIL lines against the targets; it exits 0 even when a target is
 * missed (a measurement, not a test), and non-zero only when something breaks.
 *
 * Environment: BENCH_PAIRS (default 15, per page, 1× and 4×), BENCH_PAIRS_16 (3), BENCH_MARKJS_RUNS
 * (3, markRegExp), BENCH_MARKJS_KEYWORD_RUNS (1), BENCH_HOVERS (20), BENCH_TOGGLES (200), BENCH_NAVIGATIONS (50), BENCH_MEMORY=0 to skip the
 * memory and the long session, BENCH_EXTENSION_DIR (another folder holding chrome-mv3/ and
 * firefox-mv2/ benchmark builds), CHROMIUM_BIN.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defaultSettings, parseSettings } from '../core/settings';
import { aliasForms, combinedRegExp } from './bench/aliases';
import { launch, type BenchBrowser, type BenchPage, type BrowserName } from './bench/browser';
import {
  countExtensionMarks,
  installPointerClock,
  markPoint,
  probePage,
  runMarkJs,
  runMarkJsKeywords,
  runReference,
  settle,
  waitForCard,
  waitForNoCard,
  waitForScan,
  type LongTask,
  type PageProbe,
  type RunResult,
} from './bench/in-page';
import { measureBriefingCompile } from './bench/briefing';
import { longSession, type MemoryResult, type MemorySnapshot } from './bench/memory';
import { startServer, type BenchServer, type PageName } from './bench/server';
import { kb, max, mb, median, ms, quantile, ratio, ratioSpread, signed, sum, table } from './bench/stats';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIG_PAGE = resolve(ROOT, '../shared/corpus/big/syrian-civil-war.html');
const ENTITIES = join(ROOT, 'assets/entities.json');
const BENCH_BUILDS = process.env.BENCH_EXTENSION_DIR ? resolve(process.env.BENCH_EXTENSION_DIR) : join(ROOT, '.output/bench');
/** The normal builds: their content scripts are the ones whose size counts (both browsers'). */
const SHIPPED = ['.output/chrome-mv3', '.output/firefox-mv2'];
const MARK_JS = join(ROOT, 'node_modules/mark.js/dist/mark.min.js');

const PAIRS = Math.max(2, Number(process.env.BENCH_PAIRS ?? 15));
const PAIRS_16 = Math.max(1, Number(process.env.BENCH_PAIRS_16 ?? 3));
const MARKJS_RUNS = Math.max(1, Number(process.env.BENCH_MARKJS_RUNS ?? 3));
/** mark.js with the alias list takes many seconds per run: once is enough for a ≥ 100× target. */
const MARKJS_KEYWORD_RUNS = Math.max(1, Number(process.env.BENCH_MARKJS_KEYWORD_RUNS ?? 1));
const HOVERS = Math.max(2, Number(process.env.BENCH_HOVERS ?? 20));
const TOGGLES = Number(process.env.BENCH_TOGGLES ?? 200);
const NAVIGATIONS = Number(process.env.BENCH_NAVIGATIONS ?? 50);
const MEMORY = process.env.BENCH_MEMORY !== '0';
/** Time given to a page after its work, so late long-task entries are delivered. */
const SETTLE_MS = 250;
const LONG_TASK_MS = 50;

const TARGETS = {
  workVsReference: 1.3,
  /** Two benches' medians may differ by this much; the odd and even halves stand in for them. */
  ratioStability: 0.15,
  markJsVsExtension: 100,
  growth16: 17,
  hoverP95: 50,
  bytesPerMark: 1024,
  bundleBytes: 40 * 1024,
};

const PAGES: { name: PageName; label: string; times: number }[] = [
  { name: 'big', label: '1×', times: 1 },
  { name: 'big4', label: '4×', times: 4 },
  { name: 'big16', label: '16×', times: 16 },
];

const BUILD_FOLDER: Record<BrowserName, string> = { chromium: 'chrome-mv3', firefox: 'firefox-mv2' };

interface ExtensionRun {
  wall: number;
  work: number;
  slices: number;
  longestSlice: number;
  marks: number;
  rescans: number;
  longestTask: number;
  /** Σ `syria-lens:setup` durations, NaN when the extension does not record them. */
  setup: number;
  /** Longest task overlapping the extension's work: from `syria-lens:setup` (or the scan's start) to the scan's end. */
  longestTaskDuringScan: number;
  elementsAdded: number;
  textsAdded: number;
  probe: PageProbe;
}

interface Pair {
  reference: RunResult;
  plain: { longestTask: number; elements: number; texts: number };
  extension: ExtensionRun;
}

const longest = (tasks: readonly LongTask[]) => max(tasks.map((task) => task.duration));

async function withPage<R>(browser: BenchBrowser, fn: (page: BenchPage) => Promise<R>): Promise<R> {
  const page = await browser.newPage();
  try {
    return await fn(page);
  } finally {
    await page.close().catch(() => {});
  }
}

function runReferenceOnce(browser: BenchBrowser, url: string, regexp: { source: string; flags: string }) {
  return withPage(browser, async (page) => {
    await page.goto(url);
    await page.evaluate(settle, SETTLE_MS);
    const probe = await page.evaluate(probePage);
    const plain = { longestTask: longest(probe.longTasks), elements: probe.now.elements, texts: probe.now.texts };
    return { result: await page.evaluate(runReference, regexp), plain };
  });
}

function runMarkJsOnce(browser: BenchBrowser, url: string, run: (page: BenchPage) => Promise<RunResult>) {
  return withPage(browser, async (page) => {
    await page.goto(url);
    await page.addScriptFile(MARK_JS);
    await page.evaluate(settle, SETTLE_MS);
    return run(page);
  });
}

function runExtensionOnce(browser: BenchBrowser, url: string): Promise<ExtensionRun> {
  return withPage(browser, async (page) => {
    await page.goto(url);
    if (!(await page.evaluate(waitForScan, 60_000))) {
      const probe = await page.evaluate(probePage);
      throw new Error(
        `no 'syria-lens:scan' measure in the page after 60 s (marks: ${probe.extensionMarks}, slices: ${probe.slices.length}). ` +
          'Is the extension on for 127.0.0.1, and is this a benchmark build (SYRIA_LENS_BENCH=1)?',
      );
    }
    await page.evaluate(settle, SETTLE_MS);
    const probe = await page.evaluate(probePage);
    const scan = probe.scan[0]!;
    const scanEnd = scan.start + scan.duration;
    const workStart = Math.min(scan.start, probe.setup[0]?.start ?? scan.start);
    const firstScanSlices = probe.slices.filter((s) => s.start >= scan.start - 0.5 && s.start + s.duration <= scanEnd + 0.5);
    const before = probe.atDomContentLoaded;
    return {
      wall: scan.duration,
      setup: probe.setup.length ? sum(probe.setup.map((entry) => entry.duration)) : Number.NaN,
      work: sum(firstScanSlices.map((s) => s.duration)),
      slices: firstScanSlices.length,
      longestSlice: max(probe.slices.map((s) => s.duration)),
      marks: probe.extensionMarks,
      rescans: probe.rescans.length,
      longestTask: longest(probe.longTasks),
      longestTaskDuringScan: longest(probe.longTasks.filter((t) => t.start < scanEnd && t.start + t.duration > workStart)),
      elementsAdded: before ? probe.now.elements - before.elements : Number.NaN,
      textsAdded: before ? probe.now.texts - before.texts : Number.NaN,
      probe,
    };
  });
}

function bundleSize(dir: string) {
  const file = join(dir, 'content-scripts/content.js');
  const bytes = readFileSync(file);
  const css = join(dir, 'content-scripts/content.css');
  return {
    bytes: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    cssBytes: existsSync(css) ? statSync(css).size : 0,
  };
}

function taskText(value: number): string {
  return value >= LONG_TASK_MS ? ms(value, 0) : `none ≥ ${LONG_TASK_MS} ms`;
}

/** Longest task of each run: the worst run, and the median run. */
function tasksText(perRun: readonly number[]): string {
  const worst = max(perRun);
  if (worst < LONG_TASK_MS) return `none ≥ ${LONG_TASK_MS} ms`;
  const typical = median(perRun);
  return `${ms(worst, 0)} (median run ${typical >= LONG_TASK_MS ? ms(typical, 0) : `<${LONG_TASK_MS}`})`;
}

const optional = (format: (v: number) => string) => (v: number | undefined) => (v === undefined || Number.isNaN(v) ? 'n/a' : format(v));

function snapshotRows(result: MemoryResult): string[][] {
  const rows: string[][] = [['', 'before', 'after', 'growth']];
  const line = (label: string, pick: (s: MemorySnapshot) => number | undefined, format: (v: number) => string = String) => {
    const a = pick(result.before);
    const b = pick(result.after);
    const show = optional(format);
    rows.push([label, show(a), show(b), a === undefined || b === undefined ? 'n/a' : signed(b - a, format)]);
  };
  line('JS heap used (after GC, renderer)', (s) => s.heapUsed, mb);
  line('documents', (s) => s.documents);
  line('DOM nodes (renderer)', (s) => s.nodes);
  line('JS event listeners (renderer)', (s) => s.jsEventListeners);
  line('listeners on window', (s) => s.windowListeners);
  line('listeners on document + its nodes', (s) => s.documentListeners);
  line('elements in the document', (s) => s.elements);
  line('syria-lens-* highlight ranges', (s) => s.marks);
  line('syria-lens:* User Timing entries', (s) => s.timingEntries);
  return rows;
}

/** PASS, FAIL, or null: cannot be measured in this browser (the text says why). */
type Verdict = [boolean | null, string];

/** Odd and even pairs' medians: how far apart two benches of half the pairs would be. */
function halves(values: readonly number[]): [number, number] {
  return [median(values.filter((_, i) => i % 2 === 0)), median(values.filter((_, i) => i % 2 === 1))];
}

// ---- speed ------------------------------------------------------------------------------------

async function speed(
  name: BrowserName,
  without: BenchBrowser,
  withExtension: BenchBrowser,
  server: BenchServer,
  regexp: { source: string; flags: string },
  forms: string[],
): Promise<{ verdicts: Verdict[]; workOne: number }> {
  const pairs = new Map<PageName, Pair[]>(PAGES.map(({ name }) => [name, []]));
  const markJs = new Map<PageName, RunResult[]>(PAGES.map(({ name }) => [name, []]));
  const rounds = Math.max(PAIRS, PAIRS_16);
  // Warm-up (caches, code, the extension's first start), then the measured pairs, interleaved.
  for (let round = -1; round < rounds; round++) {
    for (const { name: page, label } of PAGES) {
      const wanted = page === 'big16' ? PAIRS_16 : PAIRS;
      if (round >= wanted) continue;
      const url = server.url(page);
      // Alternate which of the pair loads first, so neither always meets a warmer machine.
      let reference: Awaited<ReturnType<typeof runReferenceOnce>>;
      let extension: ExtensionRun;
      if (round % 2 === 0) {
        reference = await runReferenceOnce(without, url, regexp);
        extension = await runExtensionOnce(withExtension, url);
      } else {
        extension = await runExtensionOnce(withExtension, url);
        reference = await runReferenceOnce(without, url, regexp);
      }
      if (round < 0) continue;
      pairs.get(page)!.push({ reference: reference.result, plain: reference.plain, extension });
      process.stdout.write(
        `  ${name} pair ${round + 1}/${wanted} ${label}: reference ${ms(reference.result.ms)}, extension work ${ms(extension.work)} ` +
          `(${ratio(extension.work / reference.result.ms)}) / wall ${ms(extension.wall)}, ${extension.slices} slices\n`,
      );
      if (round < MARKJS_RUNS && page !== 'big16') {
        markJs.get(page)!.push(await runMarkJsOnce(without, url, (p) => p.evaluate(runMarkJs, regexp)));
      }
    }
  }
  const keywordRuns: RunResult[] = [];
  let keywordsFailed = '';
  for (let i = 0; i < MARKJS_KEYWORD_RUNS && !keywordsFailed; i++) {
    try {
      keywordRuns.push(await runMarkJsOnce(without, server.url('big'), (p) => p.evaluate(runMarkJsKeywords, forms)));
    } catch (error) {
      // Firefox: mark.js's RegExp for the alias list is too big for SpiderMonkey ("regexp too big").
      keywordsFailed = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
    }
  }
  const keywords = { ms: median(keywordRuns.map((r) => r.ms)), marks: median(keywordRuns.map((r) => r.marks)) };

  const summary = PAGES.map(({ name: page, label, times }) => {
    const r = pairs.get(page)!;
    const ext = r.map((p) => p.extension);
    const ratios = r.map((p) => p.extension.work / p.reference.ms);
    const plainElements = median(r.map((p) => p.plain.elements));
    const plainTexts = median(r.map((p) => p.plain.texts));
    return {
      page,
      label,
      times,
      pairs: r.length,
      ratios,
      reference: median(r.map((p) => p.reference.ms)),
      markJs: median(markJs.get(page)!.map((x) => x.ms)),
      work: median(ext.map((x) => x.work)),
      wall: median(ext.map((x) => x.wall)),
      setup: median(ext.map((x) => x.setup)),
      slices: median(ext.map((x) => x.slices)),
      longestSlice: max(ext.map((x) => x.longestSlice)),
      longestSliceMedian: median(ext.map((x) => x.longestSlice)),
      longestTaskWith: ext.map((x) => x.longestTask),
      longestTaskDuringScan: max(ext.map((x) => x.longestTaskDuringScan)),
      longestTaskWithout: r.map((p) => p.plain.longestTask),
      marks: {
        reference: median(r.map((p) => p.reference.marks)),
        markJs: median(markJs.get(page)!.map((x) => x.marks)),
        extension: median(ext.map((x) => x.marks)),
        extensionMin: Math.min(...ext.map((x) => x.marks)),
        extensionMax: max(ext.map((x) => x.marks)),
      },
      addedVsDcl: { elements: max(ext.map((x) => x.elementsAdded)), texts: max(ext.map((x) => x.textsAdded)) },
      addedVsPlain: {
        elements: max(ext.map((x) => x.probe.now.elements)) - plainElements,
        texts: max(ext.map((x) => x.probe.now.texts)) - plainTexts,
      },
      rescans: max(ext.map((x) => x.rescans)),
      longTaskSource: ext[0]?.probe.longTaskSource ?? 'longtask',
    };
  });

  const column = (f: (s: (typeof summary)[number]) => string) => summary.map(f);
  const source = summary[0]!.longTaskSource === 'heartbeat' ? 'gap in a setTimeout(0) heartbeat' : 'Long Tasks API';
  const rows: string[][] = [
    ['', ...column((s) => `${s.label} page (${s.pairs} pairs)`)],
    ['(a) reference: TreeWalker + RegExp + Ranges', ...column((s) => ms(s.reference))],
    ["(b2) mark.js 8.11.1 markRegExp (reference's RegExp)", ...column((s) => (Number.isNaN(s.markJs) ? 'not run' : ms(s.markJs, 0)))],
    ['(c) extension work: Σ syria-lens:slice', ...column((s) => ms(s.work))],
    ['(c) extension wall: syria-lens:scan', ...column((s) => ms(s.wall))],
    ['(c) extension setup: Σ syria-lens:setup', ...column((s) => (Number.isNaN(s.setup) ? 'not recorded' : ms(s.setup)))],
    ['    slices · longest slice (median run)', ...column((s) => `${s.slices} · ${ms(s.longestSlice)} (${ms(s.longestSliceMedian)})`)],
    ['extension work / reference, per pair: median (Q1–Q3)', ...column((s) => ratioSpread(s.ratios))],
    ['    medians of odd · even pairs', ...column((s) => halves(s.ratios).map((v) => v.toFixed(2)).join(' · '))],
    ['work / the 1× page’s work (growth)', ...column((s) => `${ratio(s.work / summary[0]!.work)} (page ${s.times}×)`)],
    ['mark.js markRegExp / extension work', ...column((s) => ratio(s.markJs / s.work))],
    [`longest task with extension (${source})`, ...column((s) => tasksText(s.longestTaskWith))],
    ['longest task, without extension (load)', ...column((s) => tasksText(s.longestTaskWithout))],
    ['longest task overlapping the extension scan', ...column((s) => taskText(s.longestTaskDuringScan))],
    ['marks: reference / mark.js / extension', ...column((s) => `${s.marks.reference} / ${Number.isNaN(s.marks.markJs) ? '—' : s.marks.markJs} / ${s.marks.extension}`)],
    ['DOM nodes added (vs DOMContentLoaded)', ...column((s) => `${signed(s.addedVsDcl.elements)} el, ${signed(s.addedVsDcl.texts)} text`)],
    ['DOM nodes added (vs page without ext.)', ...column((s) => `${signed(s.addedVsPlain.elements)} el, ${signed(s.addedVsPlain.texts)} text`)],
    ['rescans after the first scan (max)', ...column((s) => String(s.rescans))],
  ];
  console.log('');
  console.log(table(rows));
  console.log(
    `(b) mark.js mark(aliases, { accuracy: 'exactly', separateWordSearch: false, caseSensitive: true }), median of ${MARKJS_KEYWORD_RUNS}, 1× page: ` +
      (keywordsFailed
        ? `mark.js fails here: ${keywordsFailed}`
        : `${ms(keywords.ms, 0)}, ${keywords.marks} marks = ${ratio(keywords.ms / summary[0]!.work)} the extension's work ` +
          '(one document pass per keyword, with its own word boundaries, so not exactly the same matches)'),
  );

  const [one, four, sixteen] = summary as [(typeof summary)[number], (typeof summary)[number], (typeof summary)[number]];
  const verdicts: Verdict[] = [];
  for (const s of [one, four]) {
    const [odd, even] = halves(s.ratios);
    verdicts.push([
      median(s.ratios) <= TARGETS.workVsReference,
      `extension work ≤ ${TARGETS.workVsReference}× reference on the ${s.label} page: median of ${s.pairs} pairs ${ratioSpread(s.ratios)}`,
    ]);
    verdicts.push([
      Math.abs(odd - even) <= TARGETS.ratioStability,
      `ratio holds on the ${s.label} page: odd pairs ${odd.toFixed(2)}, even pairs ${even.toFixed(2)} (differ ≤ ${TARGETS.ratioStability})`,
    ]);
  }
  verdicts.push(
    [
      keywordsFailed ? null : keywords.ms / one.work >= TARGETS.markJsVsExtension,
      `mark.js (alias list, whole words, case-sensitive) / extension ≥ ${TARGETS.markJsVsExtension}× on the 1× page: ` +
        (keywordsFailed ? `mark.js fails (${keywordsFailed})` : `${ms(keywords.ms, 0)} / ${ms(one.work)} = ${ratio(keywords.ms / one.work)}`) +
        `; markRegExp with the reference's RegExp: ` +
        `1× ${ratio(one.markJs / one.work)}, 4× ${ratio(four.markJs / four.work)}`,
    ],
    [
      four.longestSlice < LONG_TASK_MS && four.longestTaskDuringScan < LONG_TASK_MS,
      `no extension task ≥ ${LONG_TASK_MS} ms on the 4× page: longest slice ${ms(four.longestSlice)}, ` +
        `longest task during the scan ${taskText(four.longestTaskDuringScan)}`,
    ],
    [
      sixteen.work / one.work <= TARGETS.growth16,
      `growth: 16× work / 1× work ≤ ${TARGETS.growth16}: curve 1× ${ms(one.work)} → 4× ${ms(four.work)} (${ratio(four.work / one.work)}) ` +
        `→ 16× ${ms(sixteen.work)} (${ratio(sixteen.work / one.work)})`,
    ],
    [
      sixteen.longestSlice < LONG_TASK_MS && sixteen.longestTaskDuringScan < LONG_TASK_MS,
      `no extension task ≥ ${LONG_TASK_MS} ms on the 16× page: longest slice ${ms(sixteen.longestSlice)}, ` +
        `longest task during the scan ${taskText(sixteen.longestTaskDuringScan)}`,
    ],
    [
      summary.every((s) => s.marks.extensionMin === s.marks.extensionMax && s.marks.extension === s.times * one.marks.extension),
      `every mark painted: ${summary.map((s) => `${s.label} ${s.marks.extensionMin === s.marks.extensionMax ? s.marks.extension : `${s.marks.extensionMin}…${s.marks.extensionMax}`} (${s.times} × ${one.marks.extension} = ${s.times * one.marks.extension})`).join(', ')} highlight ranges`,
    ],
    [
      summary.every((s) => s.addedVsDcl.elements === 0 && s.addedVsDcl.texts === 0 && s.addedVsPlain.elements === 0 && s.addedVsPlain.texts === 0),
      `0 DOM nodes added: ${summary.map((s) => `${s.label} ${signed(s.addedVsDcl.elements)} elements, ${signed(s.addedVsDcl.texts)} text nodes`).join('; ')}`,
    ],
  );
  return { verdicts, workOne: one.work };
}

// ---- hover latency ----------------------------------------------------------------------------

async function hoverLatency(browser: BenchBrowser, server: BenchServer, delayMs: number): Promise<Verdict[]> {
  return withPage(browser, async (page) => {
    await page.goto(server.url('big'));
    if (!(await page.evaluate(waitForScan, 60_000))) throw new Error('hover: no first scan in 60 s');
    await page.evaluate(installPointerClock);
    const marks = await page.evaluate(countExtensionMarks);
    const latencies: number[] = [];
    let misses = 0;
    for (let i = 0; latencies.length < HOVERS + 1 && i < HOVERS * 3; i++) {
      // Pointer off the text, card gone, then straight onto the next mark and keep still.
      await page.mouseMove(2, 2, 1);
      if (!(await page.evaluate(waitForNoCard, 5_000))) throw new Error('hover: the card did not close within 5 s');
      const point = await page.evaluate(markPoint, Math.floor((i * marks) / (HOVERS * 3)));
      if (!point) continue;
      // As a reader's pointer arrives: from beside the word, a few moves onto it.
      await page.mouseMove(point.x - 30, point.y, 1);
      await page.mouseMove(point.x, point.y, 4);
      const elapsed = await page.evaluate(waitForCard, delayMs + 5_000);
      if (Number.isNaN(elapsed)) {
        misses++;
        continue;
      }
      latencies.push(elapsed - delayMs);
    }
    const [first, ...rest] = latencies;
    const p95 = quantile(rest, 0.95);
    console.log(
      `\nHover latency (1× page; pointer at rest on a mark → the frame of the card's first paint, minus the ${delayMs} ms hover delay): ` +
        `first card of the tab (loads the card UI) ${ms(first ?? Number.NaN)}; next ${rest.length}: median ${ms(median(rest))}, ` +
        `p95 ${ms(p95)}, max ${ms(max(rest))}${misses ? ` (${misses} hovers opened no card)` : ''}`,
    );
    return [[rest.length >= HOVERS && p95 <= TARGETS.hoverP95, `hover latency p95 ≤ ${TARGETS.hoverP95} ms over ${rest.length} hovers: ${ms(p95)} (first card ${ms(first ?? Number.NaN)})`]];
  });
}

// ---- memory per tab ---------------------------------------------------------------------------

/**
 * Chromium: the renderer's JS heap after forced GC, on a page with the extension on, minus the
 * same page in the browser without the extension; the 1× and 4× pages give a line, per mark
 * and fixed. Both tabs are alone in their browser, so the renderer holds that page only.
 */
async function memoryPerTab(
  without: BenchBrowser,
  withExtension: BenchBrowser,
  server: BenchServer,
): Promise<Verdict[]> {
  const points: { label: string; marks: number; bytes: number; lensBytes: number }[] = [];
  for (const { name: page, label } of PAGES.slice(0, 2)) {
    const plain = await withPage(without, async (p) => {
      await p.goto(server.url(page));
      await p.evaluate(settle, SETTLE_MS);
      return (await p.memory!()).heapUsed;
    });
    const on = await withPage(withExtension, async (p) => {
      await p.goto(server.url(page));
      if (!(await p.evaluate(waitForScan, 60_000))) throw new Error('memory: no first scan in 60 s');
      await p.evaluate(settle, SETTLE_MS);
      return { heap: (await p.memory!()).heapUsed, marks: await p.evaluate(countExtensionMarks) };
    });
    points.push({ label, marks: on.marks, bytes: on.heap - plain, lensBytes: Number.NaN });
  }
  const [a, b] = points as [(typeof points)[number], (typeof points)[number]];
  const perMark = (b.bytes - a.bytes) / (b.marks - a.marks);
  const fixed = a.bytes - perMark * a.marks;
  console.log(
    `\nMemory per tab (Chromium, renderer JS heap after 3 forced GCs, with the extension minus without it, same page): ` +
      points.map((p) => `${p.label} ${kb(p.bytes)} for ${p.marks} marks`).join(', ') +
      ` → ${Number.isFinite(perMark) ? `${perMark.toFixed(0)} B per mark + ${kb(fixed)} fixed` : 'no line'}`,
  );
  return [
    [
      perMark <= TARGETS.bytesPerMark,
      `memory ≤ ${TARGETS.bytesPerMark} B per mark: ${perMark.toFixed(0)} B per mark, fixed part ${kb(fixed)} (content script, matcher, listeners)`,
    ],
  ];
}

// ---- one browser ------------------------------------------------------------------------------

async function benchBrowser(
  name: BrowserName,
  extensionDir: string,
  server: BenchServer,
  regexp: { source: string; flags: string },
  forms: string[],
  settings: ReturnType<typeof defaultSettings>,
): Promise<Verdict[]> {
  let withExtension: BenchBrowser | undefined;
  let without: BenchBrowser | undefined;
  try {
    without = await launch(name, null);
    withExtension = await launch(name, extensionDir);
    // Run on every site: the big page need not look like a news article to the detector.
    await withExtension.writeSettings(settings);
    console.log(`\n===== ${name}: ${withExtension.version} =====`);
    const { verdicts } = await speed(name, without, withExtension, server, regexp, forms);
    verdicts.push(...(await hoverLatency(withExtension, server, settings.hoverDelayMs)));
    if (MEMORY) {
      if (name === 'chromium') verdicts.push(...(await memoryPerTab(without, withExtension, server)));
      else {
        console.log(
          '\nMemory per tab (Firefox): not measured — Firefox offers no per-realm heap figure to WebDriver BiDi or to the page ' +
            '(no performance.memory, no CDP); the long session below checks that nothing the lens keeps grows.',
        );
      }
      console.log(
        `\nLong session on the 1× page: ${TOGGLES} × off/on (settings.enabled written to storage.local, settingsArea 'local'), then ` +
          `${NAVIGATIONS} single-page navigations (history.pushState + the article replaced)` +
          (name === 'chromium' ? '; measured after forced GC (CDP)' : '; Firefox: counted in the page'),
      );
      const session = await longSession(withExtension, server.url('big'), settings, { toggles: TOGGLES, navigations: NAVIGATIONS });
      console.log(table(snapshotRows(session)));
      console.log(
        `median latency: off → marks gone ${ms(session.offLatency)}, on → all marks back ${ms(session.onLatency)}, ` +
          `navigation → marks back ${ms(session.navigationLatency)} (${session.seconds.toFixed(0)} s)`,
      );
      const grew = (pick: (s: MemorySnapshot) => number | undefined) => {
        const a = pick(session.before);
        const b = pick(session.after);
        return a !== undefined && b !== undefined && b > a;
      };
      verdicts.push([
        !grew((s) => s.windowListeners) &&
          !grew((s) => s.documentListeners) &&
          !grew((s) => s.elements) &&
          !grew((s) => s.marks) &&
          !grew((s) => s.documents) &&
          // The latest rescan and hidden check are kept, one each (page/timing.ts).
          session.after.timingEntries <= session.before.timingEntries + 2,
        `long session (${TOGGLES} toggles, ${NAVIGATIONS} navigations): no growth in listeners, elements, documents, marks; ` +
          `timing entries ${session.before.timingEntries} → ${session.after.timingEntries} (one latest rescan and hidden check may be added)` +
          (session.before.heapUsed !== undefined ? `; heap ${signed(session.after.heapUsed! - session.before.heapUsed, mb)}` : ''),
      ]);
    }
    // Leave the extension as the next run expects it.
    await withExtension.writeSettings(settings);
    return verdicts;
  } finally {
    await withExtension?.close();
    await without?.close();
  }
}

function parseBrowsers(argv: readonly string[]): BrowserName[] {
  const at = argv.indexOf('--browser');
  const value = at === -1 ? undefined : argv[at + 1];
  if (value === undefined) return ['chromium', 'firefox'];
  if (value === 'chromium' || value === 'firefox') return [value];
  throw new Error(`--browser takes chromium or firefox, not ${value}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const browsers = parseBrowsers(process.argv.slice(2));
  for (const name of browsers) {
    const dir = join(BENCH_BUILDS, BUILD_FOLDER[name]);
    if (!existsSync(join(dir, 'manifest.json')) || !existsSync(join(dir, 'content-scripts/content.js'))) {
      throw new Error(`no benchmark build in ${dir}: run \`npm run build:bench\` first (npm run bench does)`);
    }
  }
  if (!existsSync(BIG_PAGE)) throw new Error(`the big page is missing: ${BIG_PAGE}`);
  // A private copy, so a rebuild in the working tree cannot change the extension mid-run.
  const copies = mkdtempSync(join(tmpdir(), 'syria-lens-bench-ext-'));
  cpSync(BENCH_BUILDS, copies, { recursive: true });
  const bundles = SHIPPED.map((dir) => ({ dir, size: existsSync(join(ROOT, dir, 'content-scripts/content.js')) ? bundleSize(join(ROOT, dir)) : null }));

  const forms = aliasForms(ENTITIES);
  const regexp = combinedRegExp(forms);
  const server = await startServer(BIG_PAGE);
  const settings = { ...defaultSettings(), scope: 'all' as const };
  const parsed = parseSettings(settings);
  if (parsed.problems.length) throw new Error(`bench settings are not valid: ${parsed.problems.join(' ')}`);

  try {
    console.log(`Syria Lens benchmark — ${browsers.join(' and ')}; ${PAIRS} pairs per page (${PAIRS_16} on 16×), each a fresh page load`);
    console.log(
      `Pages: 1× = ${kb(server.sizes.big)} HTML, 4× = ${kb(server.sizes.big4)}, 16× = ${mb(server.sizes.big16)} · ` +
        `${forms.length} alias forms from assets/entities.json in one RegExp (/${regexp.flags})`,
    );
    const results: [BrowserName, Verdict[]][] = [];
    for (const name of browsers) {
      results.push([name, await benchBrowser(name, join(copies, BUILD_FOLDER[name]), server, regexp, forms, settings)]);
    }

    const compile = await measureBriefingCompile();
    console.log('');
    console.log(
      `1 MB briefing compiled on the device (Node; ${compile.bytes} bytes, ${compile.entities} entities): ` +
        `at once ${ms(compile.syncMs)}; sliced as the briefings page does it ${ms(compile.slicedMs)}, ` +
        `longest stretch without a pause ${ms(compile.slicedLongestBlockMs)}`,
    );
    for (const { dir, size } of bundles) {
      console.log(
        size
          ? `content script (normal build): ${dir}/content-scripts/content.js ${size.bytes} bytes (${kb(size.bytes)}), ` +
              `gzip -9 ${size.gzip} bytes (${kb(size.gzip)}); content.css ${size.cssBytes} bytes`
          : `content script (normal build): no ${dir}/content-scripts/content.js`,
      );
    }

    console.log('');
    for (const [name, verdicts] of results) {
      for (const [pass, text] of verdicts) console.log(`${pass === null ? 'N/A ' : pass ? 'PASS' : 'FAIL'}  ${name.padEnd(8)}  ${text}`);
    }
    const sizes = bundles.map(({ size }) => size?.bytes ?? Infinity);
    const bundleVerdict: Verdict = [
      Math.max(...sizes) <= TARGETS.bundleBytes,
      `content script ≤ ${kb(TARGETS.bundleBytes)} minified, both builds: ` +
        bundles.map(({ dir, size }) => `${dir.split('/').pop()} ${size ? `${size.bytes} B (gzip ${kb(size.gzip)})` : 'not built'}`).join(', '),
    ];
    console.log(`${bundleVerdict[0] ? 'PASS' : 'FAIL'}  ${'both'.padEnd(8)}  ${bundleVerdict[1]}`);
    console.log(`\nbench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await server.close();
    rmSync(copies, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('bench failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
