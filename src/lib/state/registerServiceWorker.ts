import { scriptUrl } from '$lib/security/trustedTypes';

export interface ServiceWorkerHooks {
	/** A new version is installed and waiting: ask the user before swapping it in. */
	onNeedRefresh(): void;
	onRegisteredSW?(registration: ServiceWorkerRegistration | undefined): void;
}

/**
 * Registers /sw.js (written by vite-plugin-pwa) in its "prompt" mode, as the plugin's
 * `virtual:pwa-register` does, but with the script URL as a TrustedScriptURL: the plugin's module
 * passes a plain string to `serviceWorker.register`, which the page's Trusted Types policy refuses
 * in Chromium. Returns the function that activates a waiting version.
 */
export function registerServiceWorker(hooks: ServiceWorkerHooks): (reload?: boolean) => Promise<void> {
	if (import.meta.env.DEV || !('serviceWorker' in navigator)) return async () => {};
	const ready = import('workbox-window').then(({ Workbox }) => {
		const wb = new Workbox(scriptUrl('/sw.js'), { scope: '/', type: 'classic' });
		let prompted = false;
		const prompt = () => {
			prompted = true;
			wb.addEventListener('controlling', (event) => {
				if (event.isUpdate) location.reload();
			});
			hooks.onNeedRefresh();
		};
		// A version installed by another tab while this one waited counts as waiting here too.
		wb.addEventListener('installed', (event) => {
			if (event.isUpdate === undefined && event.isExternal && !prompted) prompt();
		});
		wb.addEventListener('waiting', prompt);
		void wb.register({ immediate: true }).then((r) => hooks.onRegisteredSW?.(r), () => {});
		return wb;
	});
	return async () => {
		(await ready.catch(() => undefined))?.messageSkipWaiting();
	};
}
