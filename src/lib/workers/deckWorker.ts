/// <reference lib="webworker" />
/**
 * The Web Worker that brings the stored collection in line with the deck (a first visit's import of
 * every card, or a new deck version) and the scheduler settings, so parsing the deck and writing
 * thousands of rows never runs on the page's main thread. It opens the database itself.
 */
import type { Settings } from '../core/settings.ts';
import { PaperdeckDatabase } from '../db/database.ts';
import { fetchDeck } from '../deck/fetchDeck.ts';
import { syncCollection } from '../state/syncCollection.ts';

export interface DeckSyncRequest {
	settings: Settings;
	deck: boolean;
	rebuild: boolean;
	/** See `SyncTodo.firstCards`. */
	firstCards: number;
}

/** Posted once the first cards are stored (a session may begin), then once everything is. */
export type DeckSyncMessage = { type: 'first-cards' } | { type: 'done' } | { type: 'error'; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: DeckSyncMessage) => scope.postMessage(message);

scope.onmessage = async (event: MessageEvent<DeckSyncRequest>) => {
	const { settings, deck, rebuild, firstCards } = event.data;
	const db = new PaperdeckDatabase();
	let firstPosted = false;
	try {
		await syncCollection(db, settings, {
			deck: deck ? await fetchDeck() : null,
			rebuild,
			firstCards,
			onFirstCards: () => {
				if (!firstPosted) post({ type: 'first-cards' });
				firstPosted = true;
			}
		});
		post({ type: 'done' });
	} catch (e) {
		post({ type: 'error', message: (e as Error).message });
	} finally {
		db.close();
	}
};
