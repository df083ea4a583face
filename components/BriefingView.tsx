/**
 * The briefing viewer (briefing.html?id=…&sentence=…): the whole briefing, readable, with the
 * sentence(s) a card quoted marked and scrolled into view. Text is rendered as text, never as
 * markup. Styles: options.css (shared page look) + briefings.css.
 */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { t } from '../core/i18n';
import { cleanSource } from '../core/briefing-file';
import { paragraphs } from '../core/sentences';
import type { Briefing } from '../core/types';

export interface BriefingViewProps {
  /** The briefing, or null when the id is unknown (deleted, mistyped). */
  briefing: Briefing | null;
  /** The id asked for (shown when unknown). */
  id: string;
  /** Sentences to mark, as the card quoted them. */
  sentences: readonly string[];
  /** Address of the readers' briefings page. */
  briefingsHref?: string;
}

interface Paragraph {
  start: number;
  end: number;
}

/**
 * Where `sentence` is in `text`: the exact text first, else the same words with any white space
 * between them (a card may have come from a copy with other line breaks). Null if absent.
 */
export function findSentence(text: string, sentence: string): { start: number; end: number } | null {
  const wanted = sentence.trim();
  if (wanted === '') return null;
  const exact = text.indexOf(wanted);
  if (exact >= 0) return { start: exact, end: exact + wanted.length };
  const words = wanted.split(/\s+/u).slice(0, 400);
  if (words.length === 0) return null;
  const pattern = words.map((w) => w.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')).join('\\s+');
  const m = new RegExp(pattern, 'u').exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

/** Sorted, merged ranges of the sentences found. */
function rangesOf(text: string, sentences: readonly string[]): Array<{ start: number; end: number }> {
  const found = sentences.map((s) => findSentence(text, s)).filter((r): r is { start: number; end: number } => r !== null);
  found.sort((a, b) => a.start - b.start);
  const merged: Array<{ start: number; end: number }> = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

export function BriefingView({ briefing, id, sentences, briefingsHref = 'briefings.html' }: BriefingViewProps) {
  const firstMark = useRef<HTMLElement>(null);
  const text = briefing?.text ?? '';
  const ranges = useMemo(() => rangesOf(text, sentences), [text, sentences]);
  // The paragraphs the compiler counts (core/sentences.ts), so a quoted sentence is found in its own.
  const blocks = useMemo(() => paragraphs(text).map(([start, end]): Paragraph => ({ start, end })), [text]);

  useEffect(() => {
    const mark = firstMark.current;
    if (!mark) return;
    const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    mark.scrollIntoView?.({ block: 'center', behavior: reduced ? 'auto' : 'smooth' });
    mark.focus({ preventScroll: true });
  }, [briefing?.id, ranges]);

  if (!briefing) {
    return (
      <main class="sl-options sl-briefing">
        <h1 class="sl-options-title">{t('briefing_unknown_title')}</h1>
        <div class="sl-options-alert" role="alert">
          <p>{t('briefing_unknown', [id])}</p>
          <a class="sl-briefings-link" href={briefingsHref}>
            {t('briefing_open_list')}
          </a>
        </div>
      </main>
    );
  }

  const source = briefing.builtIn || briefing.source === undefined ? null : cleanSource(briefing.source);
  const wanted = sentences.some((s) => s.trim() !== '');
  let markIndex = 0;

  const renderParagraph = ({ start, end }: Paragraph): ComponentChildren => {
    const children: ComponentChildren[] = [];
    let at = start;
    for (const r of ranges) {
      if (r.end <= start || r.start >= end) continue;
      const s = Math.max(r.start, start);
      const e = Math.min(r.end, end);
      if (s > at) children.push(text.slice(at, s));
      const first = markIndex++ === 0;
      children.push(
        <mark key={s} class="sl-briefing-mark" ref={first ? firstMark : undefined} tabIndex={first ? -1 : undefined}>
          {text.slice(s, e)}
        </mark>,
      );
      at = e;
    }
    if (at < end) children.push(text.slice(at, end));
    return children;
  };

  return (
    <main class="sl-options sl-briefing">
      <header class="sl-briefing-header">
        <p class="sl-briefing-kicker">{briefing.builtIn ? t('briefings_built_in') : t('briefing_kicker')}</p>
        <h1 class="sl-options-title" dir="auto">
          {briefing.title}
        </h1>
        {source ? (
          <p class="sl-briefing-source">
            {t('briefing_source')}{' '}
            <a href={source} target="_blank" rel="noopener noreferrer" dir="ltr">
              {source}
            </a>
          </p>
        ) : null}
        {briefing.enabled === false ? <p class="sl-options-hint">{t('briefing_disabled_note')}</p> : null}
        {wanted && ranges.length === 0 ? (
          <p class="sl-options-notice" role="status">
            {t('briefing_passage_missing')}
          </p>
        ) : null}
      </header>
      <article class="sl-briefing-text">
        {blocks.map((p) => (
          <p key={p.start} dir="auto">
            {renderParagraph(p)}
          </p>
        ))}
      </article>
      <p class="sl-briefing-footer">
        <a class="sl-briefings-link" href={briefingsHref}>
          {t('briefing_open_list')}
        </a>
      </p>
    </main>
  );
}
