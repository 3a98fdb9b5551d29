/**
 * The IndexedDB schema. Dexie's rule: every `version()` ever shipped stays declared, in order, and a
 * change is a new version with an upgrade tested in tests/unit/dbMigrations.test.ts.
 */
import Dexie, { type EntityTable } from 'dexie';
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
}

export interface MetaRow {
	key: string;
	value: unknown;
}

export class PaperdeckDatabase extends Dexie {
	events!: EntityTable<CardEvent, 'id'>;
	states!: EntityTable<StateRow, 'cardId'>;
	cards!: EntityTable<CardRow, 'id'>;
	meta!: EntityTable<MetaRow, 'key'>;

	constructor(name = 'paperdeck') {
		super(name);
		this.version(1).stores({
			events: 'id, cardId, atMillis',
			states: 'cardId, [queue+availableMillis], [queue+newRank], introducedMillis, paperId',
			cards: 'id, paperId',
			meta: 'key'
		});
	}
}
