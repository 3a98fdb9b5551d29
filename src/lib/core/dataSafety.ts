/**
 * Whether this browser may clear the collection, and whether to suggest installing the app: pure
 * rules over what the browser says of itself (`BrowserTraits`, read by src/lib/state/browserTraits.ts).
 *
 * WebKit (Safari, and every browser on iPhone and iPad) deletes script-written storage of a site not
 * used for about seven days unless it is added to the Home Screen; it has no install prompt, so the
 * app explains "Add to Home Screen" itself. Other engines only evict under storage pressure, and not
 * at all once storage is persistent.
 */
export interface BrowserTraits {
	/** navigator.storage.persisted(): null when the browser has no Storage API. */
	persisted: boolean | null;
	/** Running as an installed app (display-mode standalone, or iOS's navigator.standalone). */
	installed: boolean;
	/** An iPhone or iPad (by features: iOS's navigator.standalone, or a touch "Mac"), or its UA. */
	appleMobile: boolean;
	/** A WebKit browser with Safari's storage policy (Safari on any device; any iOS browser). */
	safariStorage: boolean;
}

export type DataSafety =
	/** The browser promised to keep the data (persistent storage). */
	| 'persistent'
	/** Installed from Safari: not cleared for disuse. */
	| 'installed'
	/** A Safari tab: cleared after about seven days without use. */
	| 'cleared-when-unused'
	/** May be cleared under storage pressure (persistent storage not granted or unknown). */
	| 'cleared-when-full';

export function dataSafety(t: BrowserTraits): DataSafety {
	if (t.persisted) return 'persistent';
	if (t.safariStorage) return t.installed ? 'installed' : 'cleared-when-unused';
	return 'cleared-when-full';
}

/** Show the "Add to Home Screen" guide: an iPhone or iPad browser tab, not dismissed before. */
export function showInstallHint(t: BrowserTraits, dismissed: boolean): boolean {
	return t.appleMobile && !t.installed && !dismissed;
}
