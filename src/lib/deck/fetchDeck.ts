/**
 * The deck data, fetched from its precached files and parsed, never bundled into JavaScript.
 */
import type { DeckData } from './deckTypes.ts';
import { fetchDeckBytes } from './fetchDeckBytes.ts';
import { parseDeck } from './parseDeck.ts';

export async function fetchDeck(): Promise<DeckData> {
	return parseDeck(await fetchDeckBytes());
}
