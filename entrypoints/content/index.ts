/**
 * Content script, on every http(s) page: asks the background what to mark here (a LensConfig
 * computed from the settings), keeps a Lens in line with it, follows setting changes, reports
 * the marks for the badge and the popup, and answers the popup. Kept small on purpose: the card
 * UI is injected only when a card opens.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { askBackground, answerPageRequests, publishPageState, type PageState } from '../../extension/messages';
import { backgroundServices } from '../../extension/lens-services';
import { BRIEFINGS_KEY, SETTINGS_AREA_KEY, SETTINGS_KEY, watchStorageKeys } from '../../extension/storage-keys';
import { LensRunner } from '../../page/lens-runner';
import { MARK_TOKEN, markNames } from '../../core/mark-names';
import { removeHighlightsNamed } from '../../page/names';
import { decidingPage } from '../../page/news-signals';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  // Same-origin frames (and about:blank/srcdoc ones) annotate themselves.
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  async main(ctx) {
    /**
     * This document's highlight names (core/mark-names.ts), from the first answer: the same for
     * every copy of this script in this document, so what an earlier copy left (Firefox unloads
     * it on an update without running it again) is taken out by name.
     */
    let token = '';
    // Whether the background has inserted the stylesheet that paints them: only while marks are shown.
    let styled = false;
    const style = (on: boolean) => {
      if (on === styled) return;
      styled = on;
      askBackground({ type: 'mark-css', token, on }).catch(() => {
        // Extension gone: its stylesheets went with it.
      });
    };
    // Only the top frame speaks for the tab, so the popup gets one answer per tab.
    const isTop = window === window.top;
    /** Made with the first config, which brings the token. */
    let runner: LensRunner | undefined;

    const pageState = (): PageState => {
      const config = runner?.config;
      const counts = runner?.lens?.counts() ?? {};
      return {
        host: location.hostname,
        active: !!config?.active,
        ...(config?.reason ? { reason: config.reason } : {}),
        counts,
        total: Object.values(counts).reduce((sum, n) => sum + n, 0),
      };
    };
    const publish = isTop ? publishPageState(pageState, ctx.signal) : () => {};

    const report = () => {
      const total = runner?.lens?.paintedCount() ?? 0;
      askBackground({ type: 'mentions-changed', total, active: !!runner?.config?.active }).catch(() => {
        // Background restarting or extension reloading: the next report will do.
      });
      publish();
    };

    /** Asks for this page's config and brings the lens in line with it. */
    const refresh = async () => {
      let answer;
      try {
        answer = await askBackground({ type: 'lens-config', timeOrigin: performance.timeOrigin, ...decidingPage(window) });
      } catch {
        return; // Extension context gone (updated or reloaded): ctx.signal tears us down.
      }
      if (ctx.signal.aborted || !MARK_TOKEN.test(answer.token)) return;
      if (!runner) {
        token = answer.token;
        removeHighlightsNamed(document, markNames(token));
        runner = new LensRunner({ doc: document, token, onMarksChanged: report, ...backgroundServices });
      }
      const next = answer.config;
      style(next.active && next.markStyle !== 'none');
      runner.apply(next);
    };

    watchStorageKeys([SETTINGS_KEY, SETTINGS_AREA_KEY, BRIEFINGS_KEY], () => void refresh(), ctx.signal);
    if (isTop) {
      answerPageRequests(
        {
          'get-page-state': pageState,
          'reveal-mention': ({ entity, direction }) => runner?.lens?.reveal(entity, direction ?? 1) ?? false,
        },
        ctx.signal,
      );
    }
    // After an update or reload of the extension this copy stops: no listener, no mark stays.
    // (Its stylesheet needs no removal: it names only this copy's highlights, now gone.)
    ctx.signal.addEventListener('abort', () => runner?.stop(), { once: true });

    // Chromium neither injects the new copy into open tabs after an update nor tells the old one
    // that the extension went away; WXT notices only when asked (ctx.isInvalid reads runtime.id
    // and then aborts ctx.signal, which tears the lens down).
    const watch = setInterval(() => {
      if (ctx.isInvalid) clearInterval(watch);
    }, 1000);

    await refresh();
  },
});
