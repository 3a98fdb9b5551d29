import { activeEvents, compareEvents } from '../events.ts';
import type { CardEvent, ReviewEvent } from '../types.ts';

/** The answers that still count (undos settled), in log order: what every statistic counts. */
export function activeReviews(events: readonly CardEvent[]): ReviewEvent[] {
	return activeEvents(events.slice().sort(compareEvents)).filter((e): e is ReviewEvent => e.type === 'review');
}
