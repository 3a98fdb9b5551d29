/** The deck data in parts (deckParts.ts): a first visit downloads the head before the rest. */
import { describe, expect, it } from 'vitest';
import { FIRST_PART_CARDS, joinDeck, splitDeck } from '../../src/lib/deck/deckParts.ts';
import { deckData } from '../../src/lib/deck/deckTypes.ts';
import { makeDeck } from './factories.ts';

describe('the deck in parts', () => {
	it('puts the first cards in the head, the rest in parts, and joins them back in order', () => {
		const deck = deckData(makeDeck(30, 40));
		const { head, parts } = splitDeck(deck);
		expect(head.cards).toHaveLength(FIRST_PART_CARDS);
		expect(head.parts).toBe(parts.length + 1);
		expect(parts.length).toBeGreaterThan(0);
		expect(joinDeck(head, parts)).toEqual(deck);
	});

	it('refuses parts of another deck version', () => {
		const { head, parts } = splitDeck(deckData(makeDeck(30, 40)));
		expect(() => joinDeck(head, [{ ...parts[0]!, version: 'older' }])).toThrow(/two versions/);
	});

	it('ships no summaries and no search text: the library and the HTML carry those', () => {
		const json = JSON.stringify(deckData(makeDeck(2, 2)));
		expect(json).not.toContain('summary');
		expect(json).not.toContain('"text"');
	});
});
