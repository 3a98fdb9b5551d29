import { canonicalJson } from '../core/canonicalJson.ts';
import { loadSettings } from '../db/settingsStore.ts';
import type { Collection } from './openCollection.ts';
import { useSettings } from './useSettings.ts';

/**
 * Takes the stored settings into this page's open services when they differ from the ones it started
 * with (an import, or another tab, changed them), so every page schedules with the settings the card
 * states were rebuilt with. One key read when nothing changed. Returns whether they changed.
 */
export async function adoptStoredSettings(app: Collection): Promise<boolean> {
	const settings = await loadSettings(app.db);
	if (canonicalJson(settings) === canonicalJson(app.settings)) return false;
	await useSettings(settings);
	return true;
}
