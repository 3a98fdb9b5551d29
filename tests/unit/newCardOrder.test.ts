import { describe, expect, it } from 'vitest';
import { NEW_CARD_ORDERS } from '../../src/lib/core/studySelection.ts';
import { compileDeck } from '../../src/lib/deck/compileDeck.ts';
import { effectiveTiers, lineageOrder } from '../../src/lib/deck/lineageOrder.ts';
import { newCardRanks, orderPapers, type OrderNode } from '../../src/lib/deck/newCardOrder.ts';
import { readDeckSources } from '../../src/lib/deck/deckVitePlugin.ts';
import { prng } from './factories.ts';

const deck = compileDeck(readDeckSources(process.cwd())).deck!;
const topicIds = deck.topics.map((t) => t.id);
const ids = (papers: readonly { id: string }[]) => papers.map((p) => p.id);

/** Every paper once, and none before a paper it builds on. */
function expectLineageOrder(input: readonly OrderNode[], output: readonly OrderNode[]) {
	expect(ids(output).slice().sort()).toEqual(ids(input).slice().sort());
	const position = new Map(output.map((p, i) => [p.id, i]));
	for (const p of output) {
		for (const dep of p.buildsOn) if (position.has(dep)) expect(position.get(dep)!, `${dep} before ${p.id}`).toBeLessThan(position.get(p.id)!);
	}
}

/** A random deck of `n` papers: each builds on up to three earlier ones, given in a shuffled order. */
function randomPapers(n: number, seed: number): OrderNode[] {
	const rand = prng(seed);
	const papers: OrderNode[] = [];
	for (let i = 0; i < n; i++) {
		const buildsOn = new Set<string>();
		for (let k = 0; k < 3 && i > 0; k++) if (rand() < 0.5) buildsOn.add(`p${Math.floor(rand() * i)}`);
		papers.push({ id: `p${i}`, tier: 1 + Math.floor(rand() * 3), year: 2010 + Math.floor(rand() * 15), topic: `t${Math.floor(rand() * 4)}`, buildsOn: [...buildsOn] });
	}
	for (let i = papers.length - 1; i > 0; i--) {
		const j = Math.floor(rand() * (i + 1));
		[papers[i], papers[j]] = [papers[j]!, papers[i]!];
	}
	return papers;
}

