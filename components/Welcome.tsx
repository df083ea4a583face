/**
 * The welcome page, shown once after install: what Syria Lens does, a live example (a sample
 * news paragraph on which the entrypoint runs a real Lens: the same marks and cards as on a
 * news page), where the toolbar popup is, and links to Settings and Briefings.
 *
 * Presentational only: entrypoints/welcome/main.tsx runs the Lens and passes callbacks.
 * Styles: components/welcome.css.
 *
 * The Lens reads the whole page, not only the example, so the rest of this page must name no
 * entity the example marks. The page says "Syria" (in "Syria Lens"): the entrypoint leaves
 * that one entity out of the example (`LEFT_OUT_OF_EXAMPLE`), and a test checks the copy in
 * every language for any other name.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../core/i18n';

/** The id of the example paragraph (the only text the example's Lens should mark). */
export const EXAMPLE_ID = 'sl-welcome-example';

/** Entities named by the page's own copy (the extension's name), so not marked in the example. */
export const LEFT_OUT_OF_EXAMPLE: readonly string[] = ['syria'];

export interface WelcomeProps {
  /** The toolbar icon (48 px). */
  iconUrl: string;
  /** Address of the options page (the link's href; a click calls onOpenSettings). */
  settingsUrl: string;
  /** Address of the briefings page (the link's href; a click calls onOpenBriefings). */
  briefingsUrl: string;
  onOpenSettings(): void;
  onOpenBriefings(): void;
  /** Opens the card of the next marked name in the example; false when nothing is marked. */
  onShowCard(): boolean;
  /** Whether the example has marks: undefined while it is being marked. */
  marked?: boolean;
}

/** Opens a link's page through `open` (a new tab), keeping middle-click and "open in new tab". */
function opener(open: () => void) {
  return (event: JSX.TargetedMouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    open();
  };
}

export function Welcome({ iconUrl, settingsUrl, briefingsUrl, onOpenSettings, onOpenBriefings, onShowCard, marked }: WelcomeProps) {
  const [nothingToShow, setNothingToShow] = useState(false);
  const none = marked === false || (nothingToShow && marked !== true);

  return (
    <div class="sl-welcome">
      <header class="sl-welcome-header">
        <img class="sl-welcome-logo" src={iconUrl} alt="" width={48} height={48} />
        <h1>{t('welcome_title')}</h1>
      </header>

      <main class="sl-welcome-main">
        <section class="sl-welcome-section" aria-labelledby="sl-welcome-does">
          <h2 id="sl-welcome-does">{t('welcome_intro_heading')}</h2>
          <ul class="sl-welcome-points">
            <li>{t('welcome_does_marks')}</li>
            <li>{t('welcome_does_cards')}</li>
            <li>{t('welcome_does_offline')}</li>
            <li>{t('welcome_does_where')}</li>
          </ul>
        </section>

        <section class="sl-welcome-section" aria-labelledby="sl-welcome-try">
          <h2 id="sl-welcome-try">{t('welcome_example_heading')}</h2>
          <p>{t('welcome_example_hint')}</p>
          <figure class="sl-welcome-example" aria-labelledby="sl-welcome-example-caption">
            <figcaption id="sl-welcome-example-caption">{t('welcome_example_caption')}</figcaption>
            <p id={EXAMPLE_ID}>{t('welcome_example_text')}</p>
          </figure>
          <div class="sl-welcome-keyboard">
            <button
              type="button"
              class="sl-welcome-button"
              aria-describedby="sl-welcome-keyboard-hint"
              onClick={() => setNothingToShow(!onShowCard())}
            >
              {t('welcome_show_card')}
            </button>
            <p id="sl-welcome-keyboard-hint" class="sl-welcome-muted">
              {t('welcome_example_keyboard')}
            </p>
          </div>
          <p class="sl-welcome-status" role="status">
            {none ? t('welcome_example_none') : ''}
          </p>
        </section>

        <section class="sl-welcome-section" aria-labelledby="sl-welcome-popup">
          <h2 id="sl-welcome-popup">{t('welcome_popup_heading')}</h2>
          <div class="sl-welcome-toolbar">
            {/* A sketch of the browser's toolbar with the icon to click. */}
            <span class="sl-welcome-toolbar-bar" aria-hidden="true">
              <span class="sl-welcome-toolbar-address" />
              <img class="sl-welcome-toolbar-icon" src={iconUrl} alt="" width={24} height={24} />
            </span>
            <p>{t('welcome_popup_text')}</p>
          </div>
          <p>{t('welcome_popup_does')}</p>
        </section>
      </main>

      <footer class="sl-welcome-footer">
        <nav aria-label={t('welcome_links_label')}>
          <ul class="sl-welcome-links">
            <li>
              <a href={settingsUrl} onClick={opener(onOpenSettings)}>
                {t('welcome_settings')}
              </a>
              <span class="sl-welcome-muted">{t('welcome_settings_hint')}</span>
            </li>
            <li>
              <a href={briefingsUrl} onClick={opener(onOpenBriefings)}>
                {t('welcome_briefings')}
              </a>
              <span class="sl-welcome-muted">{t('welcome_briefings_hint')}</span>
            </li>
          </ul>
        </nav>
      </footer>
    </div>
  );
}
