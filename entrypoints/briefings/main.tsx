/**
 * The readers' briefings page (opened from the popup's "Briefings" button): loads every briefing
 * and the reader's entities, renders BriefingsApp, writes through the briefing store and follows
 * changes made elsewhere (another briefings tab).
 */
import '../../components/options.css';
import '../../components/briefings.css';
import { render } from 'preact';
import { bundledBriefings } from '../../assets/briefings';
import { BriefingsApp } from '../../components/BriefingsApp';
import { lensEntities } from '../../core/configure-lens';
import type { Briefing, Entity } from '../../core/types';
import {
  addReaderBriefing,
  deleteReaderBriefing,
  loadBriefings,
  saveReaderBriefings,
  setBriefingEnabled,
  updateReaderBriefing,
  watchBriefings,
} from '../../extension/briefing-store';
import { startExtensionPage } from '../../extension/i18n';
import { loadSettings, watchSettings } from '../../extension/settings-store';

startExtensionPage('briefings_title');

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  let [briefings, entities] = await Promise.all([
    loadBriefings(bundledBriefings),
    loadSettings().then(({ settings }): Entity[] => lensEntities(settings).all),
  ]);

  const draw = () =>
    render(
      <BriefingsApp
        briefings={briefings}
        entities={entities}
        onAdd={addReaderBriefing}
        onRename={(id, title) => updateReaderBriefing(id, { title })}
        onSetEnabled={setBriefingEnabled}
        onDelete={deleteReaderBriefing}
        onSaveAll={saveReaderBriefings}
      />,
      root,
    );

  draw();
  const signal = new AbortController().signal;
  watchBriefings(bundledBriefings, (next: Briefing[]) => {
    briefings = next;
    draw();
  }, signal);
  watchSettings((settings) => {
    entities = lensEntities(settings).all;
    draw();
  }, signal);
}

void main();
