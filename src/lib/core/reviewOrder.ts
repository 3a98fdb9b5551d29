import { seededRandom } from './seededRandom.ts';
import type { CardState } from './types.ts';
import type { ReviewOrder } from './workload.ts';

/**
 * The day's due reviews in the chosen order: `due` (oldest due first), `recall` (lowest predicted
 * recall first: most at risk), `paper` (a paper's cards together, papers by their oldest due card),
 * `random` (shuffled with `seed`, e.g. the study day, so a reload keeps the order). Returns a new array.
 */
export function orderReviews<T extends CardState>(
	reviews: readonly T[],
	order: ReviewOrder,
	opts: { recall: (s: T) => number; paperOf: (s: T) => string; seed: number }
): T[] {
	const byDue = (a: T, b: T) => a.dueMillis - b.dueMillis || (a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0);
	const out = reviews.slice().sort(byDue);
	if (order === 'recall') {
		const r = new Map(out.map((s) => [s.cardId, opts.recall(s)]));
		return out.sort((a, b) => r.get(a.cardId)! - r.get(b.cardId)! || byDue(a, b));
	}
	if (order === 'paper') {
		const first = new Map<string, number>();
		out.forEach((s, i) => {
			const p = opts.paperOf(s);
			if (!first.has(p)) first.set(p, i);
		});
		return out.sort((a, b) => first.get(opts.paperOf(a))! - first.get(opts.paperOf(b))! || byDue(a, b));
	}
	if (order === 'random') {
		const random = seededRandom(opts.seed);
		for (let i = out.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			[out[i], out[j]] = [out[j]!, out[i]!];
		}
	}
	return out;
}
