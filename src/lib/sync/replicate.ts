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
import { logStoredSettings } from '../db/settingsLog.ts';
import { settleHere } from './settleHere.ts';
import { applyPulled, KnownIds, localChanges, localCheckpoint, localDeviceId, localRevisions, saveLocalCheckpoint } from '../db/syncStore.ts';
import type { ChangeRow, CouchDatabase } from './couchDatabase.ts';

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
	/** Where the time went, by phase, in milliseconds (for the status page's diagnostics and benchmarks). */
	millis: Record<string, number>;
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
	return { received: 0, sent: 0, invalid: 0, collisions: [], settingsChanged: false, reorder: false, cards: 0, millis: {} };
}

/** Runs `work`, adding its duration to the report's phase `name`. */
async function phase<T>(report: SyncReport, name: string, work: () => Promise<T>): Promise<T> {
	const start = performance.now();
	try {
		return await work();
	} finally {
		report.millis[name] = (report.millis[name] ?? 0) + (performance.now() - start);
	}
}

/** Pulls everything new from the server, then pushes everything new from here. */
export async function replicate(db: PaperdeckDatabase, remote: CouchDatabase, options: ReplicateOptions = {}): Promise<SyncReport> {
	const report = emptyReport();
	await logStoredSettings(db);
	const ids = await replicationIds(db, remote.url);
	await pull(db, remote, ids.pull, report, options);
	await push(db, remote, ids.push, report, options);
	return report;
}

async function startingPoint(db: PaperdeckDatabase, remote: CouchDatabase, id: string) {
	const [local, theirs] = await Promise.all([localCheckpoint(db, id), remote.getCheckpoint(id)]);
	return { since: agreedSeq(local, theirs), local, rev: theirs?._rev };
}

/** Changes per request. CouchDB's own replicator asks for 500; bigger batches here mean fewer requests, write transactions and checkpoints (a first sync of 100,000 events is 50 rounds). */
export const BATCH = 2000;

interface PulledBatch {
	results: ChangeRow[];
	last_seq: Seq;
	/** Bodies of the documents to apply (some may be events this device holds: applying them is a no-op). */
	docs: unknown[];
	/** Live (not deleted) changes in the batch. */
	live: number;
	/** Revisions this device was found to lack (counted only when bodies were not inlined). */
	lacking: number | null;
}

/**
 * Pulls the server's changes into the log, batch by batch, each batch applied with its checkpoint in
 * one transaction. The next batch is requested while the current one is written, so the network and
 * IndexedDB work at the same time. A batch of mostly new events asks for the bodies with the changes
 * (`include_docs`: one request instead of `_changes` + `_revs_diff`-style check + `_bulk_get`); once
 * batches are mostly events this device holds (its own, sent earlier), it asks for revisions only and
 * fetches just the missing ones with `_bulk_get`, as CouchDB's replicator does.
 */
export async function pull(db: PaperdeckDatabase, remote: CouchDatabase, id: string, report: SyncReport, options: ReplicateOptions): Promise<void> {
	const batch = options.batchSize ?? BATCH;
	const now = options.now ?? Date.now;
	const session = newSession();
	const known = new KnownIds(db);
	const start = await startingPoint(db, remote, id);
	let { local, rev } = start;
	let withDocs = true;

	const fetchBatch = async (from: Seq, inline: boolean): Promise<PulledBatch> => {
		const { results, last_seq } = await phase(report, 'pull.changes', () => remote.changes(from, batch, inline));
		const live = results.filter((r) => !r.deleted && !r.id.startsWith('_local/'));
		const docs: unknown[] = [];
		let ask = live;
		if (inline) {
			// A body came with its change when the document has one revision (events never have more).
			ask = [];
			for (const r of live) {
				const doc = r.doc as { _rev?: unknown } | undefined;
				if (doc && r.changes.length === 1 && doc._rev === r.changes[0]!.rev) docs.push(doc);
				else ask.push(r);
			}
		}
		let lacking: number | null = null;
		if (ask.length > 0) {
			const mine = await phase(report, 'pull.localRevisions', () =>
				localRevisions(
					db,
					ask.map((r) => r.id),
					known
				)
			);
			// Only revisions this device lacks are fetched: an event it holds has the same derived revision.
			const refs = ask.flatMap((r) => r.changes.filter((c) => mine.get(r.id) !== c.rev).map((c) => ({ id: r.id, rev: c.rev })));
			if (!inline) lacking = refs.length;
			docs.push(...(await phase(report, 'pull.getDocs', () => remote.getDocs(refs))));
		}
		return { results, last_seq, docs, live: live.length, lacking };
	};

	let next: Promise<PulledBatch> | null = fetchBatch(start.since, withDocs);
	try {
		await pullBatches();
	} catch (e) {
		// What arrived before the failure is in the log: its cards' states follow it now (or, if that
		// fails too, at the next start or sync).
		await settleHere(db).catch(() => {});
		throw e;
	}
	await phase(report, 'pull.settle', () => settleHere(db));

	async function pullBatches(): Promise<void> {
		while (next) {
			const current: PulledBatch = await phase(report, 'pull.wait', () => next!);
			next = null;
			if (current.results.length === 0) break;
			if (current.results.length >= batch) {
				next = fetchBatch(current.last_seq, withDocs);
				// Awaited in the next round; if this round fails first, its failure is the one reported.
				next.catch(() => {});
			}
			const checkpoint: Checkpoint = advanceCheckpoint(local, session, current.last_seq);
			const outcome = await phase(report, 'pull.apply', () => applyPulled(db, current.docs, now(), { replicationId: id, checkpoint }, known));
			local = checkpoint;
			rev = await phase(report, 'pull.checkpoint', () => remote.putCheckpoint(id, checkpoint, rev));
			report.received += outcome.received;
			report.invalid += outcome.invalid.length;
			report.collisions.push(...outcome.collisions);
			report.settingsChanged ||= outcome.settingsChanged;
			report.reorder ||= outcome.reorder;
			report.cards += outcome.cards;
			for (const [step, ms] of Object.entries(outcome.millis)) report.millis[`pull.apply.${step}`] = (report.millis[`pull.apply.${step}`] ?? 0) + ms;
			options.onBatch?.(report);
			// Bodies are worth inlining while most of what arrives is new here.
			const lacking = current.lacking ?? outcome.received + outcome.invalid.length;
			withDocs = lacking * 2 >= current.live;
		}
	}
}

export async function push(db: PaperdeckDatabase, remote: CouchDatabase, id: string, report: SyncReport, options: ReplicateOptions): Promise<void> {
	const batch = options.batchSize ?? BATCH;
	const session = newSession();
	const start = await startingPoint(db, remote, id);
	let since: Seq = Number(start.since) || 0;
	let { local, rev } = start;
	for (;;) {
		const { lastSeq, events } = await phase(report, 'push.localChanges', () => localChanges(db, Number(since), batch));
		if (lastSeq === since) break;
		const docs = events.map(toDocument);
		const diff = await phase(report, 'push.revsDiff', () => remote.revsDiff(Object.fromEntries(docs.map((d) => [d._id, [d._rev]]))));
		const missing = docs.filter((d) => diff[d._id]?.missing.includes(d._rev));
		await phase(report, 'push.bulkDocs', () => remote.bulkDocs(missing));
		const checkpoint = advanceCheckpoint(local, session, lastSeq);
		rev = await phase(report, 'push.checkpoint', () => remote.putCheckpoint(id, checkpoint, rev));
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
