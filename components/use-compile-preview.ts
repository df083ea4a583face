/**
 * The briefings page's preview of a briefing before it is saved: compiles the text on the
 * device, in chunks so the page stays responsive, with progress, cancel, and a new compile
 * cancelling the one before. The preview says which entities the cards will quote, how often,
 * and their best sentence.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import { compileBriefingInChunks, type CompiledBriefing } from '../core/compile-briefing';
import { t } from '../core/i18n';
import { createMatcher } from '../core/matcher';
import type { Entity } from '../core/types';

export interface PreviewEntity {
  id: string;
  name: string;
  sentences: number;
  first: string;
}

export interface Preview {
  /** The text compiled (a preview is for that text only). */
  text: string;
  entities: PreviewEntity[];
  /** Milliseconds from Compile to the preview. */
  ms: number;
}

export interface CompilePreview {
  compiling: boolean;
  /** 0 to 1, while compiling. */
  progress: number;
  /** The last preview, whatever text it was for. */
  preview: Preview | null;
  /** Compiles `text`; resolves to a message for the reader when it failed, else null (done or cancelled). */
  compile(title: string, text: string): Promise<string | null>;
  cancel(): void;
  /** Forgets the preview (after the briefing was saved). */
  clear(): void;
}

/** Entities with sentences on their cards: most sentences first, then by name. */
function previewOf(compiled: CompiledBriefing, entities: readonly Entity[]): PreviewEntity[] {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const out: PreviewEntity[] = [];
  for (const [id, entry] of Object.entries(compiled.entities)) {
    if (entry.sentences.length === 0) continue;
    out.push({
      id,
      name: byId.get(id)?.name ?? id,
      sentences: entry.sentences.length,
      first: compiled.sentences[entry.sentences[0]!]?.text ?? '',
    });
  }
  return out.sort((a, b) => b.sentences - a.sentences || a.name.localeCompare(b.name));
}

/** `yieldEvery`: sentences compiled between two yields to the event loop (tests make it small). */
export function useCompilePreview(entities: readonly Entity[], yieldEvery?: number): CompilePreview {
  const [compiling, setCompiling] = useState(false);
  const [progress, setProgress] = useState(0);
  const [preview, setPreview] = useState<Preview | null>(null);
  const abort = useRef<AbortController | null>(null);
  const matcher = useMemo(() => createMatcher(entities), [entities]);

  const compile = async (title: string, text: string): Promise<string | null> => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setCompiling(true);
    setProgress(0);
    let seen = 0;
    let shown = 0;
    const find = (chunk: string) => {
      seen += chunk.length;
      const fraction = Math.min(1, seen / text.length);
      if (fraction - shown >= 0.02) {
        shown = fraction;
        setProgress(fraction);
      }
      return matcher.find(chunk);
    };
    const started = performance.now();
    try {
      const compiled = await compileBriefingInChunks({ id: 'preview', title, text }, find, {
        signal: controller.signal,
        ...(yieldEvery !== undefined ? { yieldEvery } : {}),
      });
      setPreview({ text, entities: previewOf(compiled, entities), ms: performance.now() - started });
      return null;
    } catch (error) {
      return controller.signal.aborted ? null : `${t('briefings_error_compile')} ${String(error)}`;
    } finally {
      if (abort.current === controller) {
        abort.current = null;
        setCompiling(false);
      }
    }
  };

  return {
    compiling,
    progress,
    preview,
    compile,
    cancel: () => abort.current?.abort(),
    clear: () => setPreview(null),
  };
}
