import { libraryPapers } from '$lib/deck/libraryData';
import { loadLibraryIndex } from '$lib/state/loadLibraryIndex';
import type { PageLoad } from './$types';

// A universal load, not a server one: pages with server data make every page ship SvelteKit's
// server-data client (about 2 KB), and each would add a __data.json to the precache.
export const load: PageLoad = async ({ fetch }) => libraryPapers(await loadLibraryIndex(fetch));
