import { canonicalJson } from '../core/canonicalJson.ts';
import { createScheduler } from '../core/scheduler.ts';
import { loadSettings } from '../db/settingsStore.ts';
import { deviceClock, type AppServices } from './openApp.ts';

/**
 * Takes the stored settings into this page's shared services when they differ from the ones it
 * started with (an import, or another tab, changed them), so every page schedules with the settings
 * the card states were rebuilt with. One key read when nothing changed. Returns whether they changed.
 */
export async function adoptStoredSettings(app: AppServices): Promise<boolean> {
	const settings = await loadSettings(app.db);
	if (canonicalJson(settings) === canonicalJson(app.settings)) return false;
	Object.assign(app, { settings, scheduler: createScheduler(settings.scheduler), clock: deviceClock(settings) });
	return true;
}
