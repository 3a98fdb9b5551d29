import { Phase, type CardState } from './types.ts';

/** The state of a card with no events: new, not suspended, not buried. */
export function newCardState(cardId: string): CardState {
	return {
		cardId,
		phase: Phase.New,
		dueMillis: 0,
		stability: 0,
		difficulty: 0,
		scheduledDays: 0,
		learningSteps: 0,
		reps: 0,
		lapses: 0,
		lastReviewMillis: 0,
		lastReviewDay: 0,
		introducedMillis: 0,
		suspended: false,
		buriedUntilMillis: 0,
		lastEventMillis: 0
	};
}
