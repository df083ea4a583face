/**
 * The reader's own entries in the options page's Names section: the list (each can be edited or
 * removed) and the form that adds one. The same form edits an entry in place: a reader who got a
 * spelling or a place's point wrong corrects it without losing the rest. The checks and messages
 * are components/entity-input.ts's. Styles: options.css.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { t } from '../core/i18n';
import { ENTITY_KINDS, type Entity, type EntityChanges } from '../core/types';
import { checkNewEntity, inputFromEntity, type NewEntityCheck, type NewEntityField, type NewEntityInput } from './entity-input';
import { kindLabel } from './EntityList';
import { FormActions } from './FormActions';

const EMPTY_FORM: NewEntityInput = { name: '', kind: 'group', aliases: '', description: '', broader: '', lat: '', lon: '' };

export interface OwnEntitiesProps {
  /** The built-in entities (their names are taken; their ids are the broader choices). */
  builtIn: readonly Entity[];
  changes: EntityChanges;
  onChange(next: EntityChanges): void;
}

export function OwnEntities({ builtIn, changes, onChange }: OwnEntitiesProps) {
  const { added } = changes;
  /** The id of the entry being edited, if any. */
  const [editing, setEditing] = useState<string | null>(null);
  /** After an edit ends: the entry whose Edit button takes focus back. */
  const returnFocus = useRef<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  // An entry removed or renamed elsewhere (another tab) closes its form.
  useEffect(() => {
    if (editing !== null && !added.some((entity) => entity.id === editing)) setEditing(null);
  }, [added, editing]);
  useEffect(() => {
    const id = returnFocus.current;
    if (id === null || editing !== null) return;
    returnFocus.current = null;
    list.current?.querySelector<HTMLButtonElement>(`[data-edit="${CSS.escape(id)}"]`)?.focus();
  });

  const stopEditing = (id: string) => {
    returnFocus.current = id;
    setEditing(null);
  };

  /** Replaces entry `index` with `entity` (whose id follows its name: a new name is a new id). */
  const save = (index: number, entity: Entity) => {
    stopEditing(entity.id);
    onChange({ ...changes, added: added.map((e, i) => (i === index ? entity : e)) });
  };

  return (
    <>
      <h3 class="sl-options-subheading" id="sl-own-heading">
        {t('options_own_heading')}
      </h3>
      {added.length === 0 ? (
        <p class="sl-options-hint">{t('options_own_empty')}</p>
      ) : (
        <ul class="sl-options-entities" aria-labelledby="sl-own-heading" ref={list}>
          {added.map((entity, index) =>
            editing === entity.id ? (
              <li key={`edit-${entity.id}`} class="sl-options-entity sl-options-own">
                <EntityForm
                  idPrefix={`sl-own-${index}`}
                  label={t('options_own_edit_named', [entity.name])}
                  initial={inputFromEntity(entity)}
                  broaderChoices={builtIn}
                  autoFocus
                  submitLabel={t('options_save')}
                  // Not a clash with itself, and the limits count the others.
                  check={(input) =>
                    checkNewEntity(input, [...builtIn, ...added.filter((_, i) => i !== index)], { ...changes, added: added.filter((_, i) => i !== index) })
                  }
                  onSubmit={(next) => save(index, next)}
                  onCancel={() => stopEditing(entity.id)}
                />
              </li>
            ) : (
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
                  data-edit={entity.id}
                  aria-label={t('options_own_edit_named', [entity.name])}
                  onClick={() => setEditing(entity.id)}
                >
                  {t('options_edit')}
                </button>
                <button
                  type="button"
                  class="sl-options-button sl-options-secondary"
                  aria-label={t('options_own_remove_named', [entity.name])}
                  onClick={() => onChange({ ...changes, added: added.filter((e) => e.id !== entity.id) })}
                >
                  {t('options_remove')}
                </button>
              </li>
            ),
          )}
        </ul>
      )}

      <EntityForm
        idPrefix="sl-own"
        initial={EMPTY_FORM}
        broaderChoices={builtIn}
        submitLabel={t('options_own_add')}
        check={(input) => checkNewEntity(input, [...builtIn, ...added], changes)}
        onSubmit={(entity) => onChange({ ...changes, added: [...added, entity] })}
        clearOnSubmit
      />
    </>
  );
}

