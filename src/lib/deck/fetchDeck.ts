/**
 * The deck data, fetched from its precached files (`/deck/<hash>-<n>.json`, the head first: deckParts.ts),
 * never bundled into JavaScript, and put together. All files are requested at once.
 */
import { deckFiles } from 'virtual:paperdeck-deck-version';
import { joinDeck, type DeckHead, type DeckPart } from './deckParts.ts';
import type { DeckData } from './deckTypes.ts';

export async function fetchDeck(): Promise<DeckData> {
	const get = async (url: string): Promise<unknown> => {
		const res = await fetch(url);
		if (!res.ok) throw new Error(`Could not load the deck (${res.status})`);
		return res.json();
	};
	const [head, ...parts] = await Promise.all(deckFiles.map(get));
	return joinDeck(head as DeckHead, parts as DeckPart[]);
}
