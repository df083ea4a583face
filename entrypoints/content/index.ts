/**
 * Content script, on every http(s) page: asks the background what to mark here (a LensConfig
 * computed from the settings), runs a Lens while the page is on, follows setting changes, and
 * answers the popup. Kept small on purpose: the card UI is injected only when a card opens.
 */
import './marks.css';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { needsRestart, type LensConfig } from '../../core/lens-config';
import type { NewsSignals } from '../../core/sites';
import { ENTITY_KINDS, MARK_STYLES, type CardData } from '../../core/types';
import type { BackgroundRequest, ContentRequest, PageState } from '../../extension/messages';
import { Lens } from '../../page/lens';
import { readNewsSignals } from '../../page/news-signals';
import { FOCUS_HIGHLIGHT, highlightName } from '../../page/paint';

/** Storage keys whose change may change this page's LensConfig. */
const WATCHED_KEYS = ['settings', 'settingsArea', 'briefings'];

/**
 * The page whose address and news signals decide whether this frame is annotated: a
 * same-origin frame (including about:blank and srcdoc ones) belongs to the top page, which
 * carries the og:type/JSON-LD; a cross-origin frame is judged on its own.
 */
function decidingPage(): { url: string; signals: NewsSignals } {
  try {
    if (window.top && window.top !== window) {
      return { url: window.top.location.href, signals: readNewsSignals(window.top.document) };
    }
  } catch {
    // Cross-origin: the top page is not ours to read.
  }
  return { url: location.href, signals: readNewsSignals(document) };
}

/** page/card-host.ts CARD_TAG, not imported: that module brings Preact into this small script. */
const CARD_TAG = 'syria-lens-card';

/**
 * Removes what an earlier copy of this script left in this document. Firefox unloads the old
 * copy on an update or reload without running any of its code again, and injects the new copy
 * into open tabs. The old copy's Highlight objects belong to its dead sandbox (reading them
 * throws), so they are removed from the registry by name.
 */
function removeLeftovers(doc: Document): void {
  for (const host of doc.querySelectorAll(CARD_TAG)) host.remove();
  const registry = doc.defaultView?.CSS?.highlights;
  if (!registry) return;
  for (const style of MARK_STYLES) for (const kind of ENTITY_KINDS) registry.delete(highlightName(style, kind));
  registry.delete(FOCUS_HIGHLIGHT);
}

function ask<T>(request: BackgroundRequest): Promise<T> {
  return browser.runtime.sendMessage<BackgroundRequest, T>(request);
}

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  // Same-origin frames (and about:blank/srcdoc ones) annotate themselves.
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  async main(ctx) {
    removeLeftovers(document);
    let config: LensConfig | null = null;
    let lens: Lens | null = null;
    let lensController: AbortController | null = null;

    const report = () => {
      const total = lens?.marks.paintedCount() ?? 0;
      ask({ type: 'mentions-changed', total, active: !!config?.active }).catch(() => {
        // Background restarting or extension reloading: the next report will do.
      });
    };

    const startLens = (next: LensConfig) => {
      lensController?.abort();
      lens = null;
      lensController = null;
      if (!next.active) return report();
      // No listener on ctx.signal per lens (it would keep every old lens alive): the one
      // registered below aborts whichever lens is current.
      const controller = new AbortController();
      lensController = controller;
      lens = new Lens({
        doc: document,
        entities: next.entities,
        matcher: next.matcher,
        markStyle: next.markStyle,
        firstOnly: next.firstOnly,
        hoverDelayMs: next.hoverDelayMs,
        signal: controller.signal,
        onMarksChanged: report,
        getCard: (entity) => ask<CardData | null>({ type: 'card', entity }),
        injectCardUi: () => ask({ type: 'load-card-ui' }),
        openSource: (briefingId, sentence) => void ask({ type: 'open-briefing', briefingId, sentence }).catch(() => {}),
      });
      void lens.start();
    };

    /** Asks for this page's config and brings the lens in line with it. */
    const refresh = async () => {
      let next: LensConfig;
      try {
        next = await ask<LensConfig>({ type: 'lens-config', ...decidingPage() });
      } catch {
        return; // Extension context gone (updated or reloaded): ctx.signal tears us down.
      }
      if (ctx.signal.aborted) return;
      const previous = config;
      config = next;
      if (lens && previous && !needsRestart(previous, next)) {
        lens.setMarkStyle(next.markStyle);
        lens.setHoverDelay(next.hoverDelayMs);
      } else {
        startLens(next);
      }
    };

    const onStorageChanged = (changes: Record<string, unknown>) => {
      if (WATCHED_KEYS.some((key) => key in changes)) void refresh();
    };
    browser.storage.onChanged.addListener(onStorageChanged);

    const onMessage = (message: unknown): Promise<unknown> => {
      const request = message as ContentRequest;
      if (request?.type === 'get-page-state') {
        const counts = lens?.marks.counts() ?? {};
        const reply: PageState = {
          host: location.hostname,
          active: !!config?.active,
          ...(config?.reason ? { reason: config.reason } : {}),
          counts,
          total: Object.values(counts).reduce((sum, n) => sum + n, 0),
        };
        return Promise.resolve(reply);
      }
      if (request?.type === 'reveal-mention') {
        return Promise.resolve(lens?.reveal(request.entity, request.direction ?? 1) ?? false);
      }
      return Promise.resolve(undefined);
    };
    // Only the top frame answers, so the popup gets one reply per tab.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- onMessage takes a listener that answers with a Promise (its type also lists a void one)
    if (window === window.top) browser.runtime.onMessage.addListener(onMessage);

    // After an update or reload of the extension this copy stops: no listener, no mark stays.
    ctx.signal.addEventListener('abort', () => {
      lensController?.abort();
      try {
        browser.storage.onChanged.removeListener(onStorageChanged);
        // eslint-disable-next-line @typescript-eslint/no-misused-promises -- onMessage takes a listener that answers with a Promise (its type also lists a void one)
        browser.runtime.onMessage.removeListener(onMessage);
      } catch {
        // The old extension context is already gone, and its listeners with it.
      }
    });

    // Chromium neither injects the new copy into open tabs after an update nor tells the old one
    // that the extension went away; WXT notices only when asked (ctx.isInvalid reads runtime.id
    // and then aborts ctx.signal, which tears the lens down).
    const watch = setInterval(() => {
      if (ctx.isInvalid) clearInterval(watch);
    }, 1000);

    await refresh();
  },
});
