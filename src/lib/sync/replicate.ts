/**
 * The replication client: CouchDB's replication protocol, both ways, between this device's log
 * (Dexie, the only local store) and one CouchDB database. Each direction keeps a checkpoint per
 * source/target pair on both sides, reads the source's changes in batches, asks the target which
 * revisions it lacks (`_revs_diff`), copies only those (`_bulk_get`/`_bulk_docs`), then checkpoints.
 * Stopping anywhere loses nothing: the next run resumes from the last checkpoint both sides agree
 * on, and re-sending an event is a no-op on either side.
 */
import { hashString } from '../core/hashString.ts';
import { advanceCheckpoint, agreedSeq, type Checkpoint, type Seq } from '../core/sync/checkpoint.ts';
import { toDocument } from '../core/sync/eventDocument.ts';
import type { PaperdeckDatabase } from '../db/database.ts';
import { applyPulled, localChanges, localCheckpoint, localDeviceId, localRevisions, saveLocalCheckpoint } from '../db/syncStore.ts';
import type { CouchDatabase } from './couchDatabase.ts';

export interface SyncReport {
	received: number;
	sent: number;
	/** Documents on the server that are not Paperdeck events (ignored). */
	invalid: number;
	/** Ids the server holds for a different event than this device (this device's kept). */
	collisions: string[];
	settingsChanged: boolean;
	/** New-card order changed: the caller reranks new cards (needs the deck). */
	reorder: boolean;
	/** Cards whose history the pull changed. */
	cards: number;
}

export interface ReplicateOptions {
	batchSize?: number;
	now?: () => number;
	/** Called after every applied batch (for progress). */
	onBatch?: (report: SyncReport) => void;
}

export interface ReplicationIds {
	pull: string;
	push: string;
}

/** The two replication ids of this device and this database, stable across runs. */
export async function replicationIds(db: PaperdeckDatabase, url: string): Promise<ReplicationIds> {
	const device = await localDeviceId(db);
	const id = (direction: string) => `paperdeck-${direction}-${hashString(`${device}|${url}`)}${hashString(`${url}|${device}`, 7)}`;
	return { pull: id('pull'), push: id('push') };
}

function newSession(): string {
	return crypto.randomUUID();
}

export function emptyReport(): SyncReport {
	return { received: 0, sent: 0, invalid: 0, collisions: [], settingsChanged: false, reorder: false, cards: 0 };
}

/** Pulls everything new from the server, then pushes everything new from here. */
export async function replicate(db: PaperdeckDatabase, remote: CouchDatabase, options: ReplicateOptions = {}): Promise<SyncReport> {
	const report = emptyReport();
	const ids = await replicationIds(db, remote.url);
	await pull(db, remote, ids.pull, report, options);
	await push(db, remote, ids.push, report, options);
	return report;
}

async function startingPoint(db: PaperdeckDatabase, remote: CouchDatabase, id: string) {
	const [local, theirs] = await Promise.all([localCheckpoint(db, id), remote.getCheckpoint(id)]);
	return { since: agreedSeq(local, theirs), local, rev: theirs?._rev };
}

export async function pull(db: PaperdeckDatabase, remote: CouchDatabase, id: string, report: SyncReport, options: ReplicateOptions): Promise<void> {
	const batch = options.batchSize ?? 500;
	const now = options.now ?? Date.now;
	const session = newSession();
	let { since, local, rev } = await startingPoint(db, remote, id);
	for (;;) {
		const { results, last_seq } = await remote.changes(since, batch);
		if (results.length === 0) break;
		const live = results.filter((r) => !r.deleted && !r.id.startsWith('_local/'));
		const mine = await localRevisions(
			db,
			live.map((r) => r.id)
		);
		// Only revisions this device lacks are fetched: an event it holds has the same derived revision.
		const refs = live.flatMap((r) => r.changes.filter((c) => mine.get(r.id) !== c.rev).map((c) => ({ id: r.id, rev: c.rev })));
		const docs = await remote.getDocs(refs);
		const checkpoint: Checkpoint = advanceCheckpoint(local, session, last_seq);
		const outcome = await applyPulled(db, docs, now(), { replicationId: id, checkpoint });
		local = checkpoint;
		rev = await remote.putCheckpoint(id, checkpoint, rev);
		report.received += outcome.received;
		report.invalid += outcome.invalid.length;
		report.collisions.push(...outcome.collisions);
		report.settingsChanged ||= outcome.settingsChanged;
		report.reorder ||= outcome.reorder;
		report.cards += outcome.cards;
		options.onBatch?.(report);
		since = last_seq;
		if (results.length < batch) break;
	}
}

export async function push(db: PaperdeckDatabase, remote: CouchDatabase, id: string, report: SyncReport, options: ReplicateOptions): Promise<void> {
	const batch = options.batchSize ?? 500;
	const session = newSession();
	const start = await startingPoint(db, remote, id);
	let since: Seq = Number(start.since) || 0;
	let { local, rev } = start;
	for (;;) {
		const { lastSeq, events } = await localChanges(db, Number(since), batch);
		if (lastSeq === since) break;
		const docs = events.map(toDocument);
		const diff = await remote.revsDiff(Object.fromEntries(docs.map((d) => [d._id, [d._rev]])));
		const missing = docs.filter((d) => diff[d._id]?.missing.includes(d._rev));
		await remote.bulkDocs(missing);
		const checkpoint = advanceCheckpoint(local, session, lastSeq);
		rev = await remote.putCheckpoint(id, checkpoint, rev);
		await saveLocalCheckpoint(db, id, checkpoint);
		local = checkpoint;
		report.sent += missing.length;
		options.onBatch?.(report);
		since = lastSeq;
	}
}

/** The push checkpoint's sequence on this device (what `pendingChanges` counts from). */
export async function pushedSeq(db: PaperdeckDatabase, url: string): Promise<number> {
	const { push: id } = await replicationIds(db, url);
	return Number((await localCheckpoint(db, id))?.source_last_seq ?? 0) || 0;
}
