import { hashString } from '../core/hashString.ts';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings.ts';
import type { SchedulerSettings } from '../core/types.ts';
import { canonicalJson } from '../core/canonicalJson.ts';
import { nextSettingsTime, syncedPart, winningSettingsEvent, type SettingsEvent, type SyncedSettings } from '../core/settingsEvent.ts';
import type { PaperdeckDatabase } from './database.ts';
import { newEventId } from './newEventId.ts';

export const SETTINGS_KEY = 'settings';
/** The meta key holding which scheduler settings the cached states were computed with. */
export const SCHEDULER_KEY = 'schedulerKey';

/** Identifies scheduler settings: cached states are valid only for the key they were built with. */
export function schedulerKey(s: SchedulerSettings): string {
	return hashString(JSON.stringify(s));
}

/** Saved (or imported) settings with defaults filled in for anything a newer version added. */
export function withDefaultSettings(saved: Partial<Settings>): Settings {
	return {
		...DEFAULT_SETTINGS,
		...saved,
		scheduler: { ...DEFAULT_SETTINGS.scheduler, ...saved.scheduler },
		study: { ...DEFAULT_SETTINGS.study, ...saved.study },
		selection: { ...DEFAULT_SETTINGS.selection, ...saved.selection },
		workload: { ...DEFAULT_SETTINGS.workload, ...saved.workload }
	};
}

/** The stored settings, with defaults filled in for anything a newer version added. */
export async function loadSettings(db: PaperdeckDatabase): Promise<Settings> {
	const row = await db.meta.get(SETTINGS_KEY);
	return withDefaultSettings((row?.value ?? {}) as Partial<Settings>);
}

/**
 * Saves settings on this device. When the part that converges across devices (see settingsEvent.ts)
 * differs from the one the log says is in force, a settings event records the change, ordered after
 * that one so it wins here and, once synced, everywhere.
 */
export async function saveSettings(db: PaperdeckDatabase, settings: Settings, nowMillis = Date.now()): Promise<void> {
	await db.transaction('rw', db.meta, db.settingsLog, async () => {
		await db.meta.put({ key: SETTINGS_KEY, value: structuredClone(settings) });
		const winner = winningSettingsEvent(await db.settingsLog.toArray());
		const synced = syncedPart(settings);
		if (canonicalJson(logSettings(winner)) === canonicalJson(synced)) return;
		await db.settingsLog.add({ id: newEventId(), type: 'settings', atMillis: nextSettingsTime(nowMillis, winner), settings: synced });
	});
}

/** The converging settings a log's winning settings event gives (defaults filled in; the defaults when there is none). */
export function logSettings(winner: SettingsEvent | null): SyncedSettings {
	return syncedPart(withDefaultSettings(winner ? (winner.settings as Partial<Settings>) : {}));
}

/**
 * Makes the stored settings agree with the log (after events arrived from a backup or another
 * device): the winning settings event's settings, with this device's own preferences kept. Returns
 * the settings before and after. Call inside a transaction on `meta` and `settingsLog`.
 */
export async function adoptLogSettings(db: PaperdeckDatabase): Promise<{ before: Settings; after: Settings }> {
	const before = await loadSettings(db);
	const winner = winningSettingsEvent(await db.settingsLog.toArray());
	const after: Settings = { ...before, ...logSettings(winner) };
	if (canonicalJson(before) !== canonicalJson(after)) await db.meta.put({ key: SETTINGS_KEY, value: structuredClone(after) });
	return { before, after };
}
