/**
 * A signal that fires when the person leaves the page. WebKit keeps a page it caches for back and
 * forward with its transactions open, so a first visit's import left unfinished locked the collection
 * for the next page. The import is all or nothing: aborted, it runs again on the next page, and a page
 * brought back from that cache reloads to run it.
 */
export function abortOnLeave(): { signal: AbortSignal; done: () => void } {
	const controller = new AbortController();
	const leave = () => {
		controller.abort();
		window.addEventListener('pageshow', (e) => e.persisted && location.reload(), { once: true });
	};
	addEventListener('pagehide', leave, { once: true });
	return { signal: controller.signal, done: () => removeEventListener('pagehide', leave) };
}
