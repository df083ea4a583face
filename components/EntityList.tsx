/**
 * A list of entities, each row one button: name, kind, optional count and the one-line
 * description. Used by the popup's page overview; the options page can reuse it.
 * Styles: `.sl-entity-list` in popup.css.
 */
import type { EntityKind } from '../core/types';
import { t } from '../core/i18n';

export interface EntityListItem {
  id: string;
  name: string;
  /** Missing when the catalogue no longer knows the id (the row then shows the id as name). */
  kind?: EntityKind;
  description?: string;
  /** Mentions on the page; left out of the row when undefined. */
  count?: number;
}

export interface EntityListProps {
  items: readonly EntityListItem[];
  onSelect(id: string): void;
  /** Tooltip of every row, e.g. "Show on the page". */
  actionHint?: string;
  /** Accessible name of the list. */
  label?: string;
}

/** The kind in the reader's language. */
export function kindLabel(kind: EntityKind): string {
  switch (kind) {
    case 'person':
      return t('kind_person');
    case 'place':
      return t('kind_place');
    case 'country':
      return t('kind_country');
    case 'group':
      return t('kind_group');
    case 'topic':
      return t('kind_topic');
  }
}

export function EntityList({ items, onSelect, actionHint, label }: EntityListProps) {
  return (
    <ul class="sl-entity-list" aria-label={label}>
      {items.map((item) => (
        <li key={item.id}>
          <button type="button" class="sl-entity" title={actionHint} onClick={() => onSelect(item.id)}>
            <span class="sl-entity-head">
              <span class="sl-entity-name" dir="auto">
                {item.name}
              </span>
              {item.kind ? <span class="sl-entity-kind">{kindLabel(item.kind)}</span> : null}
              {item.count === undefined ? null : (
                <span class="sl-entity-count">
                  <span aria-hidden="true">{item.count}</span>
                  <span class="sl-visually-hidden">{t('entity_count', [String(item.count)])}</span>
                </span>
              )}
            </span>
            {item.description ? (
              <span class="sl-entity-description" dir="auto">
                {item.description}
              </span>
            ) : null}
          </button>
        </li>
      ))}
    </ul>
  );
}
