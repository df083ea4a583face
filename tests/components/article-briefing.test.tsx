// @vitest-environment happy-dom
/**
 * The popup's "Use this article as a briefing" (components/ArticleBriefing.tsx) on its own:
 * each answer the page scripts can give, the preview of the names the article gives sentences
 * to, saving, and answers that arrive for a page the tab has already left.
 */
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { ArticleBriefing, type ArticleServices } from '../../components/ArticleBriefing';
import { formatSize } from '../../components/briefing-messages';
import { builtInEntities } from '../../core/catalogue';
import { englishMessage } from '../../core/i18n';
import type { ArticleAnswer, ArticleCheck } from '../../extension/messages';
import { BriefingQuotaError } from '../../extension/storage-errors';
import { click, mount, rerender, until } from './render';

const entities = builtInEntities();
const URL_A = 'https://news.example/2024/12/08/damascus';
const URL_B = 'https://news.example/2024/12/09/homs';

const ARTICLE: Extract<ArticleAnswer, { ok: true }> = {
  ok: true,
  url: URL_A,
  title: 'Rebels enter Damascus',
  site: 'Example News',
  published: '2024-12-08',
  text:
    'Rebels led by Hayat Tahrir al-Sham entered Damascus on Sunday. ' +
    'Bashar al-Assad left the country, and Russia said he had arrived in Moscow. ' +
    'HTS fighters had taken Aleppo and Homs in the days before.',
  ms: 12,
};

