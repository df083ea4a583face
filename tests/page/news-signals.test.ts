// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { decidingPage } from '../../page/news-signals';

/** A frame's window as decidingPage sees it: where it is, where its ancestors are, its document's origin. */
function frame({ href, locationOrigin, origin, ancestors, top }: { href: string; locationOrigin: string; origin: string; ancestors?: string[]; top: Window }) {
  const list = ancestors && Object.assign([...ancestors], { contains: (o: string) => ancestors.includes(o), item: (i: number) => ancestors[i] ?? null });
  return {
    top,
    origin,
    document,
    location: { href, origin: locationOrigin, hostname: new URL(href, 'http://x.invalid').hostname, ancestorOrigins: list },
  } as unknown as Window;
}

describe('decidingPage', () => {
  it('a top page decides for itself, with its own signals', () => {
    document.head.innerHTML = '<meta property="og:type" content="article">';
    const decided = decidingPage(window);
    expect(decided.url).toBe(window.location.href);
    expect(decided.signals.ogType).toBe('article');
    expect(decided.crossOrigin).toBeUndefined();
  });

  it('a srcdoc frame (location.origin "null", document origin inherited) follows its top page', () => {
    const decided = decidingPage(frame({ href: 'about:srcdoc', locationOrigin: 'null', origin: 'http://news.test', ancestors: ['http://news.test'], top: window }));
    expect(decided.url).toBe(window.location.href);
    expect(decided.crossOrigin).toBeUndefined();
  });

  it('a frame with an ancestor from another origin is judged on its own address, by site rules only', () => {
    const decided = decidingPage(frame({ href: 'https://ads.test/slot', locationOrigin: 'https://ads.test', origin: 'https://ads.test', ancestors: ['https://news.test'], top: window }));
    expect(decided).toEqual({ url: 'https://ads.test/slot', signals: { jsonLd: [], hostname: 'ads.test' }, crossOrigin: true });
  });
});
