/**
 * The briefing viewer, `briefing.html?id=<briefing id>&sentence=<text>` (opened by the
 * background when a card's source is clicked, and by the briefings page's "View"): the whole
 * briefing with the card's sentence(s) marked. `sentence` may be given more than once.
 */
import '../../components/options.css';
import '../../components/briefings.css';
import { render } from 'preact';
import { bundledBriefings } from '../../assets/briefings';
import { BriefingView } from '../../components/BriefingView';
import { t } from '../../core/i18n';
import type { Briefing } from '../../core/types';
import { loadBriefings, watchBriefings } from '../../extension/briefing-store';
import { startExtensionPage } from '../../extension/i18n';

startExtensionPage();

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  const params = new URLSearchParams(location.search);
  const id = params.get('id') ?? '';
  const sentences = params.getAll('sentence');

  const draw = (briefings: readonly Briefing[]) => {
    const briefing = briefings.find((b) => b.id === id) ?? null;
    document.title = briefing ? `${briefing.title} — Syria Lens` : t('briefing_unknown_title');
    render(<BriefingView briefing={briefing} id={id} sentences={sentences} />, root);
  };

  draw(await loadBriefings(bundledBriefings));
  watchBriefings(bundledBriefings, draw, new AbortController().signal);
}

void main();
