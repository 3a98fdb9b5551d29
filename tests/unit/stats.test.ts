import { describe, expect, it } from 'vitest';
import { newCardState } from '../../src/lib/core/newCardState.ts';
import { activeReviews } from '../../src/lib/core/stats/activeReviews.ts';
import { answersByDay, reviewHeatmap, reviewsPerDay } from '../../src/lib/core/stats/answersByDay.ts';
import { cardStateCounts } from '../../src/lib/core/stats/cardStateCounts.ts';
import { dueForecast } from '../../src/lib/core/stats/dueForecast.ts';
import { memoryDistributions } from '../../src/lib/core/stats/memoryDistributions.ts';
import { topicReadiness } from '../../src/lib/core/stats/topicReadiness.ts';
import { trueRetention } from '../../src/lib/core/stats/trueRetention.ts';
import { studyDay, studyDayStart } from '../../src/lib/core/studyDay.ts';
import { Phase, type CardState, type Rating, type ReviewKind } from '../../src/lib/core/types.ts';
import { DAY, NOW, review, undo, UTC_CLOCK } from './factories.ts';

const TODAY = studyDay(NOW, UTC_CLOCK);
const card = (cardId: string, fields: Partial<CardState>): CardState => ({ ...newCardState(cardId), phase: Phase.Review, ...fields });
/** A review answer on study day `day` (noon UTC). */
const answerOn = (day: number, rating: Rating = 3, kind: ReviewKind = 'review', cardId = 'p/c') =>
	review(cardId, studyDayStart(day, UTC_CLOCK) + 8 * 3_600_000, rating, kind);

describe('due forecast', () => {
	it('counts cards per study day ahead, overdue ones today, leaving out new and suspended cards', () => {
		const dayStart = (offset: number) => studyDayStart(TODAY + offset, UTC_CLOCK);
		const states = [
			card('a/1', { dueMillis: NOW - 5 * DAY }),
			card('a/2', { dueMillis: dayStart(1) - 1 }),
			card('a/3', { dueMillis: dayStart(1) }),
			card('a/4', { dueMillis: dayStart(29) + 1000, phase: Phase.Relearning }),
			card('a/5', { dueMillis: dayStart(30) }),
			card('a/6', { dueMillis: NOW, suspended: true }),
			card('a/7', { dueMillis: NOW + 60_000, phase: Phase.Learning }),
			newCardState('a/8'),
			// Buried until tomorrow: it counts tomorrow.
			card('a/9', { dueMillis: NOW - DAY, buriedUntilMillis: dayStart(1) })
		];
		const f = dueForecast(states, NOW, UTC_CLOCK);
		expect(f).toHaveLength(30);
		expect(f[0]).toEqual({ offset: 0, learning: 1, review: 2 });
		expect(f[1]).toEqual({ offset: 1, learning: 0, review: 2 });
		expect(f[29]).toEqual({ offset: 29, learning: 1, review: 0 });
		expect(f.reduce((n, d) => n + d.learning + d.review, 0)).toBe(6);
	});

	it('follows the rollover hour: 3 am belongs to the day before', () => {
		const clock = { timeZone: 'UTC', rolloverHour: 4 };
		const now = Date.UTC(2026, 10, 22, 12);
		const threeAm = card('x/1', { dueMillis: Date.UTC(2026, 10, 23, 3) });
		const fiveAm = card('x/2', { dueMillis: Date.UTC(2026, 10, 23, 5) });
		const f = dueForecast([threeAm, fiveAm], now, clock, 2);
		expect(f.map((d) => d.review)).toEqual([1, 1]);
	});
});

describe('answers per day and the calendar', () => {
	it('counts answers per day and kind, without undone ones', () => {
		const undone = answerOn(TODAY, 1, 'relearn');
		const events = [answerOn(TODAY), answerOn(TODAY, 3, 'learn'), undone, undo(undone, NOW + 1000), answerOn(TODAY - 1, 2, 'cram'), answerOn(TODAY - 200)];
		const byDay = answersByDay(activeReviews(events));
		const days = reviewsPerDay(byDay, TODAY);
		expect(days).toHaveLength(90);
		expect(days[89]).toEqual({ day: TODAY, learn: 1, review: 1, relearn: 0, cram: 0 });
		expect(days[88]).toEqual({ day: TODAY - 1, learn: 0, review: 0, relearn: 0, cram: 1 });
		expect(days.reduce((n, d) => n + d.learn + d.review + d.relearn + d.cram, 0)).toBe(3);
	});

	it('lays out a year from a Sunday, and counts the current streak', () => {
		const events = [answerOn(TODAY), answerOn(TODAY - 1), answerOn(TODAY - 2), answerOn(TODAY - 4)];
		const { days, streak, activeDays } = reviewHeatmap(answersByDay(activeReviews(events)), TODAY);
		expect(days[0]!.weekday).toBe(0);
		expect(days[days.length - 1]!.day).toBe(TODAY);
		expect(days.length).toBeGreaterThanOrEqual(365);
		expect(days.length).toBeLessThanOrEqual(371);
		expect(streak).toBe(3);
		expect(activeDays).toBe(4);
		// 2026-11-22 is a Sunday.
		expect(days[days.length - 1]!.weekday).toBe(0);
	});

	it('keeps yesterday’s streak alive until today ends, and breaks it after a day off', () => {
		const yesterday = [answerOn(TODAY - 1), answerOn(TODAY - 2)];
		expect(reviewHeatmap(answersByDay(activeReviews(yesterday)), TODAY).streak).toBe(2);
		const gap = [answerOn(TODAY - 2), answerOn(TODAY - 3)];
		expect(reviewHeatmap(answersByDay(activeReviews(gap)), TODAY).streak).toBe(0);
	});
});

