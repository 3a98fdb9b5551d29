import { json } from '@sveltejs/kit';
import deck from 'virtual:paperdeck-deck';

// Written once at build time to /deck.json and precached: the app loads the deck as data.
export const prerender = true;

export function GET() {
	return json(deck);
}
