/**
 * The deck data in parts, so a first visit downloads only what it shows before the rest: `/deck.json`
 * carries the papers, the topics and the first cards in the default study order (a first session's
 * new cards are among them); `/deck/<n>.json` carry the other cards. Every part names the deck's
 * version, so parts of two builds are never put together.
 */
import type { CompiledCard, DeckData } from './deckTypes.ts';

/** Cards in the first part: well above a first session's new cards, a small download. */
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

/** The deck data put back together; throws when a part belongs to another version of the deck. */
export function joinDeck(head: DeckHead, parts: readonly DeckPart[]): DeckData {
	if (parts.length !== head.parts - 1) throw new Error(`The deck has ${head.parts} parts, ${parts.length + 1} were given`);
	for (const p of parts) if (p.version !== head.version) throw new Error('A part of the deck belongs to another version (reload the page)');
	const { parts: _n, ...deck } = head;
	return { ...deck, cards: [...head.cards, ...parts.flatMap((p) => p.cards)] };
}
