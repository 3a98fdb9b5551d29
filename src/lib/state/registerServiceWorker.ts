import { scriptUrl } from '$lib/security/trustedTypes';
import { afterCollectionOpens } from './afterCollectionOpens.ts';

export interface ServiceWorkerHooks {
	/** A new version is installed and waiting behind the one in control: ask before swapping it in. */
	onNeedRefresh(): void;
	onRegisteredSW?(registration: ServiceWorkerRegistration): void;
}

/**
 * Registers /sw.js (written by vite-plugin-pwa, "prompt" mode) and reports a waiting new version.
 * This is what the plugin's `virtual:pwa-register` does through workbox-window, in a few lines of our
 * own: workbox-window cost every first screen 2.7 KB of gzip JavaScript. Returns the function that
 * activates the waiting version (the generated service worker skips waiting on `SKIP_WAITING`); the
 * caller reloads on `controllerchange`. The script URL goes through the Trusted Types policy: the page's
 * CSP refuses a plain string at `serviceWorker.register` in Chromium.
 */
export function registerServiceWorker(hooks: ServiceWorkerHooks): () => Promise<void> {
	const container = navigator.serviceWorker;
	if (import.meta.env.DEV || !container) return async () => {};
	let prompted = false;
	// Only an update waits: a first install has no controller and takes control at once (clientsClaim).
	const prompt = () => {
		if (!prompted && container.controller) {
			prompted = true;
			hooks.onNeedRefresh();
		}
	};
	const watch = (worker: ServiceWorker | null) =>
		worker?.addEventListener('statechange', () => {
			if (worker.state === 'installed') prompt();
		});
	const register = () =>
		container.register(scriptUrl('/sw.js'), { scope: '/' }).then(
			(registration) => {
				// Installed by another tab (or an earlier visit) while this page was away: waiting already.
				if (registration.waiting) prompt();
				watch(registration.installing);
				registration.addEventListener('updatefound', () => watch(registration.installing));
				hooks.onRegisteredSW?.(registration);
			},
			() => {
				// No service worker (private mode, an unsupported host): the app works online as before.
			}
		);
	// After a first visit's deck import: the install then finds the files the page fetched in the HTTP cache.
	afterCollectionOpens(register);
	return async () => {
		(await container.getRegistration())?.waiting?.postMessage({ type: 'SKIP_WAITING' });
	};
}
