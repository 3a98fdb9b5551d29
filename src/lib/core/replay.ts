import { activeEvents, inLogOrder } from './events.ts';
import { newCardState } from './newCardState.ts';
import { reduceCard } from './reduceCard.ts';
import type { Scheduler } from './scheduler.ts';
import type { CardEvent, CardState } from './types.ts';

/**
 * A card's state from its whole history: the events in log order, undos settled, folded from new.
 * `events` may be in any order and may include other cards' events only if they are filtered first.
 */
export function replayCard(cardId: string, events: readonly CardEvent[], scheduler: Scheduler): CardState {
	const sorted = inLogOrder(events);
	const active = activeEvents(sorted);
	// Only the last scheduling review's interval survives the fold: the others skip theirs.
	let lastReview = active.length - 1;
	while (lastReview >= 0 && !isSchedulingReview(active[lastReview]!)) lastReview--;
	let state = newCardState(cardId);
	for (let i = 0; i < active.length; i++) state = reduceCard(state, active[i]!, scheduler, i >= lastReview);
	// An undone event still happened: keep its time so later writes know how far the log reaches.
	const last = sorted[sorted.length - 1];
	if (last) state.lastEventMillis = Math.max(state.lastEventMillis, last.atMillis);
	return state;
}

function isSchedulingReview(e: CardEvent): boolean {
	return e.type === 'review' && e.kind !== 'cram';
}

/**
 * Rebuilds every card's state from the log. Cards with no events are absent from the result (they are
 * new). Grouping first keeps the cost linear in the log's length. `onProgress` hears how many cards
 * are done, now and then (for a progress bar when the log is large).
 */
export function replayAll(
	events: readonly CardEvent[],
	scheduler: Scheduler,
	onProgress?: (cardsDone: number, cards: number) => void
): Map<string, CardState> {
	const byCard = new Map<string, CardEvent[]>();
	for (const e of events) {
		const list = byCard.get(e.cardId);
		if (list) list.push(e);
		else byCard.set(e.cardId, [e]);
	}
	const states = new Map<string, CardState>();
	for (const [cardId, list] of byCard) {
		states.set(cardId, replayCard(cardId, list, scheduler));
		if (onProgress && states.size % 500 === 0) onProgress(states.size, byCard.size);
	}
	onProgress?.(states.size, byCard.size);
	return states;
}
