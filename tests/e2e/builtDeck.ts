/** The deck the built app serves, put together as the app puts it (deckParts.ts), for tests and benchmarks. */
import { readdirSync, readFileSync } from 'node:fs';
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
	const [head, ...parts] = await Promise.all((await builtDeckFiles(baseURL)).map((path) => get<DeckHead | DeckPart>(path)));
	const library = await get<LibraryIndex>('/library.json');
	return { ...joinDeck(head as DeckHead, parts as DeckPart[]), papers: library.papers };
}

/** The paths of the deck data's files (named by a hash, deckParts.ts) in order, from the served precache list. */
export async function builtDeckFiles(baseURL: string): Promise<string[]> {
	const sw = await (await fetch(`${baseURL}/sw.js`)).text();
	return [...new Set(sw.match(/deck\/[0-9a-f]{14}-\d+\.json/g))].sort(byPartNumber).map((path) => `/${path}`);
}

/**
 * What the service worker fetches after its install (marked `later` in the served precache list,
 * tools/installLater.ts), by path: hashed files, and with `pages: true` the prerendered pages too.
 */
export async function builtLaterFiles(baseURL: string, options: { pages?: boolean } = {}): Promise<string[]> {
	const sw = await (await fetch(`${baseURL}/sw.js`)).text();
	const entries = [...sw.matchAll(/\{"later":true,"revision":(null|"[0-9a-f]+"),"url":"([^"]+)"\}/g)];
	return entries.filter((m) => options.pages || m[1] === 'null').map((m) => `/${m[2]}`).sort();
}

/** In the page: the paths the later cache (its name the argument: LATER_CACHE) holds, sorted (pages without their revision). */
export async function laterCachePaths(cacheName: string): Promise<string[]> {
	return (await (await caches.open(cacheName)).keys()).map((r) => new URL(r.url).pathname).sort();
}

const byPartNumber = (a: string, b: string) => Number(/-(\d+)\.json$/.exec(a)![1]) - Number(/-(\d+)\.json$/.exec(b)![1]);

/** The deck data from a build folder on disk. */
export function readBuiltDeck(buildDir: string): DeckData {
	const read = <T>(path: string) => JSON.parse(readFileSync(join(buildDir, path), 'utf8')) as T;
	const [head, ...parts] = readdirSync(join(buildDir, 'deck')).sort(byPartNumber).map((name) => read<DeckHead | DeckPart>(`deck/${name}`));
	return joinDeck(head as DeckHead, parts as DeckPart[]);
}
