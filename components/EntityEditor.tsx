/**
 * The "Names" section of the options page: the built-in entities (hide / show, extra aliases)
 * and the reader's own entities (add, remove). Presentational: it reports a new
 * `EntityChanges` through `onChange` and keeps only the text being typed. Styles: options.css.
 *
 * With dozens of names the list stays usable: grouped by kind, a filter box (name or any way it
 * is written), and each name's ways of writing folded away with the field to add more.
 */
import { useEffect, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { parseLatLon, type LatLon } from '../core/geo';
import { t, tm } from '../core/i18n';
import { checkEntity, isUsableName, MAX_ALIASES, MAX_NAME_CHARS, MAX_OWN_ENTITIES, MAX_OWN_NAMES, ownNameCount } from '../core/entity';
import { ENTITY_KINDS, type Entity, type EntityChanges, type EntityKind } from '../core/types';
import { kindLabel } from './EntityList';

export interface EntityEditorProps {
  /** The built-in entities, as bundled (before the reader's changes). */
  entities: readonly Entity[];
  changes: EntityChanges;
  onChange(next: EntityChanges): void;
}

/**
 * A comma-separated list of names: trimmed, empty parts dropped, duplicates dropped (first
 * one kept). `bad` lists the parts that have no letter or digit, `long` those over
 * MAX_NAME_CHARS characters.
 */
export function parseAliasList(text: string): { aliases: string[]; bad: string[]; long: string[] } {
  const aliases: string[] = [];
  const bad: string[] = [];
  const long: string[] = [];
  for (const part of text.split(/[,،]/u)) {
    const alias = part.trim().replace(/\s+/gu, ' ');
    if (alias === '') continue;
    if (!isUsableName(alias)) bad.push(alias);
    else if (alias.length > MAX_NAME_CHARS) long.push(alias);
    else if (!aliases.includes(alias)) aliases.push(alias);
  }
  return { aliases, bad, long };
}

/** What is wrong with a list of aliases as `parseAliasList` read it (the form's message), or null. */
function aliasListError({ aliases, bad, long }: ReturnType<typeof parseAliasList>, extra = 0): string | null {
  if (bad.length > 0) return t('options_alias_unusable');
  if (long.length > 0) return t('options_alias_too_long', [String(MAX_NAME_CHARS)]);
  if (aliases.length + extra > MAX_ALIASES) return t('options_alias_too_many', [String(MAX_ALIASES)]);
  return null;
}

/** The id of a reader's entity: its name in lower case without Latin accents, letters and digits joined by `-`. */
export function entityId(name: string): string {
  return name
    .normalize('NFKD')
    // Latin accents only (Ça → ca); other scripts' marks are recomposed below.
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

export interface NewEntityInput {
  name: string;
  kind: EntityKind;
  aliases: string;
  description: string;
  /** The id of a broader entity (its card falls back on it, see core/types.ts `broader`); '' for none. */
  broader?: string;
  /** A place's latitude and longitude as typed (decimal degrees); both blank for none. Other kinds ignore them. */
  lat?: string;
  lon?: string;
}

/** The form's fields that can be wrong (their inputs' ids are `sl-own-<field>`). */
export type NewEntityField = 'name' | 'aliases' | 'lat' | 'lon';

export type NewEntityCheck =
  | { ok: true; entity: Entity }
  | { ok: false; field: NewEntityField; error: string };

const ARABIC_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/gu;

/**
 * A number of degrees as a reader types it: digits (Latin or Arabic-Indic), a decimal point or a
 * decimal comma (35,93), a minus sign (- or −), an optional ° after it. Anything else is returned
 * as the trimmed text, so that parseLatLon's message shows the reader what it could not read.
 */
export function readDegrees(text: string): number | string {
  const trimmed = text.trim();
  const plain = trimmed
    .replace(ARABIC_DIGITS, (digit) => String((digit.codePointAt(0)! - 0x0660) % 0x90))
    .replace(/[\u066b,]/gu, '.')
    .replace(/^[\u2212]/u, '-')
    .replace(/\s*°$/u, '');
  return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/u.test(plain) ? Number(plain) : trimmed;
}

/**
 * Splits "35.9317, 35.9893" (how maps give a point to copy) into its two numbers, or null. A lone
 * comma between digits is a decimal comma ("35,93"), not a separator.
 */
function splitPair(text: string): [string, string] | null {
  const trimmed = text.trim();
  let parts = trimmed.split(/\s*;\s*|\s*,\s+|\s+/u);
  if (parts.length !== 2 && trimmed.includes('.')) parts = trimmed.split(/\s*,\s*/u);
  return parts.length === 2 ? [parts[0]!, parts[1]!] : null;
}

/**
 * The coordinates the form's two fields give: none when both are blank; both numbers pasted into
 * the latitude field with the longitude left blank are taken as the pair. Errors are
 * parseLatLon's (core/geo.ts), in the reader's language, on the field that is wrong.
 */
export function readCoordinates(latText: string, lonText: string): { ok: true; value: LatLon | undefined } | { ok: false; field: 'lat' | 'lon'; error: string } {
  let [lat, lon] = [latText.trim(), lonText.trim()];
  if (lat === '' && lon === '') return { ok: true, value: undefined };
  const pair = lon === '' ? splitPair(lat) : null;
  if (pair) [lat, lon] = pair;
  if (lat === '' || lon === '') return { ok: false, field: lat === '' ? 'lat' : 'lon', error: t('options_own_coordinates_both') };
  const parsed = parseLatLon({ lat: readDegrees(lat), lon: readDegrees(lon) });
  if (parsed.ok) return parsed;
  return { ok: false, field: parsed.error.key === 'geo_error_longitude' ? 'lon' : 'lat', error: tm(parsed.error) };
}

/**
 * Checks the "add a name" form: a name is required; its id (see `entityId`) must not be one
 * already taken by `existing`; the name is always one of the aliases. The entity it makes passes
 * the one entity validator (core/entity.ts), as the settings will check it again when saved.
 * With the reader's `changes`, it also keeps to the limits of entries and names of their own.
 */
export function checkNewEntity(input: NewEntityInput, existing: readonly Entity[], changes?: EntityChanges): NewEntityCheck {
  const name = input.name.trim().replace(/\s+/gu, ' ');
  if (name === '') return { ok: false, field: 'name', error: t('options_own_name_required') };
  if (name.length > MAX_NAME_CHARS) return { ok: false, field: 'name', error: t('options_name_too_long', [String(MAX_NAME_CHARS)]) };
  const id = entityId(name);
  if (!isUsableName(name) || id === '') return { ok: false, field: 'name', error: t('options_own_name_unusable') };
  const clash = existing.find((entity) => entity.id === id);
  if (clash) return { ok: false, field: 'name', error: t('options_own_name_taken', [clash.name]) };
  if (changes && changes.added.length >= MAX_OWN_ENTITIES) {
    return { ok: false, field: 'name', error: t('options_own_too_many', [String(MAX_OWN_ENTITIES)]) };
  }
  const list = parseAliasList(input.aliases);
  const texts = [name, ...list.aliases.filter((alias) => alias !== name)];
  const listError = aliasListError(list, texts.length - list.aliases.length);
  if (listError !== null) return { ok: false, field: 'aliases', error: listError };
  if (changes && ownNameCount(changes) + texts.length > MAX_OWN_NAMES) {
    return { ok: false, field: 'aliases', error: t('options_own_names_full', [String(MAX_OWN_NAMES)]) };
  }
  // Only a place has a point on a map (core/entity.ts); what another kind's hidden fields hold is ignored.
  const coordinates = input.kind === 'place' ? readCoordinates(input.lat ?? '', input.lon ?? '') : { ok: true as const, value: undefined };
  if (!coordinates.ok) return coordinates;
  const checked = checkEntity({
    id,
    name,
    kind: input.kind,
    description: input.description.replace(/\s+/gu, ' ').trim(),
    aliases: texts.map((text) => ({ text })),
    ...(input.broader && existing.some((entity) => entity.id === input.broader) ? { broader: [input.broader] } : {}),
    ...(coordinates.value ? { coordinates: coordinates.value } : {}),
  });
  if (!checked.ok) {
    return checked.field === 'aliases'
      ? { ok: false, field: 'aliases', error: t('options_alias_unusable') }
      : { ok: false, field: 'name', error: t('options_own_name_unusable') };
  }
  return { ok: true, entity: checked.value };
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

      <h3 class="sl-options-subheading" id="sl-own-heading">
        {t('options_own_heading')}
      </h3>
      {changes.added.length === 0 ? (
        <p class="sl-options-hint">{t('options_own_empty')}</p>
      ) : (
        <ul class="sl-options-entities" aria-labelledby="sl-own-heading">
          {changes.added.map((entity) => (
            <li key={entity.id} class="sl-options-entity sl-options-own">
              <div class="sl-options-entity-main">
                <span class="sl-options-entity-name" dir="auto">
                  {entity.name}
                </span>{' '}
                <span class="sl-options-kind">{kindLabel(entity.kind)}</span>
                {entity.description ? (
                  <p class="sl-options-description" dir="auto">
                    {entity.description}
                  </p>
                ) : null}
                <p class="sl-options-aliases" dir="auto">
                  {t('options_entity_written_as', [entity.aliases.map((alias) => alias.text).join(', ')])}
                </p>
                {entity.coordinates ? (
                  <p class="sl-options-aliases sl-options-coordinates">
                    {t('options_own_coordinates', [String(entity.coordinates.lat), String(entity.coordinates.lon)])}
                  </p>
                ) : null}
              </div>
              <button
                type="button"
                class="sl-options-button sl-options-secondary"
                aria-label={t('options_own_remove_named', [entity.name])}
                onClick={() => onChange({ ...changes, added: changes.added.filter((e) => e.id !== entity.id) })}
              >
                {t('options_remove')}
              </button>
            </li>
          ))}
        </ul>
      )}

      <NewEntityForm
        broaderChoices={entities}
        existing={[...entities, ...changes.added]}
        changes={changes}
        onAdd={(entity) => onChange({ ...changes, added: [...changes.added, entity] })}
      />
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

const EMPTY_FORM: NewEntityInput = { name: '', kind: 'group', aliases: '', description: '', broader: '', lat: '', lon: '' };

function NewEntityForm({ existing, broaderChoices, changes, onAdd }: { existing: readonly Entity[]; broaderChoices: readonly Entity[]; changes: EntityChanges; onAdd(entity: Entity): void }) {
  const [form, setForm] = useState<NewEntityInput>(EMPTY_FORM);
  const [error, setError] = useState<{ field: NewEntityField; text: string } | null>(null);

  const set = (field: keyof NewEntityInput, value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    if (error?.field === field) setError(null);
  };

  const onSubmit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkNewEntity(form, existing, changes);
    if (!checked.ok) {
      setError({ field: checked.field, text: checked.error });
      const field = event.currentTarget.querySelector<HTMLInputElement>(`#sl-own-${checked.field}`);
      field?.focus();
      return;
    }
    setError(null);
    setForm(EMPTY_FORM);
    onAdd(checked.entity);
  };

  const invalid = (field: NewEntityField, hint?: string) =>
    error?.field === field
      ? { 'aria-invalid': 'true' as const, 'aria-describedby': [`sl-own-${field}-error`, hint].filter(Boolean).join(' ') }
      : hint
        ? { 'aria-describedby': hint }
        : {};
  const errorText = (field: NewEntityField) =>
    error?.field === field ? (
      <p id={`sl-own-${field}-error`} class="sl-options-error">
        {error.text}
      </p>
    ) : null;

  return (
    <form class="sl-options-form" onSubmit={onSubmit} noValidate>
      <div class="sl-options-field">
        <label for="sl-own-name">{t('options_own_name')}</label>
        <input
          type="text"
          id="sl-own-name"
          class="sl-options-input"
          dir="auto"
          required
          value={form.name}
          onInput={(event) => set('name', event.currentTarget.value)}
          {...invalid('name')}
        />
        {errorText('name')}
      </div>
      <div class="sl-options-field">
        <label for="sl-own-kind">{t('options_own_kind')}</label>
        <select
          id="sl-own-kind"
          class="sl-options-input"
          value={form.kind}
          onChange={(event) => set('kind', event.currentTarget.value)}
        >
          {ENTITY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kindLabel(kind)}
            </option>
          ))}
        </select>
      </div>
      <div class="sl-options-field">
        <label for="sl-own-aliases">{t('options_own_aliases')}</label>
        <input
          type="text"
          id="sl-own-aliases"
          class="sl-options-input"
          dir="auto"
          value={form.aliases}
          onInput={(event) => set('aliases', event.currentTarget.value)}
          {...invalid('aliases')}
        />
        {errorText('aliases')}
      </div>
      <div class="sl-options-field">
        <label for="sl-own-description">{t('options_own_description')}</label>
        <input
          type="text"
          id="sl-own-description"
          class="sl-options-input"
          dir="auto"
          maxLength={200}
          value={form.description}
          onInput={(event) => set('description', event.currentTarget.value)}
        />
      </div>
      <div class="sl-options-field">
        <label for="sl-own-broader">{t('options_own_broader')}</label>
        <select id="sl-own-broader" class="sl-options-input" value={form.broader} onChange={(event) => set('broader', event.currentTarget.value)}>
          <option value="">{t('options_own_broader_none')}</option>
          {[...broaderChoices]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((entity) => (
              <option key={entity.id} value={entity.id}>
                {entity.name}
              </option>
            ))}
        </select>
      </div>
      {form.kind === 'place' ? (
        // Rendered only for a place: the only kind whose card draws a point (core/entity.ts).
        <fieldset class="sl-options-group sl-options-coordinates-group">
          <legend>{t('options_own_place_legend')}</legend>
          <p id="sl-own-coordinates-hint" class="sl-options-hint">
            {t('options_own_coordinates_hint')}
          </p>
          {(['lat', 'lon'] as const).map((field) => (
            <div key={field} class="sl-options-field">
              <label for={`sl-own-${field}`} class="sl-options-small-label">
                {t(field === 'lat' ? 'options_own_latitude' : 'options_own_longitude')}
              </label>
              <input
                type="text"
                inputMode="decimal"
                id={`sl-own-${field}`}
                class="sl-options-input"
                dir="ltr"
                autoComplete="off"
                spellcheck={false}
                value={form[field]}
                onInput={(event) => set(field, event.currentTarget.value)}
                {...invalid(field, 'sl-own-coordinates-hint')}
              />
              {errorText(field)}
            </div>
          ))}
        </fieldset>
      ) : null}
      <div class="sl-options-actions">
        <button type="submit" class="sl-options-button">
          {t('options_own_add')}
        </button>
      </div>
    </form>
  );
}
