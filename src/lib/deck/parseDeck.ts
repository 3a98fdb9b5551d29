import { joinDeck, type DeckHead, type DeckPart } from './deckParts.ts';
import type { DeckData } from './deckTypes.ts';

/**
 * The deck data from its files' bytes (the head first), put together. Apart from fetchDeck.ts because
 * the task worker imports it: a worker's bundle has no virtual modules (the page fetches, the worker parses).
 */
export function parseDeck(files: readonly ArrayBuffer[]): DeckData {
	const decoder = new TextDecoder();
	const [head, ...parts] = files.map((bytes) => JSON.parse(decoder.decode(bytes)) as unknown);
	return joinDeck(head as DeckHead, parts as DeckPart[]);
}
