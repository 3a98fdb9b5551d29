import type { InterviewLibrary } from '$lib/state/interviewSession.svelte';
import { loadLibraryIndex } from '$lib/state/loadLibraryIndex';
import type { PageLoad } from './$types';

// A universal load, as the library's pages do: prerendered from the deck, then read from the
// precached /library.json in the browser (the deck's text never becomes JavaScript).
export const load: PageLoad = async ({ fetch }): Promise<InterviewLibrary> => {
	const index = await loadLibraryIndex(fetch);
	return {
		topics: index.topics,
		papers: index.papers.map(({ id, short, title, topic, summaryHtml }) => ({ id, short, title, topic, summaryHtml }))
	};
};
