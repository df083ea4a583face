// @vitest-environment happy-dom
import { existsSync, readFileSync } from 'node:fs';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BriefingsApp, type BriefingsAppProps } from '../../components/BriefingsApp';
import { BriefingView, findSentence } from '../../components/BriefingView';
import { builtInEntities } from '../../core/catalogue';
import { BRIEFING_FILE_FORMAT } from '../../core/briefing-file';
import { englishMessage, formatMessage, setTranslator, type MessageEntry } from '../../core/i18n';
import type { Briefing } from '../../core/types';
import { BriefingQuotaError } from '../../extension/storage-errors';
import { buttonNamed, click, mount, until } from './render';

/**
 * This page's messages are written to /tmp/briefings-messages.json until they are merged into
 * public/_locales; read a key from there only while the English locale file lacks it.
 */
const SCRATCH = '/tmp/briefings-messages.json';
const scratch: Record<string, MessageEntry> = existsSync(SCRATCH)
  ? ((JSON.parse(readFileSync(SCRATCH, 'utf8')) as { en: Record<string, MessageEntry> }).en ?? {})
  : {};
const en = (key: string, substitutions?: string[]) =>
  englishMessage(key) !== key ? englishMessage(key, substitutions) : scratch[key] ? formatMessage(scratch[key], substitutions) : key;

beforeEach(() => {
  setTranslator((key, substitutions) => {
    const entry = scratch[key];
    return entry && englishMessage(key) === key ? formatMessage(entry, substitutions) : '';
  });
});

afterEach(() => {
  setTranslator(null);
});

const entities = builtInEntities();
const HAMA = 'Hama fell to the rebels on 5 December after a week of fighting, witnesses said.';
const BUNDLED: Briefing = { id: 'bundled', title: 'Iran withdraws', text: 'Iran evacuated its staff from Syria.', builtIn: true, enabled: true };
const MINE: Briefing = { id: 'mine', title: 'Aleppo notes', text: `${HAMA}\n\nAleppo was taken first.`, source: 'https://example.org/aleppo', builtIn: false, enabled: true };

function setup(overrides: Partial<BriefingsAppProps> = {}) {
  const props: BriefingsAppProps = {
    briefings: [BUNDLED, MINE],
    entities,
    onAdd: vi.fn(async () => {}),
    onRename: vi.fn(async () => {}),
    onSetEnabled: vi.fn(async () => {}),
    onDelete: vi.fn(async () => {}),
    onSaveAll: vi.fn(async () => {}),
    onDownload: vi.fn(),
    ...overrides,
  };
  const root = mount(<BriefingsApp {...props} />);
  return { root, props };
}

