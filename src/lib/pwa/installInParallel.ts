import type { PrecacheController } from 'workbox-precaching';
import { forEachInParallel } from '../core/forEachInParallel.ts';

/**
 * Files fetched at once while the precache installs: about what a browser opens to one host, so the
 * round trips of a slow network overlap instead of adding up, and no file waits behind a hundred others.
 */
export const PRECACHE_FETCHES = 6;

/**
 * Installs `precache` as `PrecacheController.install` does (each file through its strategy, which skips a
 * file already cached under the same revision and fails the install on a bad response), but
 * `PRECACHE_FETCHES` files at a time instead of one after another.
 */
export async function installInParallel(precache: PrecacheController, event: ExtendableEvent): Promise<void> {
	await forEachInParallel([...precache.getURLsToCacheKeys()], PRECACHE_FETCHES, async ([url, cacheKey]) => {
		// A revisioned entry's key carries its revision: fetch it past the HTTP cache, as Workbox does. A
		// hashed file's may come from the HTTP cache (the page often fetched it moments before).
		const request = new Request(url, { cache: cacheKey === url ? 'default' : 'reload', credentials: 'same-origin' });
		await Promise.all(precache.strategy.handleAll({ params: { cacheKey }, request, event }));
	});
}
