/**
 * Welcome page (`/welcome.html`, opened by the background on first install): renders Welcome
 * and runs a real Lens on the page, so the example paragraph gets the same marks and cards as a
 * news page. The card UI is registered here directly (no injection), and cards come from the
 * background's `card` message, as for a content script.
 *
 * The entities are computed here from the settings (`lensEntities`) rather than asked for with
 * a `lens-config` message: that is simpler (no made-up page address and news signals) and the
 * example works even where the reader's site rules, or the global switch, would keep a page
 * unmarked. The reader's kinds and hidden names still apply, and setting changes restart it.
 */
import '../../components/welcome.css';
import '../content/marks.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { EXAMPLE_ID, LEFT_OUT_OF_EXAMPLE, Welcome } from '../../components/Welcome';
import { lensEntities } from '../../core/configure-lens';
import { planMatcher } from '../../core/matcher';
import { t, uiDirection } from '../../core/i18n';
import type { Settings } from '../../core/settings';
import type { CardData } from '../../core/types';
import type { BackgroundRequest } from '../../extension/messages';
import { installBrowserTranslations } from '../../extension/i18n';
import { loadSettings, watchSettings } from '../../extension/settings-store';
import { CardHost } from '../../page/card-host';
import { registerCardUi } from '../../page/card-ui';
import { Lens } from '../../page/lens';

installBrowserTranslations();
registerCardUi({ createCardHost: (doc, signal) => new CardHost(doc, signal) });
document.documentElement.dir = uiDirection();
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('welcome_title');

function ask<T>(request: BackgroundRequest): Promise<T> {
  return browser.runtime.sendMessage<BackgroundRequest, T>(request);
}

/**
 * An extension page's address. Untyped: WXT types getURL from the pages it has built, and the
 * briefings page may not be built yet.
 */
const pageUrl = (path: string): string => (browser.runtime.getURL as (path: string) => string)(path);

const root = document.getElementById('app')!;
let lens: Lens | null = null;
let lensController: AbortController | null = null;
let marked: boolean | undefined;

function draw(): void {
  render(
    <Welcome
      iconUrl={pageUrl('/icon/48.png')}
      settingsUrl={pageUrl('/options.html')}
      briefingsUrl={pageUrl('/briefings.html')}
      onOpenSettings={() => void browser.runtime.openOptionsPage()}
      onOpenBriefings={() => void browser.tabs.create({ url: pageUrl('/briefings.html') })}
      onShowCard={() => lens?.reveal(undefined, 1) ?? false}
      marked={marked}
    />,
    root,
  );
}

function startLens(settings: Settings): void {
  lensController?.abort();
  const controller = new AbortController();
  lensController = controller;
  const entities = lensEntities(settings).marked.filter((entity) => !LEFT_OUT_OF_EXAMPLE.includes(entity.id));
  const onMarksChanged = () => {
    if (controller.signal.aborted) return;
    const next = (lens?.marks.paintedCount() ?? 0) > 0;
    if (next !== marked) {
      marked = next;
      draw();
    }
  };
  lens = new Lens({
    doc: document,
    entities,
    matcher: planMatcher(entities),
    // The example is there to show marks: a reader who chose invisible marks still sees them here.
    markStyle: settings.markStyle === 'none' ? 'underline' : settings.markStyle,
    firstOnly: settings.markFirstOnly,
    hoverDelayMs: settings.hoverDelayMs,
    signal: controller.signal,
    onMarksChanged,
    getCard: (entity) => ask<CardData | null>({ type: 'card', entity }),
    // Registered above: nothing to inject.
    injectCardUi: () => Promise.resolve(true),
    openSource: (briefingId, sentence) => void ask({ type: 'open-briefing', briefingId, sentence }).catch(() => {}),
  });
  void lens.start().then(onMarksChanged);
}

async function main(): Promise<void> {
  draw();
  if (!document.getElementById(EXAMPLE_ID)) return;
  const { settings } = await loadSettings();
  startLens(settings);
  let last = JSON.stringify(settings);
  watchSettings((next) => {
    const json = JSON.stringify(next);
    if (json === last) return;
    last = json;
    startLens(next);
  }, new AbortController().signal);
}

void main();
