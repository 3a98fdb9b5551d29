import { newCardState } from './newCardState.ts';
import type { Scheduler } from './scheduler.ts';
import type { CardEvent, CardState } from './types.ts';

/**
 * Folds one event into a card's state: the table from event type to a pure transition. Undo is not
 * here: it cancels an earlier event, so it is settled over the whole history (see `replayCard`).
 */
export function reduceCard(state: CardState, event: CardEvent, scheduler: Scheduler): CardState {
	const at = { lastEventMillis: Math.max(state.lastEventMillis, event.atMillis) };
	switch (event.type) {
		case 'review': {
			// Interview answers are history, never scheduling.
			if (event.kind === 'cram') return { ...state, ...at };
			const next = scheduler.review(state, event.rating, event.atMillis, event.day);
			return {
				...next,
				...at,
				introducedMillis: state.introducedMillis || event.atMillis,
				// A review ends a burial early: the card was studied anyway.
				buriedUntilMillis: 0
			};
		}
		case 'suspend':
			return { ...state, ...at, suspended: true };
		case 'unsuspend':
			return { ...state, ...at, suspended: false };
		case 'bury':
			return { ...state, ...at, buriedUntilMillis: event.untilMillis };
		case 'reset':
			return { ...newCardState(state.cardId), ...at, suspended: state.suspended };
		case 'undo':
			throw new Error('reduceCard: undo events are settled by replayCard');
	}
}