describe('new-card orders', () => {
	it.each(NEW_CARD_ORDERS)('%s never puts a paper before one it builds on (the real deck)', (order) => {
		expectLineageOrder(deck.papers, orderPapers(deck.papers, topicIds, order, 42));
	});

	it.each(NEW_CARD_ORDERS)('%s never puts a paper before one it builds on (random decks)', (order) => {
		for (let seed = 1; seed <= 30; seed++) {
			const papers = randomPapers(80, seed);
			expectLineageOrder(papers, orderPapers(papers, ['t0', 't1', 't2', 't3'], order, seed));
		}
	});

	it('default is the order the compiler ships, and its ranks are the deck order of the cards', () => {
		expect(ids(orderPapers(deck.papers, topicIds, 'default', 0))).toEqual(ids(deck.papers));
		const ranks = newCardRanks(deck, 'default', 0);
		expect(deck.cards.map((c) => ranks.get(c.id))).toEqual(deck.cards.map((_, i) => i));
	});

	it('default and tier introduce tier by tier; a foundation of an essential paper counts as essential', () => {
		const tiers = effectiveTiers(deck.papers);
		for (const order of ['default', 'tier'] as const) {
			// The default places the papers past the reading lists by a rule of their own (next test).
			const t = orderPapers(deck.papers, topicIds, order, 0)
				.filter((p) => order === 'tier' || !p.beyond)
				.map((p) => (order === 'tier' ? tiers : effectiveTiers(deck.papers.filter((x) => !x.beyond))).get(p.id)!);
			expect(t).toEqual(t.slice().sort((a, b) => a - b));
		}
		// The default starts with the first topic; `tier` goes by year across topics.
		const byDefault = orderPapers(deck.papers, topicIds, 'default', 0);
		expect(byDefault[0]!.topic).toBe(topicIds[0]);
		const byTier = orderPapers(deck.papers, topicIds, 'tier', 0);
		expect(ids(byTier)).not.toEqual(ids(byDefault));
		const tier1Years = byTier.filter((p) => tiers.get(p.id) === 1).map((p) => p.year);
		expect(tier1Years[0]).toBe(Math.min(...tier1Years));
	});

	it('default puts the papers past the reading lists after the reading lists\' essentials, before their tier 2', () => {
		const ordered = orderPapers(deck.papers, topicIds, 'default', 0);
		const firstBeyond = ordered.findIndex((p) => p.beyond);
		const lastBeyond = ordered.findLastIndex((p) => p.beyond);
		expect(ordered.filter((p) => p.beyond)).toHaveLength(40);
		const tiers = effectiveTiers(deck.papers.filter((p) => !p.beyond));
		// Every reading-list paper before the first "beyond" paper is (effectively) essential, unless
		// a beyond paper builds on it; every reading-list paper after the last is not essential.
		const foundations = new Set(deck.papers.filter((p) => p.beyond).flatMap((p) => p.buildsOn));
		for (const p of ordered.slice(0, firstBeyond)) expect(p.beyond || tiers.get(p.id) === 1 || foundations.has(p.id)).toBe(true);
		for (const p of ordered.slice(lastBeyond + 1)) expect(tiers.get(p.id)).toBeGreaterThan(1);
		expect(ordered.findIndex((p) => p.id === 'dpo')).toBeGreaterThan(ordered.findIndex((p) => p.id === 'instructgpt'));
	});

	it('lineage puts foundations first whatever their tier: Transformer, then BERT, then RoBERTa', () => {
		const order = ids(orderPapers(deck.papers, topicIds, 'lineage', 0));
		const at = (id: string) => order.indexOf(id);
		expect(at('transformer')).toBeGreaterThanOrEqual(0);
		expect(at('transformer')).toBeLessThan(at('bert'));
		expect(at('bert')).toBeLessThan(at('roberta'));
		// Ready papers go oldest first, so the first paper is one of the oldest of the deck.
		expect(deck.papers.find((p) => p.id === order[0])!.year).toBe(Math.min(...deck.papers.map((p) => p.year)));
	});

	it('random is stable for a seed, different for another, and ranks every card once', () => {
		const a = ids(orderPapers(deck.papers, topicIds, 'random', 7));
		expect(ids(orderPapers(deck.papers, topicIds, 'random', 7))).toEqual(a);
		expect(ids(orderPapers(deck.papers, topicIds, 'random', 8))).not.toEqual(a);
		expect(a).not.toEqual(ids(orderPapers(deck.papers, topicIds, 'lineage', 0)));
		const ranks = newCardRanks(deck, 'random', 7);
		expect([...ranks.values()].sort((x, y) => x - y)).toEqual(deck.cards.map((_, i) => i));
		// A paper's cards stay together and in file order.
		const lora = deck.papers.find((p) => p.id === 'lora')!;
		const r = lora.cardIds.map((id) => ranks.get(id)!);
		expect(r).toEqual(r.map((_, i) => r[0]! + i));
	});

	it('falls back to the deck order for an order it does not know (settings from a newer version)', () => {
		const ranks = newCardRanks(deck, 'someday' as never, 0);
		expect(deck.cards.map((c) => ranks.get(c.id))).toEqual(deck.cards.map((_, i) => i));
	});

	it('loses no paper on a cycle (which the compiler rejects before ordering)', () => {
		const cyclic: OrderNode[] = [
			{ id: 'a', tier: 1, year: 2020, topic: 't', buildsOn: ['c'] },
			{ id: 'b', tier: 1, year: 2020, topic: 't', buildsOn: ['a'] },
			{ id: 'c', tier: 1, year: 2020, topic: 't', buildsOn: ['b'] },
			{ id: 'd', tier: 1, year: 2019, topic: 't', buildsOn: [] }
		];
		expect(ids(lineageOrder(cyclic))).toEqual(['d', 'a', 'b', 'c']);
	});
});