interface EntityFormProps {
  /** The start of its fields' ids (`${idPrefix}-name` …): one form adds, each edited entry has its own. */
  idPrefix: string;
  /** The form's accessible name, when it edits an entry ("Edit Al-Qusayr"). */
  label?: string;
  initial: NewEntityInput;
  broaderChoices: readonly Entity[];
  submitLabel: string;
  check(input: NewEntityInput): NewEntityCheck;
  onSubmit(entity: Entity): void;
  /** Editing: a Cancel button that leaves the entry as it was. */
  onCancel?(): void;
  /** Adding: the form empties once the entry is added. */
  clearOnSubmit?: boolean;
  /** The name field takes focus when the form appears (an edit just began). */
  autoFocus?: boolean;
}

/** The fields of an entry of the reader's, checked when submitted; the first wrong field takes focus with its message. */
function EntityForm({ idPrefix, label, initial, broaderChoices, submitLabel, check, onSubmit, onCancel, clearOnSubmit = false, autoFocus = false }: EntityFormProps) {
  const [form, setForm] = useState<NewEntityInput>(initial);
  const nameField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) nameField.current?.focus();
  }, [autoFocus]);
  const [error, setError] = useState<{ field: NewEntityField; text: string } | null>(null);

  const set = (field: keyof NewEntityInput, value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    if (error?.field === field) setError(null);
  };

  const submit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = check(form);
    if (!checked.ok) {
      setError({ field: checked.field, text: checked.error });
      const field = event.currentTarget.querySelector<HTMLInputElement>(`#${CSS.escape(`${idPrefix}-${checked.field}`)}`);
      field?.focus();
      return;
    }
    setError(null);
    if (clearOnSubmit) setForm(initial);
    onSubmit(checked.entity);
  };

  const invalid = (field: NewEntityField, hint?: string) =>
    error?.field === field
      ? { 'aria-invalid': 'true' as const, 'aria-describedby': [`${idPrefix}-${field}-error`, hint].filter(Boolean).join(' ') }
      : hint
        ? { 'aria-describedby': hint }
        : {};
  const errorText = (field: NewEntityField) =>
    error?.field === field ? (
      <p id={`${idPrefix}-${field}-error`} class="sl-options-error">
        {error.text}
      </p>
    ) : null;

  return (
    <form class="sl-options-form" onSubmit={submit} noValidate aria-label={label}>
      <div class="sl-options-field">
        <label for={`${idPrefix}-name`}>{t('options_own_name')}</label>
        <input
          type="text"
          id={`${idPrefix}-name`}
          ref={nameField}
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
        <label for={`${idPrefix}-kind`}>{t('options_own_kind')}</label>
        <select
          id={`${idPrefix}-kind`}
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
        <label for={`${idPrefix}-aliases`}>{t('options_own_aliases')}</label>
        <input
          type="text"
          id={`${idPrefix}-aliases`}
          class="sl-options-input"
          dir="auto"
          value={form.aliases}
          onInput={(event) => set('aliases', event.currentTarget.value)}
          {...invalid('aliases')}
        />
        {errorText('aliases')}
      </div>
      <div class="sl-options-field">
        <label for={`${idPrefix}-description`}>{t('options_own_description')}</label>
        <input
          type="text"
          id={`${idPrefix}-description`}
          class="sl-options-input"
          dir="auto"
          maxLength={200}
          value={form.description}
          onInput={(event) => set('description', event.currentTarget.value)}
        />
      </div>
      <div class="sl-options-field">
        <label for={`${idPrefix}-broader`}>{t('options_own_broader')}</label>
        <select id={`${idPrefix}-broader`} class="sl-options-input" value={form.broader} onChange={(event) => set('broader', event.currentTarget.value)}>
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
          <p id={`${idPrefix}-coordinates-hint`} class="sl-options-hint">
            {t('options_own_coordinates_hint')}
          </p>
          {(['lat', 'lon'] as const).map((field) => (
            <div key={field} class="sl-options-field">
              <label for={`${idPrefix}-${field}`} class="sl-options-small-label">
                {t(field === 'lat' ? 'options_own_latitude' : 'options_own_longitude')}
              </label>
              <input
                type="text"
                inputMode="decimal"
                id={`${idPrefix}-${field}`}
                class="sl-options-input"
                dir="ltr"
                autoComplete="off"
                spellcheck={false}
                value={form[field]}
                onInput={(event) => set(field, event.currentTarget.value)}
                {...invalid(field, `${idPrefix}-coordinates-hint`)}
              />
              {errorText(field)}
            </div>
          ))}
        </fieldset>
      ) : null}
      <FormActions submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}
