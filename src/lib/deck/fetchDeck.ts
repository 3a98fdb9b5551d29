import type { CompiledDeck } from './deckTypes.ts';

/**
 * The deck data, fetched from the precached `/deck.json` (never bundled into JavaScript). Works in a
 * page and in a worker alike (a page's dedicated workers share its service worker, so offline too).
 */
export async function fetchDeck(): Promise<CompiledDeck> {
	const res = await fetch('/deck.json');
	if (!res.ok) throw new Error(`Could not load the deck (${res.status})`);
	return (await res.json()) as CompiledDeck;
}
