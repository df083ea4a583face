/**
 * Welcome page (`/welcome.html`, opened by the background on first install): renders Welcome
 * and runs a real lens on the page, so the example paragraph gets the same marks and cards as a
 * news page (page/lens-runner.ts, as in the content script). The card UI is registered here
 * directly (no injection); cards come from the background, as for a content script.
 *
 * What to mark is worked out here from the settings (`exampleLensConfig`) rather than asked for
 * with a `lens-config` message: no made-up page address and news signals, and the example works
 * even where the reader's site rules, or the global switch, would keep a page unmarked. The
 * reader's kinds and hidden names still apply, and setting changes are followed. The reader's own
 * names are marked visibly here: this page is the extension's own, no web page can read it.
 */
import '../../components/welcome.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { EXAMPLE_ID, LEFT_OUT_OF_EXAMPLE, Welcome } from '../../components/Welcome';
import { exampleLensConfig } from '../../core/configure-lens';
import { markCss, newMarkToken } from '../../core/mark-names';
import { startExtensionPage } from '../../extension/i18n';
import { backgroundServices } from '../../extension/lens-services';
import { loadSettings, watchSettings } from '../../extension/settings-store';
import { registerCardUi } from '../../page/card-ui';
import { CardSession } from '../../page/card-session';
import { WrapPainter } from '../../page/paint';
import { LensRunner } from '../../page/lens-runner';

startExtensionPage('welcome_title');
registerCardUi({ createCardSession: (options) => new CardSession(options), createWrapPainter: (doc, style) => new WrapPainter(doc, style) });

/**
 * An extension page's address. Untyped: WXT types getURL from the pages it has built, and the
 * briefings page may not be built yet.
 */
const pageUrl = (path: string): string => (browser.runtime.getURL as (path: string) => string)(path);

const root = document.getElementById('app')!;

// The marks' styles, for this document's highlight names (a content script asks the background
// for the same stylesheet; this page is the extension's own and adds it itself).
const token = newMarkToken();
const marksSheet = new CSSStyleSheet();
marksSheet.replaceSync(markCss(token));
document.adoptedStyleSheets = [...document.adoptedStyleSheets, marksSheet];
/** Whether the example has marks: undefined until the first scan is done. */
let marked: boolean | undefined;

const runner = new LensRunner({
  doc: document,
  token,
  ...backgroundServices,
  // Registered above: nothing to inject.
  injectCardUi: () => Promise.resolve(true),
  onMarksChanged: () => {
    const next = (runner.lens?.paintedCount() ?? 0) > 0;
    if (next === marked) return;
    marked = next;
    draw();
  },
});

function draw(): void {
  render(
    <Welcome
      iconUrl={pageUrl('/icon/48.png')}
      settingsUrl={pageUrl('/options.html')}
      briefingsUrl={pageUrl('/briefings.html')}
      onOpenSettings={() => void browser.runtime.openOptionsPage()}
      onOpenBriefings={() => void browser.tabs.create({ url: pageUrl('/briefings.html') })}
      onShowCard={() => runner.lens?.reveal(undefined, 1) ?? false}
      marked={marked}
    />,
    root,
  );
}

async function main(): Promise<void> {
  draw();
  if (!document.getElementById(EXAMPLE_ID)) return;
  const { settings } = await loadSettings();
  runner.apply(exampleLensConfig(settings, LEFT_OUT_OF_EXAMPLE));
  watchSettings((next) => runner.apply(exampleLensConfig(next, LEFT_OUT_OF_EXAMPLE)), new AbortController().signal);
}

void main();
