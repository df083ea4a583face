/**
 * Issue 4's figure: compiling a reader's briefing of about 1 MB on the device. Measured in
 * Node with the same compiler the briefings page runs: the time to compile, and the longest
 * stretch without a pause (what would freeze the page that compiles it), with and without the
 * sliced compiler.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { bundledBriefings } from '../../assets/briefings';
import { builtInEntities } from '../../core/catalogue';
import { MAX_BRIEFING_BYTES, utf8Length } from '../../core/briefing-limits';
import { compileBriefing, compileBriefingInChunks } from '../../core/compile-briefing';
import { createMatcher } from '../../core/matcher';
import type { Briefing } from '../../core/types';

export interface BriefingCompileResult {
  bytes: number;
  sentences: number;
  entities: number;
  /** One synchronous compile: the page would be frozen for all of it. */
  syncMs: number;
  /** The sliced compile the briefings page uses: total time, and the longest run without a pause. */
  slicedMs: number;
  slicedLongestBlockMs: number;
}

/** About 1 MB of briefing text: the bundled briefing repeated, each copy numbered so no two are identical. */
export function megabyteBriefing(): Briefing {
  const base = bundledBriefings[0]!.text;
  const parts: string[] = [];
  let bytes = 0;
  for (let copy = 1; bytes < MAX_BRIEFING_BYTES - utf8Length(base) - 200; copy++) {
    const part = `Update ${copy}. ${base}`;
    parts.push(part);
    bytes += utf8Length(part) + 2;
  }
  return { id: 'bench-1mb', title: 'Benchmark briefing', text: parts.join('\n\n') };
}

export async function measureBriefingCompile(): Promise<BriefingCompileResult> {
  const briefing = megabyteBriefing();
  const { find } = createMatcher(builtInEntities());
  compileBriefing({ ...briefing, text: bundledBriefings[0]!.text }, find); // warm the RegExp and the JIT
  let started = performance.now();
  const compiled = compileBriefing(briefing, find);
  const syncMs = performance.now() - started;

  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  started = performance.now();
  await compileBriefingInChunks(briefing, find);
  const slicedMs = performance.now() - started;
  delay.disable();
  return {
    bytes: utf8Length(briefing.text),
    sentences: compiled.sentences.length,
    entities: Object.keys(compiled.entities).length,
    syncMs,
    slicedMs,
    // The event loop's longest delay: the longest stretch the compile held it.
    slicedLongestBlockMs: delay.max / 1e6,
  };
}
