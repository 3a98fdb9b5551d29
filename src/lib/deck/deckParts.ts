/**
 * The deck data in parts, each well under 200 KB gzip: the head carries the papers, the topics and the
 * first cards in the default study order (a first session's new cards are among them), and the later
 * parts the other cards. (Made so a first visit could store and show the head before the rest; see the
 * README on why its import still takes all parts at once.) Every part names the deck's version, so
 * parts of two builds are never put together.
 *
 * The parts are files named after a hash of all their text (`/deck/<hash>-<n>.json`, deckFiles below): a
 * name never changes content, so a host may cache it for good, and the service worker's install can take
 * the copy the page fetched moments before from the HTTP cache instead of downloading the deck twice.
 */
import { hashString } from '../core/hashString.ts';
import type { CompiledCard, DeckData } from './deckTypes.ts';

/** Cards in the first part: well above a first session's new cards. */
export const FIRST_PART_CARDS = 200;
/** Cards in each later part (each stays well under 200 KB gzip). */
export const PART_CARDS = 1000;

/** The head (`/deck/<hash>-0.json`): the deck data with its first cards, and how many parts there are in all. */
export interface DeckHead extends DeckData {
	parts: number;
}

/** A later part (`/deck/<hash>-<n>.json`, n ≥ 1). */
export interface DeckPart {
	version: string;
	cards: CompiledCard[];
}

/** A file of the deck data: its URL path and its text. */
export interface DeckFile {
	path: string;
	text: string;
}

/**
 * The deck data as files, the head first, named `/deck/<hash>-<n>.json` where the hash is of every
 * file's text: a change to any card, or to how the deck is split, renames them all.
 */
export function deckFiles(deck: DeckData): DeckFile[] {
	const parts: DeckPart[] = [];
	for (let i = FIRST_PART_CARDS; i < deck.cards.length; i += PART_CARDS) {
		parts.push({ version: deck.version, cards: deck.cards.slice(i, i + PART_CARDS) });
	}
	const head: DeckHead = { ...deck, cards: deck.cards.slice(0, FIRST_PART_CARDS), parts: parts.length + 1 };
	const texts = [head, ...parts].map((part) => JSON.stringify(part));
	const hash = hashString(texts.join('\n'));
	return texts.map((text, n) => ({ path: `/deck/${hash}-${n}.json`, text }));
}

/** The deck data put back together (`parts`: all of them, in order); throws when a part belongs to another version. */
export function joinDeck(head: DeckHead, parts: readonly DeckPart[]): DeckData {
	for (const p of parts) if (p.version !== head.version) throw new Error('Deck parts of two versions');
	const { parts: _n, ...deck } = head;
	return { ...deck, cards: [...head.cards, ...parts.flatMap((p) => p.cards)] };
}
