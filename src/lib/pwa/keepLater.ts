/** The cache of the files the service worker fetches after its install (tools/installLater.ts). */
export const LATER_CACHE = 'paperdeck-later';

/**
 * A file the service worker fetches after its install: a hashed file (`revision` null: its path never
 * changes content) or a prerendered page (its content changes with the app's version, under one path).
 */
export interface LaterEntry {
	path: string;
	revision: string | null;
}

/** Its key in the later cache: a page's revision is part of it, so no version is served another's page. */
function laterKey(entry: LaterEntry): string {
	return entry.revision ? `${entry.path}?revision=${encodeURIComponent(entry.revision)}` : entry.path;
}

/** The kept copy of `entry`, if it is kept. */
export async function keptLater(entry: LaterEntry): Promise<Response | undefined> {
	return (await caches.open(LATER_CACHE)).match(laterKey(entry));
}

/**
 * `entry` from the later cache, else fetched, and kept. A hashed file comes from the browser's HTTP cache
 * before the network: a first visit's page may load it before the service worker controls the page
 * (the own-paper form loads the renderer), and a host that asks for revalidation (`max-age=0`) would have
 * an offline fetch fail and discard that copy. A page comes from the network past the HTTP cache, which
 * may hold an older version's.
 */
export async function serveLater(entry: LaterEntry): Promise<Response> {
	const kept = await keptLater(entry);
	if (kept) return kept;
	const { path } = entry;
	const response = entry.revision
		? await fetch(path, { cache: 'no-cache' })
		: await fetch(path, { cache: 'only-if-cached', mode: 'same-origin' }).catch(() => fetch(path));
	// A redirected response cannot answer a navigation.
	if (response.ok && !response.redirected) await (await caches.open(LATER_CACHE)).put(laterKey(entry), response.clone());
	return response;
}

/**
 * Keeps exactly `entries` in the later cache: deletes what an earlier version left there, then fetches
 * what is missing, one file at a time (on a first visit the page is still loading). A failed fetch is
 * left for the next activation or the file's first use.
 */
export async function keepLater(entries: LaterEntry[]): Promise<void> {
	const cache = await caches.open(LATER_CACHE);
	const wanted = new Set(entries.map((e) => new URL(laterKey(e), location.href).href));
	for (const request of await cache.keys()) if (!wanted.has(request.url)) await cache.delete(request);
	for (const entry of entries) await serveLater(entry).catch(() => {});
}
