/**
 * The library's data for its pages' loads. Prerendering reads the compiled deck directly (that branch
 * is compiled out of the browser's JavaScript, so the deck never ships as code); the browser fetches
 * the prerendered, precached `/library.json` once per page load.
 */
import type { LibraryIndex } from '../deck/libraryData.ts';
import { libraryIndex } from '../deck/libraryData.ts';

let fetched: Promise<LibraryIndex> | null = null;

export async function loadLibraryIndex(fetch: typeof globalThis.fetch): Promise<LibraryIndex> {
	if (import.meta.env.SSR) return libraryIndex((await import('virtual:paperdeck-deck')).default);
	fetched ??= fetch('/library.json').then(async (res) => {
		if (!res.ok) throw new Error(`Could not load the library (${res.status})`);
		return (await res.json()) as LibraryIndex;
	});
	return fetched.catch((e) => {
		fetched = null;
		throw e;
	});
}
