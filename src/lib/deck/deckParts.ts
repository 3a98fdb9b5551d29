/**
 * The deck data in parts, each well under 200 KB gzip: the head carries the papers, the topics and the
 * first cards in the default study order (a first session's new cards are among them), and the later
 * parts the other cards. Every part names the deck's version, so parts of two builds are never put
 * together. (Made so a first visit could store and show the head before the rest; its import still
 * stores all parts in one transaction: syncCollectionInWorker.ts.)
 *
 * The parts are files named after a hash of all their text (`/deck/<hash>-<n>.json`, deckFiles below): a
 * name never changes content, so a host may cache it for good, and the service worker's install can take
 * the copy the page fetched moments before from the HTTP cache instead of downloading the deck twice.
 */
import { hashString } from '../core/hashString.ts';
import type { CompiledCard, DeckData, DeckPaper } from './deckTypes.ts';

/** Cards in the first part: well above a first session's new cards. */
export const FIRST_PART_CARDS = 200;
/** Cards in each later part (each stays well under 200 KB gzip). */
export const PART_CARDS = 1000;

/**
 * A card as a part carries it: `[id, promptHtml, answerHtml, noteHtml]`, and a fifth element, 1, for a
 * cloze card. Its paper is its id's prefix (`<paper-id>/<slug>`), each paper's list of cards follows
 * from the cards' order, and its hash (cardHash.ts) is computed from its content where stored cards are
 * compared with the deck (reconcileDeck.ts), so none of them is shipped (with
 * the field names, all but the hashes were a fifth of the deck's bytes; the hashes were a tenth of its
 * gzipped size).
 */
export type PackedCard = [id: string, promptHtml: string, answerHtml: string, noteHtml: string, cloze?: 1];

/** A paper as the head carries it: its cards are the cards whose ids it prefixes. */
export type PackedPaper = Omit<DeckPaper, 'cardIds'>;

/** The head (`/deck/<hash>-0.json`): topics, papers, the first cards, and how many parts there are in all. */
export interface DeckHead {
	version: string;
	topics: DeckData['topics'];
	papers: PackedPaper[];
	cards: PackedCard[];
	parts: number;
}

/** A later part (`/deck/<hash>-<n>.json`, n ≥ 1). */
export interface DeckPart {
	version: string;
	cards: PackedCard[];
}

/** A file of the deck data: its URL path and its text. */
export interface DeckFile {
	path: string;
	text: string;
}

function pack(c: CompiledCard): PackedCard {
	const packed: PackedCard = [c.id, c.promptHtml, c.answerHtml, c.noteHtml];
	if (c.type === 'cloze') packed.push(1);
	return packed;
}

function unpack([id, promptHtml, answerHtml, noteHtml, cloze]: PackedCard): CompiledCard {
	return { id, paperId: id.slice(0, id.indexOf('/')), type: cloze === 1 ? 'cloze' : 'basic', promptHtml, answerHtml, noteHtml };
}

/**
 * The deck data as files, the head first, named `/deck/<hash>-<n>.json` where the hash is of every
 * file's text: a change to any card, or to how the deck is split, renames them all.
 */
export function deckFiles(deck: DeckData): DeckFile[] {
	const cards = deck.cards.map(pack);
	const parts: DeckPart[] = [];
	for (let i = FIRST_PART_CARDS; i < cards.length; i += PART_CARDS) {
		parts.push({ version: deck.version, cards: cards.slice(i, i + PART_CARDS) });
	}
	const papers = deck.papers.map(({ cardIds: _ids, ...paper }) => paper);
	const head: DeckHead = { version: deck.version, topics: deck.topics, papers, cards: cards.slice(0, FIRST_PART_CARDS), parts: parts.length + 1 };
	const texts = [head, ...parts].map((part) => JSON.stringify(part));
	const hash = hashString(texts.join('\n'));
	return texts.map((text, n) => ({ path: `/deck/${hash}-${n}.json`, text }));
}

/**
 * The deck data put back together (`parts`: all of them, in order); throws when a part belongs to
 * another version or a card to no paper.
 */
export function joinDeck(head: DeckHead, parts: readonly DeckPart[]): DeckData {
	for (const p of parts) if (p.version !== head.version) throw new Error('Deck parts of two versions');
	const cards = [...head.cards, ...parts.flatMap((p) => p.cards)].map(unpack);
	const cardIds = new Map<string, string[]>(head.papers.map((p) => [p.id, []]));
	for (const c of cards) {
		const ids = cardIds.get(c.paperId);
		if (!ids) throw new Error(`Deck card ${c.id} belongs to no paper`);
		ids.push(c.id);
	}
	const papers = head.papers.map((p) => ({ ...p, cardIds: cardIds.get(p.id)! }));
	return { version: head.version, topics: head.topics, papers, cards };
}
