/**
 * Times "keystroke → results in the DOM" for the search-latency benchmark (tests/bench): a mark on
 * `beforeinput` (a value binding updates the DOM within the `input` event itself, so that is too late),
 * a measure once the results have been drawn.
 */

/** Call on the search box's `beforeinput`. */
export function markKeystroke(): void {
	performance.mark('pd:search');
}

/** Call while a component initialises, with a function that reads the results it draws. */
export function measureSearch(readResults: () => unknown): void {
	$effect(() => {
		readResults();
		if (performance.getEntriesByName('pd:search', 'mark').length > 0) {
			performance.measure('pd:search-to-results', 'pd:search');
			performance.clearMarks('pd:search');
		}
	});
}
