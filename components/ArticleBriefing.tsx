/**
 * The popup's "Use this article as a briefing": asks whether the tab's page is an article
 * (offered only then; otherwise it says why not), reads it on the device when the reader asks,
 * compiles it to show which names it gives sentences to (useCompilePreview, as on the briefings
 * page), and saves it as one of the reader's briefings. The article's text is only ever shown as
 * text and never leaves the browser. What touches the browser comes in as `services`.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { articleBriefing, articleTitle, type ReadArticle } from '../core/article-briefing';
import { MAX_BRIEFING_BYTES, utf8Length } from '../core/briefing-limits';
import { t, tm } from '../core/i18n';
import type { Briefing, Entity } from '../core/types';
import type { ArticleAnswer, ArticleCheck } from '../extension/messages';
import { formatSize, storeErrorMessage } from './briefing-messages';
import { useCompilePreview } from './use-compile-preview';

export interface ArticleServices {
  /** Does the tab's page look like an article? Rejects when the browser keeps the extension out. */
  check(): Promise<ArticleCheck>;
  /** Reads the article in the tab's page (on a copy of its document). */
  extract(): Promise<ArticleAnswer>;
  /** Ids of every briefing (a new one gets an id none of them has). */
  briefingIds(): Promise<ReadonlySet<string>>;
  /** Stores the new briefing; rejects with a readable Error when it cannot. */
  save(briefing: Briefing): Promise<void>;
  onOpenBriefings(): void;
}

export interface ArticleBriefingProps {
  services: ArticleServices;
  /** The tab's address: a new page is checked again. */
  url: string | undefined;
  /** The reader's entities: what the preview looks for. */
  entities: readonly Entity[];
}

type Phase =
  | { kind: 'checking' }
  | { kind: 'unavailable' }
  | { kind: 'not-article' }
  | { kind: 'offer' }
  | { kind: 'reading' }
  | { kind: 'preview'; article: ReadArticle & { ms: number } }
  | { kind: 'saving'; article: ReadArticle & { ms: number } }
  | { kind: 'saved'; title: string }
  | { kind: 'error'; message: string };

/** `2024-12-07` as the reader's language writes a day. */
function formatDay(day: string): string {
  const time = Date.parse(`${day}T00:00:00Z`);
  const lang = typeof document !== 'undefined' ? document.documentElement.lang || undefined : undefined;
  try {
    return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(time);
  } catch {
    return day;
  }
}

export function ArticleBriefing({ services, url, entities }: ArticleBriefingProps) {
  const [phase, setPhase] = useState<Phase>({ kind: 'checking' });
  const [title, setTitle] = useState('');
  const compiler = useCompilePreview(entities);
  // Answers for a page the tab has left are dropped.
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    compiler.cancel();
    setPhase({ kind: 'checking' });
    services.check().then(
      (answer) => {
        if (generation.current === mine) setPhase({ kind: answer.article ? 'offer' : 'not-article' });
      },
      () => {
        if (generation.current === mine) setPhase({ kind: 'unavailable' });
      },
    );
    // A new page (address) is what starts a new check.
  }, [url]);

  const use = async () => {
    const mine = generation.current;
    setPhase({ kind: 'reading' });
    let answer: ArticleAnswer;
    try {
      answer = await services.extract();
    } catch (error) {
      if (generation.current === mine) setPhase({ kind: 'error', message: t('popup_article_failed', [String((error as Error)?.message ?? error)]) });
      return;
    }
    if (generation.current !== mine) return;
    if (!answer.ok) {
      setPhase(answer.reason === 'not-article' ? { kind: 'not-article' } : { kind: 'error', message: t('popup_article_no_text') });
      return;
    }
    const { ok: _ok, ...article } = answer;
    const named = articleTitle(article);
    setTitle(named);
    setPhase({ kind: 'preview', article });
    const failed = await compiler.compile(named, article.text);
    if (failed !== null && generation.current === mine) setPhase({ kind: 'error', message: failed });
  };

  const save = async (article: ReadArticle & { ms: number }) => {
    const mine = generation.current;
    const made = articleBriefing(article, title, await services.briefingIds());
    if (!made.ok) {
      setPhase({ kind: 'error', message: tm(made.error) });
      return;
    }
    setPhase({ kind: 'saving', article });
    try {
      await services.save(made.briefing);
    } catch (error) {
      if (generation.current === mine) setPhase({ kind: 'error', message: storeErrorMessage(error) });
      return;
    }
    compiler.clear();
    if (generation.current === mine) setPhase({ kind: 'saved', title: made.briefing.title });
  };

  return (
    <section class="sl-popup-article" aria-labelledby="sl-popup-article-heading" data-state={phase.kind}>
      <h2 id="sl-popup-article-heading" class="sl-popup-heading">
        {t('popup_article_heading')}
      </h2>
      <div aria-live="polite">
        <ArticleStatus phase={phase} onUse={() => void use()} onOpenBriefings={services.onOpenBriefings} />
      </div>
      {phase.kind === 'preview' || phase.kind === 'saving' ? (
        <ArticlePreview
          article={phase.article}
          title={title}
          onTitle={setTitle}
          compiler={compiler}
          saving={phase.kind === 'saving'}
          onSave={() => void save(phase.article)}
          onCancel={() => {
            compiler.cancel();
            compiler.clear();
            setPhase({ kind: 'offer' });
          }}
        />
      ) : null}
    </section>
  );
}

