import { error } from '@sveltejs/kit';
import deck from 'virtual:paperdeck-deck';
import { deckFiles } from '$lib/deck/deckParts';
import { deckData } from '$lib/deck/deckTypes';

// Written once at build time to /deck/<hash>-<n>.json, one file per part of the deck data, and precached.
export const prerender = true;

const files = deckFiles(deckData(deck));

export function entries() {
	return files.map((f) => ({ part: f.path.slice('/deck/'.length, -'.json'.length) }));
}

export function GET({ params }: { params: { part: string } }) {
	const file = files.find((f) => f.path === `/deck/${params.part}.json`);
	if (!file) error(404, 'No such part of the deck');
	return new Response(file.text, { headers: { 'content-type': 'application/json' } });
}
