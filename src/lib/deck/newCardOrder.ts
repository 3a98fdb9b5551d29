import { hashString } from '../core/hashString.ts';
import { NEW_CARD_ORDERS, type NewCardOrder } from '../core/studySelection.ts';
import { effectiveTiers, lineageOrder, type LineageNode } from './lineageOrder.ts';

/** What ordering papers needs to know of each. */
export interface OrderNode extends LineageNode {
	topic: string;
	beyond?: true;
}

/**
 * Papers in the order their new cards are introduced. Every order is a lineage order: no paper comes
 * before a paper it builds on. `topicIds` is the topics' display order (`cards/topics.tsv`); `seed`
 * shuffles the `random` order. The compiler orders the deck with `default`.
 * @example orderPapers(deck.papers, deck.topics.map((t) => t.id), 'lineage', 0)
 */
export function orderPapers<T extends OrderNode>(papers: readonly T[], topicIds: readonly string[], order: NewCardOrder, seed: number): T[] {
	switch (order) {
		case 'default': {
			// Tier first (a foundation of a tier-1 paper counts as tier 1), then topic by topic. The papers
			// past the reading lists come after the reading lists' tier-1 papers, before their tier 2:
			// they build on the classics, and interviews ask about them as much.
			const tiers = effectiveTiers(papers.filter((p) => !p.beyond));
			const topicIndex = new Map(topicIds.map((t, i) => [t, i]));
			const topicRank = (p: T) => topicIndex.get(p.topic) ?? topicIds.length;
			const rank = (p: T) => (p.beyond ? 1500 + p.tier * 100 : tiers.get(p.id)! * 1000);
			return lineageOrder(papers, (p) => rank(p) + topicRank(p));
		}
		case 'tier': {
			const tiers = effectiveTiers(papers);
			return lineageOrder(papers, (p) => tiers.get(p.id)!);
		}
		case 'lineage':
			return lineageOrder(papers);
		case 'random': {
			const key = new Map(papers.map((p) => [p.id, parseInt(hashString(p.id, seed).slice(-12), 16)]));
			return lineageOrder(papers, (p) => key.get(p.id)!);
		}
	}
}

/**
 * Each card's position among new cards: papers in `order`, each paper's cards in file order. The
 * deck's papers already come in the `default` order, so that order is read off as it stands; so is an
 * order this version does not know (settings written by a newer version).
 */
export function newCardRanks(
	deck: { topics: readonly { id: string }[]; papers: readonly (OrderNode & { cardIds: readonly string[] })[] },
	order: NewCardOrder,
	seed: number
): Map<string, number> {
	const known = NEW_CARD_ORDERS.includes(order) && order !== 'default';
	const papers = !known ? deck.papers : orderPapers(deck.papers, deck.topics.map((t) => t.id), order, seed);
	const ranks = new Map<string, number>();
	for (const p of papers) for (const id of p.cardIds) ranks.set(id, ranks.size);
	return ranks;
}
