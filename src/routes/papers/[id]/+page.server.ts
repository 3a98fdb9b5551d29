import deck from 'virtual:paperdeck-deck';
import type { EntryGenerator } from './$types';

/** Every paper of the deck gets its prerendered page (the data comes from the universal load). */
export const entries: EntryGenerator = () => deck.papers.map((p) => ({ id: p.id }));
