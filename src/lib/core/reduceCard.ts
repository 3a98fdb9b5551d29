import { newCardState } from './newCardState.ts';
import type { Scheduler } from './scheduler.ts';
import { Phase, type CardEvent, type CardState } from './types.ts';

const DAY = 86_400_000;

/**
 * Folds one event into a card's state: the table from event type to a pure transition. Undo is not
 * here: it cancels an earlier event, so it is settled over the whole history (see `replayCard`).
 *
 * `exact: false` skips a review's day interval (see `Scheduler.advance`): only for a review that a
 * later review of the same card follows, where the interval is overwritten before anything reads it.
 */
export function reduceCard(state: CardState, event: CardEvent, scheduler: Scheduler, exact = true): CardState {
	const lastEventMillis = Math.max(state.lastEventMillis, event.atMillis);
	switch (event.type) {
		case 'review': {
			// Interview answers are history, never scheduling.
			if (event.kind === 'cram') return { ...state, lastEventMillis };
			const next = exact
				? scheduler.review(state, event.rating, event.atMillis, event.day, event.fuzz)
				: scheduler.advance(state, event.rating, event.atMillis, event.day);
			// The interview plan's cap, recorded at answer time: day intervals only (never a learning step).
			if (exact && event.capMillis !== undefined && next.phase === Phase.Review && next.dueMillis > event.capMillis) {
				next.dueMillis = Math.max(event.atMillis, event.capMillis);
				next.scheduledDays = Math.max(0, Math.round((next.dueMillis - event.atMillis) / DAY));
			}
			// `next` is a fresh object: finish it in place rather than copy it again (replay's hot path).
			next.lastEventMillis = lastEventMillis;
			next.introducedMillis = state.introducedMillis || event.atMillis;
			// A review ends a burial early: the card was studied anyway.
			next.buriedUntilMillis = 0;
			return next;
		}
		case 'suspend':
			return { ...state, lastEventMillis, suspended: true };
		case 'unsuspend':
			return { ...state, lastEventMillis, suspended: false };
		case 'bury':
			return { ...state, lastEventMillis, buriedUntilMillis: event.untilMillis };
		case 'reset':
			return { ...newCardState(state.cardId), lastEventMillis, suspended: state.suspended };
		case 'dueBy':
			// Only the due date moves, and only earlier: memory and interval stay what FSRS made them.
			if (state.phase === Phase.New || state.dueMillis <= event.dueMillis) return { ...state, lastEventMillis };
			return { ...state, lastEventMillis, dueMillis: event.dueMillis };
		case 'postpone':
			// The mirror of dueBy: only later, memory untouched.
			if (state.phase === Phase.New || state.dueMillis >= event.dueMillis) return { ...state, lastEventMillis };
			return { ...state, lastEventMillis, dueMillis: event.dueMillis };
		case 'paperSet':
		case 'cardSet':
		case 'cardOriginal':
		case 'cardRetire':
		case 'cardRestore':
			// The user's own content (contentEvents.ts): wording and membership, never scheduling.
			return { ...state, lastEventMillis };
		case 'undo':
			throw new Error('reduceCard: undo events are settled by replayCard');
	}
}
