/**
 * The hover card: who or what a marked name is, and what the reader's briefings say about it.
 * Rendered by page/card-host inside a shadow root styled with card.css (adopted stylesheet).
 * Everything is rendered as text (JSX children): page and briefing text never becomes markup.
 */
import { useId, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { CardBackground, CardData } from '../core/types';
import { formatDay, t, textDirection } from '../core/i18n';
import { kindLabel } from './EntityList';
import { LocatorMap } from './LocatorMap';
import { hasLocatorMap } from './locator-map-data';
import { mapCredit } from './locator-map-text';

export interface CardProps {
  card: CardData;
  onOpenEntity(id: string): void;
  /** Open the briefing at `sentence`. Without it, briefing titles are plain text. */
  onOpenSource?(briefingId: string, sentence: string): void;
  pinned: boolean;
  onTogglePin(): void;
  /** Close button and Escape. */
  onClose(): void;
  /** id of the dialog element; ids inside the card derive from it. */
  id?: string;
  /** The card's direction: that of the text it explains (a right-to-left page); else its name's. */
  dir?: 'ltr' | 'rtl' | undefined;
}

/** Sentences shown per briefing before "Show all (N)". */
export const SENTENCES_SHOWN = 3;

export function Card({ card, onOpenEntity, onOpenSource, pinned, onTogglePin, onClose, id, dir }: CardProps) {
  const generated = useId();
  const base = id ?? `sl-card-${generated}`;
  const headingId = `${base}-name`;
  const relatedId = `${base}-related`;
  const { entity, related } = card;
  // A reader's own place is drawn from the coordinates they gave (core/entity.ts lets only places carry them).
  const point = entity.kind === 'place' ? entity.coordinates : undefined;
  const backgrounds = card.backgrounds.filter((background) => background.sentences.length > 0);
  const broaderBackgrounds = card.broader?.backgrounds.filter((background) => background.sentences.length > 0) ?? [];
  const broader = broaderBackgrounds.length > 0 ? { ...card.broader!, backgrounds: broaderBackgrounds } : null;

  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
    }
  };

  return (
    <section
      id={id}
      class="sl-card"
      role="dialog"
      aria-labelledby={headingId}
      tabIndex={-1}
      dir={dir ?? textDirection(entity.name)}
      onKeyDown={onKeyDown}
    >
      <div class="sl-card-header">
        <h2 id={headingId} class="sl-card-name" dir="auto">
          {entity.name}
        </h2>
        <div class="sl-card-actions">
          <button
            type="button"
            class="sl-icon-button sl-card-pin"
            aria-pressed={pinned ? 'true' : 'false'}
            aria-label={t('card_pin')}
            title={t('card_pin')}
            onClick={() => onTogglePin()}
          >
            <PinIcon />
          </button>
          <button
            type="button"
            class="sl-icon-button sl-card-close"
            aria-label={t('card_close')}
            title={t('card_close')}
            onClick={() => onClose()}
          >
            <CloseIcon />
          </button>
        </div>
      </div>
      <p class="sl-card-kind">{kindLabel(entity.kind)}</p>
      {entity.description ? (
        <p class="sl-card-description" dir="auto">
          {entity.description}
        </p>
      ) : null}
      {card.factsDate ? (
        <p class="sl-card-as-of">
          <time dateTime={card.factsDate}>{t('card_facts_as_of', [formatDay(card.factsDate)])}</time>
        </p>
      ) : null}
      {(entity.kind === 'place' || entity.kind === 'country') && hasLocatorMap(entity.id, point) ? (
        <div class="sl-card-map">
          <LocatorMap id={entity.id} name={entity.name} point={point} />
          <p class="sl-card-map-credit">{mapCredit()}</p>
        </div>
      ) : null}

      {backgrounds.length > 0 ? (
        <Backgrounds backgrounds={backgrounds} baseId={`${base}-own`} keyBase={entity.id} onOpenSource={onOpenSource} />
      ) : broader ? (
        <>
          <p class="sl-card-not-named">{notNamed(card, entity.name, broader.name)}</p>
          <Backgrounds backgrounds={broader.backgrounds} baseId={`${base}-broader`} keyBase={`${entity.id}\u0000${broader.id}`} onOpenSource={onOpenSource} />
        </>
      ) : (
        <p class="sl-card-empty">{(card.briefingCount ?? 0) > 0 ? notNamed(card, entity.name) : t('card_no_background')}</p>
      )}

      {related.length > 0 ? (
        <section class="sl-card-related" aria-labelledby={relatedId}>
          <h3 id={relatedId} class="sl-card-subheading">
            {t('card_related')}
          </h3>
          <ul class="sl-chips">
            {related.map((other) => (
              <li key={other.id}>
                <button type="button" class="sl-chip" dir="auto" onClick={() => onOpenEntity(other.id)}>
                  {other.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}

/**
 * "The briefing does not name HTS. About “Rebels”, it says:" — or, without a broader entity to
 * quote, only the first sentence. Said plainly so the sentences that follow are never taken for
 * the entity's own.
 */
function notNamed(card: CardData, name: string, broaderName?: string): string {
  const many = (card.briefingCount ?? 1) > 1;
  const count = String(card.briefingCount ?? 1);
  if (broaderName === undefined) return many ? t('card_not_named_alone_many', [name, count]) : t('card_not_named_alone', [name]);
  return many ? t('card_not_named_many', [name, broaderName, count]) : t('card_not_named', [name, broaderName]);
}

interface BackgroundsProps {
  backgrounds: CardBackground[];
  baseId: string;
  keyBase: string;
  onOpenSource: CardProps['onOpenSource'];
}

/** The newest briefing's quotes, and the others behind a disclosure button (they come newest first). */
function Backgrounds({ backgrounds, baseId, keyBase, onOpenSource }: BackgroundsProps) {
  const [open, setOpen] = useState(false);
  const [first, ...others] = backgrounds;
  if (!first) return null;
  const othersId = `${baseId}-others`;
  const group = (background: CardBackground, index: number) => (
    <BackgroundGroup
      key={`${keyBase}\u0000${background.briefingId}`}
      background={background}
      baseId={`${baseId}-b${index}`}
      onOpenSource={onOpenSource}
    />
  );
  return (
    <>
      {group(first, 0)}
      {others.length > 0 ? (
        <>
          <button
            type="button"
            class="sl-link sl-card-others"
            aria-expanded={open ? 'true' : 'false'}
            aria-controls={othersId}
            onClick={() => setOpen(!open)}
          >
            {open ? t('card_hide_other_briefings') : t('card_other_briefings', [String(others.length)])}
          </button>
          <div id={othersId} class="sl-card-others-list" hidden={!open}>
            {open ? others.map((background, index) => group(background, index + 1)) : null}
          </div>
        </>
      ) : null}
    </>
  );
}

interface BackgroundGroupProps {
  background: CardBackground;
  baseId: string;
  onOpenSource: CardProps['onOpenSource'];
}

function BackgroundGroup({ background, baseId, onOpenSource }: BackgroundGroupProps) {
  const [expanded, setExpanded] = useState(false);
  const { sentences, briefingId, briefingTitle, date } = background;
  const shortTitle = background.shortTitle ?? briefingTitle;
  const shown = expanded ? sentences : sentences.slice(0, SENTENCES_SHOWN);
  const headingId = `${baseId}-source`;
  const listId = `${baseId}-sentences`;
  return (
    <section class="sl-card-background" aria-labelledby={headingId}>
      <h3 id={headingId} class="sl-card-subheading sl-card-source">
        <span class="sl-card-source-label">{t('card_source')}</span>{' '}
        {onOpenSource ? (
          <button
            type="button"
            class="sl-link"
            dir="auto"
            title={t('card_open_source')}
            onClick={() => onOpenSource(briefingId, shown[0] ?? '')}
          >
            {shortTitle}
          </button>
        ) : (
          <span class="sl-card-source-title" dir="auto" title={briefingTitle}>
            {shortTitle}
          </span>
        )}
        {date ? (
          <>
            <span class="sl-card-source-sep" aria-hidden="true">
              {' · '}
            </span>
            <time class="sl-card-source-date" dateTime={date}>
              {formatDay(date)}
            </time>
          </>
        ) : null}
      </h3>
      <ul id={listId} class="sl-card-sentences">
        {shown.map((sentence, index) => (
          <li key={index} dir="auto">
            {sentence}
          </li>
        ))}
      </ul>
      {sentences.length > SENTENCES_SHOWN ? (
        <button
          type="button"
          class="sl-link sl-card-more"
          aria-expanded={expanded ? 'true' : 'false'}
          aria-controls={listId}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? t('card_show_fewer') : t('card_show_all', [String(sentences.length)])}
        </button>
      ) : null}
    </section>
  );
}

function PinIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        d="M6 1.5h4l-.6 4.2 2.6 2.3v1.5H8.75V14L8 15l-.75-1V9.5H4V8l2.6-2.3z"
        fill="currentColor"
      />
    </svg>
  );
}

function CloseIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M3.5 3.5l9 9m0-9l-9 9" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" fill="none" />
    </svg>
  );
}
