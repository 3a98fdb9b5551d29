import type { BackupFile } from '../core/backupFile.ts';
import { canonicalJson } from '../core/canonicalJson.ts';
import { createScheduler } from '../core/scheduler.ts';
import type { CardEvent } from '../core/types.ts';
import { planMerge } from '../core/validateBackup.ts';
import type { PaperdeckDatabase } from './database.ts';
import { DEVICE_LOCAL_KEYS } from './exportBackup.ts';
import { mergeEvents, rebuildStates } from './rebuildStates.ts';
import { adoptLogSettings, logStoredSettings, saveSettings } from './settingsLog.ts';
import { loadSettings, SCHEDULER_KEY, schedulerKey, withDefaultSettings } from './settingsStore.ts';
import { mergeSettingsEvents } from './mergeSettingsEvents.ts';
import { storedEvents } from './storedEvents.ts';
import { isContentEvent } from '../core/contentEvents.ts';
import type { OwnRenderer } from '../own/renderOwnMarkdown.ts';
import { rebuildOwnContent } from './ownContentStore.ts';

/** The import would overwrite or contradict what is stored: nothing was written. */
export class ImportRejectedError extends Error {}

/** Splits incoming events into new and already present; an id naming a different event throws `ImportRejectedError`. */
export async function planImport(db: PaperdeckDatabase, events: readonly CardEvent[]) {
	const result = planMerge(events, await storedEvents(db, events.map((e) => e.id)));
	if (!result.ok) throw new ImportRejectedError(result.reason);
	return result;
}

function customDiffers(mine: Record<string, unknown>, theirs: Record<string, unknown>): boolean {
	const keys = Object.keys(theirs).filter((k) => !DEVICE_LOCAL_KEYS.has(k));
	return keys.some((k) => canonicalJson(mine[k]) !== canonicalJson(theirs[k]));
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

/**
 * Compares a validated backup with the collection without writing anything. Throws
 * `ImportRejectedError` when an event id in the file names a different event in the collection.
 */
export async function previewImport(db: PaperdeckDatabase, backup: BackupFile): Promise<ImportPreview> {
	return db.transaction('r', db.events, db.meta, async () => {
		const { fresh, present } = await planImport(db, backup.events);
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
export async function applyImport(
	db: PaperdeckDatabase,
	backup: BackupFile,
	/** `render`: the own-content renderer, loaded beforehand when the backup holds own papers or cards. */
	options: { useSettings: boolean; render?: OwnRenderer }
): Promise<ImportResult> {
	await logStoredSettings(db);
	return db.transaction('rw', [db.events, db.states, db.meta, db.cards, db.settingsLog], async () => {
		const { fresh, present } = await planImport(db, backup.events);
		// Settings events join the log like any other: the latest by (time, id) is then in force.
		if (backup.settingsEvents) await mergeSettingsEvents(db, backup.settingsEvents);
		let settings = (await adoptLogSettings(db)).after;
		if (options.useSettings) {
			// Asked for, the file's settings (with its theme, a device preference taken only when asked) are
			// a change made now: saveSettings logs them unless the log already gives them, so they win over
			// a change this device made after the backup, here and on devices that sync. An older file,
			// with no log, is taken the same way.
			settings = withDefaultSettings(backup.settings);
			await saveSettings(db, settings);
			const custom = Object.entries(backup.custom).filter(([key]) => !DEVICE_LOCAL_KEYS.has(key));
			await db.meta.bulkPut(custom.map(([key, value]) => ({ key, value })));
		}
		const scheduler = createScheduler(settings.scheduler);
		// Merging replays every card the new events touch. Only new scheduler settings change the others.
		const added = await mergeEvents(db, fresh, scheduler);
		const key = schedulerKey(settings.scheduler);
		const rebuilt = (await db.meta.get(SCHEDULER_KEY))?.value === key ? [] : await rebuildStates(db, scheduler);
		await db.meta.put({ key: SCHEDULER_KEY, value: key });
		// Own papers and cards (and undos of them) arrived: rebuild their cards, states and cache.
		if (options.render && fresh.some((e) => isContentEvent(e) || e.type === 'undo')) await rebuildOwnContent(db, options.render, scheduler);
		return { added, present, rebuilt: rebuilt.length };
	});
}
