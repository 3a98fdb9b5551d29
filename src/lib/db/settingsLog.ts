/**
 * Settings as the log holds them: saving writes a settings event when the converging part changes,
 * and adopting makes the stored settings agree with the log's winner. Apart from `settingsStore.ts`
 * (read at every start) so that the start-up chunk does not carry it.
 */
import { canonicalJson } from '../core/canonicalJson.ts';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings.ts';
import { nextSettingsTime, syncedPart, winningSettingsEvent, type SettingsEvent, type SyncedSettings } from '../core/settingsEvent.ts';
import { SETTINGS_TO_LOG_KEY, type PaperdeckDatabase } from './database.ts';
import { newEventId } from './newEventId.ts';
import { loadSettings, SETTINGS_KEY, withDefaultSettings } from './settingsStore.ts';

/**
 * Saves settings on this device. When the part that converges across devices (see settingsEvent.ts)
 * differs from the one the log says is in force, a settings event records the change, ordered after
 * that one so it wins here and, once synced, everywhere.
 */
export async function saveSettings(db: PaperdeckDatabase, settings: Settings, nowMillis = Date.now()): Promise<void> {
	await logStoredSettings(db);
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

/**
 * Records settings stored before the log carried settings (database version 4 marks them) as one
 * settings event stamped when the database was upgraded, if they differ from the defaults and the log
 * has none yet. Runs before anything reads the log's settings: a sync, a backup, a settings change.
 */
export async function logStoredSettings(db: PaperdeckDatabase): Promise<void> {
	await db.transaction('rw', db.meta, db.settingsLog, async () => {
		const marker = await db.meta.get(SETTINGS_TO_LOG_KEY);
		if (!marker) return;
		await db.meta.delete(SETTINGS_TO_LOG_KEY);
		const synced = syncedPart(await loadSettings(db));
		if ((await db.settingsLog.count()) > 0 || canonicalJson(synced) === canonicalJson(syncedPart(DEFAULT_SETTINGS))) return;
		await db.settingsLog.add({ id: newEventId(), type: 'settings', atMillis: marker.value as number, settings: synced });
	});
}
