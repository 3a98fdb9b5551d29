/**
 * The deck data, fetched from the precached `/deck.json` and `/deck/<n>.json` (never bundled into
 * JavaScript). Works in a page and in a worker alike (a page's dedicated workers share its service
 * worker, so offline too); it must not import the deck's virtual modules, which a worker's bundle
 * cannot resolve.
 */
import { joinDeck, type DeckHead, type DeckPart } from './deckParts.ts';
import type { DeckData } from './deckTypes.ts';

async function getJson<T>(url: string): Promise<T> {
	const res = await fetch(url);
	if (!res.ok) throw new Error(`Could not load the deck (${res.status})`);
	return (await res.json()) as T;
}

/** The deck data with only its first cards (see deckParts.ts). */
export function fetchDeckHead(): Promise<DeckHead> {
	return getJson<DeckHead>('/deck.json');
}

/** The rest of the deck after its head. */
export async function fetchDeckRest(head: DeckHead): Promise<DeckData> {
	const parts = await Promise.all(Array.from({ length: head.parts - 1 }, (_, i) => getJson<DeckPart>(`/deck/${i + 1}.json`)));
	return joinDeck(head, parts);
}

/** The whole deck data. */
export async function fetchDeck(): Promise<DeckData> {
	return fetchDeckRest(await fetchDeckHead());
}
