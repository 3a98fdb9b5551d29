import { activeEvents, inLogOrder } from './events.ts';
import type { CardEvent } from './types.ts';

/**
 * Today's answers from the events since the study day began: `reviews` counts review-kind answers
 * (what the daily review limit limits); `answered` counts every scheduling answer (cram excluded), for
 * "reviewed today". Undone answers do not count.
 */
export function countDoneToday(eventsSinceDayStart: readonly CardEvent[]): { reviews: number; answered: number } {
	let reviews = 0;
	let answered = 0;
	for (const e of activeEvents(inLogOrder(eventsSinceDayStart))) {
		if (e.type !== 'review' || e.kind === 'cram') continue;
		answered++;
		if (e.kind === 'review') reviews++;
	}
	return { reviews, answered };
}
