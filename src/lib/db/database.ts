/**
 * The IndexedDB schema. Dexie's rule: every `version()` ever shipped stays declared, in order, and a
 * change is a new version with an upgrade tested in tests/unit/dbMigrations.test.ts.
 */
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { SettingsEvent } from '../core/settingsEvent.ts';
import type { SnapshotInfo } from '../core/snapshotRetention.ts';
import { changeFeedMiddleware, type ChangeRow } from './changeFeed.ts';
import type { CardEvent, CardState } from '../core/types.ts';

/**
 * Which queue a card is in, derived from its state and deck membership. Part of two compound
 * indexes, so "what is due" and "what is new next" are index range queries with a limit.
 */
export type QueueName = 'new' | 'learning' | 'review' | 'suspended' | 'retired';

/** The derived card-state cache: a `CardState` plus the fields its indexes need. */
export interface StateRow extends CardState {
	paperId: string;
	queue: QueueName;
	/** When the card may next be shown: its due time, or the end of a burial if later. */
	availableMillis: number;
	/** Position among new cards in the chosen study order. */
	newRank: number;
}

/** A deck card as the app shows it (written by deck reconciliation). */
export interface CardRow {
	id: string;
	paperId: string;
	paperShort: string;
	type: 'basic' | 'cloze';
	promptHtml: string;
	answerHtml: string;
	noteHtml: string;
	hash: string;
	/** 1 when the card left the deck: its history is kept, it is never shown. */
	retired: 0 | 1;
	/** 1 for a card the user wrote (ownContentStore.ts); deck reconciliation leaves it alone. */
	own?: 1;
	/** 1 when the fields above show the user's wording of a deck card; `original` keeps the deck's. */
	edited?: 1;
	original?: { type: 'basic' | 'cloze'; promptHtml: string; answerHtml: string; noteHtml: string };
}

export interface MetaRow {
	key: string;
	value: unknown;
}

/**
 * An automatic local copy of the collection: what it holds, listed without loading the copy itself
 * (which lives in `snapshotData`, so listing a dozen snapshots never reads megabytes).
 */
export interface SnapshotRow extends Omit<SnapshotInfo, 'id'> {
	id?: number;
	eventCount: number;
	/** The newest event's time (0 for an empty log). */
	lastEventMillis: number;
	/** Size of the stored (gzip) copy. */
	sizeBytes: number;
}

/** A snapshot's content: a backup file (the export format), gzip-compressed. */
export interface SnapshotDataRow {
	id: number;
	gzip: Uint8Array;
}

/**
 * A translation of one deck card (`kind: 'card'`, `id` the card id) or one paper summary (`kind:
 * 'paper'`, `id` the paper id), as compiled into `/deck.<lang>.json`: the build's trusted HTML, like
 * `CardRow`'s. Written only by `storeTranslation`, which replaces a language's rows as a whole.
 */
export interface TranslationRow {
	lang: string;
	kind: 'card' | 'paper';
	id: string;
	/** A card's fields. */
	promptHtml?: string;
	answerHtml?: string;
	noteHtml?: string;
	/** A paper's summary. */
	summaryHtml?: string;
	/** Plain text, for search. */
	text: string;
}

/**
 * Every schema ever shipped, by version. Each version lists only the tables it adds or changes;
 * tests/unit/dbMigrations.test.ts opens a database at every older version and upgrades it.
 */
export const SCHEMAS = {
	1: {
		events: 'id, cardId, atMillis',
		states: 'cardId, [queue+availableMillis], [queue+newRank], introducedMillis, paperId',
		cards: 'id, paperId',
		meta: 'key'
	},
	// Automatic snapshots. New tables only: existing data needs no upgrade.
	2: {
		snapshots: '++id, takenAtMillis',
		snapshotData: 'id'
	},
	// The deck's translated text, downloaded on demand (issue 21). A new table: nothing to upgrade.
	3: {
		translations: '[lang+kind+id]'
	},
	// Sync: settings events (the log's settings that converge across devices) and this device's change
	// feed (see changeFeed.ts), and the device's own sync state. The upgrade feeds the existing log and records the stored settings.
	4: {
		settingsLog: 'id, atMillis',
		changes: '++seq',
		sync: 'key'
	}
} as const;

export class PaperdeckDatabase extends Dexie {
	events!: EntityTable<CardEvent, 'id'>;
	states!: EntityTable<StateRow, 'cardId'>;
	cards!: EntityTable<CardRow, 'id'>;
	meta!: EntityTable<MetaRow, 'key'>;
	snapshots!: EntityTable<SnapshotRow, 'id'>;
	snapshotData!: EntityTable<SnapshotDataRow, 'id'>;
	translations!: Dexie.Table<TranslationRow, [string, string, string]>;
	settingsLog!: EntityTable<SettingsEvent, 'id'>;
	changes!: EntityTable<ChangeRow, 'seq'>;
	/** This device's sync state (account, checkpoints, last report): never exported, never watched. */
	sync!: EntityTable<MetaRow, 'key'>;

	constructor(name = 'paperdeck') {
		super(name);
		this.version(1).stores(SCHEMAS[1]);
		this.version(2).stores(SCHEMAS[2]);
		this.version(3).stores(SCHEMAS[3]);
		this.version(4).stores(SCHEMAS[4]).upgrade(upgradeToVersion4);
		this.use(changeFeedMiddleware);
	}
}

/** The `meta` row asking for the stored settings to be recorded as a settings event (see `logStoredSettings`). */
export const SETTINGS_TO_LOG_KEY = 'settingsToLog';

/**
 * Version 4: every event already in the log enters the change feed (so a first sync pushes it), and
 * settings stored before are marked for recording as a settings event stamped now (done by
 * `logStoredSettings` before anything reads the log's settings: a sync, a backup, a settings change),
 * so they reach the user's other devices (and the latest change made anywhere wins). The recording
 * lives outside this start-up module to keep it small.
 */
async function upgradeToVersion4(tx: Transaction): Promise<void> {
	const ids = (await tx.table('events').toCollection().primaryKeys()) as string[];
	await tx.table('changes').bulkAdd(ids.map((id) => ({ id, table: 'events' })));
	if (await tx.table('meta').get('settings')) await tx.table('meta').put({ key: SETTINGS_TO_LOG_KEY, value: Date.now() });
}
