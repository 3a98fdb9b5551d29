import { error, json } from '@sveltejs/kit';
import deck from 'virtual:paperdeck-deck';
import { splitDeck } from '$lib/deck/deckParts';
import { deckData } from '$lib/deck/deckTypes';

// Written once at build time to /deck/<n>.json and precached: the deck's cards after its first part.
export const prerender = true;

const { parts } = splitDeck(deckData(deck));

export function entries() {
	return parts.map((_, i) => ({ part: String(i + 1) }));
}

export function GET({ params }: { params: { part: string } }) {
	const part = parts[Number(params.part) - 1];
	if (!part) error(404, 'No such part of the deck');
	return json(part);
}
