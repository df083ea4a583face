/**
 * The "Names" section of the options page: the built-in entities (hide / show, extra aliases)
 * and the reader's own entities (OwnEntities: add, edit, remove). Presentational: it reports a new
 * `EntityChanges` through `onChange` and keeps only the text being typed. Styles: options.css.
 *
 * With dozens of names the list stays usable: grouped by kind, a filter box (name or any way it
 * is written), and each name's ways of writing folded away with the field to add more.
 */
import { useEffect, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { t } from '../core/i18n';
import { MAX_OWN_NAMES, ownNameCount } from '../core/entity';
import { ENTITY_KINDS, type Entity, type EntityChanges } from '../core/types';
import { aliasListError, parseAliasList } from './entity-input';
import { kindLabel } from './EntityList';
import { OwnEntities } from './OwnEntities';

export interface EntityEditorProps {
  /** The built-in entities, as bundled (before the reader's changes). */
  entities: readonly Entity[];
  changes: EntityChanges;
  onChange(next: EntityChanges): void;
}

/** Does the filter text match the entity (its name or any way it is written, ignoring case)? */
export function matchesFilter(entity: Entity, filter: string): boolean {
  const wanted = filter.trim().toLocaleLowerCase();
  return wanted === '' || [entity.name, ...entity.aliases.map((alias) => alias.text)].some((text) => text.toLocaleLowerCase().includes(wanted));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function EntityEditor({ entities, changes, onChange }: EntityEditorProps) {
  const hidden = new Set(changes.hidden);
  const [filter, setFilter] = useState('');
  const shown = entities.filter((entity) => matchesFilter(entity, filter));

  const setShown = (id: string, shown: boolean) => {
    const rest = changes.hidden.filter((h) => h !== id);
    onChange({ ...changes, hidden: shown ? rest : [...rest, id] });
  };

  const setExtra = (id: string, aliases: string[]) => {
    const extraAliases = { ...changes.extraAliases };
    if (aliases.length > 0) extraAliases[id] = aliases;
    else delete extraAliases[id];
    onChange({ ...changes, extraAliases });
  };

  return (
    <>
      <p class="sl-options-hint">{t('options_entities_intro')}</p>
      <div class="sl-options-field sl-options-filter">
        <label for="sl-entities-filter">{t('options_entities_filter')}</label>
        <input
          type="search"
          id="sl-entities-filter"
          class="sl-options-input"
          dir="auto"
          value={filter}
          onInput={(event) => setFilter(event.currentTarget.value)}
        />
      </div>
      {shown.length === 0 ? (
        <p class="sl-options-hint" role="status">
          {t('options_entities_no_match')}
        </p>
      ) : null}
      {ENTITY_KINDS.map((kind) => {
        const ofKind = shown.filter((entity) => entity.kind === kind);
        if (ofKind.length === 0) return null;
        return (
          <section key={kind} class="sl-options-kind-group" aria-labelledby={`sl-entities-${kind}`}>
            <h3 class="sl-options-subheading" id={`sl-entities-${kind}`}>
              {kindLabel(kind)} <span class="sl-options-count">({ofKind.length})</span>
            </h3>
            <ul class="sl-options-entities" aria-labelledby={`sl-entities-${kind}`}>
              {ofKind.map((entity) => (
                <BuiltInRow
                  key={entity.id}
                  entity={entity}
                  shown={!hidden.has(entity.id)}
                  extra={changes.extraAliases[entity.id] ?? []}
                  otherNames={ownNameCount(changes) - (changes.extraAliases[entity.id]?.length ?? 0)}
                  onShow={(on) => setShown(entity.id, on)}
                  onExtra={(aliases) => setExtra(entity.id, aliases)}
                />
              ))}
            </ul>
          </section>
        );
      })}

      <OwnEntities builtIn={entities} changes={changes} onChange={onChange} />
    </>
  );
}

interface BuiltInRowProps {
  entity: Entity;
  shown: boolean;
  extra: readonly string[];
  /** The reader's own names besides `extra` (see MAX_OWN_NAMES). */
  otherNames: number;
  onShow(shown: boolean): void;
  onExtra(aliases: string[]): void;
}

function BuiltInRow({ entity, shown, extra, otherNames, onShow, onExtra }: BuiltInRowProps) {
  const stored = extra.join(', ');
  const [text, setText] = useState(stored);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  // Follow changes saved elsewhere (another tab, another browser).
  useEffect(() => {
    setText(stored);
    setError(null);
  }, [stored]);

  const checkId = `sl-entity-${entity.id}-shown`;
  const extraId = `sl-entity-${entity.id}-extra`;
  const errorId = `${extraId}-error`;

  const commit = () => {
    const list = parseAliasList(text);
    const { aliases } = list;
    const problem =
      aliasListError(list) ?? (otherNames + aliases.length > MAX_OWN_NAMES ? t('options_own_names_full', [String(MAX_OWN_NAMES)]) : null);
    if (problem !== null) {
      setError(problem);
      return;
    }
    setError(null);
    if (!sameList(aliases, extra)) onExtra(aliases);
    setText(aliases.join(', '));
  };

  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    }
  };

  return (
    <li class={`sl-options-entity${shown ? '' : ' sl-options-entity-hidden'}`}>
      <div class="sl-options-entity-main">
        <input
          type="checkbox"
          id={checkId}
          checked={shown}
          onChange={(event) => onShow(event.currentTarget.checked)}
        />
        <label for={checkId} class="sl-options-entity-label">
          <span class="sl-visually-hidden">{t('options_entity_show', [entity.name])}</span>
          <span aria-hidden="true" class="sl-options-entity-name" dir="auto">
            {entity.name}
          </span>
        </label>
      </div>
      {/*
        Folded: dozens of ways of writing per name would bury the list. What is folded is not
        rendered at all (not just hidden), so the page's Tab order and controls are what shows.
      */}
      <details class="sl-options-entity-more" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>{t('options_entity_aliases_summary', [String(entity.aliases.length + extra.length)])}</summary>
        {open ? (
          <>
        <p class="sl-options-aliases" dir="auto">
          {t('options_entity_written_as', [entity.aliases.map((alias) => alias.text).join(', ')])}
        </p>
        <div class="sl-options-field">
          <label for={extraId} class="sl-options-small-label">
            {t('options_entity_extra', [entity.name])}
          </label>
          <input
            type="text"
            id={extraId}
            class="sl-options-input"
            dir="auto"
            value={text}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? errorId : undefined}
            onInput={(event) => {
              setText(event.currentTarget.value);
              if (error) setError(null);
            }}
            onChange={commit}
            onKeyDown={onKeyDown}
          />
          {error ? (
            <p id={errorId} class="sl-options-error">
              {error}
            </p>
          ) : null}
        </div>
          </>
        ) : null}
      </details>
    </li>
  );
}
