import { describe, expect, it } from 'vitest';
import { replayAll } from '../../src/lib/core/replay.ts';
import { createScheduler, DEFAULT_SCHEDULER_SETTINGS } from '../../src/lib/core/scheduler.ts';
import { simulateWorkload } from '../../src/lib/core/simulateWorkload.ts';
import { Phase } from '../../src/lib/core/types.ts';
import { generateReviewLog } from '../fixtures/generateReviewLog.ts';

const CLOCK = { timeZone: 'UTC', rolloverHour: 4 };

describe('the workload preview', () => {
	const log = generateReviewLog({ cards: 300, days: 60, newPerDay: 8, seed: 11 });
	const studied = new Set(log.events.map((e) => e.cardId));
	const newCardIds = Array.from({ length: 100 }, (_, i) => `fresh-${i}/card`);
	const run = (desiredRetention: number, study = { newPerDay: 10, reviewsPerDay: 9999, rolloverHour: 4 }, seed = 1) => {
		const scheduler = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, desiredRetention });
		const states = [...replayAll(log.events, scheduler).values()];
		return simulateWorkload({ states, newCardIds, scheduler, study, clock: CLOCK, nowMillis: log.endMillis + 3_600_000, seed });
	};
	const total = (days: ReturnType<typeof run>) => days.reduce((n, d) => n + d.learn + d.review, 0);

	it('covers 30 days and is the same every time for the same collection', () => {
		const a = run(0.9);
		expect(a).toHaveLength(30);
		expect(a).toEqual(run(0.9));
		expect(studied.size).toBeGreaterThan(100);
	});

	it('asks for more reviews at a higher desired retention', () => {
		const low = total(run(0.8));
		const mid = total(run(0.9));
		const high = total(run(0.95));
		expect(low).toBeLessThan(mid);
		expect(mid).toBeLessThan(high);
	});

	it('introduces at most the daily new cards, and keeps to the review limit', () => {
		const noNew = run(0.9, { newPerDay: 0, reviewsPerDay: 9999, rolloverHour: 4 });
		const withNew = run(0.9, { newPerDay: 10, reviewsPerDay: 9999, rolloverHour: 4 });
		// Ten new cards a day for ten days, then none left: each brings at least one learning answer.
		const extra = total(withNew) - total(noNew);
		expect(extra).toBeGreaterThanOrEqual(100);
		const capped = run(0.9, { newPerDay: 0, reviewsPerDay: 5, rolloverHour: 4 });
		expect(capped.every((d) => d.review <= 5)).toBe(true);
	});

	it('skips suspended cards', () => {
		const scheduler = createScheduler(DEFAULT_SCHEDULER_SETTINGS);
		const states = [...replayAll(log.events, scheduler).values()].map((s) => ({ ...s, suspended: s.phase === Phase.Review }));
		const days = simulateWorkload({
			states,
			newCardIds: [],
			scheduler,
			study: { newPerDay: 0, reviewsPerDay: 9999, rolloverHour: 4 },
			clock: CLOCK,
			nowMillis: log.endMillis
		});
		expect(days.every((d) => d.review === 0)).toBe(true);
	});
});
