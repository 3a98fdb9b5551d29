import deck from 'virtual:paperdeck-deck';
import { libraryPapers } from '$lib/deck/libraryData';
import type { PageServerLoad } from './$types';

// Prerendered: the library's text travels as page data, never in the JavaScript.
export const load: PageServerLoad = () => libraryPapers(deck);
