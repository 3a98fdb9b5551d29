import { describe, expect, it } from 'vitest';
import { newCardState } from '../../src/lib/core/newCardState.ts';
import { LEARN_AHEAD_MILLIS, remainingLimits, StudyQueue } from '../../src/lib/core/studyQueue.ts';
import { Phase, type CardState } from '../../src/lib/core/types.ts';
import { DAY, MINUTE, NOW } from './factories.ts';

const card = (id: string, phase: CardState['phase'], dueMillis: number): CardState => ({ ...newCardState(id), phase, dueMillis });
const dayEndMillis = NOW + 12 * 60 * MINUTE;

describe('daily limits', () => {
	it('leave what the limits allow after what is done, never below zero', () => {
		const limits = { newPerDay: 20, reviewsPerDay: 200, rolloverHour: 4 };
		expect(remainingLimits(limits, { reviews: 0, newCards: 0 })).toEqual({ reviews: 200, newCards: 20 });
		expect(remainingLimits(limits, { reviews: 150, newCards: 5 })).toEqual({ reviews: 50, newCards: 15 });
		expect(remainingLimits(limits, { reviews: 250, newCards: 25 })).toEqual({ reviews: 0, newCards: 0 });
	});
});

describe('the study queue', () => {
	const make = () =>
		new StudyQueue({
			learning: [card('l-later', Phase.Learning, NOW + 30 * MINUTE), card('l-now', Phase.Relearning, NOW - MINUTE), card('l-tomorrow', Phase.Learning, dayEndMillis + MINUTE)],
			reviews: [card('r1', Phase.Review, NOW - DAY), card('r2', Phase.Review, NOW)],
			fresh: [card('n1', Phase.New, 0), card('n2', Phase.New, 0)],
			dayEndMillis
		});

	it('shows due learning cards, then due reviews, then new cards, then learning cards due soon', () => {
		const q = make();
		const order: string[] = [];
		for (let s = q.next(NOW); s; s = q.next(NOW)) {
			order.push(s.cardId);
			q.remove(s.cardId);
			if (order.length > 10) break;
		}
		// l-later is 30 minutes away: beyond the learn-ahead window, so it waits.
		expect(order).toEqual(['l-now', 'r1', 'r2', 'n1', 'n2']);
		expect(q.nextLearningDueMillis()).toBe(NOW + 30 * MINUTE);
		expect(q.next(NOW + 30 * MINUTE - LEARN_AHEAD_MILLIS)?.cardId).toBe('l-later');
	});

	it('ignores learning cards due after today and counts what is left', () => {
		expect(make().counts()).toEqual({ learning: 2, review: 2, new: 2 });
	});

	it('brings an answered card back later today while it is still in learning', () => {
		const q = make();
		q.answered('n1', card('n1', Phase.Learning, NOW + MINUTE));
		expect(q.counts()).toEqual({ learning: 3, review: 2, new: 1 });
		q.answered('r1', card('r1', Phase.Review, NOW + 3 * DAY));
		expect(q.counts()).toEqual({ learning: 3, review: 1, new: 1 });
		// An Again on a review that is due after today's end leaves the queue.
		q.answered('r2', card('r2', Phase.Relearning, dayEndMillis + 1));
		expect(q.counts()).toEqual({ learning: 3, review: 0, new: 1 });
	});

	it('shows an undone card next, whatever else is due', () => {
		const q = make();
		q.answered('n2', card('n2', Phase.Learning, NOW + 5 * MINUTE));
		q.showNext(card('n2', Phase.New, 0));
		expect(q.next(NOW)?.cardId).toBe('n2');
		expect(q.counts().new).toBe(2);
		expect(q.cardIds()).toHaveLength(6);
	});
});
