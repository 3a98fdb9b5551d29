import { hashString } from '../core/hashString.ts';
import type { CompiledCard } from './deckTypes.ts';

/**
 * A card's content hash, of its rendered HTML (so a renderer change, a KaTeX upgrade, also reaches
 * stored cards). Computed from the content where stored cards are written and compared
 * (reconcileDeck.ts, ownContentStore.ts), so neither the deck's files nor its parsed cards carry it: 14
 * random-looking hex digits per card were a tenth of the deck's gzipped download.
 */
export function cardHash(c: Pick<CompiledCard, 'type' | 'promptHtml' | 'answerHtml' | 'noteHtml'>): string {
	return hashString(`${c.type}\0${c.promptHtml}\0${c.answerHtml}\0${c.noteHtml}`);
}
