/**
 * Housekeeping after a completed review session (and on a home screen left open), loaded lazily so it
 * never weighs on the review screen: ask for persistent storage, take the automatic snapshot if one is
 * due, sweep the study indexes once a day, and sync when the collection is connected.
 */
import { studyDay } from '../core/studyDay.ts';
import { takeAutoSnapshot } from '../db/snapshots.ts';
import { INDEX_SWEEP_KEY, sweepStaleIndexEntries } from '../db/sweepStaleIndexEntries.ts';
import { APP_VERSION } from './appVersion.ts';
import type { Collection } from './openCollection.ts';
import { requestPersistence } from './storagePersistence.ts';

export async function afterSession(app: Collection): Promise<void> {
	await Promise.allSettled([requestPersistence(), housekeeping(app), import('../sync/autoSync.ts').then((s) => s.syncInBackground(app.db))]);
}

/** The background upkeep, one heavy step after the other: the snapshot, then the index sweep. */
export async function housekeeping(app: Collection): Promise<void> {
	await autoSnapshot(app);
	await dailyIndexSweep(app);
}

/** The automatic snapshot, when one is due (at most every few hours, and only if the log changed). */
export async function autoSnapshot(app: Collection): Promise<void> {
	const now = Date.now();
	await takeAutoSnapshot(app.db, { nowMillis: now, day: studyDay(now, app.clock), appVersion: APP_VERSION });
}

/** Sweeps the study indexes (see sweepStaleIndexEntries) at most once a study day; true if it did. */
export async function dailyIndexSweep(app: Collection, nowMillis = Date.now()): Promise<boolean> {
	const day = studyDay(nowMillis, app.clock);
	if ((await app.db.meta.get(INDEX_SWEEP_KEY))?.value === day) return false;
	await sweepStaleIndexEntries(app.db);
	await app.db.meta.put({ key: INDEX_SWEEP_KEY, value: day });
	return true;
}
