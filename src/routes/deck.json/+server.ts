import { json } from '@sveltejs/kit';
import deck from 'virtual:paperdeck-deck';
import { splitDeck } from '$lib/deck/deckParts';
import { deckData } from '$lib/deck/deckTypes';

// Written once at build time to /deck.json and precached: the deck's papers and first cards, as data
// (the other cards are in /deck/<n>.json, see deckParts.ts).
export const prerender = true;

export function GET() {
	return json(splitDeck(deckData(deck)).head);
}