describe('true retention', () => {
	it('is the share of review-kind answers that were not Again, per week and overall', () => {
		const events = [
			answerOn(TODAY, 3),
			answerOn(TODAY, 1),
			answerOn(TODAY - 1, 4),
			answerOn(TODAY - 8, 2),
			// Not review-kind: never counted.
			answerOn(TODAY, 1, 'learn'),
			answerOn(TODAY, 1, 'relearn'),
			answerOn(TODAY, 1, 'cram'),
			// Before the charted weeks: only in the overall figure.
			answerOn(TODAY - 400, 1)
		];
		const r = trueRetention(activeReviews(events), TODAY, 4);
		expect(r.weeks).toHaveLength(4);
		expect(r.weeks[3]).toEqual({ firstDay: TODAY - 6, reviews: 3, passed: 2, retention: 2 / 3 });
		expect(r.weeks[2]).toEqual({ firstDay: TODAY - 13, reviews: 1, passed: 1, retention: 1 });
		expect(r.weeks[0]!.retention).toBeNull();
		expect(r.overall).toEqual({ reviews: 5, passed: 3, retention: 3 / 5 });
	});
});

describe('cards and memory', () => {
	const states = [
		newCardState('a/new'),
		card('a/learn', { phase: Phase.Learning, stability: 0.5, difficulty: 5 }),
		card('b/review', { stability: 10, difficulty: 3, lastReviewMillis: NOW - 10 * DAY }),
		card('b/relearn', { phase: Phase.Relearning, stability: 2, difficulty: 9.5, lastReviewMillis: NOW }),
		card('c/suspended', { stability: 400, difficulty: 1.5, suspended: true, lastReviewMillis: NOW - 400 * DAY })
	];

	it('counts cards by state, suspended ones only as suspended', () => {
		expect(cardStateCounts(states)).toEqual({ new: 1, learning: 1, review: 1, relearning: 1, suspended: 1 });
	});

	it('bins stability, difficulty and predicted recall of the studied cards', () => {
		const recall = (s: CardState) => (s.cardId === 'b/review' ? 0.9 : s.cardId === 'b/relearn' ? 1 : 0.45);
		const m = memoryDistributions(states, NOW, recall);
		expect(m.stability.counts).toEqual([1, 1, 0, 1, 0, 0, 0, 0, 1]);
		expect(m.stability.labels).toHaveLength(9);
		expect(m.difficulty.counts).toEqual([1, 0, 1, 0, 1, 0, 0, 0, 1]);
		expect(m.recall.counts).toEqual([2, 0, 0, 0, 0, 0, 1, 1]);
		expect(m.recall.mean).toBeCloseTo((0.45 + 0.9 + 1 + 0.45) / 4, 12);
		expect(memoryDistributions([newCardState('x/y')], NOW, recall).stability.mean).toBeNull();
	});

	it('gives each topic its learned share and the mean recall of its learned cards', () => {
		const topics = [
			{ id: 'arch', name: 'Architectures' },
			{ id: 'align', name: 'Alignment' },
			{ id: 'empty', name: 'Empty' }
		];
		const paperTopics = new Map([
			['a', 'arch'],
			['b', 'align'],
			['c', 'align']
		]);
		const recall = (s: CardState) => (s.cardId === 'b/review' ? 0.8 : 0.6);
		expect(topicReadiness([...states, card('z/unknown', {})], topics, paperTopics, NOW, recall)).toEqual([
			{ topicId: 'arch', name: 'Architectures', cards: 2, learned: 0, meanRecall: null },
			{ topicId: 'align', name: 'Alignment', cards: 3, learned: 3, meanRecall: (0.8 + 0.6 + 0.6) / 3 },
			{ topicId: 'empty', name: 'Empty', cards: 0, learned: 0, meanRecall: null }
		]);
	});
});
