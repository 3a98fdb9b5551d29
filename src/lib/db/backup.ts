import { BACKUP_FORMAT, BACKUP_SCHEMA_VERSION, type BackupFile } from '../core/backupFile.ts';
import { canonicalJson } from '../core/canonicalJson.ts';
import { createScheduler } from '../core/scheduler.ts';
import type { CardEvent } from '../core/types.ts';
import { planMerge } from '../core/validateBackup.ts';
import type { PaperdeckDatabase } from './database.ts';
import { mergeEvents, rebuildStates } from './rebuildStates.ts';
import { DECK_VERSION_KEY } from './reconcileDeck.ts';
import { storedEvents } from './storedEvents.ts';
import { loadSettings, saveSettings, SCHEDULER_KEY, schedulerKey, SETTINGS_KEY, withDefaultSettings } from './settingsStore.ts';

/** The meta key holding when this device last exported a backup (shown as a reminder). */
export const LAST_EXPORT_KEY = 'lastExportMillis';

/**
 * Meta keys that describe this device's cache, not the user's data: never exported, never imported.
 * Every other meta row is user data and travels in a backup's `custom` section, so a later feature
 * that stores a preference in meta is backed up without touching this file. A new device-local key
 * must be added here.
 */
const DEVICE_LOCAL_KEYS: ReadonlySet<string> = new Set([DECK_VERSION_KEY, SCHEDULER_KEY, LAST_EXPORT_KEY, SETTINGS_KEY]);

/** The import would overwrite or contradict what is stored: nothing was written. */
export class ImportRejectedError extends Error {}

/**
 * The whole collection as a backup: every event in log order, the settings and the custom data, read
 * in one transaction so the three agree.
 */
export async function exportBackup(db: PaperdeckDatabase, appVersion: string, nowMillis: number): Promise<BackupFile> {
	return db.transaction('r', db.events, db.meta, async () => {
		// The atMillis index orders equal times by id: exactly the log's order (compareEvents).
		const [events, settings, meta] = await Promise.all([db.events.orderBy('atMillis').toArray(), loadSettings(db), db.meta.toArray()]);
		const custom: Record<string, unknown> = {};
		for (const row of meta) if (!DEVICE_LOCAL_KEYS.has(row.key)) custom[row.key] = row.value;
		return {
			format: BACKUP_FORMAT,
			schemaVersion: BACKUP_SCHEMA_VERSION,
			appVersion,
			exportedAtMillis: nowMillis,
			settings,
			custom,
			events
		};
	});
}

/** What importing a (validated) backup would do, shown before anything is written. */
export interface ImportPreview {
	/** Events the collection does not have yet. */
	fresh: number;
	/** Reviews among them (the number a person cares about). */
	freshReviews: number;
	/** Events the collection already has (importing the same file twice adds nothing). */
	present: number;
	/** Cards whose history the import changes. */
	cards: number;
	/** The backup's settings or custom data differ from this device's. */
	settingsDiffer: boolean;
	/** This collection has no history yet (a new device, or after clearing site data). */
	emptyCollection: boolean;
}

async function plan(db: PaperdeckDatabase, events: readonly CardEvent[]) {
	const result = planMerge(events, await storedEvents(db, events.map((e) => e.id)));
	if (!result.ok) throw new ImportRejectedError(result.reason);
	return result;
}

function customDiffers(mine: Record<string, unknown>, theirs: Record<string, unknown>): boolean {
	const keys = Object.keys(theirs).filter((k) => !DEVICE_LOCAL_KEYS.has(k));
	return keys.some((k) => canonicalJson(mine[k]) !== canonicalJson(theirs[k]));
}

/**
 * Compares a validated backup with the collection without writing anything. Throws
 * `ImportRejectedError` when an event id in the file names a different event in the collection.
 */
export async function previewImport(db: PaperdeckDatabase, backup: BackupFile): Promise<ImportPreview> {
	return db.transaction('r', db.events, db.meta, async () => {
		const { fresh, present } = await plan(db, backup.events);
		const [settings, meta, stored] = await Promise.all([loadSettings(db), db.meta.toArray(), db.events.limit(1).count()]);
		const mine = Object.fromEntries(meta.map((r) => [r.key, r.value]));
		return {
			fresh: fresh.length,
			freshReviews: fresh.filter((e) => e.type === 'review').length,
			present,
			cards: new Set(fresh.map((e) => e.cardId)).size,
			settingsDiffer: canonicalJson(settings) !== canonicalJson(withDefaultSettings(backup.settings)) || customDiffers(mine, backup.custom),
			emptyCollection: stored === 0
		};
	});
}

export interface ImportResult {
	added: number;
	present: number;
	/** Cards whose cached state the replay rewrote. */
	rebuilt: number;
}

/**
 * Merges a validated backup into the collection in one transaction: its events join the log as a set
 * (ids already present are skipped), optionally its settings and custom data replace this device's,
 * and every card state is rebuilt by replaying the log. Any failure writes nothing. The plan is made
 * again inside the transaction, so a write from another tab since the preview cannot slip past it.
 */
export async function applyImport(db: PaperdeckDatabase, backup: BackupFile, options: { useSettings: boolean }): Promise<ImportResult> {
	return db.transaction('rw', [db.events, db.states, db.meta], async () => {
		const { fresh, present } = await plan(db, backup.events);
		if (options.useSettings) {
			await saveSettings(db, backup.settings);
			const custom = Object.entries(backup.custom).filter(([key]) => !DEVICE_LOCAL_KEYS.has(key));
			await db.meta.bulkPut(custom.map(([key, value]) => ({ key, value })));
		}
		const settings = await loadSettings(db);
		const scheduler = createScheduler(settings.scheduler);
		// Merging replays every card the new events touch. Only new scheduler settings change the others.
		const added = await mergeEvents(db, fresh, scheduler);
		const key = schedulerKey(settings.scheduler);
		const rebuilt = (await db.meta.get(SCHEDULER_KEY))?.value === key ? [] : await rebuildStates(db, scheduler);
		await db.meta.put({ key: SCHEDULER_KEY, value: key });
		return { added, present, rebuilt: rebuilt.length };
	});
}
