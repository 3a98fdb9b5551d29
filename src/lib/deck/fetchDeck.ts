/**
 * The deck data, fetched from its precached files (`/deck/<hash>-<n>.json`, the head first: deckParts.ts),
 * never bundled into JavaScript. All files are requested at once.
 */
import { deckFiles } from 'virtual:paperdeck-deck-version';
import { parseDeck } from './parseDeck.ts';
import type { DeckData } from './deckTypes.ts';

/** The files' bytes, unparsed: a first visit's import parses them in the task worker. */
export function fetchDeckBytes(): Promise<ArrayBuffer[]> {
	return Promise.all(
		deckFiles.map(async (url) => {
			const res = await fetch(url);
			if (!res.ok) throw new Error(`Could not load the deck (${res.status})`);
			return res.arrayBuffer();
		})
	);
}

export async function fetchDeck(): Promise<DeckData> {
	return parseDeck(await fetchDeckBytes());
}
