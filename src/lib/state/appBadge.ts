/**
 * The due count on the installed app's icon (the Badging API: Chromium on desktop and Android, Safari
 * on iOS home-screen apps). Set whenever the app knows the count (home screen, each answer); without a
 * server nothing can update it while the app is closed. A browser tab without the API ignores it.
 */
export function showDueBadge(count: number, nav: Pick<Navigator, 'setAppBadge' | 'clearAppBadge'> | undefined = globalThis.navigator): void {
	if (typeof nav?.setAppBadge !== 'function') return;
	const done = count > 0 ? nav.setAppBadge(count) : nav.clearAppBadge();
	// Refused when not installed or not allowed: the badge is a nicety, never an error.
	done.catch(() => {});
}
