/**
 * The theme the person picks: shown at once, then stored with the settings. The store (a transaction
 * on `meta`) may queue behind another transaction; a page left before it ran never stored the choice,
 * and the next settings page showed the old theme. So the choice is also written down at once, on this
 * device, until it is stored; the settings page stores a choice still written down when it next opens.
 */
import type { Theme } from '../core/settings.ts';
import { saveSettings } from '../db/settingsLog.ts';
import { showTheme } from './commitSettings.ts';
import { openApp } from './openApp.ts';
import { useSettings } from './useSettings.ts';

const UNSTORED_KEY = 'paperdeck-theme-unstored';

function storage(): Storage | null {
	try {
		return localStorage;
	} catch {
		// Private mode may refuse storage: the choice then lasts as long as the page.
		return null;
	}
}

/** Shows `theme` at once and stores it once the collection is open. */
export async function chooseTheme(theme: Theme): Promise<void> {
	showTheme(theme);
	storage()?.setItem(UNSTORED_KEY, theme);
	await storeTheme(theme);
}

/** The theme of a choice a page left before storing it, stored now; null when there is none. */
export async function storeUnstoredTheme(): Promise<Theme | null> {
	const theme = storage()?.getItem(UNSTORED_KEY) as Theme | null | undefined;
	if (!theme) return null;
	await storeTheme(theme);
	return theme;
}

async function storeTheme(theme: Theme): Promise<void> {
	const app = await openApp();
	const settings = { ...app.settings, theme };
	await saveSettings(app.db, settings);
	await useSettings(settings);
	// A later choice made meanwhile (another tap) stays written down until its own store.
	if (storage()?.getItem(UNSTORED_KEY) === theme) storage()?.removeItem(UNSTORED_KEY);
}
