import type { BrowserTraits } from '../core/dataSafety.ts';

/** What this browser says of itself, for the rules of core/dataSafety.ts. */
export async function browserTraits(): Promise<BrowserTraits> {
	const nav = navigator as Navigator & { standalone?: boolean };
	const ua = nav.userAgent;
	// iOS Safari alone defines navigator.standalone; iPadOS presents itself as a Mac with touch.
	const appleMobile = 'standalone' in nav || (/Mac/.test(nav.platform) && nav.maxTouchPoints > 1) || /iP(hone|ad|od)/.test(ua);
	const safari = /AppleWebKit/.test(ua) && !/Chrome|Chromium|CriOS|Edg|Android/.test(ua);
	let persisted: boolean | null = null;
	try {
		persisted = nav.storage?.persisted ? await nav.storage.persisted() : null;
	} catch {
		persisted = null;
	}
	return {
		persisted,
		installed: matchMedia('(display-mode: standalone)').matches || nav.standalone === true,
		appleMobile,
		safariStorage: appleMobile || safari
	};
}

const DISMISSED_KEY = 'paperdeck-install-hint-dismissed';

/** The install guide is a device preference: dismissed once, on this device, for good. */
export function installHintDismissed(): boolean {
	try {
		return localStorage.getItem(DISMISSED_KEY) === '1';
	} catch {
		return false;
	}
}

export function dismissInstallHint(): void {
	try {
		localStorage.setItem(DISMISSED_KEY, '1');
	} catch {
		// Private mode without storage: the hint comes back next time, which is harmless.
	}
}
