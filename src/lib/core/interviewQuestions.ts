import { seededRandom } from './seededRandom.ts';

/** A card an interview may ask, with its predicted recall now (0 for a card never studied). */
export interface QuestionCandidate {
	cardId: string;
	paperId: string;
	recall: number;
}

/** Even a card known perfectly keeps a small chance to be asked: an interview checks what you know too. */
const WEIGHT_FLOOR = 0.05;

/** How strongly a card is drawn: the chance it is forgotten, plus the floor (0.05 to 1.05). */
export function questionWeight(recall: number): number {
	return 1 - Math.min(1, Math.max(0, recall)) + WEIGHT_FLOOR;
}

/**
 * Draws `count` questions (card ids, in the order to ask them) from `candidates`, reproducibly for a
 * `seed`. The draw goes in rounds: each round asks every paper that has cards left once, so no paper
 * is repeated while another in scope is unused, and papers alternate instead of coming one by one.
 * Within a paper, and among papers in a round, the order is a weighted random order (Efraimidis and
 * Spirakis's exponential race) with weights from `questionWeight`, so cards likely forgotten come
 * first more often; a paper's weight in a round is that of the card it would give. A round never
 * starts with the paper the previous round ended on, when it has another.
 *
 * @example
 * sampleQuestions([{ cardId: 'lora/freeze', paperId: 'lora', recall: 0.4 }, …], 10, 42);
 */
export function sampleQuestions(candidates: readonly QuestionCandidate[], count: number, seed: number): string[] {
	const random = seededRandom(seed);
	// Exponential race: sorting by these keys is weighted sampling without replacement.
	const race = (weight: number) => -Math.log(1 - random()) / weight;
	// The input order must not matter: the same scope and seed give the same interview on any device.
	const sorted = candidates.slice().sort((a, b) => (a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0));
	const byPaper = new Map<string, { cardId: string; weight: number; key: number }[]>();
	for (const c of sorted) {
		const weight = questionWeight(c.recall);
		const item = { cardId: c.cardId, weight, key: race(weight) };
		const list = byPaper.get(c.paperId);
		if (list) list.push(item);
		else byPaper.set(c.paperId, [item]);
	}
	const papers = [...byPaper].map(([paperId, cards]) => ({ paperId, cards: cards.sort((a, b) => a.key - b.key), next: 0 }));

	const wanted = Math.min(Math.max(0, Math.floor(count)), sorted.length);
	const questions: string[] = [];
	let lastPaper: string | null = null;
	while (questions.length < wanted) {
		const round = papers
			.filter((p) => p.next < p.cards.length)
			.map((p) => ({ paper: p, key: race(p.cards[p.next]!.weight) }))
			.sort((a, b) => a.key - b.key);
		if (round.length > 1 && round[0]!.paper.paperId === lastPaper) [round[0], round[1]] = [round[1]!, round[0]!];
		for (const { paper } of round) {
			if (questions.length === wanted) break;
			questions.push(paper.cards[paper.next++]!.cardId);
			lastPaper = paper.paperId;
		}
	}
	return questions;
}