function byId<T extends HTMLElement = HTMLInputElement>(root: ParentNode, id: string): T {
  const element = root.querySelector<T>(`#${CSS.escape(id)}`);
  if (!element) throw new Error(`no #${id}`);
  return element;
}

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  void act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function chooseFile(input: HTMLInputElement, file: File): void {
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  void act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

function submit(form: Element | null): void {
  if (!form) throw new Error('no form');
  void act(() => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

const addForm = (root: HTMLElement) => root.querySelector('form.sl-briefings-add');
const preview = (root: HTMLElement) => root.querySelector('.sl-briefings-preview');

describe('BriefingsApp: the list', () => {
  it('shows each briefing with title, source, size and switch; the built-in one cannot be renamed or deleted', () => {
    const { root } = setup();
    const items = [...root.querySelectorAll('.sl-briefings-item')];
    expect(items).toHaveLength(2);
    const [bundled, mine] = items as [HTMLElement, HTMLElement];
    expect(bundled.textContent).toContain('Iran withdraws');
    expect(bundled.textContent).toContain(en('briefings_built_in'));
    expect(bundled.textContent).toContain(en('briefings_source_bundled'));
    expect(buttonNamed(bundled, en('briefings_rename_named', ['Iran withdraws']))).toBeUndefined();
    expect(buttonNamed(bundled, en('briefings_delete_named', ['Iran withdraws']))).toBeUndefined();
    expect(bundled.querySelector('input[role="switch"]')).not.toBeNull();

    expect(mine.textContent).toContain('Aleppo notes');
    expect(mine.querySelector('a[href="https://example.org/aleppo"]')?.getAttribute('rel')).toContain('noopener');
    expect(mine.textContent).toContain(en('briefings_size_bytes', [String(new TextEncoder().encode(MINE.text).length)]));
    const view = mine.querySelector<HTMLAnchorElement>('a.sl-briefings-view');
    expect(view?.getAttribute('href')).toBe('briefing.html?id=mine');
  });

  it('switches a briefing off (the built-in one too)', async () => {
    const { root, props } = setup();
    const switches = root.querySelectorAll<HTMLInputElement>('input[role="switch"]');
    click(switches[0]);
    click(switches[1]);
    await until(() => (props.onSetEnabled as ReturnType<typeof vi.fn>).mock.calls.length === 2, 'two switch calls');
    expect(props.onSetEnabled).toHaveBeenCalledWith('bundled', false);
    expect(props.onSetEnabled).toHaveBeenCalledWith('mine', false);
  });

  it('renames (an empty title is refused) and deletes after confirmation', async () => {
    const { root, props } = setup();
    click(buttonNamed(root, en('briefings_rename_named', ['Aleppo notes'])));
    const input = byId(root, 'sl-briefing-mine-rename');
    type(input, '   ');
    submit(input.form);
    expect(root.textContent).toContain(en('briefings_error_title'));
    expect(props.onRename).not.toHaveBeenCalled();
    type(input, '  Hama and Aleppo ');
    submit(input.form);
    await until(() => (props.onRename as ReturnType<typeof vi.fn>).mock.calls.length === 1, 'rename');
    expect(props.onRename).toHaveBeenCalledWith('mine', 'Hama and Aleppo');

    click(buttonNamed(root, en('briefings_delete_named', ['Aleppo notes'])));
    expect(props.onDelete).not.toHaveBeenCalled();
    expect(root.querySelector('[role="alertdialog"]')?.textContent).toContain(en('briefings_delete_confirm', ['Aleppo notes']));
    click(buttonNamed(root, en('briefings_cancel')));
    expect(root.querySelector('[role="alertdialog"]')).toBeNull();
    click(buttonNamed(root, en('briefings_delete_named', ['Aleppo notes'])));
    click(buttonNamed(root, en('briefings_delete_yes')));
    await until(() => (props.onDelete as ReturnType<typeof vi.fn>).mock.calls.length === 1, 'delete');
    expect(props.onDelete).toHaveBeenCalledWith('mine');
  });

  it('shows a store error on the briefing it concerns', async () => {
    const quota = new BriefingQuotaError(10_600_000, new Error('full'));
    const { root } = setup({ onSetEnabled: vi.fn(async () => Promise.reject(quota)) });
    click(root.querySelectorAll<HTMLInputElement>('input[role="switch"]')[1]);
    await until(() => root.querySelector('.sl-briefings-item [role="alert"]') !== null, 'the error');
    expect(root.querySelector('.sl-briefings-item [role="alert"]')?.textContent).toBe(en('briefings_error_quota', ['10.6 MB']));
  });
});

describe('BriefingsApp: adding a briefing', () => {
  it('by paste: compiles on the device, previews entities with sentence counts and first sentences, then saves', async () => {
    const { root, props } = setup();
    type(byId(root, 'sl-add-title'), 'My Hama briefing');
    type(byId(root, 'sl-add-source'), 'https://example.org/hama');
    type(byId<HTMLTextAreaElement>(root, 'sl-add-text'), `${HAMA} Aleppo fell days before. Hama was a stronghold.`);
    submit(addForm(root));
    await until(() => preview(root) !== null, 'the preview');

    const entries = [...root.querySelectorAll<HTMLElement>('.sl-briefings-preview-entity')];
    const hama = entries.find((e) => e.dataset.entity === 'hama');
    expect(hama, 'Hama in the preview').toBeDefined();
    expect(hama!.textContent).toContain(en('briefings_preview_sentences', ['2']));
    expect(hama!.querySelector('blockquote')?.textContent).toBe(HAMA);
    expect(entries.some((e) => e.dataset.entity === 'aleppo')).toBe(true);
    expect(entries.some((e) => e.dataset.entity === 'rebels')).toBe(true);
    expect(preview(root)!.textContent).toContain(en('briefings_preview_count', [String(entries.length)]));

    click(buttonNamed(root, en('briefings_save')));
    await until(() => (props.onAdd as ReturnType<typeof vi.fn>).mock.calls.length === 1, 'the save');
    const saved = (props.onAdd as ReturnType<typeof vi.fn>).mock.calls[0]![0] as Briefing;
    expect(saved).toMatchObject({ title: 'My Hama briefing', source: 'https://example.org/hama', enabled: true, builtIn: false });
    expect(saved.text).toContain(HAMA);
    expect(saved.id).toMatch(/^reader-/);
    await until(() => root.textContent.includes(en('briefings_saved', ['My Hama briefing'])), 'the saved status');
    expect(byId(root, 'sl-add-title').value).toBe('');
    expect(preview(root)).toBeNull();
  });

  it('shows pasted HTML and script as text, never as markup', async () => {
    const html = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>Hama</b> fell to the rebels after heavy fighting near the city.';
    const { root } = setup();
    type(byId(root, 'sl-add-title'), '<i>Title</i>');
    type(byId<HTMLTextAreaElement>(root, 'sl-add-text'), html);
    submit(addForm(root));
    await until(() => preview(root) !== null, 'the preview');
    const quote = root.querySelector('[data-entity="hama"] blockquote')!;
    expect(quote.textContent).toBe(html);
    expect(quote.children).toHaveLength(0);
    expect(root.querySelector('img, script:not([src]), b, i')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('refuses an empty text, a missing title, a bad source, a text over 1 MB and binary text, with clear messages', async () => {
    const { root, props } = setup();
    submit(addForm(root));
    expect(byId(root, 'sl-add-title-error').textContent).toBe(en('briefings_error_title'));
    expect(byId(root, 'sl-add-text-error').textContent).toBe(en('briefings_error_empty'));
    expect(byId(root, 'sl-add-title').getAttribute('aria-invalid')).toBe('true');

    type(byId(root, 'sl-add-title'), 'T');
    type(byId(root, 'sl-add-source'), 'javascript:alert(1)');
    type(byId<HTMLTextAreaElement>(root, 'sl-add-text'), 'a'.repeat(1_000_001));
    submit(addForm(root));
    expect(byId(root, 'sl-add-source-error').textContent).toBe(en('briefings_error_source'));
    expect(byId(root, 'sl-add-text-error').textContent).toBe(en('briefings_error_too_large', [en('briefings_size_mb', ['1'])]));

    type(byId(root, 'sl-add-source'), '');
    type(byId<HTMLTextAreaElement>(root, 'sl-add-text'), 'PK\u0003\u0004\u0000\u0000\u0001binary');
    submit(addForm(root));
    expect(byId(root, 'sl-add-text-error').textContent).toBe(en('briefings_error_binary'));
    expect(preview(root)).toBeNull();
    expect(props.onAdd).not.toHaveBeenCalled();
  });

  it('refuses a source with a user name and password, and a briefing over the count, with clear messages (issue 9)', () => {
    const mine = Array.from({ length: 200 }, (_, i): Briefing => ({ ...MINE, id: `mine-${i}` }));
    const { root, props } = setup({ briefings: [BUNDLED, ...mine] });
    type(byId(root, 'sl-add-title'), 'T');
    type(byId(root, 'sl-add-source'), 'https://user:secret@example.org/hama');
    type(byId<HTMLTextAreaElement>(root, 'sl-add-text'), HAMA);
    submit(addForm(root));
    expect(byId(root, 'sl-add-source-error').textContent).toBe('Leave the user name and password out of the address.');
    type(byId(root, 'sl-add-source'), 'https://example.org/hama');
    submit(addForm(root));
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('You can keep at most 200 briefings of your own. Delete one to add another.');
    expect(preview(root)).toBeNull();
    expect(props.onAdd).not.toHaveBeenCalled();
  });

  it('from a .txt file: the title defaults to the file name; a non-text file is refused', async () => {
    const { root } = setup();
    const input = byId(root, 'sl-add-file');
    expect(input.getAttribute('accept')).toBe('.txt,.md,text/plain,text/markdown');
    chooseFile(input, new File(['%PDF-1.4'], 'report.pdf', { type: 'application/pdf' }));
    await until(() => root.querySelector('#sl-add-text-error') !== null, 'the file error');
    expect(byId(root, 'sl-add-text-error').textContent).toBe(en('briefings_error_not_text_file', ['report.pdf']));

    chooseFile(input, new File([`\uFEFF${HAMA}`], 'Hama notes.txt', { type: 'text/plain' }));
    await until(() => byId<HTMLTextAreaElement>(root, 'sl-add-text').value === HAMA, 'the file text');
    expect(byId(root, 'sl-add-title').value).toBe('Hama notes');
    expect(root.querySelector('#sl-add-text-error')).toBeNull();
    expect(root.textContent).toContain(en('briefings_loaded_file', ['Hama notes.txt']));
  });

  it('a binary file with a .txt name is refused', async () => {
    const { root } = setup();
    chooseFile(byId(root, 'sl-add-file'), new File([new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 20, 0])], 'archive.txt', { type: 'text/plain' }));
    await until(() => root.querySelector('#sl-add-text-error') !== null, 'the file error');
    expect(byId(root, 'sl-add-text-error').textContent).toBe(en('briefings_error_binary'));
    expect(byId<HTMLTextAreaElement>(root, 'sl-add-text').value).toBe('');
  });

  it('a quota error on save is shown and the form kept', async () => {
    const quota = new BriefingQuotaError(10_600_000, new Error('full'));
    const { root } = setup({ onAdd: vi.fn(async () => Promise.reject(quota)) });
    type(byId(root, 'sl-add-title'), 'Big');
    type(byId<HTMLTextAreaElement>(root, 'sl-add-text'), HAMA);
    submit(addForm(root));
    await until(() => preview(root) !== null, 'the preview');
    click(buttonNamed(root, en('briefings_save')));
    await until(() => root.querySelector('.sl-options-alert') !== null, 'the alert');
    expect(root.querySelector('.sl-options-alert')!.textContent).toContain(en('briefings_error_quota', ['10.6 MB']));
    expect(byId(root, 'sl-add-title').value).toBe('Big');
  });

  it('editing the text drops the preview (it no longer matches)', async () => {
    const { root } = setup();
    type(byId(root, 'sl-add-title'), 'T');
    type(byId<HTMLTextAreaElement>(root, 'sl-add-text'), HAMA);
    submit(addForm(root));
    await until(() => preview(root) !== null, 'the preview');
    type(byId<HTMLTextAreaElement>(root, 'sl-add-text'), `${HAMA} More.`);
    expect(preview(root)).toBeNull();
  });
});

describe('BriefingsApp: export and import', () => {
  const importInput = (root: HTMLElement) => root.querySelector<HTMLInputElement>('input[type="file"][accept^=".json"]')!;
  const fileOf = (data: unknown) => new File([typeof data === 'string' ? data : JSON.stringify(data)], 'b.json', { type: 'application/json' });

  it('exports the reader’s briefings (not the built-in one) as one JSON file', async () => {
    const { root, props } = setup();
    click(buttonNamed(root, en('briefings_export')));
    const [name, blob] = (props.onDownload as ReturnType<typeof vi.fn>).mock.calls[0]! as [string, Blob];
    expect(name).toMatch(/^syria-lens-briefings-\d{4}-\d\d-\d\d\.json$/);
    const data = JSON.parse(await blob.text()) as { briefings: Briefing[] };
    expect(data.briefings.map((b) => b.id)).toEqual(['mine']);
  });

  it('a bad file changes nothing and says what is wrong', async () => {
    const { root, props } = setup();
    const bad = {
      format: BRIEFING_FILE_FORMAT,
      version: 1,
      briefings: [
        { id: 'a', title: 'A', text: HAMA },
        { id: 'b', title: 'B', text: HAMA },
        { id: 'c', title: 'C' },
      ],
    };
    chooseFile(importInput(root), fileOf(bad));
    await until(() => root.querySelector('.sl-options-alert') !== null, 'the import error');
    const alert = root.querySelector('.sl-options-alert')!;
    expect(alert.textContent).toContain(en('briefings_import_failed'));
    expect(alert.textContent).toContain(en('briefings_import_no_text', ['3']));
    expect(props.onSaveAll).not.toHaveBeenCalled();

    chooseFile(importInput(root), fileOf('not json'));
    await until(() => root.querySelector('.sl-options-alert')?.textContent?.includes(en('briefings_import_not_json')) === true, 'not-json');
    expect(props.onSaveAll).not.toHaveBeenCalled();
  });

  it('a good file is merged: the same id replaces, others are added', async () => {
    const { root, props } = setup();
    const good = {
      format: BRIEFING_FILE_FORMAT,
      version: 1,
      briefings: [
        { id: 'mine', title: 'Aleppo notes v2', text: HAMA },
        { id: 'new', title: 'New', text: HAMA, enabled: false },
      ],
    };
    chooseFile(importInput(root), fileOf(good));
    await until(() => (props.onSaveAll as ReturnType<typeof vi.fn>).mock.calls.length === 1, 'the save');
    const saved = (props.onSaveAll as ReturnType<typeof vi.fn>).mock.calls[0]![0] as Briefing[];
    expect(saved.map((b) => [b.id, b.title, b.enabled])).toEqual([
      ['mine', 'Aleppo notes v2', true],
      ['new', 'New', false],
    ]);
    await until(() => root.textContent.includes(en('briefings_imported', ['1', '1'])), 'the status');
  });
});

describe('BriefingView', () => {
  it('shows the whole briefing as paragraphs, marks the sentence and scrolls it into view', () => {
    const scrolled = vi.fn();
    const original = HTMLElement.prototype.scrollIntoView;
    HTMLElement.prototype.scrollIntoView = scrolled;
    try {
      const root = mount(<BriefingView briefing={MINE} id="mine" sentences={[HAMA]} />);
      expect(root.querySelector('h1')?.textContent).toBe('Aleppo notes');
      expect(root.querySelector('a[href="https://example.org/aleppo"]')).not.toBeNull();
      const paragraphs = root.querySelectorAll('.sl-briefing-text p');
      expect([...paragraphs].map((p) => p.textContent)).toEqual([HAMA, 'Aleppo was taken first.']);
      const marks = root.querySelectorAll('mark');
      expect(marks).toHaveLength(1);
      expect(marks[0]!.textContent).toBe(HAMA);
      expect(scrolled).toHaveBeenCalled();
      expect(document.activeElement).toBe(marks[0]);
    } finally {
      HTMLElement.prototype.scrollIntoView = original;
    }
  });

  it('finds a sentence across other line breaks; several sentences; a missing one is said', () => {
    const briefing: Briefing = { id: 'x', title: 'X', text: 'Hama fell to the\nrebels. Aleppo fell first. Damascus held.', builtIn: true };
    const root = mount(<BriefingView briefing={briefing} id="x" sentences={['Hama fell to the rebels.', 'Damascus held.']} />);
    expect([...root.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Hama fell to the\nrebels.', 'Damascus held.']);
    // Built-in: no source link.
    expect(root.querySelector('.sl-briefing-source')).toBeNull();
    const missing = mount(<BriefingView briefing={briefing} id="x" sentences={['Not in it.']} />);
    expect(missing.querySelector('mark')).toBeNull();
    expect(missing.textContent).toContain(en('briefing_passage_missing'));
  });

  it('renders markup in a briefing as text', () => {
    const briefing: Briefing = { id: 'h', title: '<b>T</b>', text: '<img src=x onerror=alert(1)> Hama <script>x()</script>.', source: 'javascript:alert(1)' };
    const root = mount(<BriefingView briefing={briefing} id="h" sentences={[]} />);
    expect(root.querySelector('img, script, b')).toBeNull();
    expect(root.querySelector('.sl-briefing-text')!.textContent).toBe(briefing.text);
    // A source that is not http(s) is not made a link.
    expect(root.querySelector('a[href^="javascript"]')).toBeNull();
  });

  it('says clearly when the id is unknown', () => {
    const root = mount(<BriefingView briefing={null} id="gone" sentences={['x']} />);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain(en('briefing_unknown', ['gone']));
    expect(root.querySelector('a[href="briefings.html"]')).not.toBeNull();
  });

  it('helper: findSentence', () => {
    expect(findSentence('x  Hama fell.', 'Hama   fell.')).toEqual({ start: 3, end: 13 });
    expect(findSentence('abc', ' ')).toBeNull();
  });
});
