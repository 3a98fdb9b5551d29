import { browser } from '$app/environment';
import { error } from '@sveltejs/kit';
import { paperPageData, type PaperPageData } from '$lib/deck/libraryData';
import { m } from '$lib/paraglide/messages';
import { loadLibraryIndex } from '$lib/state/loadLibraryIndex';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, fetch }): Promise<PaperPageData & { own?: true }> => {
	const index = await loadLibraryIndex(fetch);
	const data = paperPageData(index, params.id);
	if (data) return data;
	// A paper of the user's own (`u_…`) lives in their collection, not in the prerendered library.
	if (browser && params.id.startsWith('u_')) {
		const own = await (await import('$lib/state/ownPaperPage')).ownPaperPageData(index, params.id);
		if (own) return own;
	}
	error(404, m.paper_not_found({ id: params.id }));
};
