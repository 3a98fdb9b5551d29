import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../src/lib/deck/compileDeck.ts';
import { deckFiles, joinDeck, type DeckHead, type DeckPart } from '../../src/lib/deck/deckParts.ts';
import { deckData, formatDeckError } from '../../src/lib/deck/deckTypes.ts';
import { readDeckSources } from '../../src/lib/deck/deckVitePlugin.ts';

describe('the deck in cards/', () => {
	const sources = readDeckSources(process.cwd());
	const { deck, errors } = compileDeck(sources);

	it('compiles without a single error', () => {
		expect(errors.map(formatDeckError)).toEqual([]);
		expect(deck).not.toBeNull();
	});

	it('has a card file for papers and every card id is unique', () => {
		expect(deck!.papers.length).toBeGreaterThanOrEqual(10);
		const ids = deck!.cards.map((c) => c.id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('orders papers so none comes before a paper it builds on', () => {
		const position = new Map(deck!.papers.map((p, i) => [p.id, i]));
		for (const p of deck!.papers) {
			for (const dep of p.buildsOn) expect(position.get(dep)!).toBeLessThan(position.get(p.id)!);
		}
	});

	it('comes back whole from the files the app downloads (papers and cards in the same order)', () => {
		const data = deckData(deck!);
		const [head, ...parts] = deckFiles(data).map((f) => JSON.parse(f.text) as unknown);
		expect(joinDeck(head as DeckHead, parts as DeckPart[])).toEqual(data);
	});
});
