/** The cache of the files the service worker fetches after its install (tools/installLater.ts). */
export const LATER_CACHE = 'paperdeck-later';

/**
 * A file installed later, from the later cache, else the browser's HTTP cache, else the network; kept
 * in the later cache. The HTTP cache comes before the network because a first visit's page may load such a
 * file before the service worker controls it (the own-paper form loads the renderer), and a host that
 * asks for revalidation (`max-age=0`) would have an offline fetch fail and discard that copy. Hashed
 * names, so a stale copy is the right content.
 */
export async function serveLater(path: string): Promise<Response> {
	const cache = await caches.open(LATER_CACHE);
	const kept = await cache.match(path);
	if (kept) return kept;
	const response = await fetch(path, { cache: 'only-if-cached', mode: 'same-origin' }).catch(() => fetch(path));
	if (response.ok) await cache.put(path, response.clone());
	return response;
}

/**
 * Keeps exactly `paths` in the later cache: deletes what an earlier version left there, then fetches
 * what is missing, one file at a time (on a first visit the page is still loading). A failed fetch is
 * left for the next activation or the file's first use.
 */
export async function keepLater(paths: string[]): Promise<void> {
	const cache = await caches.open(LATER_CACHE);
	const wanted = new Set(paths);
	for (const request of await cache.keys()) if (!wanted.has(new URL(request.url).pathname)) await cache.delete(request);
	for (const path of paths) await serveLater(path).catch(() => {});
}