function ArticleStatus({ phase, onUse, onOpenBriefings }: { phase: Phase; onUse(): void; onOpenBriefings(): void }) {
  switch (phase.kind) {
    case 'checking':
      return <p class="sl-popup-message">{t('popup_article_checking')}</p>;
    case 'unavailable':
      return (
        <p class="sl-popup-message sl-article-why" data-reason="unavailable">
          {t('popup_article_unavailable')}
        </p>
      );
    case 'not-article':
      return (
        <p class="sl-popup-message sl-article-why" data-reason="not-article">
          {t('popup_article_not_article')}
        </p>
      );
    case 'offer':
      return (
        <>
          <button type="button" id="sl-article-use" class="sl-button" onClick={onUse}>
            {t('popup_article_use')}
          </button>
          <p class="sl-popup-message sl-article-hint">{t('popup_article_hint')}</p>
        </>
      );
    case 'reading':
      return <p class="sl-popup-message">{t('popup_article_reading')}</p>;
    case 'saved':
      return (
        <>
          <p class="sl-popup-message sl-article-saved">{t('briefings_saved', [phase.title])}</p>
          <button type="button" class="sl-link" onClick={() => onOpenBriefings()}>
            {t('popup_article_saved_open')}
          </button>
        </>
      );
    case 'error':
      return (
        <p class="sl-popup-message sl-article-error" role="alert">
          {phase.message}
        </p>
      );
    default:
      return null;
  }
}

interface ArticlePreviewProps {
  article: ReadArticle & { ms: number };
  title: string;
  onTitle(title: string): void;
  compiler: ReturnType<typeof useCompilePreview>;
  saving: boolean;
  onSave(): void;
  onCancel(): void;
}

function ArticlePreview({ article, title, onTitle, compiler, saving, onSave, onCancel }: ArticlePreviewProps) {
  const preview = compiler.preview?.text === article.text ? compiler.preview : null;
  const site = article.site ?? hostOf(article.url);
  return (
    <div class="sl-article-preview" data-extract-ms={Math.round(article.ms)}>
      <label class="sl-article-label" for="sl-article-title">
        {t('briefings_field_title')}
      </label>
      <input
        id="sl-article-title"
        class="sl-article-title"
        type="text"
        dir="auto"
        maxLength={200}
        value={title}
        onInput={(event) => onTitle(event.currentTarget.value)}
      />
      <p class="sl-article-meta">
        {site ? <span class="sl-article-site">{t('popup_article_site', [site])}</span> : null}
        {site ? ' · ' : null}
        {article.published ? (
          <time class="sl-article-date" dateTime={article.published}>
            {t('popup_article_published', [formatDay(article.published)])}
          </time>
        ) : (
          <span class="sl-article-date">{t('popup_article_undated')}</span>
        )}
        {' · '}
        <span class="sl-article-size">{t('briefings_text_size', [formatSize(utf8Length(article.text)), formatSize(MAX_BRIEFING_BYTES)])}</span>
      </p>
      {compiler.compiling ? (
        <p class="sl-popup-message" role="status">
          {t('briefings_compiling')}
        </p>
      ) : null}
      {preview ? (
        <>
          <h3 class="sl-article-names-heading">{t('popup_article_names')}</h3>
          {preview.entities.length === 0 ? (
            <p class="sl-popup-message">{t('briefings_preview_none')}</p>
          ) : (
            <ul class="sl-article-names" aria-label={t('briefings_preview_count', [String(preview.entities.length)])}>
              {preview.entities.map((entity) => (
                <li key={entity.id} data-entity={entity.id} title={entity.first}>
                  <span class="sl-article-name">{entity.name}</span>{' '}
                  <span class="sl-article-count">{t('briefings_preview_sentences', [String(entity.sentences)])}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      <div class="sl-article-actions">
        <button type="button" id="sl-article-save" class="sl-button" disabled={!preview || saving || title.trim() === ''} onClick={onSave}>
          {t('briefings_save')}
        </button>
        <button type="button" class="sl-link" onClick={onCancel}>
          {t('briefings_cancel')}
        </button>
      </div>
    </div>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
