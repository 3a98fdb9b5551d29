import { Phase, type CardState } from '../types.ts';

export interface CardStateCounts {
	new: number;
	learning: number;
	review: number;
	relearning: number;
	/** Suspended cards count here only, whatever their phase. */
	suspended: number;
}

export function cardStateCounts(states: readonly CardState[]): CardStateCounts {
	const c: CardStateCounts = { new: 0, learning: 0, review: 0, relearning: 0, suspended: 0 };
	for (const s of states) {
		if (s.suspended) c.suspended++;
		else if (s.phase === Phase.New) c.new++;
		else if (s.phase === Phase.Learning) c.learning++;
		else if (s.phase === Phase.Review) c.review++;
		else c.relearning++;
	}
	return c;
}
