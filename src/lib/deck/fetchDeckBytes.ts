import { deckFiles } from 'virtual:paperdeck-deck-version';

/**
 * The deck files' bytes (`/deck/<hash>-<n>.json`, the head first: deckParts.ts), unparsed and all
 * requested at once: a first visit's import parses them in the task worker, so the page that starts
 * it needs no parser.
 */
export function fetchDeckBytes(): Promise<ArrayBuffer[]> {
	return Promise.all(
		deckFiles.map(async (url) => {
			const res = await fetch(url);
			if (!res.ok) throw new Error(`Could not load the deck (${res.status})`);
			return res.arrayBuffer();
		})
	);
}
