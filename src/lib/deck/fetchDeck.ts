/**
 * The deck data, fetched from the precached `/deck.json` and `/deck/<n>.json` (never bundled into
 * JavaScript) and put together (deckParts.ts).
 */
import { joinDeck, type DeckHead, type DeckPart } from './deckParts.ts';
import type { DeckData } from './deckTypes.ts';

export async function fetchDeck(): Promise<DeckData> {
	const get = async <T>(url: string): Promise<T> => {
		const res = await fetch(url);
		if (!res.ok) throw new Error(`Could not load the deck (${res.status})`);
		return (await res.json()) as T;
	};
	const head = await get<DeckHead>('/deck.json');
	return joinDeck(head, await Promise.all(Array.from({ length: head.parts - 1 }, (_, i) => get<DeckPart>(`/deck/${i + 1}.json`))));
}
