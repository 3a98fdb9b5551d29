/** Whether the page has been left (pagehide) and not brought back (pageshow) since. */
let left = false;
let reloading = false;

if (typeof window !== 'undefined') {
	window.addEventListener('pagehide', () => (left = true));
	window.addEventListener('pageshow', () => (left = false));
}

/** Once however many pieces of work were cut short. */
function reloadIfBroughtBack(): void {
	if (reloading) return;
	reloading = true;
	window.addEventListener('pageshow', (e) => e.persisted && location.reload(), { once: true });
}

/**
 * A signal that fires when the person leaves the page, or has already fired if they have left it (work
 * that a promise started after pagehide, which would otherwise run in a frozen page). WebKit freezes a
 * page it keeps for back and forward with its transactions (its workers' too) still open, so work left
 * running locked the collection for the next page: a first visit's import, a reschedule. Work stopped
 * by this signal must be all or nothing (the import runs again on the next page; a task's worker is
 * terminated, which rolls its transaction back), and a page brought back from that cache reloads to
 * run it again.
 */
export function abortOnLeave(): { signal: AbortSignal; done: () => void } {
	const controller = new AbortController();
	const leave = () => {
		controller.abort();
		reloadIfBroughtBack();
	};
	if (left) {
		leave();
		return { signal: controller.signal, done: () => {} };
	}
	window.addEventListener('pagehide', leave, { once: true });
	return { signal: controller.signal, done: () => window.removeEventListener('pagehide', leave) };
}
