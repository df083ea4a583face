// @vitest-environment happy-dom
import axe from 'axe-core';
import { existsSync, readFileSync } from 'node:fs';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkNewEntity, entityId, parseAliasList, readCoordinates, readDegrees } from '../../components/entity-input';
import { OptionsApp, type OptionsAppProps } from '../../components/OptionsApp';
import { applyEntityChanges, builtInEntities } from '../../core/catalogue';
import { englishMessage, formatMessage, setTranslator, type Message, type MessageEntry } from '../../core/i18n';
import { defaultSettings, HOVER_DELAY_MAX_MS, parseSettings, type Settings } from '../../core/settings';
import fr from '../../public/_locales/fr/messages.json';
import { buttonNamed, click, mount, plain, rerender } from './render';
import type { Entity, EntityChanges } from '../../core/types';

/**
 * The options page's messages are written to /tmp/options-messages.json until they are merged
 * into public/_locales; read a key from there only while the English locale file lacks it.
 */
const SCRATCH = '/tmp/options-messages.json';
const scratch: Record<string, MessageEntry> = existsSync(SCRATCH)
  ? ((JSON.parse(readFileSync(SCRATCH, 'utf8')) as { en: Record<string, MessageEntry> }).en ?? {})
  : {};

beforeEach(() => {
  setTranslator((key, substitutions) => {
    const entry = scratch[key];
    return entry && englishMessage(key) === key ? formatMessage(entry, substitutions) : '';
  });
});

afterEach(() => {
  setTranslator(null);
  vi.useRealTimers();
});

const entities = builtInEntities();

function setup(overrides: Partial<OptionsAppProps> = {}) {
  const onSave = vi.fn<(next: Settings) => Promise<void>>(async () => {});
  const props: OptionsAppProps = { settings: defaultSettings(), onSave, entities, ...overrides };
  const root = mount(<OptionsApp {...props} />);
  return { root, onSave: (props.onSave as typeof onSave) ?? onSave, props };
}

/** Let pending promises (the save) settle inside act. */
async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

function byId<T extends HTMLElement = HTMLInputElement>(root: ParentNode, id: string): T {
  const element = root.querySelector<T>(`#${CSS.escape(id)}`);
  if (!element) throw new Error(`no #${id}`);
  return element;
}

/** Unfolds a built-in name's ways of writing (and the field to add more), as a click on its summary does. */
function unfold(root: ParentNode, entity: string): void {
  const details = byId(root, `sl-entity-${entity}-shown`).closest('li')!.querySelector('details')!;
  void act(() => {
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
  });
}

function labelText(root: ParentNode, id: string): string {
  return root.querySelector(`label[for="${CSS.escape(id)}"]`)?.textContent?.trim() ?? '';
}

