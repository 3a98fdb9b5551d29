import { BACKUP_FORMAT, BACKUP_SCHEMA_VERSION, type BackupFile } from '../core/backupFile.ts';
import type { PaperdeckDatabase } from './database.ts';
import { DECK_VERSION_KEY } from './deckMetaKeys.ts';
import { INDEX_SWEEP_KEY } from './sweepStaleIndexEntries.ts';
import { logStoredSettings } from './settingsLog.ts';
import { loadSettings, SCHEDULER_KEY, SETTINGS_KEY } from './settingsStore.ts';

/** The meta key holding when this device last exported a backup (shown as a reminder). */
export const LAST_EXPORT_KEY = 'lastExportMillis';

/**
 * Meta keys that describe this device's cache, not the user's data: never exported, never imported.
 * Every other meta row is user data and travels in a backup's `custom` section, so a later feature
 * that stores a preference in meta is backed up without touching this file. A new device-local key
 * must be added here.
 */
// `ownContent` is a cache of the log's content events (ownContentStore.ts): the events travel, not it.
export const DEVICE_LOCAL_KEYS: ReadonlySet<string> = new Set([DECK_VERSION_KEY, SCHEDULER_KEY, LAST_EXPORT_KEY, SETTINGS_KEY, INDEX_SWEEP_KEY, 'ownContent']);

/**
 * The whole collection as a backup: every event in log order, the settings and the custom data, read
 * in one transaction so the three agree.
 */
export async function exportBackup(db: PaperdeckDatabase, appVersion: string, nowMillis: number): Promise<BackupFile> {
	await logStoredSettings(db);
	return db.transaction('r', [db.events, db.meta, db.settingsLog], async () => {
		// The atMillis index orders equal times by id: exactly the log's order (compareEvents).
		const [events, settings, meta, settingsEvents] = await Promise.all([
			db.events.orderBy('atMillis').toArray(),
			loadSettings(db),
			db.meta.toArray(),
			db.settingsLog.orderBy('atMillis').toArray()
		]);
		const custom: Record<string, unknown> = {};
		for (const row of meta) if (!DEVICE_LOCAL_KEYS.has(row.key)) custom[row.key] = row.value;
		return {
			format: BACKUP_FORMAT,
			schemaVersion: BACKUP_SCHEMA_VERSION,
			appVersion,
			exportedAtMillis: nowMillis,
			settings,
			custom,
			events,
			settingsEvents
		};
	});
}

