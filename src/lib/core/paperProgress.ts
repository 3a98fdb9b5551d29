import { Phase, type CardState } from './types.ts';

/** How far along a set of cards (a paper's, a topic's) is. */
export interface Progress {
	cards: number;
	new: number;
	/** In learning or relearning. */
	learning: number;
	/** Graduated to review. */
	known: number;
	suspended: number;
	/** Mean predicted recall now of the cards studied at least once; null when none has been. */
	meanRecall: number | null;
}

/**
 * Counts cards by phase (a suspended card also counts in its phase) and averages the predicted recall
 * of those already studied. `recall` is the scheduler's retrievability at the time of interest.
 * @example summarizeProgress(states, (s) => scheduler.retrievability(s, nowMillis))
 */
export function summarizeProgress(states: readonly CardState[], recall: (s: CardState) => number): Progress {
	const p: Progress = { cards: states.length, new: 0, learning: 0, known: 0, suspended: 0, meanRecall: null };
	let recallSum = 0;
	for (const s of states) {
		if (s.suspended) p.suspended++;
		if (s.phase === Phase.New) {
			p.new++;
			continue;
		}
		if (s.phase === Phase.Review) p.known++;
		else p.learning++;
		recallSum += recall(s);
	}
	const studied = p.learning + p.known;
	if (studied > 0) p.meanRecall = recallSum / studied;
	return p;
}
