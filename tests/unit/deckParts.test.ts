/** The deck data in parts (deckParts.ts), each a file named by a hash of its text. */
import { describe, expect, it } from 'vitest';
import { hashString } from '../../src/lib/core/hashString.ts';
import { cardHash } from '../../src/lib/deck/cardHash.ts';
import { deckFiles, FIRST_PART_CARDS, joinDeck, type DeckHead, type DeckPart } from '../../src/lib/deck/deckParts.ts';
import { deckData } from '../../src/lib/deck/deckTypes.ts';
import { makeDeck } from './factories.ts';

describe('the deck in parts', () => {
	const split = (files = deckFiles(deckData(makeDeck(30, 40)))) => {
		const [head, ...parts] = files.map((f) => JSON.parse(f.text) as unknown);
		return { head: head as DeckHead, parts: parts as DeckPart[] };
	};

	it('puts the first cards in the head, the rest in parts the head names, and joins them back in order', () => {
		const deck = deckData(makeDeck(30, 40));
		const files = deckFiles(deck);
		const { head, parts } = split(files);
		expect(head.cards).toHaveLength(FIRST_PART_CARDS);
		expect(parts.length).toBeGreaterThan(0);
		expect(head.parts).toBe(files.length);
		expect(joinDeck(head, parts)).toEqual(deck);
	});

	it('names the files by a hash of all their text and their number, so a name never changes content', () => {
		const files = deckFiles(deckData(makeDeck(60, 40)));
		expect(files.length).toBeGreaterThanOrEqual(3);
		const hash = hashString(files.map((f) => f.text).join('\n'));
		expect(files.map((f) => f.path)).toEqual(files.map((_, n) => `/deck/${hash}-${n}.json`));
		// One changed card, in the last part, renames every file.
		const deck = deckData(makeDeck(60, 40));
		const last = deck.cards.length - 1;
		deck.cards[last] = { ...deck.cards[last]!, answerHtml: '<p>changed</p>' };
		const changed = deckFiles(deck);
		expect(changed.filter((f, n) => f.path === files[n]!.path)).toEqual([]);
		expect(changed.slice(0, -1).map((f) => f.text)).toEqual(files.slice(0, -1).map((f) => f.text));
	});

	it('carries each card as an array, a cloze card marked, without its paper, its hash or the papers\' card lists, and gets them back', () => {
		const deck = deckData(makeDeck(3, 4));
		const cloze = { ...deck.cards[5]!, type: 'cloze' as const };
		deck.cards[5] = cloze;
		const { head } = split(deckFiles(deck));
		expect(head.cards[0]).toEqual(['paper-0/card-0', '<p>Question paper-0/card-0</p>', '<p>A</p>', '']);
		expect(head.cards[5]).toHaveLength(5);
		expect(JSON.stringify(head)).not.toContain(cardHash(deck.cards[0]!));
		expect(JSON.stringify(head)).not.toContain('paperId');
		expect(JSON.stringify(head)).not.toContain('cardIds');
		const joined = joinDeck(head, []);
		expect(joined).toEqual(deck);
		expect(joined.cards[5]!.type).toBe('cloze');
		expect(joined.papers[1]!.cardIds).toEqual(['paper-1/card-0', 'paper-1/card-1', 'paper-1/card-2', 'paper-1/card-3']);
	});

	it('refuses a card whose paper is not in the head', () => {
		const { head, parts } = split();
		expect(() => joinDeck({ ...head, papers: head.papers.slice(1) }, parts)).toThrow(/paper-0\/card-0 belongs to no paper/);
	});

	it('refuses parts of another deck version', () => {
		const { head, parts } = split();
		expect(() => joinDeck(head, [{ ...parts[0]!, version: 'older' }, ...parts.slice(1)])).toThrow(/two versions/);
	});

	it('ships no summaries and no search text: the library and the HTML carry those', () => {
		const json = JSON.stringify(deckData(makeDeck(2, 2)));
		expect(json).not.toContain('summary');
		expect(json).not.toContain('"text"');
	});
});
