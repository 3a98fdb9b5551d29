/** Dispatched on window when openCollection has opened the collection or failed to. */
export const OPEN_SETTLED = 'pd:opened';

/**
 * Runs `run` once the collection this page load is opening is open (or failed to open), at once on a
 * page that opens none. Background work (the service worker's install, sync) would otherwise compete
 * with a first visit's deck import for the CPU and the network. (openCollection marks pd:open-start as
 * it begins and measures pd:open when done.)
 */
export function afterCollectionOpens(run: () => void): void {
	const marks = (name: string) => performance.getEntriesByName(name).length;
	if (marks('pd:open-start') > marks('pd:open')) addEventListener(OPEN_SETTLED, run, { once: true });
	else run();
}
