import { serializeBackup } from '../core/backupFile.ts';
import { snapshotsToKeep, type SnapshotReason } from '../core/snapshotRetention.ts';
import type { PaperdeckDatabase, SnapshotRow } from './database.ts';
import { exportBackup } from './exportBackup.ts';
import { gunzipText, gzipText } from './gzipText.ts';

/** An automatic snapshot is taken at most this often (and only when the log has changed). */
export const SNAPSHOT_INTERVAL_MILLIS = 4 * 3_600_000;

export interface SnapshotRequest {
	nowMillis: number;
	/** Today's study day (the retention rule counts days). */
	day: number;
	appVersion: string;
}

/**
 * Stores the whole collection, in the export format and gzip-compressed, then drops the snapshots the
 * retention rule no longer keeps. Reading and compressing happen outside the write transaction
 * (IndexedDB transactions cannot wait on other work); the snapshot is the log as it was read.
 */
export async function takeSnapshot(db: PaperdeckDatabase, request: SnapshotRequest & { reason: SnapshotReason }): Promise<SnapshotRow> {
	const backup = await exportBackup(db, request.appVersion, request.nowMillis);
	const gzip = await gzipText(serializeBackup(backup));
	const row: SnapshotRow = {
		takenAtMillis: request.nowMillis,
		day: request.day,
		reason: request.reason,
		eventCount: backup.events.length,
		lastEventMillis: backup.events.at(-1)?.atMillis ?? 0,
		sizeBytes: gzip.byteLength
	};
	return db.transaction('rw', db.snapshots, db.snapshotData, async () => {
		const id = await db.snapshots.add(row);
		await db.snapshotData.add({ id, gzip });
		const all = (await db.snapshots.toArray()) as (SnapshotRow & { id: number })[];
		const keep = snapshotsToKeep(all, request.day);
		const drop = all.filter((s) => !keep.has(s.id)).map((s) => s.id);
		await Promise.all([db.snapshots.bulkDelete(drop), db.snapshotData.bulkDelete(drop)]);
		return { ...row, id };
	});
}

/**
 * The automatic snapshot: taken when the log has changed since the newest snapshot and that one is
 * at least four hours old. Returns null when none was needed (the usual case: two key reads).
 */
export async function takeAutoSnapshot(db: PaperdeckDatabase, request: SnapshotRequest): Promise<SnapshotRow | null> {
	const [newest, events] = await Promise.all([db.snapshots.orderBy('takenAtMillis').last(), db.events.count()]);
	if (events === 0) return null;
	// The log only grows, so an equal count means an equal log.
	if (newest && (newest.eventCount === events || request.nowMillis - newest.takenAtMillis < SNAPSHOT_INTERVAL_MILLIS)) return null;
	return takeSnapshot(db, { ...request, reason: 'auto' });
}

/** Every snapshot, newest first, without their content. */
export async function listSnapshots(db: PaperdeckDatabase): Promise<SnapshotRow[]> {
	return db.snapshots.orderBy('takenAtMillis').reverse().toArray();
}

/** A snapshot's content: the text of a backup file (so it can be downloaded or imported as one). */
export async function snapshotText(db: PaperdeckDatabase, id: number): Promise<string> {
	const data = await db.snapshotData.get(id);
	if (!data) throw new Error('This snapshot is no longer stored.');
	return gunzipText(data.gzip);
}
