/// <reference lib="webworker" />
/**
 * The Web Worker of a first visit's deck import: it fetches the deck, stores the first cards in study
 * order (a first session can begin), then the rest, so the page's main thread never parses the deck
 * or writes its thousands of rows. It opens the database itself, with IndexedDB alone: Dexie in here
 * would double the JavaScript of a first visit. Anything but an empty collection is left to the
 * page's full reconciliation (`not-fresh`).
 */
import { fetchDeckHead, fetchDeckRest } from '../deck/fetchDeck.ts';
import type { MetaRow } from '../db/database.ts';
import { freshRows, openExistingDatabase, storeFreshCards } from '../db/storeFreshCards.ts';

export interface DeckImportRequest {
	dbName: string;
	/** The meta keys under which a reconciliation records the deck's version and its papers' topics. */
	metaKeys: { deckVersion: string; paperTopics: string };
	/** Meta rows written as they are, with the last cards (the scheduler key). */
	meta: MetaRow[];
}

export type DeckImportMessage = { type: 'first-cards' } | { type: 'done' } | { type: 'not-fresh' } | { type: 'error'; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: DeckImportMessage) => scope.postMessage(message);

scope.onmessage = async (event: MessageEvent<DeckImportRequest>) => {
	const { dbName, metaKeys, meta } = event.data;
	let db: IDBDatabase | null = null;
	try {
		const [head, opened] = await Promise.all([fetchDeckHead(), openExistingDatabase(dbName)]);
		db = opened;
		// A fresh collection studies new cards in the default order, the order of the deck's cards (the
		// page imports here only then): the papers list every card id, so the head ranks them all.
		const ranks = new Map(head.papers.flatMap((p) => p.cardIds).map((id, i) => [id, i]));
		const topics: MetaRow = { key: metaKeys.paperTopics, value: Object.fromEntries(head.papers.map((p) => [p.id, p.topic])) };
		const first = freshRows(head.papers, head.cards, ranks);
		if (!(await storeFreshCards(db, first, { onlyIntoEmpty: true, meta: [topics] }))) return post({ type: 'not-fresh' });
		post({ type: 'first-cards' });
		const deck = await fetchDeckRest(head);
		// The version last: a start that finds it has nothing left to import.
		const last: MetaRow[] = [...meta, { key: metaKeys.deckVersion, value: deck.version }];
		await storeFreshCards(db, freshRows(deck.papers, deck.cards.slice(head.cards.length), ranks), { onlyIntoEmpty: false, meta: last });
		post({ type: 'done' });
	} catch (e) {
		post({ type: 'error', message: (e as Error).message });
	} finally {
		db?.close();
	}
};
