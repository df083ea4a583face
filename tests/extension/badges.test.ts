/** The badge bookkeeping (extension/badges.ts): mentions per tab, summed over its frames. */
import { describe, expect, it } from 'vitest';
import { TabBadges } from '../../extension/badges';

function badges() {
  const shown: [number, string][] = [];
  return { badges: new TabBadges((tabId, text) => shown.push([tabId, text])), shown };
}

describe('TabBadges', () => {
  it('shows the sum of a tab\'s frames, each tab on its own', () => {
    const { badges: b, shown } = badges();
    b.report(1, 0, 12);
    b.report(1, 3, 5);
    b.report(2, 0, 7);
    expect(b.textFor(1)).toBe('17');
    expect(b.textFor(2)).toBe('7');
    expect(shown).toEqual([
      [1, '12'],
      [1, '17'],
      [2, '7'],
    ]);
  });

  it('a frame that reports again replaces its count', () => {
    const { badges: b } = badges();
    b.report(1, 0, 12);
    b.report(1, 4, 5);
    b.report(1, 4, 2);
    expect(b.textFor(1)).toBe('14');
  });

  it('no badge for nothing marked, and 999+ for more than 999', () => {
    const { badges: b } = badges();
    b.report(1, 0, 0);
    expect(b.textFor(1)).toBe('');
    b.report(1, 0, 600);
    b.report(1, 1, 400);
    expect(b.textFor(1)).toBe('999+');
    expect(b.textFor(99)).toBe('');
  });

  it('the top frame switched off clears the tab, its frames included', () => {
    const { badges: b } = badges();
    b.report(1, 0, 3);
    b.report(1, 2, 4);
    b.report(1, 0, null);
    expect(b.textFor(1)).toBe('');
    // A frame that reports after that counts on its own again once the top frame is on.
    b.report(1, 0, 1);
    expect(b.textFor(1)).toBe('1');
  });

  it('a sub-frame switched off drops out of the sum', () => {
    const { badges: b } = badges();
    b.report(1, 0, 3);
    b.report(1, 2, 4);
    b.report(1, 2, null);
    expect(b.textFor(1)).toBe('3');
  });

  it('hiding the badge blanks every tab; showing it again brings the counts back', () => {
    const { badges: b, shown } = badges();
    b.report(1, 0, 3);
    b.report(2, 0, 8);
    shown.length = 0;
    b.setVisible(false);
    expect(shown).toEqual([
      [1, ''],
      [2, ''],
    ]);
    b.report(1, 0, 4);
    expect(b.textFor(1)).toBe('');
    b.setVisible(false);
    expect(shown).toHaveLength(3); // no change, no update
    b.setVisible(true);
    expect(shown.slice(3)).toEqual([
      [1, '4'],
      [2, '8'],
    ]);
  });

  it('a closed tab or a new document is forgotten', () => {
    const { badges: b } = badges();
    b.report(1, 0, 3);
    b.forget(1);
    expect(b.textFor(1)).toBe('');
  });
});
