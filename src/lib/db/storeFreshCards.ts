/**
 * A first visit's deck import, written with IndexedDB itself (no Dexie) so that the Web Worker doing
 * it stays a few kilobytes (src/lib/workers/deckWorker.ts): the rows are exactly those
 * `reconcileDeck` writes for a card the collection has never seen (its text and a new card's state).
 * The tables' layout is Dexie's (database.ts): one object store per table, the key in the row.
 */
import { newCardState } from '../core/newCardState.ts';
import type { CompiledCard, DeckPaper } from '../deck/deckTypes.ts';
import type { CardRow, MetaRow, StateRow } from './database.ts';
import { toStateRow } from './stateRow.ts';

export interface FreshRows {
	cards: CardRow[];
	states: StateRow[];
}

/** The rows of cards new to the collection, ranked among new cards by `ranks` (newCardRanks). */
export function freshRows(papers: readonly DeckPaper[], cards: readonly CompiledCard[], ranks: ReadonlyMap<string, number>): FreshRows {
	const shortById = new Map(papers.map((p) => [p.id, p.short]));
	return {
		cards: cards.map((c) => ({
			id: c.id,
			paperId: c.paperId,
			paperShort: shortById.get(c.paperId) ?? c.paperId,
			type: c.type,
			promptHtml: c.promptHtml,
			answerHtml: c.answerHtml,
			noteHtml: c.noteHtml,
			hash: c.hash,
			retired: 0
		})),
		states: cards.map((c) => toStateRow(newCardState(c.id), { paperId: c.paperId, newRank: ranks.get(c.id) ?? Number.MAX_SAFE_INTEGER, retired: false }))
	};
}

/**
 * Stores `rows` in one transaction, leaving alone every card that already has a state (a card
 * reviewed meanwhile keeps what the review wrote), and then the `meta` rows. With `onlyIntoEmpty`,
 * stores nothing and resolves false when the collection has any state or event: that is not a
 * first visit, and the full reconciliation must run instead.
 */
export function storeFreshCards(db: IDBDatabase, rows: FreshRows, options: { onlyIntoEmpty: boolean; meta?: MetaRow[] }): Promise<boolean> {
	return new Promise((resolve, reject) => {
		const tx = db.transaction(['cards', 'states', 'events', 'meta'], 'readwrite');
		const states = tx.objectStore('states');
		let stored = true;
		tx.oncomplete = () => resolve(stored);
		tx.onerror = () => reject(tx.error ?? new Error('The deck import failed'));
		tx.onabort = () => (stored ? reject(tx.error ?? new Error('The deck import was aborted')) : resolve(false));
		const write = () => {
			const known = states.getAllKeys();
			known.onsuccess = () => {
				const have = new Set(known.result as string[]);
				const cards = tx.objectStore('cards');
				rows.cards.forEach((card, i) => {
					if (have.has(card.id)) return;
					cards.put(card);
					states.put(rows.states[i]!);
				});
				for (const m of options.meta ?? []) tx.objectStore('meta').put(m);
			};
		};
		if (!options.onlyIntoEmpty) return write();
		const stateCount = states.count();
		const eventCount = tx.objectStore('events').count();
		eventCount.onsuccess = () => {
			if (stateCount.result > 0 || eventCount.result > 0) {
				stored = false;
				tx.abort();
			} else write();
		};
	});
}

/** Opens an existing database at its current version; never creates or upgrades one (Dexie does). */
export function openExistingDatabase(name: string, factory: IDBFactory = indexedDB): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const req = factory.open(name);
		req.onupgradeneeded = () => req.transaction!.abort();
		req.onsuccess = () => {
			const db = req.result;
			// Another tab upgrading the schema must not wait for this import: step aside.
			db.onversionchange = () => db.close();
			resolve(db);
		};
		req.onerror = () => reject(req.error ?? new Error(`Could not open ${name}`));
	});
}
