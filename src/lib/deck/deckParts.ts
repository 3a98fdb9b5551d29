/**
 * The deck data in parts, each well under 200 KB gzip: `/deck.json` carries the papers, the topics and
 * the first cards in the default study order (a first session's new cards are among them), and
 * `/deck/<n>.json` carry the other cards. (Made so a first visit could store and show the head before
 * the rest; see the README on why its import still takes all parts at once.) Every part names the
 * deck's version, so parts of two builds are never put together.
 */
import type { CompiledCard, DeckData } from './deckTypes.ts';

/** Cards in the first part: well above a first session's new cards. */
export const FIRST_PART_CARDS = 200;
/** Cards in each later part (each stays well under 200 KB gzip). */
export const PART_CARDS = 1000;

/** `/deck.json`: the deck data with its first cards, and how many parts there are in all. */
export interface DeckHead extends DeckData {
	parts: number;
}

/** `/deck/<n>.json` for n ≥ 1. */
export interface DeckPart {
	version: string;
	cards: CompiledCard[];
}

/** Splits the deck data into its head and its later parts (`parts[0]` is `/deck/1.json`). */
export function splitDeck(deck: DeckData): { head: DeckHead; parts: DeckPart[] } {
	const parts: DeckPart[] = [];
	for (let i = FIRST_PART_CARDS; i < deck.cards.length; i += PART_CARDS) {
		parts.push({ version: deck.version, cards: deck.cards.slice(i, i + PART_CARDS) });
	}
	return { head: { ...deck, cards: deck.cards.slice(0, FIRST_PART_CARDS), parts: parts.length + 1 }, parts };
}

/** The deck data put back together (`parts`: all of them); throws when a part belongs to another version. */
export function joinDeck(head: DeckHead, parts: readonly DeckPart[]): DeckData {
	for (const p of parts) if (p.version !== head.version) throw new Error('Deck parts of two versions');
	const { parts: _n, ...deck } = head;
	return { ...deck, cards: [...head.cards, ...parts.flatMap((p) => p.cards)] };
}
