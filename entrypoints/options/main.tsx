/**
 * Options page: loads the settings, renders OptionsApp, saves the reader's changes through the
 * settings store and follows changes made elsewhere (popup, another synced browser).
 * Problems found when the settings were repaired are shown once (`takeSettingsProblems`).
 */
import '../../components/options.css';
import { render } from 'preact';
import { OptionsApp } from '../../components/OptionsApp';
import { builtInEntities } from '../../core/catalogue';
import { startExtensionPage } from '../../extension/i18n';
import type { Settings } from '../../core/settings';
import { loadSettings, saveSettings, takeSettingsProblems, watchSettings, type StoredProblem } from '../../extension/settings-store';

startExtensionPage('options_title');

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  const entities = builtInEntities();
  let { settings } = await loadSettings();
  let problems: StoredProblem[] = await takeSettingsProblems().catch(() => []);

  const draw = () =>
    render(<OptionsApp settings={settings} problems={problems} onSave={save} entities={entities} />, root);

  async function save(next: Settings): Promise<void> {
    await saveSettings(next);
    // A save may have moved the settings out of sync storage (too large): say so once.
    const more = await takeSettingsProblems().catch(() => []);
    if (more.length > 0) {
      const known = new Set(problems.map((problem) => JSON.stringify(problem)));
      problems = [...problems, ...more.filter((problem) => !known.has(JSON.stringify(problem)))];
      draw();
    }
  }

  draw();
  watchSettings((next) => {
    settings = next;
    draw();
  }, new AbortController().signal);
}

void main();
