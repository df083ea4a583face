/**
 * Content script: wires settings and briefings from the extension to a Lens on this page, and
 * answers the popup. All page work lives in page/; all decisions in core/.
 */
import './marks.css';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { installBrowserTranslations } from '../../extension/i18n';
import type { Settings } from '../../core/settings';
import { lensEntities, needsRestart } from '../../core/lens-config';
import { decideActivation } from '../../core/sites';
import type { BackgroundRequest, ContentRequest, PageState } from '../../extension/messages';
import { loadReaderBriefings, watchReaderBriefings } from '../../extension/briefing-store';
import { loadSettings, watchSettings } from '../../extension/settings-store';
import { bundledBriefings } from '../../assets/briefings';
import { Lens } from '../../page/lens';
import { readNewsSignals } from '../../page/news-signals';

/**
 * The address that decides whether this frame is annotated. about:blank and srcdoc frames
 * belong to the page that made them (same origin, so its address is readable).
 */
function pageUrl(): string {
  if (location.protocol !== 'about:') return location.href;
  try {
    return window.parent.location.href;
  } catch {
    return location.href;
  }
}

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  // Same-origin frames (and about:blank/srcdoc ones) annotate themselves.
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  async main(ctx) {
    installBrowserTranslations();
    let settings = (await loadSettings()).settings;
    let readerBriefings = await loadReaderBriefings();
    let lens: Lens | null = null;
    let lensSignal: AbortController | null = null;
    let state: Pick<PageState, 'active' | 'reason'> = { active: false };

    const report = () => {
      const request: BackgroundRequest = { type: 'mentions-changed', total: lens?.marks.paintedCount() ?? 0, active: state.active };
      void browser.runtime.sendMessage(request).catch(() => {
        // Background asleep or extension reloading: the next report will do.
      });
    };

    /** (Re)starts or stops the lens to match the current settings. */
    const apply = () => {
      lensSignal?.abort();
      lens = null;
      lensSignal = null;
      const decision = decideActivation(settings, pageUrl(), readNewsSignals(document));
      state = decision.active ? { active: true } : { active: false, reason: decision.reason };
      if (!decision.active) {
        report();
        return;
      }
      const controller = new AbortController();
      ctx.signal.addEventListener('abort', () => controller.abort(), { once: true });
      const { marked, all } = lensEntities(settings);
      lensSignal = controller;
      lens = new Lens({
        doc: document,
        entities: marked,
        allEntities: all,
        briefings: [...bundledBriefings, ...readerBriefings.filter((b) => b.enabled !== false)],
        markStyle: settings.markStyle,
        firstOnly: settings.markFirstOnly,
        hoverDelayMs: settings.hoverDelayMs,
        signal: controller.signal,
        onMarksChanged: report,
        openSource: (briefingId, sentence) => {
          void browser.runtime.sendMessage({ type: 'open-briefing', briefingId, sentence }).catch(() => {});
        },
      });
      void lens.start();
    };

    watchSettings((next: Settings) => {
      const previous = settings;
      settings = next;
      if (lens && !needsRestart(previous, next)) {
        lens.setMarkStyle(next.markStyle);
        lens.setHoverDelay(next.hoverDelayMs);
      } else {
        apply();
      }
    }, ctx.signal);
    watchReaderBriefings((next) => {
      readerBriefings = next;
      apply();
    }, ctx.signal);

    browser.runtime.onMessage.addListener(function onMessage(message: unknown) {
      if (ctx.signal.aborted) {
        browser.runtime.onMessage.removeListener(onMessage);
        return;
      }
      const request = message as ContentRequest;
      if (request?.type === 'get-page-state') {
        // Only the top frame answers, so the popup gets one reply per tab.
        if (window !== window.top) return;
        const counts = lens?.marks.counts() ?? {};
        const reply: PageState = {
          host: location.hostname,
          ...state,
          counts,
          total: Object.values(counts).reduce((sum, n) => sum + n, 0),
        };
        return Promise.resolve(reply);
      }
      if (request?.type === 'reveal-mention') {
        if (window !== window.top) return;
        return Promise.resolve(lens?.reveal(request.entity, request.direction ?? 1) ?? false);
      }
      return;
    });

    apply();
  },
});
