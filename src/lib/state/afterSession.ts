/**
 * Housekeeping after a completed review session, loaded lazily so it never weighs on the review
 * screen: ask for persistent storage, and take the automatic snapshot if one is due.
 */
import { studyDay } from '../core/studyDay.ts';
import { takeAutoSnapshot } from '../db/snapshots.ts';
import { APP_VERSION } from './appVersion.ts';
import type { Collection } from './openCollection.ts';
import { requestPersistence } from './storagePersistence.ts';

export async function afterSession(app: Collection): Promise<void> {
	await Promise.allSettled([requestPersistence(), autoSnapshot(app)]);
}

/** The automatic snapshot, when one is due (at most every few hours, and only if the log changed). */
export async function autoSnapshot(app: Collection): Promise<void> {
	const now = Date.now();
	await takeAutoSnapshot(app.db, { nowMillis: now, day: studyDay(now, app.clock), appVersion: APP_VERSION });
}
