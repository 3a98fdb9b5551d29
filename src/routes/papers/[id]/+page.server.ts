import { error } from '@sveltejs/kit';
import deck from 'virtual:paperdeck-deck';
import { paperPageData } from '$lib/deck/libraryData';
import type { EntryGenerator, PageServerLoad } from './$types';

/** Every paper of the deck gets its prerendered page. */
export const entries: EntryGenerator = () => deck.papers.map((p) => ({ id: p.id }));

export const load: PageServerLoad = ({ params }) => {
	const data = paperPageData(deck, params.id);
	if (!data) error(404, `No paper "${params.id}" in the deck`);
	return data;
};
