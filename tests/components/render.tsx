/** Test helper: render Preact into a fresh container and clean up after each test. */
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const containers: HTMLElement[] = [];

afterEach(() => {
  for (const container of containers.splice(0)) {
    void act(() => render(null, container));
    container.remove();
  }
});

export function mount(vnode: ComponentChild): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  containers.push(container);
  void act(() => render(vnode, container));
  return container;
}

/** Lets promises, timers and chunked work (the briefing compiler) run inside act until `done` holds. */
export async function until(done: () => boolean, what: string, tries = 300): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (done()) return;
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function rerender(container: HTMLElement, vnode: ComponentChild): void {
  void act(() => render(vnode, container));
}

export function click(element: Element | null | undefined): void {
  if (!element) throw new Error('nothing to click');
  void act(() => {
    (element as HTMLElement).click();
  });
}

export function key(element: Element | null | undefined, name: string, type: 'keydown' | 'keyup' = 'keydown'): KeyboardEvent {
  if (!element) throw new Error('nothing to press a key on');
  const event = new KeyboardEvent(type, { key: name, bubbles: true, cancelable: true });
  void act(() => {
    element.dispatchEvent(event);
  });
  return event;
}

/** Buttons by their accessible name (aria-label, else text). */
export function buttonNamed(root: ParentNode, name: string): HTMLButtonElement | undefined {
  return [...root.querySelectorAll('button')].find(
    (button) => (button.getAttribute('aria-label') ?? button.textContent?.trim()) === name,
  );
}

/** Remove the first-strong isolates the popup puts around host names. */
export function plain(text: string | null | undefined): string {
  return (text ?? '').replace(/[\u2068\u2069]/g, '');
}

/** The repository's root directory. */
export const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');

/** Text of a file of the repository, by path from its root. */
export function repoFile(path: string): string {
  return readFileSync(resolve(repoRoot, path), 'utf8');
}
