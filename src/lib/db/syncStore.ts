/**
 * The local side of replication: this device's id, its checkpoints, its change feed read as a
 * CouchDB source's `_changes`, and pulled documents applied as a target's `_bulk_docs` would be,
 * with the checkpoint written in the same transaction as the events it covers.
 */
import type { Checkpoint } from '../core/sync/checkpoint.ts';
import { eventRevision, readDocument, type LogEvent } from '../core/sync/eventDocument.ts';
import type { SettingsEvent } from '../core/settingsEvent.ts';
import type { CardEvent } from '../core/types.ts';
import { sameEvent } from '../core/validateBackup.ts';
import Dexie from 'dexie';
import { leaveOutOfFeed } from './changeFeed.ts';
import type { PaperdeckDatabase } from './database.ts';
import { mergeSettingsEvents } from './mergeSettingsEvents.ts';
import { markUnsettled } from './settlePulledCards.ts';
import { isContentEvent, type ContentEvent } from '../core/contentEvents.ts';
import { hasMath } from '../core/foldOwnContent.ts';
import { OWN_CONTENT_KEY } from './ownContentStore.ts';
import { adoptLogSettings } from './settingsLog.ts';
import { schedulerKey } from './settingsStore.ts';
import { storedEvents } from './storedEvents.ts';

const DEVICE_KEY = 'deviceId';

/** A random id for this device's copy of the log, part of every replication id. */
export async function localDeviceId(db: PaperdeckDatabase): Promise<string> {
	return db.transaction('rw', db.sync, async () => {
		const row = await db.sync.get(DEVICE_KEY);
		if (typeof row?.value === 'string') return row.value;
		const id = crypto.randomUUID();
		await db.sync.put({ key: DEVICE_KEY, value: id });
		return id;
	});
}

export async function readSyncValue<T>(db: PaperdeckDatabase, key: string): Promise<T | undefined> {
	return (await db.sync.get(key))?.value as T | undefined;
}

export async function writeSyncValue(db: PaperdeckDatabase, key: string, value: unknown): Promise<void> {
	await db.sync.put({ key, value: structuredClone(value) });
}

const checkpointKey = (replicationId: string) => `checkpoint:${replicationId}`;

export async function localCheckpoint(db: PaperdeckDatabase, replicationId: string): Promise<Checkpoint | null> {
	return (await readSyncValue<Checkpoint>(db, checkpointKey(replicationId))) ?? null;
}

export async function saveLocalCheckpoint(db: PaperdeckDatabase, replicationId: string, checkpoint: Checkpoint): Promise<void> {
	await writeSyncValue(db, checkpointKey(replicationId), checkpoint);
}

/** Forgets every checkpoint (on disconnect): a later connection starts by comparing everything again. */
export async function clearSyncState(db: PaperdeckDatabase, keep: readonly string[]): Promise<void> {
	await db.sync.filter((r) => !keep.includes(r.key)).delete();
}

/** The change feed after `since`: up to `limit` rows and the events they name (deduplicated; gone ones skipped). */
export async function localChanges(db: PaperdeckDatabase, since: number, limit: number): Promise<{ lastSeq: number; events: LogEvent[] }> {
	return db.transaction('r', [db.changes, db.events, db.settingsLog], async () => {
		const rows = await db.changes.where('seq').above(since).limit(limit).toArray();
		if (rows.length === 0) return { lastSeq: since, events: [] };
		const ids = (table: string) => [...new Set(rows.filter((r) => r.table === table).map((r) => r.id))];
		const [cards, settings] = await Promise.all([db.events.bulkGet(ids('events')), db.settingsLog.bulkGet(ids('settingsLog'))]);
		const events = [...cards, ...settings].filter((e): e is LogEvent => !!e);
		return { lastSeq: rows.at(-1)!.seq!, events };
	});
}

/** How many change-feed entries come after `since` (local events not yet pushed). */
export async function pendingChanges(db: PaperdeckDatabase, since: number): Promise<number> {
	return db.changes.where('seq').above(since).count();
}

