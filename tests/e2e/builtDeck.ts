/** The deck the built app serves, put together as the app puts it (deckParts.ts), for tests and benchmarks. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { joinDeck, type DeckHead, type DeckPart } from '../../src/lib/deck/deckParts.ts';
import type { CompiledDeck, DeckData } from '../../src/lib/deck/deckTypes.ts';
import type { LibraryIndex } from '../../src/lib/deck/libraryData.ts';

/** Every part of the deck data and the library's papers (with their summaries), over HTTP. */
export async function fetchBuiltDeck(baseURL: string): Promise<CompiledDeck> {
	const get = async <T>(path: string): Promise<T> => {
		const res = await fetch(`${baseURL}${path}`);
		if (!res.ok) throw new Error(`${path}: ${res.status}`);
		return (await res.json()) as T;
	};
	const head = await get<DeckHead>('/deck.json');
	const parts = await Promise.all(Array.from({ length: head.parts - 1 }, (_, i) => get<DeckPart>(`/deck/${i + 1}.json`)));
	const library = await get<LibraryIndex>('/library.json');
	return { ...joinDeck(head, parts), papers: library.papers };
}

/** The deck data from a build folder on disk. */
export function readBuiltDeck(buildDir: string): DeckData {
	const read = <T>(path: string) => JSON.parse(readFileSync(join(buildDir, path), 'utf8')) as T;
	const head = read<DeckHead>('deck.json');
	return joinDeck(head, Array.from({ length: head.parts - 1 }, (_, i) => read<DeckPart>(`deck/${i + 1}.json`)));
}
