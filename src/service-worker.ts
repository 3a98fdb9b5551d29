/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The service worker (vite-plugin-pwa builds it to /sw.js and injects the precache list). It does what
 * Workbox's generated worker did, but for one thing: the precache installs several files at a time.
 * Workbox installs one file after another, so on a phone network every one of the ~130 files cost a
 * round trip before the next began, and a first visit took about 20 s to work offline.
 */
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, PrecacheController, PrecacheRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { installInParallel } from './lib/pwa/installInParallel.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

const precache = new PrecacheController();
precache.addToCacheList(self.__WB_MANIFEST);

self.addEventListener('install', (event) => event.waitUntil(installInParallel(precache, event)));
// Deletes what the new list no longer holds (activate waits for it itself).
self.addEventListener('activate', (event) => void precache.activate(event));
cleanupOutdatedCaches();

// A waiting version is announced, never swapped in under a review (see UpdatePrompt): the page asks.
self.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
// The first install takes control at once, so the app works offline from its first visit.
clientsClaim();

registerRoute(new PrecacheRoute(precache));
// A paper's page is not precached: the app shell (adapter-static's fallback) renders it from the
// precached /library.json, or one of the user's own (`/papers/u_…`) from IndexedDB, online or not.
registerRoute(new NavigationRoute(precache.createHandlerBoundToURL('/200.html'), { allowlist: [/^\/papers\/[^/]+$/] }));
// The task worker's own-content renderer (markdown-it and KaTeX) is not precached: it is needed only
// when a sync's pull brings own cards. Hashed names never change content, so once fetched it is served
// from this cache (an interrupted pull settled at the next start works offline too).
registerRoute(
	({ url }) => url.pathname.startsWith('/_app/immutable/workers/chunks/'),
	new CacheFirst({ cacheName: 'paperdeck-worker-chunks', plugins: [new ExpirationPlugin({ maxEntries: 8 })] })
);
