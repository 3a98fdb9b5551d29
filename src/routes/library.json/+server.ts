import { json } from '@sveltejs/kit';
import deck from 'virtual:paperdeck-deck';
import { libraryIndex } from '$lib/deck/libraryData';

// Written once at build time to /library.json and precached: the library pages' data.
export const prerender = true;

export function GET() {
	return json(libraryIndex(deck));
}