function type(input: HTMLInputElement, value: string): void {
  void act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function commit(input: HTMLInputElement | HTMLSelectElement, value?: string): void {
  void act(() => {
    if (value !== undefined) input.value = value;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

function submit(form: HTMLFormElement | null): void {
  if (!form) throw new Error('no form');
  void act(() => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

const lastSaved = (onSave: { mock: { calls: [Settings][] } }): Settings => {
  const call = onSave.mock.calls.at(-1);
  if (!call) throw new Error('nothing saved');
  return call[0];
};

describe('OptionsApp general and marks', () => {
  it('shows the title and the sections, every field with a real label', () => {
    const { root } = setup();
    expect(root.querySelector('h1')?.textContent).toBe('Syria Lens settings');
    expect([...root.querySelectorAll('h2')].map((h) => h.textContent)).toEqual(['General', 'Marks', 'Site rules', 'Names']);
    for (const field of root.querySelectorAll('input, select')) {
      const label = field.id ? root.querySelector(`label[for="${CSS.escape(field.id)}"]`) : null;
      expect(label ?? field.getAttribute('aria-label'), field.outerHTML).toBeTruthy();
    }
  });

  it('saves the on/off switch, the scope and the badge', async () => {
    const { root, onSave } = setup();
    const enabled = byId(root, 'sl-opt-enabled');
    expect(enabled.getAttribute('role')).toBe('switch');
    expect(labelText(root, 'sl-opt-enabled')).toBe('Mark names on pages');
    click(enabled);
    await settle();
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(lastSaved(onSave)).toEqual({ ...defaultSettings(), enabled: false });

    click(byId(root, 'sl-opt-scope-all'));
    await settle();
    expect(lastSaved(onSave)).toEqual({ ...defaultSettings(), enabled: false, scope: 'all' });
    expect(byId(root, 'sl-opt-scope-all').checked).toBe(true);

    click(byId(root, 'sl-opt-badge'));
    await settle();
    expect(lastSaved(onSave)).toEqual({ ...defaultSettings(), enabled: false, scope: 'all', showBadge: false });
    expect(root.querySelector('.sl-options-save-state')?.textContent).toBe('All changes saved.');
  });

  it('saves each kind of name, and every or first mention', async () => {
    const { root, onSave } = setup();
    expect(['person', 'place', 'country', 'group', 'topic'].map((kind) => labelText(root, `sl-opt-kind-${kind}`))).toEqual([
      'Person',
      'Place',
      'Country',
      'Group',
      'Topic',
    ]);
    click(byId(root, 'sl-opt-kind-group'));
    await settle();
    expect(lastSaved(onSave).kinds).toEqual({ person: true, place: true, country: true, group: false, topic: true });
    click(byId(root, 'sl-opt-kind-topic'));
    await settle();
    expect(lastSaved(onSave).kinds).toEqual({ person: true, place: true, country: true, group: false, topic: false });

    click(byId(root, 'sl-opt-mentions-first'));
    await settle();
    expect(lastSaved(onSave).markFirstOnly).toBe(true);
    click(byId(root, 'sl-opt-mentions-all'));
    await settle();
    expect(lastSaved(onSave).markFirstOnly).toBe(false);
  });

  it('saves the mark style and shows it in the preview line', async () => {
    const { root, onSave } = setup();
    const preview = root.querySelector('#sl-opt-style-preview')!;
    expect(preview.textContent).toBe('Preview: Aid convoys reached Damascus on Tuesday.');
    expect(preview.querySelector('.sl-options-mark')?.className).toContain('sl-options-mark-underline');
    for (const style of ['background', 'none', 'underline'] as const) {
      click(byId(root, `sl-opt-style-${style}`));
      await settle();
      expect(lastSaved(onSave).markStyle).toBe(style);
      expect(preview.querySelector('.sl-options-mark')?.className).toContain(`sl-options-mark-${style}`);
    }
    expect(labelText(root, 'sl-opt-style-none')).toBe('None (cards on hover only)');
  });

  it('saves the hover delay once it stops changing, clamped to the allowed range', () => {
    vi.useFakeTimers();
    const { root, onSave } = setup();
    const range = byId(root, 'sl-opt-delay');
    const number = byId(root, 'sl-opt-delay-ms');
    expect(range.min).toBe('0');
    expect(range.max).toBe(String(HOVER_DELAY_MAX_MS));
    type(range, '800');
    type(range, '850');
    void act(() => void vi.advanceTimersByTime(399));
    expect(onSave).not.toHaveBeenCalled();
    type(number, '900');
    expect(range.value).toBe('900');
    void act(() => void vi.advanceTimersByTime(399));
    expect(onSave).not.toHaveBeenCalled();
    void act(() => void vi.advanceTimersByTime(1));
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(lastSaved(onSave)).toEqual({ ...defaultSettings(), hoverDelayMs: 900 });

    type(number, '99999');
    void act(() => void vi.advanceTimersByTime(400));
    expect(lastSaved(onSave).hoverDelayMs).toBe(HOVER_DELAY_MAX_MS);
    type(number, '');
    void act(() => void vi.advanceTimersByTime(400));
    expect(onSave).toHaveBeenCalledTimes(2);
  });

  it('keeps what the reader types in the delay field until they leave it, then shows what was saved', () => {
    vi.useFakeTimers();
    const { root, onSave } = setup();
    const number = byId(root, 'sl-opt-delay-ms');
    void act(() => number.focus());
    type(number, '7');
    type(number, '70');
    type(number, '7000');
    expect(number.value).toBe('7000');
    void act(() => void vi.advanceTimersByTime(400));
    expect(lastSaved(onSave).hoverDelayMs).toBe(HOVER_DELAY_MAX_MS);
    expect(number.value).toBe('7000');
    void act(() => number.blur());
    expect(number.value).toBe(String(HOVER_DELAY_MAX_MS));
  });

  it('a change of another control saves the waiting hover delay with it', () => {
    vi.useFakeTimers();
    const { root, onSave } = setup();
    type(byId(root, 'sl-opt-delay'), '1200');
    click(byId(root, 'sl-opt-badge'));
    expect(lastSaved(onSave)).toEqual({ ...defaultSettings(), hoverDelayMs: 1200, showBadge: false });
    void act(() => void vi.advanceTimersByTime(1000));
    expect(onSave).toHaveBeenCalledTimes(1);
  });
});

describe('OptionsApp site rules', () => {
  const newForm = (root: ParentNode) => byId(root, 'sl-rule-new-pattern').closest('form');

  it('shows an invalid pattern as an error next to the field and never saves it', async () => {
    const { root, onSave } = setup();
    const input = byId(root, 'sl-rule-new-pattern');
    expect(labelText(root, 'sl-rule-new-pattern')).toBe('Site or pattern');
    type(input, 'example.com/news');
    const error = root.querySelector('#sl-rule-new-pattern-error');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('sl-rule-new-pattern-error');
    expect(error?.textContent).toMatch(/^Syria Lens cannot use this as a site\. "example.com\/news" has a path/);
    submit(newForm(root));
    await settle();
    expect(onSave).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(input);

    type(input, 'ftp2://x/*');
    expect(root.querySelector('#sl-rule-new-pattern-error')?.textContent).toContain('scheme');
    type(input, '');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    submit(newForm(root));
    expect(root.querySelector('#sl-rule-new-pattern-error')?.textContent).toContain('empty');
    expect(onSave).not.toHaveBeenCalled();
  });

  it('adds, edits, switches and removes rules', async () => {
    const { root, onSave } = setup();
    expect(root.textContent).toContain('No site rules yet.');
    const input = byId(root, 'sl-rule-new-pattern');
    type(input, ' bbc.com ');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    commit(byId<HTMLSelectElement>(root, 'sl-rule-new-mode'), 'on');
    expect(onSave).not.toHaveBeenCalled();
    submit(newForm(root));
    await settle();
    expect(lastSaved(onSave).siteRules).toEqual([{ pattern: 'bbc.com', mode: 'on' }]);
    expect(byId(root, 'sl-rule-new-pattern').value).toBe('');

    type(byId(root, 'sl-rule-new-pattern'), '*://*.example.org/*');
    submit(newForm(root));
    await settle();
    expect(lastSaved(onSave).siteRules).toEqual([
      { pattern: 'bbc.com', mode: 'on' },
      { pattern: '*://*.example.org/*', mode: 'off' },
    ]);

    // A duplicate is refused.
    type(byId(root, 'sl-rule-new-pattern'), 'BBC.com');
    expect(root.querySelector('#sl-rule-new-pattern-error')?.textContent).toBe('There is already a rule for this site.');
    submit(newForm(root));
    expect(onSave).toHaveBeenCalledTimes(2);
    type(byId(root, 'sl-rule-new-pattern'), '');

    // Switch the first rule off from its row.
    const modeSelect = byId<HTMLSelectElement>(root, 'sl-rule-0-mode');
    expect(modeSelect.getAttribute('aria-label')).toBe('Rule for bbc.com');
    commit(modeSelect, 'off');
    await settle();
    expect(lastSaved(onSave).siteRules[0]).toEqual({ pattern: 'bbc.com', mode: 'off' });

    // Edit the second rule: invalid first (not saved), then valid.
    click(buttonNamed(root, 'Edit the rule for *://*.example.org/*'));
    const edit = byId(root, 'sl-rule-1-pattern');
    expect(edit.value).toBe('*://*.example.org/*');
    type(edit, '*://*.example.org');
    expect(edit.getAttribute('aria-invalid')).toBe('true');
    submit(edit.closest('form'));
    expect(onSave).toHaveBeenCalledTimes(3);
    type(edit, 'https://example.org/news/*');
    // Editing a rule does not count it as a duplicate of itself.
    type(edit, '*://*.example.org/*');
    expect(edit.hasAttribute('aria-invalid')).toBe(false);
    type(edit, 'https://example.org/news/*');
    submit(edit.closest('form'));
    await settle();
    expect(lastSaved(onSave).siteRules).toEqual([
      { pattern: 'bbc.com', mode: 'off' },
      { pattern: 'https://example.org/news/*', mode: 'off' },
    ]);
    expect(root.querySelector('#sl-rule-1-pattern')).toBeNull();

    // Cancel leaves the rule as it was.
    click(buttonNamed(root, 'Edit the rule for bbc.com'));
    type(byId(root, 'sl-rule-0-pattern'), 'cnn.com');
    click(buttonNamed(root, 'Cancel'));
    expect(onSave).toHaveBeenCalledTimes(4);
    expect(root.querySelector('.sl-options-pattern')?.textContent).toBe('bbc.com');

    click(buttonNamed(root, 'Remove the rule for bbc.com'));
    await settle();
    expect(lastSaved(onSave).siteRules).toEqual([{ pattern: 'https://example.org/news/*', mode: 'off' }]);
  });
});

describe('OptionsApp names', () => {
  it('adds a reader entity "Wagner Group" with alias Wagner (HTS is built in since issue 10)', async () => {
    const { root, onSave } = setup();
    expect(root.textContent).toContain('You have not added any names yet.');
    type(byId(root, 'sl-own-name'), '  Wagner Group ');
    commit(byId<HTMLSelectElement>(root, 'sl-own-kind'), 'group');
    type(byId(root, 'sl-own-aliases'), 'Wagner, , Wagner ,PMC Wagner');
    type(byId(root, 'sl-own-description'), 'Russian private military company that fought in Syria.');
    click(buttonNamed(root, 'Add name'));
    await settle();
    const added = {
      id: 'wagner-group',
      name: 'Wagner Group',
      kind: 'group',
      description: 'Russian private military company that fought in Syria.',
      aliases: [{ text: 'Wagner Group' }, { text: 'Wagner' }, { text: 'PMC Wagner' }],
    };
    expect(lastSaved(onSave).entityChanges).toEqual({ added: [added], extraAliases: {}, hidden: [] });
    // The catalogue takes it as it is.
    const all = applyEntityChanges(entities, lastSaved(onSave).entityChanges);
    expect(all.at(-1)).toEqual(added);
    // The form is emptied and the entity is listed with a remove button.
    expect(byId(root, 'sl-own-name').value).toBe('');
    expect(root.querySelector('.sl-options-own')?.textContent).toContain('Written as: Wagner Group, Wagner, PMC Wagner');

    // The same name again is refused.
    type(byId(root, 'sl-own-name'), 'wagner GROUP');
    click(buttonNamed(root, 'Add name'));
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(root.querySelector('#sl-own-name-error')?.textContent).toBe('This is already in the list as Wagner Group.');

    click(buttonNamed(root, 'Remove Wagner Group'));
    await settle();
    expect(lastSaved(onSave).entityChanges.added).toEqual([]);
  });

  it('validates the new entity: name required, usable, not taken, aliases usable', () => {
    const { root, onSave } = setup();
    const name = byId(root, 'sl-own-name');
    click(buttonNamed(root, 'Add name'));
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(name.getAttribute('aria-describedby')).toBe('sl-own-name-error');
    expect(root.querySelector('#sl-own-name-error')?.textContent).toBe('Enter a name.');
    expect(document.activeElement).toBe(name);
    type(name, 'Syria');
    expect(name.hasAttribute('aria-invalid')).toBe(false);
    click(buttonNamed(root, 'Add name'));
    expect(root.querySelector('#sl-own-name-error')?.textContent).toBe('This is already in the list as Syria.');
    type(name, 'Kurdish Red Crescent');
    type(byId(root, 'sl-own-aliases'), 'KRC, --');
    click(buttonNamed(root, 'Add name'));
    expect(byId(root, 'sl-own-aliases').getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector('#sl-own-aliases-error')?.textContent).toBe('Each name needs at least one letter or digit.');
    expect(onSave).not.toHaveBeenCalled();
  });

  it('refuses hostile lengths and counts with a clear message (issue 9)', () => {
    const { root, onSave } = setup();
    const name = byId(root, 'sl-own-name');
    const aliases = byId(root, 'sl-own-aliases');
    // The alias that built a 27 MB pattern: 3,000 one-letter words.
    const hostile = Array.from({ length: 3000 }, () => 'a').join(' ');
    type(name, hostile);
    click(buttonNamed(root, 'Add name'));
    expect(root.querySelector('#sl-own-name-error')?.textContent).toBe('The name can be at most 100 characters long.');
    type(name, 'Kurdish Red Crescent');
    type(aliases, `KRC, ${hostile}`);
    click(buttonNamed(root, 'Add name'));
    expect(root.querySelector('#sl-own-aliases-error')?.textContent).toBe('Each name can be at most 100 characters long.');
    type(aliases, Array.from({ length: 150 }, (_, i) => `KRC${i}`).join(', '));
    click(buttonNamed(root, 'Add name'));
    expect(root.querySelector('#sl-own-aliases-error')?.textContent).toBe('At most 100 names can be listed here.');
    unfold(root, 'damascus');
    const extra = byId(root, 'sl-entity-damascus-extra');
    type(extra, hostile);
    commit(extra);
    expect(root.querySelector('#sl-entity-damascus-extra-error')?.textContent).toBe('Each name can be at most 100 characters long.');
    expect(onSave).not.toHaveBeenCalled();
  });

  it('keeps to the limits of entries and names of the reader’s own', () => {
    const own = (i: number): Entity => ({ id: `own-${i}`, name: `Own ${i}`, kind: 'group', description: '', aliases: [{ text: `Own ${i}` }] });
    const full = { ...defaultSettings().entityChanges, added: Array.from({ length: 200 }, (_, i) => own(i)) };
    expect(checkNewEntity({ name: 'One more', kind: 'group', aliases: '', description: '' }, entities, full)).toEqual({
      ok: false,
      field: 'name',
      error: 'You can add at most 200 entries of your own. Remove one to add another.',
    });
    const many: EntityChanges = { ...defaultSettings().entityChanges, extraAliases: { damascus: Array.from({ length: 100 }, (_, i) => `D${i}`) } };
    for (let i = 0; i < 9; i++) many.extraAliases[`e${i}`] = Array.from({ length: 100 }, (_, j) => `E${i}-${j}`);
    expect(checkNewEntity({ name: 'One more', kind: 'group', aliases: 'x', description: '' }, entities, many)).toEqual({
      ok: false,
      field: 'aliases',
      error: 'Your own names and spellings would be more than 1000. Remove some to add more.',
    });
    expect(checkNewEntity({ name: 'One more', kind: 'group', aliases: 'x', description: '' }, entities).ok).toBe(true);
  });

  it("edits an entry of the reader's own in place: filled from it, checked, saved (a new name is a new id), or left as it was", async () => {
    const wagner: Entity = { id: 'wagner', name: 'Wagner', kind: 'group', description: 'A PMC.', aliases: [{ text: 'Wagner' }, { text: 'PMC Wagner' }] };
    const kessab: Entity = { id: 'kessab', name: 'Kessab', kind: 'place', description: '', aliases: [{ text: 'Kessab' }], coordinates: { lat: 35.93, lon: 35.99 } };
    const settings = { ...defaultSettings(), entityChanges: { added: [wagner, kessab], extraAliases: {}, hidden: [] } };
    const { root, onSave } = setup({ settings });

    // The form takes the entry's place, filled from it, with focus on its name.
    click(buttonNamed(root, 'Edit Kessab'));
    expect(byId(root, 'sl-own-1-name').value).toBe('Kessab');
    expect(document.activeElement).toBe(byId(root, 'sl-own-1-name'));
    expect(byId(root, 'sl-own-1-name').closest('form')?.getAttribute('aria-label')).toBe('Edit Kessab');
    expect(byId<HTMLSelectElement>(root, 'sl-own-1-kind').value).toBe('place');
    expect([byId(root, 'sl-own-1-lat').value, byId(root, 'sl-own-1-lon').value]).toEqual(['35.93', '35.99']);
    // The add form is still there, with its own fields.
    expect(byId(root, 'sl-own-name').value).toBe('');

    // Checked as when adding: another entry's name is taken (its own is not).
    type(byId(root, 'sl-own-1-name'), 'wagner');
    click(buttonNamed(root, 'Save'));
    expect(root.querySelector('#sl-own-1-name-error')?.textContent).toBe('This is already in the list as Wagner.');
    expect(onSave).not.toHaveBeenCalled();
    type(byId(root, 'sl-own-1-name'), 'Kessab');
    type(byId(root, 'sl-own-1-lat'), '95');
    click(buttonNamed(root, 'Save'));
    expect(root.querySelector('#sl-own-1-lat-error')?.textContent).toBe('The latitude must be a number from -90 to 90, not 95.');
    expect(document.activeElement).toBe(byId(root, 'sl-own-1-lat'));

    // A corrected point and a new spelling are saved in place; focus goes back to its Edit button.
    type(byId(root, 'sl-own-1-name'), 'Kasab');
    type(byId(root, 'sl-own-1-aliases'), 'Kessab');
    type(byId(root, 'sl-own-1-lat'), '35.92');
    click(buttonNamed(root, 'Save'));
    await settle();
    const kasab = { id: 'kasab', name: 'Kasab', kind: 'place', description: '', aliases: [{ text: 'Kasab' }, { text: 'Kessab' }], coordinates: { lat: 35.92, lon: 35.99 } };
    expect(lastSaved(onSave).entityChanges.added).toEqual([wagner, kasab]);
    expect(root.querySelector('#sl-own-1-name')).toBeNull();
    expect(document.activeElement).toBe(buttonNamed(root, 'Edit Kasab'));

    // Cancel leaves the entry as it was.
    click(buttonNamed(root, 'Edit Wagner'));
    type(byId(root, 'sl-own-0-description'), 'Changed my mind');
    click(buttonNamed(root, 'Cancel'));
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(root.querySelector('.sl-options-own')?.textContent).toContain('A PMC.');
    expect(document.activeElement).toBe(buttonNamed(root, 'Edit Wagner'));
  });

  it('uses the name as the only alias when none is given, with the kind chosen', async () => {
    const { root, onSave } = setup();
    type(byId(root, 'sl-own-name'), 'Afrin');
    commit(byId<HTMLSelectElement>(root, 'sl-own-kind'), 'place');
    click(buttonNamed(root, 'Add name'));
    await settle();
    expect(lastSaved(onSave).entityChanges.added).toEqual([
      { id: 'afrin', name: 'Afrin', kind: 'place', description: '', aliases: [{ text: 'Afrin' }] },
    ]);
  });

  it("gives a place latitude and longitude fields, checks them and saves them with it (issue 12)", async () => {
    const { root, onSave } = setup();
    expect(root.querySelector('#sl-own-lat')).toBeNull();
    type(byId(root, 'sl-own-name'), 'Kessab');
    commit(byId<HTMLSelectElement>(root, 'sl-own-kind'), 'place');
    const lat = byId(root, 'sl-own-lat');
    const lon = byId(root, 'sl-own-lon');
    expect(labelText(root, 'sl-own-lat')).toBe('Latitude');
    expect(labelText(root, 'sl-own-lon')).toBe('Longitude');
    expect(lat.closest('fieldset')?.querySelector('legend')?.textContent).toBe('Where it is (optional)');
    expect(lat.getAttribute('aria-describedby')).toBe('sl-own-coordinates-hint');
    expect(root.querySelector('#sl-own-coordinates-hint')?.textContent).toMatch(/^In decimal degrees/);

    const refused = (field: 'lat' | 'lon', message: string) => {
      click(buttonNamed(root, 'Add name'));
      const input = byId(root, `sl-own-${field}`);
      expect(input.getAttribute('aria-invalid'), message).toBe('true');
      expect(input.getAttribute('aria-describedby')).toBe(`sl-own-${field}-error sl-own-coordinates-hint`);
      expect(root.querySelector(`#sl-own-${field}-error`)?.textContent).toBe(message);
      expect(document.activeElement).toBe(input);
      expect(onSave).not.toHaveBeenCalled();
    };
    type(lat, '91');
    type(lon, '36');
    refused('lat', 'The latitude must be a number from -90 to 90, not 91.');
    type(lat, '35.93');
    type(lon, 'east');
    refused('lon', 'The longitude must be a number from -180 to 180, not "east".');
    type(lon, '');
    refused('lon', 'Give both a latitude and a longitude, or neither.');
    // Typing in the field clears its error.
    type(lon, '3');
    expect(root.querySelector('#sl-own-lon-error')).toBeNull();
    expect(lon.getAttribute('aria-invalid')).toBeNull();

    type(lat, '35.9317');
    type(lon, '35.9893');
    click(buttonNamed(root, 'Add name'));
    await settle();
    const kessab = { id: 'kessab', name: 'Kessab', kind: 'place', description: '', aliases: [{ text: 'Kessab' }], coordinates: { lat: 35.9317, lon: 35.9893 } };
    expect(lastSaved(onSave).entityChanges.added).toEqual([kessab]);
    expect(root.querySelector('.sl-options-own .sl-options-coordinates')?.textContent).toBe('Latitude 35.9317, longitude 35.9893');
    // The form is emptied; the fields go with the kind.
    expect(root.querySelector('#sl-own-lat')).toBeNull();

    // Other changes keep the place's coordinates: another name, a hidden built-in one.
    type(byId(root, 'sl-own-name'), 'Wagner Group');
    click(buttonNamed(root, 'Add name'));
    await settle();
    click(byId(root, 'sl-entity-idlib-shown'));
    await settle();
    const saved = lastSaved(onSave);
    expect(saved.entityChanges.added[0]).toEqual(kessab);
    expect(saved.entityChanges.hidden).toEqual(['idlib']);
    // What was saved reads back whole, and the catalogue hands the card the coordinates.
    expect(parseSettings(saved)).toMatchObject({ problems: [], repaired: false });
    expect(applyEntityChanges(entities, saved.entityChanges).find((entity) => entity.id === 'kessab')?.coordinates).toEqual(kessab.coordinates);
  });

  it('reads coordinates as people write them, and only for a place', () => {
    expect(readDegrees(' 35.93 ')).toBe(35.93);
    expect(readDegrees('35,93')).toBe(35.93);
    expect(readDegrees('−33.5°')).toBe(-33.5);
    expect(readDegrees('٣٥٫٩٣')).toBe(35.93);
    expect(readDegrees('۳۶')).toBe(36);
    for (const text of ['abc', '1e3', '0x10', '35.9.3', '', 'NaN', 'Infinity']) expect(readDegrees(text), text).toBe(text);
    // A point copied from a map, pasted whole into the latitude field.
    expect(readCoordinates('35.9317, 35.9893', '')).toEqual({ ok: true, value: { lat: 35.9317, lon: 35.9893 } });
    expect(readCoordinates('35.9317,35.9893', '')).toEqual({ ok: true, value: { lat: 35.9317, lon: 35.9893 } });
    expect(readCoordinates('35,93', '')).toMatchObject({ ok: false, field: 'lon' });
    expect(readCoordinates('', '')).toEqual({ ok: true, value: undefined });
    expect(readCoordinates('NaN', '36')).toMatchObject({ ok: false, field: 'lat', error: 'The latitude must be a number from -90 to 90, not "NaN".' });
    const place = { name: 'Kessab', kind: 'place' as const, aliases: '', description: '', lat: '35.93', lon: '35.99' };
    expect(checkNewEntity(place, entities)).toMatchObject({ ok: true, entity: { coordinates: { lat: 35.93, lon: 35.99 } } });
    // Typed for a place, then the kind changed: a group carries no point.
    const group = checkNewEntity({ ...place, kind: 'group' }, entities);
    expect(group.ok && group.entity.coordinates).toBe(undefined);
    expect(checkNewEntity({ ...place, kind: 'group', lat: 'junk' }, entities).ok).toBe(true);
  });

  it("says what is wrong with coordinates in the reader's language", () => {
    setTranslator((key, substitutions) => {
      const entry = (fr as Record<string, MessageEntry>)[key];
      return entry ? formatMessage(entry, substitutions) : '';
    });
    expect(readCoordinates('95', '36')).toMatchObject({ ok: false, error: 'La latitude doit être un nombre entre -90 et 90, et non 95.' });
    expect(readCoordinates('35', '')).toMatchObject({ ok: false, error: 'Indiquez à la fois une latitude et une longitude, ou aucune des deux.' });
    const { root } = setup();
    commit(byId<HTMLSelectElement>(root, 'sl-own-kind'), 'place');
    expect(labelText(root, 'sl-own-lat')).toBe('Latitude');
    expect(labelText(root, 'sl-own-lon')).toBe('Longitude');
    expect(byId(root, 'sl-own-lat').closest('fieldset')?.querySelector('legend')?.textContent).toBe('Où se trouve-t-il (facultatif)');
  });

  it('hides and shows a built-in entity', async () => {
    const { root, onSave } = setup();
    const box = byId(root, 'sl-entity-assad-shown');
    expect(labelText(root, 'sl-entity-assad-shown')).toContain('Mark Bashar al-Assad');
    expect(box.checked).toBe(true);
    click(box);
    await settle();
    expect(lastSaved(onSave).entityChanges).toEqual({ added: [], extraAliases: {}, hidden: ['assad'] });
    expect(byId(root, 'sl-entity-assad-shown').checked).toBe(false);
    click(byId(root, 'sl-entity-assad-shown'));
    await settle();
    expect(lastSaved(onSave).entityChanges.hidden).toEqual([]);
  });

  it('adds extra aliases: comma-separated, trimmed, de-duplicated', async () => {
    const { root, onSave } = setup();
    unfold(root, 'damascus');
    const input = byId(root, 'sl-entity-damascus-extra');
    expect(labelText(root, 'sl-entity-damascus-extra')).toBe('More ways to write Damascus (separated by commas)');
    type(input, ' Sham ,  al-Sham,, Sham , Dimashq ');
    expect(onSave).not.toHaveBeenCalled();
    commit(input);
    await settle();
    expect(lastSaved(onSave).entityChanges.extraAliases).toEqual({ damascus: ['Sham', 'al-Sham', 'Dimashq'] });
    expect(input.value).toBe('Sham, al-Sham, Dimashq');
    const damascus = applyEntityChanges(entities, lastSaved(onSave).entityChanges).find((e) => e.id === 'damascus');
    expect(damascus?.aliases.map((a) => a.text)).toEqual(expect.arrayContaining(['Sham', 'al-Sham', 'Dimashq']));

    // Committing the same list again saves nothing; an unusable one shows an error.
    commit(input);
    expect(onSave).toHaveBeenCalledTimes(1);
    type(input, 'Sham, ***');
    commit(input);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector(`#${input.getAttribute('aria-describedby')}`)?.textContent).toBe(
      'Each name needs at least one letter or digit.',
    );
    expect(onSave).toHaveBeenCalledTimes(1);

    // Emptying the field removes the extra aliases.
    type(input, '  ');
    commit(input);
    await settle();
    expect(lastSaved(onSave).entityChanges.extraAliases).toEqual({});
  });

  it('helpers: ids, alias lists, checks', () => {
    expect(entityId('Hayat Tahrir al-Sham')).toBe('hayat-tahrir-al-sham');
    expect(entityId('  Ça  va! ')).toBe('ca-va');
    expect(entityId('هيئة تحرير الشام')).toBe('هيئة-تحرير-الشام');
    expect(parseAliasList('a, b,، a ,  c  d')).toEqual({ aliases: ['a', 'b', 'c d'], bad: [], long: [] });
    expect(parseAliasList('x, -').bad).toEqual(['-']);
    const check = checkNewEntity({ name: '!!', kind: 'topic', aliases: '', description: '' }, entities);
    expect(check.ok).toBe(false);
  });
});

describe('OptionsApp messages', () => {
  it('shows repaired-settings problems once, in a status box', () => {
    const problems = ['Mark style: the saved value "glow" was not valid; reset to "underline".'];
    const { root, props } = setup({ problems });
    const box = root.querySelector('[role="status"].sl-options-notice');
    expect(box?.textContent).toContain('Some settings could not be read and were reset to defaults:');
    expect(box?.querySelector('li')?.textContent).toBe(problems[0]);
    click(buttonNamed(root, 'Dismiss'));
    expect(root.querySelector('.sl-options-notice')).toBeNull();
    // A later render (settings changed elsewhere) does not bring them back.
    rerender(root, <OptionsApp {...props} settings={{ ...defaultSettings(), scope: 'all' }} />);
    expect(root.querySelector('.sl-options-notice')).toBeNull();
    expect(byId(root, 'sl-opt-scope-all').checked).toBe(true);
  });

  it('shows problems given as message descriptors in the reader’s language, and older English strings as they are', () => {
    const problems: (Message | string)[] = [
      { key: 'settings_problem_reset_mark_style', substitutions: ['"glow"', '"underline"'] },
      'An older English sentence.',
    ];
    const { root } = setup({ problems });
    const items = [...root.querySelectorAll('.sl-options-notice li')].map((li) => li.textContent);
    expect(items).toEqual(['Mark style: the saved value "glow" was not valid; reset to "underline".', 'An older English sentence.']);
  });

  it('shows nothing when there are no problems', () => {
    const { root } = setup({ problems: [] });
    expect(root.querySelector('.sl-options-notice')).toBeNull();
    expect(root.querySelector('[role="alert"]')).toBeNull();
  });

  it('a rejected save shows an alert and keeps the edit; trying again saves it', async () => {
    const quota = new Error("Settings not saved: the browser's sync storage is full. Your previous settings are unchanged.");
    const onSave = vi.fn<(next: Settings) => Promise<void>>().mockRejectedValueOnce(quota).mockResolvedValue(undefined);
    const { root, props } = setup({ onSave });
    click(byId(root, 'sl-opt-badge'));
    await settle();
    const alert = root.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Your last change could not be saved.');
    expect(alert?.textContent).toContain("the browser's sync storage is full");
    expect(byId(root, 'sl-opt-badge').checked).toBe(false);

    // The stored settings arriving again (unchanged) do not wipe the reader's edit.
    rerender(root, <OptionsApp {...props} settings={defaultSettings()} />);
    expect(byId(root, 'sl-opt-badge').checked).toBe(false);

    click(buttonNamed(root, 'Try again'));
    await settle();
    expect(onSave).toHaveBeenCalledTimes(2);
    expect(lastSaved(onSave)).toEqual({ ...defaultSettings(), showBadge: false });
    expect(root.querySelector('[role="alert"]')).toBeNull();
  });

  it('a failed site rule save keeps the rule on screen', async () => {
    const onSave = vi.fn<(next: Settings) => Promise<void>>().mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    const { root } = setup({ onSave });
    type(byId(root, 'sl-rule-new-pattern'), 'bbc.com');
    submit(byId(root, 'sl-rule-new-pattern').closest('form'));
    await settle();
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('QUOTA_BYTES');
    expect(root.querySelector('.sl-options-pattern')?.textContent).toBe('bbc.com');
  });

  it('follows settings changed elsewhere when nothing is waiting to be saved', () => {
    const { root, props } = setup();
    rerender(root, <OptionsApp {...props} settings={{ ...defaultSettings(), enabled: false, markStyle: 'none' }} />);
    expect(byId(root, 'sl-opt-enabled').checked).toBe(false);
    expect(byId(root, 'sl-opt-style-none').checked).toBe(true);
    expect(props.onSave).not.toHaveBeenCalled();
  });

  it('has no structural accessibility violations (axe)', async () => {
    const settings = defaultSettings();
    settings.siteRules = [{ pattern: 'bbc.com', mode: 'off' }];
    settings.entityChanges.added = [
      { id: 'wagner', name: 'Wagner Group', kind: 'group', description: 'Private military company.', aliases: [{ text: 'Wagner' }] },
    ];
    settings.entityChanges.added.push({ id: 'kessab', name: 'Kessab', kind: 'place', description: '', aliases: [{ text: 'Kessab' }], coordinates: { lat: 35.93, lon: 35.99 } });
    const { root } = setup({ settings, problems: ['Hover delay: reset to 500.'] });
    type(byId(root, 'sl-rule-new-pattern'), 'a/b');
    // The coordinates fields of a new place, one of them in error.
    commit(byId<HTMLSelectElement>(root, 'sl-own-kind'), 'place');
    type(byId(root, 'sl-own-name'), 'Afrin');
    type(byId(root, 'sl-own-lat'), '99');
    type(byId(root, 'sl-own-lon'), '36');
    click(buttonNamed(root, 'Add name'));
    expect(root.querySelector('#sl-own-lat-error')).not.toBeNull();
    const result = await axe.run(root, {
      rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
      resultTypes: ['violations'],
    });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
    // axe walks every node: with the 44 built-in names the page is four times longer than it was
    // (2 s alone, more when the whole suite shares two cores).
  }, 20_000);
});

describe('OptionsApp names with 44 of them', () => {
  it('groups the built-in names by kind, each with its ways of writing folded away', () => {
    const { root } = setup();
    const groups = [...root.querySelectorAll('.sl-options-kind-group')];
    expect(groups.map((group) => plain(group.querySelector('h3')?.textContent))).toEqual(['Person (5)', 'Place (20)', 'Country (10)', 'Group (8)', 'Topic (1)']);
    const homs = byId(root, 'sl-entity-homs-shown').closest('li')!;
    expect(homs.closest('.sl-options-kind-group')?.querySelector('h3')?.textContent).toContain('Place');
    const details = homs.querySelector('details')!;
    expect(details.open).toBe(false);
    expect(plain(details.querySelector('summary')?.textContent)).toBe('How it is written (2)');
    // Folded away is not rendered: nothing hidden in the Tab order.
    expect(root.querySelector('#sl-entity-homs-extra')).toBeNull();
    unfold(root, 'homs');
    expect(details.contains(byId(root, 'sl-entity-homs-extra'))).toBe(true);
    expect(details.textContent).toContain('Written as: Homs, حمص');
  });

  it('filters by name or any way of writing, and says when nothing matches', () => {
    const { root } = setup();
    const names = () => [...root.querySelectorAll('.sl-options-kind-group .sl-options-entity-name')].map((el) => el.textContent);
    type(byId(root, 'sl-entities-filter'), 'nusra');
    expect(names()).toEqual(['Hayat Tahrir al-Sham']);
    type(byId(root, 'sl-entities-filter'), 'حمص');
    expect(names()).toEqual(['Homs']);
    type(byId(root, 'sl-entities-filter'), 'zzz');
    expect(names()).toEqual([]);
    expect(root.textContent).toContain('No name matches.');
    type(byId(root, 'sl-entities-filter'), '');
    expect(names()).toHaveLength(entities.length);
  });

  it('a reader’s own name can name a broader one', async () => {
    const { root, onSave } = setup();
    type(byId(root, 'sl-own-name'), 'Jaysh al-Islam');
    commit(byId<HTMLSelectElement>(root, 'sl-own-broader'), 'rebels');
    click(buttonNamed(root, 'Add name'));
    await settle();
    expect(lastSaved(onSave).entityChanges.added[0]).toMatchObject({ id: 'jaysh-al-islam', broader: ['rebels'] });
    expect(checkNewEntity({ name: 'X', kind: 'group', aliases: '', description: '', broader: 'nobody' }, entities)).toMatchObject({ ok: true, entity: { id: 'x' } });
    expect(checkNewEntity({ name: 'X', kind: 'group', aliases: '', description: '', broader: 'nobody' }, entities)).not.toHaveProperty('entity.broader');
  });
});
