/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The service worker (vite-plugin-pwa builds it to /sw.js and injects the precache list). It does what
 * Workbox's generated worker did, but for two things: the precache installs several files at a time
 * (Workbox installs one file after another, so on a phone network every one of the ~130 files cost a
 * round trip before the next began, and a first visit took about 20 s to work offline), and the files
 * marked `later` in the list are fetched only once the install is done.
 */
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, PrecacheController, PrecacheRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { installInParallel } from './lib/pwa/installInParallel.ts';
import { keepLater, keptLater, serveLater, type LaterEntry } from './lib/pwa/keepLater.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry & { later?: true })[] };

const manifest = self.__WB_MANIFEST;
const precache = new PrecacheController();
precache.addToCacheList(manifest.filter((e) => !e.later));
/** The page's own-content renderer and the library's HTML (tools/installLater.ts). */
const later: LaterEntry[] = manifest.filter((e) => e.later).map((e) => ({ path: new URL(e.url, self.location.href).pathname, revision: e.revision ?? null }));
const laterFile = (path: string) => later.find((e) => e.revision === null && e.path === path);
const laterPage = (path: string) => later.find((e) => e.revision !== null && e.path === path);

self.addEventListener('install', (event) => event.waitUntil(installInParallel(precache, event)));
self.addEventListener('activate', (event) => {
	// Deletes what the new list no longer holds (activate waits for it itself).
	void precache.activate(event);
	// Not awaited by the activation, which would hold every page's requests until it is done.
	void keepLater(later);
});
cleanupOutdatedCaches();

// A waiting version is announced, never swapped in under a review (see UpdatePrompt): the page asks.
self.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
// The first install takes control at once, so the app works offline from its first visit.
clientsClaim();

registerRoute(new PrecacheRoute(precache));
// A paper's page is not precached: the app shell (adapter-static's fallback) renders it from the
// precached /library.json, or one of the user's own (`/papers/u_…`) from IndexedDB, online or not. So it
// does the library until its prerendered HTML, fetched after the install, is kept.
const shell = precache.createHandlerBoundToURL('/200.html');
registerRoute(
	new NavigationRoute(
		async (options) => {
			const page = laterPage(options.url.pathname);
			return (page && (await keptLater(page))) || shell(options);
		},
		{ allowlist: [/^\/papers(\/[^/]+)?$/] }
	)
);
// A file installed later, asked for before it is (keepLater.ts says where from).
registerRoute(
	({ url }) => url.origin === self.location.origin && laterFile(url.pathname) !== undefined,
	({ url }) => serveLater(laterFile(url.pathname)!)
);
// The task worker's own-content renderer (markdown-it and KaTeX) is not precached: it is needed only
// when a sync's pull brings own cards. Hashed names never change content, so once fetched it is served
// from this cache (an interrupted pull settled at the next start works offline too).
registerRoute(
	({ url }) => url.pathname.startsWith('/_app/immutable/workers/chunks/'),
	new CacheFirst({ cacheName: 'paperdeck-worker-chunks', plugins: [new ExpirationPlugin({ maxEntries: 8 })] })
);
