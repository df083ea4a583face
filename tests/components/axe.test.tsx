// @vitest-environment happy-dom
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { Card } from '../../components/Card';
import { PopupApp, type PopupState } from '../../components/PopupApp';
import { mount } from './render';

/** axe's structural rules (names, roles, ARIA); layout-based ones need a real browser. */
async function violations(root: Element): Promise<string[]> {
  const result = await axe.run(root, {
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
    resultTypes: ['violations'],
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
}

const popupState: PopupState = {
  globalOn: true,
  site: { host: 'www.bbc.com', on: true },
  page: { host: 'www.bbc.com', active: true, counts: { a: 2, b: 1 }, total: 3 },
  entities: {
    a: { name: 'Idlib', kind: 'place', description: 'Province in the north-west.' },
    b: { name: 'Damascus', kind: 'place', description: 'Capital of Syria.' },
  },
};

describe('axe', () => {
  it('finds no violations in the card', async () => {
    const root = mount(
      <Card
        card={{
          entity: { id: 'a', name: 'Idlib', kind: 'place', description: 'Province.', aliases: [] },
          backgrounds: [{ briefingId: 'b', briefingTitle: 'Briefing', sentences: ['1.', '2.', '3.', '4.'] }],
          related: [{ id: 'd', name: 'Damascus' }],
        }}
        onOpenEntity={() => {}}
        onOpenSource={() => {}}
        pinned
        onTogglePin={() => {}}
        onClose={() => {}}
      />,
    );
    expect(await violations(root)).toEqual([]);
  });

  it('finds no violations in the popup', async () => {
    const root = mount(
      <PopupApp
        state={popupState}
        onToggleGlobal={() => {}}
        onToggleSite={() => {}}
        onRevealEntity={() => {}}
        onOpenOptions={() => {}}
        onOpenBriefings={() => {}}
      />,
    );
    expect(await violations(root)).toEqual([]);
  });
});