/** Above this many ids, one read of every key beats a read per id (see storedEvents.ts). */
const LOOKUPS = 1000;
/** Events per `bulkAdd`: one per batch of the pull (each clone is small; fewer round trips to IndexedDB). */
const ADD_SLICE = 2000;

/**
 * Which card events this device holds, for one pull: answered by a read per id while the questions
 * are small (a day's sync), and from every key read once (then kept up to date by the pull itself)
 * once a batch is large (a first sync), so a 100,000-event pull does not read 100,000 absent ids.
 * Another tab can only add events with fresh random ids meanwhile; an import that races a pull and
 * adds the very same ids makes the pull's write fail (and the next sync resume), never doubles them.
 */
export class KnownIds {
	readonly #db: PaperdeckDatabase;
	#all: Set<string> | null = null;

	constructor(db: PaperdeckDatabase) {
		this.#db = db;
	}

	/** The ids among `ids` that the log holds, or null when they must be looked up one by one. Call inside a transaction on `events`. */
	async held(ids: readonly string[]): Promise<ReadonlySet<string> | null> {
		if (!this.#all && ids.length > LOOKUPS) this.#all = new Set((await this.#db.events.toCollection().primaryKeys()) as string[]);
		return this.#all ? new Set(ids.filter((id) => this.#all!.has(id))) : null;
	}

	/** The ids are in the log now. */
	add(ids: Iterable<string>): void {
		if (this.#all) for (const id of ids) this.#all.add(id);
	}

	/** Whether `id` is certainly absent (false when unknown). */
	absent(id: string): boolean {
		return !!this.#all && !this.#all.has(id);
	}
}

/** For each id, the revision of the event this device holds (undefined where it has none). */
export async function localRevisions(db: PaperdeckDatabase, ids: readonly string[], known?: KnownIds): Promise<Map<string, string>> {
	const lookup = known ? ids.filter((id) => !known.absent(id)) : ids;
	const revs = new Map<string, string>();
	if (lookup.length === 0) return revs;
	return db.transaction('r', db.events, db.settingsLog, async () => {
		const [cards, settings] = await Promise.all([storedEvents(db, lookup), db.settingsLog.bulkGet(lookup as string[])]);
		lookup.forEach((id, i) => {
			const e = cards[i] ?? settings[i];
			if (e) revs.set(id, eventRevision(e));
		});
		return revs;
	});
}

export interface PullOutcome {
	/** Events this device did not have. */
	received: number;
	/** Documents that are not Paperdeck events (skipped, never imported). */
	invalid: { id: string; reason: string }[];
	/** Ids naming a different event here (the local one is kept). */
	collisions: string[];
	/** The settings in force changed. */
	settingsChanged: boolean;
	/** The new-card order changed: card ranks need the deck (the caller reorders). */
	reorder: boolean;
	/** Cards whose history changed. */
	cards: number;
	/** Time by step (milliseconds): validation, the write transaction's parts. */
	millis: Record<string, number>;
}

/**
 * Applies pulled documents in one transaction with the pull checkpoint: each is checked as a backup's
 * events are; new events join the log (a set union by id) and their cards are marked for replay at the
 * end of the pull (`settlePulledCards`); settings events join too and the latest is adopted (every
 * card is then replayed, if it changes scheduling).
 * Invalid documents and id collisions are counted, and the rest of the batch still applies.
 */
export async function applyPulled(
	db: PaperdeckDatabase,
	docs: readonly unknown[],
	nowMillis: number,
	checkpoint: { replicationId: string; checkpoint: Checkpoint },
	known?: KnownIds
): Promise<PullOutcome> {
	const millis: Record<string, number> = {};
	let clock = performance.now();
	const lap = (step: string) => {
		const t = performance.now();
		millis[step] = (millis[step] ?? 0) + (t - clock);
		clock = t;
	};
	const cardEvents: CardEvent[] = [];
	const settingsEvents: SettingsEvent[] = [];
	const invalid: PullOutcome['invalid'] = [];
	for (const doc of docs) {
		const read = readDocument(doc, nowMillis);
		if (read.kind === 'card') cardEvents.push(read.event);
		else if (read.kind === 'settings') settingsEvents.push(read.event);
		else invalid.push({ id: read.id, reason: read.reason });
	}
	lap('validate');
	const outcome = await db.transaction('rw', [db.events, db.meta, db.settingsLog, db.sync], async () => {
		lap('open');
		// What comes from the server need not go back to it: these writes stay out of the change feed.
		leaveOutOfFeed(Dexie.currentTransaction);
		const ids = cardEvents.map((e) => e.id);
		const held = known ? await known.held(ids) : null;
		const lookup = held ? ids.filter((id) => held.has(id)) : ids;
		const found = await storedEvents(db, lookup);
		const stored = new Map(lookup.map((id, i) => [id, found[i]]));
		const fresh = new Map<string, CardEvent>();
		const collisions: string[] = [];
		for (const e of cardEvents) {
			const mine = stored.get(e.id) ?? fresh.get(e.id);
			if (!mine) fresh.set(e.id, e);
			else if (!sameEvent(mine, e)) collisions.push(e.id);
		}
		lap('known');
		const settingsMerge = await mergeSettingsEvents(db, settingsEvents);
		collisions.push(...settingsMerge.collisions);
		// The settings in force change only when settings events arrive.
		const adopted = settingsMerge.added > 0 ? await adoptLogSettings(db) : null;
		lap('settings');
		const added = [...fresh.values()];
		// IndexedDB clones every added value synchronously: slices keep the page responsive between them.
		for (let i = 0; i < added.length; i += ADD_SLICE) await db.events.bulkAdd(added.slice(i, i + ADD_SLICE));
		known?.add(fresh.keys());
		const rescheduled = !!adopted && schedulerKey(adopted.before.scheduler) !== schedulerKey(adopted.after.scheduler);
		const content = await pulledContent(db, added);
		if (added.length > 0 || rescheduled) await markUnsettled(db, new Set(added.map((e) => e.cardId)), rescheduled, content);
		lap('add');
		await saveLocalCheckpoint(db, checkpoint.replicationId, checkpoint.checkpoint);
		lap('checkpoint');
		return {
			received: added.length + settingsMerge.added,
			invalid,
			collisions,
			settingsChanged: !!adopted && JSON.stringify(adopted.before) !== JSON.stringify(adopted.after),
			reorder:
				!!adopted &&
				(adopted.before.selection.newCardOrder !== adopted.after.selection.newCardOrder ||
					adopted.before.selection.randomSeed !== adopted.after.selection.randomSeed),
			cards: new Set(added.map((e) => e.cardId)).size,
			millis
		};
	});
	lap('commit');
	return outcome;
}

function contentEventTexts(e: ContentEvent): string[] {
	if (e.type === 'cardSet') return [e.prompt, e.answer, e.note];
	if (e.type === 'paperSet') return [e.summary];
	return [];
}

/**
 * Whether pulled events change the user's own content (issue 19): content events, or undos of
 * content events (here or among them). Then the settle rebuilds the content caches; `math` says
 * whether the renderer needs KaTeX. Call inside the batch's transaction (it reads `meta`).
 */
async function pulledContent(db: PaperdeckDatabase, added: readonly CardEvent[]): Promise<{ math: boolean } | null> {
	const fresh = added.filter((e): e is CardEvent & ContentEvent => isContentEvent(e));
	const undos = added.filter((e) => e.type === 'undo');
	if (fresh.length === 0 && undos.length === 0) return null;
	const log = (((await db.meta.get(OWN_CONTENT_KEY))?.value as { events?: CardEvent[] } | undefined)?.events ?? []) as CardEvent[];
	const targets = new Set([...log, ...fresh].map((e) => e.id));
	// An undo of an undo of content is rare but legal: follow the chain within the batch.
	let grew = true;
	let touched = fresh.length > 0;
	while (grew) {
		grew = false;
		for (const u of undos) {
			if (u.type === 'undo' && targets.has(u.targetId) && !targets.has(u.id)) {
				targets.add(u.id);
				touched = grew = true;
			}
		}
	}
	if (!touched) return null;
	const texts = [...log, ...fresh].filter((e): e is CardEvent & ContentEvent => isContentEvent(e)).flatMap(contentEventTexts);
	return { math: hasMath(texts) };
}