/** A deferred promise: the test decides when (and how) a service answers. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function services(overrides: Partial<ArticleServices> = {}): ArticleServices {
  return {
    check: vi.fn(async (): Promise<ArticleCheck> => ({ article: true, url: URL_A })),
    extract: vi.fn(async (): Promise<ArticleAnswer> => ARTICLE),
    briefingIds: vi.fn(async () => new Set(['bundled'])),
    save: vi.fn(async () => {}),
    onOpenBriefings: vi.fn(),
    ...overrides,
  };
}

const state = (root: HTMLElement) => root.querySelector('.sl-popup-article')?.getAttribute('data-state');
const text = (root: HTMLElement) => root.querySelector('.sl-popup-article')?.textContent ?? '';
const useButton = (root: HTMLElement) => root.querySelector<HTMLButtonElement>('#sl-article-use');
const saveButton = (root: HTMLElement) => root.querySelector<HTMLButtonElement>('#sl-article-save');

async function offered(svc: ArticleServices, url = URL_A): Promise<HTMLElement> {
  const root = mount(<ArticleBriefing services={svc} url={url} entities={entities} />);
  await until(() => state(root) === 'offer', 'the offer');
  return root;
}

async function previewed(svc: ArticleServices): Promise<HTMLElement> {
  const root = await offered(svc);
  click(useButton(root));
  await until(() => state(root) === 'preview' && saveButton(root)?.disabled === false, 'the preview');
  return root;
}

describe('ArticleBriefing', () => {
  it('says the page is being looked at, then offers an article and only an article', async () => {
    const check = deferred<ArticleCheck>();
    const svc = services({ check: vi.fn(() => check.promise) });
    const root = mount(<ArticleBriefing services={svc} url={URL_A} entities={entities} />);
    expect(state(root)).toBe('checking');
    expect(text(root)).toContain(englishMessage('popup_article_checking'));
    expect(useButton(root)).toBeNull();

    check.resolve({ article: true, url: URL_A });
    await until(() => state(root) === 'offer', 'the offer');
    expect(useButton(root)?.textContent).toBe(englishMessage('popup_article_use'));
    expect(text(root)).toContain(englishMessage('popup_article_hint'));
  });

  it('explains why a page that is not an article cannot be used, with no button', async () => {
    const root = mount(<ArticleBriefing services={services({ check: vi.fn(async () => ({ article: false, url: URL_A })) })} url={URL_A} entities={entities} />);
    await until(() => state(root) === 'not-article', 'the reason');
    expect(root.querySelector('[data-reason="not-article"]')?.textContent).toBe(englishMessage('popup_article_not_article'));
    expect(useButton(root)).toBeNull();
  });

  it('explains a page the browser keeps the extension out of (the check rejects)', async () => {
    const root = mount(<ArticleBriefing services={services({ check: vi.fn(async () => Promise.reject(new Error('Missing host permission'))) })} url="about:addons" entities={entities} />);
    await until(() => state(root) === 'unavailable', 'the reason');
    expect(root.querySelector('[data-reason="unavailable"]')?.textContent).toBe(englishMessage('popup_article_unavailable'));
    expect(useButton(root)).toBeNull();
  });

  it('reads the article, previews its title, site, date, size and the names it gives sentences to', async () => {
    const svc = services();
    const root = await previewed(svc);
    expect(svc.extract).toHaveBeenCalledTimes(1);

    const title = root.querySelector<HTMLInputElement>('#sl-article-title')!;
    expect(title.value).toBe('Rebels enter Damascus — Example News');
    expect(root.querySelector('.sl-article-site')?.textContent).toBe(englishMessage('popup_article_site', ['Example News']));
    expect(root.querySelector('time.sl-article-date')?.getAttribute('datetime')).toBe('2024-12-08');
    expect(root.querySelector('time.sl-article-date')?.textContent).toContain('2024');
    expect(root.querySelector('.sl-article-size')?.textContent).toMatch(/\d/);

    const names = [...root.querySelectorAll('.sl-article-names li')].map((li) => li.getAttribute('data-entity'));
    // The article's own sentences name these; each gets a line with its count.
    for (const id of ['hts', 'damascus', 'assad', 'russia', 'aleppo', 'homs']) expect(names).toContain(id);
    const hts = root.querySelector('.sl-article-names li[data-entity="hts"]')!;
    expect(hts.querySelector('.sl-article-count')?.textContent).toBe(englishMessage('briefings_preview_sentences', ['2']));
    // Its best sentence, from the article, is the line's tooltip.
    const best = hts.getAttribute('title')!;
    expect(ARTICLE.text).toContain(best);
    expect(best).toMatch(/HTS|Hayat Tahrir al-Sham/);
  });

  it('shows what the page wrote as text, never as markup', async () => {
    const hostile = { ...ARTICLE, title: 'Rebels <img src=x onerror=alert(1)> enter Damascus', site: '<b>Example</b>' };
    const root = await previewed(services({ extract: vi.fn(async (): Promise<ArticleAnswer> => hostile) }));
    expect(root.querySelector('#sl-article-title')).toHaveProperty('value', 'Rebels <img src=x onerror=alert(1)> enter Damascus — <b>Example</b>');
    expect(root.querySelector('.sl-article-site')?.textContent).toBe(englishMessage('popup_article_site', ['<b>Example</b>']));
    expect(root.querySelector('img, b')).toBeNull();
  });

  it('saves the article as an enabled briefing of the reader, with its source and date, and says so', async () => {
    const svc = services();
    const root = await previewed(svc);
    click(saveButton(root));
    await until(() => state(root) === 'saved', 'the saved message');

    expect(svc.save).toHaveBeenCalledTimes(1);
    const saved = vi.mocked(svc.save).mock.calls[0]![0];
    expect(saved).toMatchObject({
      title: 'Rebels enter Damascus — Example News',
      text: ARTICLE.text,
      source: URL_A,
      date: '2024-12-08',
      builtIn: false,
      enabled: true,
    });
    expect(saved.id).not.toBe('bundled');
    expect(text(root)).toContain(englishMessage('briefings_saved', [saved.title]));

    click([...root.querySelectorAll('button')].find((b) => b.textContent === englishMessage('popup_article_saved_open')));
    expect(svc.onOpenBriefings).toHaveBeenCalledTimes(1);
  });

  it('saves under the title the reader typed, and cannot save an empty title', async () => {
    const svc = services();
    const root = await previewed(svc);
    const title = root.querySelector<HTMLInputElement>('#sl-article-title')!;
    void act(() => {
      title.value = '   ';
      title.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(saveButton(root)?.disabled).toBe(true);
    void act(() => {
      title.value = 'My Damascus notes';
      title.dispatchEvent(new Event('input', { bubbles: true }));
    });
    click(saveButton(root));
    await until(() => state(root) === 'saved', 'the saved message');
    expect((vi.mocked(svc.save).mock.calls[0]![0]).title).toBe('My Damascus notes');
  });

  it('says why when the briefing cannot be stored (no room left)', async () => {
    const svc = services({ save: vi.fn(async () => Promise.reject(new BriefingQuotaError(2_000_000, new Error('QuotaExceededError')))) });
    const root = await previewed(svc);
    click(saveButton(root));
    await until(() => state(root) === 'error', 'the error');
    const error = root.querySelector('.sl-article-error');
    expect(error?.getAttribute('role')).toBe('alert');
    expect(error?.textContent).toBe(englishMessage('briefings_error_quota', [formatSize(2_000_000)]));
  });

  it('says so when no text could be read, or the reading failed', async () => {
    const noText = await offered(services({ extract: vi.fn(async (): Promise<ArticleAnswer> => ({ ok: false, reason: 'no-text' })) }));
    click(useButton(noText));
    await until(() => state(noText) === 'error', 'the error');
    expect(noText.querySelector('.sl-article-error')?.textContent).toBe(englishMessage('popup_article_no_text'));

    const notArticle = await offered(services({ extract: vi.fn(async (): Promise<ArticleAnswer> => ({ ok: false, reason: 'not-article' })) }));
    click(useButton(notArticle));
    await until(() => state(notArticle) === 'not-article', 'the reason');

    const failed = await offered(services({ extract: vi.fn(async () => Promise.reject(new Error('The tab was closed'))) }));
    click(useButton(failed));
    await until(() => state(failed) === 'error', 'the error');
    expect(failed.querySelector('.sl-article-error')?.textContent).toBe(englishMessage('popup_article_failed', ['The tab was closed']));
  });

  it('goes back to the offer on Cancel, without saving', async () => {
    const svc = services();
    const root = await previewed(svc);
    click([...root.querySelectorAll('button')].find((b) => b.textContent === englishMessage('briefings_cancel')));
    expect(state(root)).toBe('offer');
    expect(root.querySelector('.sl-article-preview')).toBeNull();
    expect(svc.save).not.toHaveBeenCalled();
  });

  it('drops an article read for a page the tab has left, and checks the new page', async () => {
    const extract = deferred<ArticleAnswer>();
    const svc = services({ extract: vi.fn(() => extract.promise) });
    const root = await offered(svc);
    click(useButton(root));
    expect(state(root)).toBe('reading');

    // The tab moves on to another page while the old one is being read.
    rerender(root, <ArticleBriefing services={svc} url={URL_B} entities={entities} />);
    await until(() => state(root) === 'offer', 'the new page offered');
    expect(svc.check).toHaveBeenCalledTimes(2);

    extract.resolve(ARTICLE);
    await until(() => vi.mocked(svc.extract).mock.results.length === 1, 'the old answer');
    for (let i = 0; i < 5; i++) await act(async () => new Promise((resolve) => setTimeout(resolve, 5)));
    expect(state(root)).toBe('offer');
    expect(root.querySelector('.sl-article-preview')).toBeNull();
  });
});
