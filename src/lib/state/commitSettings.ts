import type { Settings, Theme } from '../core/settings.ts';
import { schedulingDiffers } from '../core/settingsForm.ts';
import { saveSettings } from '../db/settingsLog.ts';
import { loadSettings } from '../db/settingsStore.ts';
import { openApp } from './openApp.ts';
import type { TaskStep } from '../workers/handleTask.ts';
import { runTask, TaskCancelled, type RunningTask } from './runTask.ts';
import { useSettings } from './useSettings.ts';

/**
 * Saves settings. When they change the schedule, every card is rescheduled by replaying the log in a
 * Web Worker (one transaction there), with progress; otherwise it is a plain save. Afterwards this
 * page's open services use the new settings.
 */
export function commitSettings(settings: Settings, onProgress?: (fraction: number, step: TaskStep) => void): RunningTask<void> {
	let task: RunningTask<unknown> | null = null;
	const result = (async () => {
		const app = await openApp();
		const plain = structuredClone(settings);
		if (schedulingDiffers(app.settings.scheduler, plain.scheduler)) {
			task = runTask({ type: 'apply-settings', settings: plain }, onProgress);
			try {
				await task.result;
			} catch (e) {
				// A cancel that lands after the worker's transaction committed is too late: the new settings
				// are in use. Only a cancel that rolled everything back is reported as one.
				if (!(e instanceof TaskCancelled) || JSON.stringify(await loadSettings(app.db)) !== JSON.stringify(plain)) throw e;
			}
		} else {
			await saveSettings(app.db, plain);
		}
		await useSettings(plain);
	})();
	return { result, cancel: () => task?.cancel() };
}

const THEME_KEY = 'paperdeck-theme';

/**
 * Shows a theme at once and remembers it for the first paint of the next visit (app.html reads the
 * same key before anything renders). `system` follows the device.
 */
export function showTheme(theme: Theme): void {
	const root = document.documentElement;
	try {
		if (theme === 'system') localStorage.removeItem(THEME_KEY);
		else localStorage.setItem(THEME_KEY, theme);
	} catch {
		// Storage may be unavailable (private mode): the theme still applies for this visit.
	}
	if (theme === 'system') delete root.dataset.theme;
	else root.dataset.theme = theme;
}
