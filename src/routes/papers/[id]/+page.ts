import { error } from '@sveltejs/kit';
import { paperPageData } from '$lib/deck/libraryData';
import { m } from '$lib/paraglide/messages';
import { loadLibraryIndex } from '$lib/state/loadLibraryIndex';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, fetch }) => {
	const data = paperPageData(await loadLibraryIndex(fetch), params.id);
	if (!data) error(404, m.paper_not_found({ id: params.id }));
	return data;
};
