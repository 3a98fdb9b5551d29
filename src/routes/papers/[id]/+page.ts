import { error } from '@sveltejs/kit';
import { paperPageData } from '$lib/deck/libraryData';
import { loadLibraryIndex } from '$lib/state/loadLibraryIndex';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, fetch }) => {
	const data = paperPageData(await loadLibraryIndex(fetch), params.id);
	if (!data) error(404, `No paper "${params.id}" in the deck`);
	return data;
};
