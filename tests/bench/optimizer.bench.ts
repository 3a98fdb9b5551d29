/**
 * `npm run bench`: how long the FSRS optimizer takes on 10,000 and 100,000 reviews (node, one core;
 * a phone's browser runs the same code in a Web Worker), and how long rescheduling every card takes
 * for a 100,000-event log (the replay at the heart of a settings change).
 */
import { bench, describe } from 'vitest';
import { fsrsItemsFromEvents } from '../../src/lib/core/optimizer/fsrsItems.ts';
import { optimizeParameters } from '../../src/lib/core/optimizer/optimizeParameters.ts';
import { replayAll } from '../../src/lib/core/replay.ts';
import { createScheduler, DEFAULT_SCHEDULER_SETTINGS } from '../../src/lib/core/scheduler.ts';
import { generateReviewLog } from '../fixtures/generateReviewLog.ts';

/** The first `count` answers of a long simulated history (a prefix in time is itself a valid log). */
function reviews(count: number, cards: number, days: number) {
	const log = generateReviewLog({ cards, days, newPerDay: Math.ceil(cards / (days * 0.6)), seed: 42 });
	if (log.events.length < count) throw new Error(`generated only ${log.events.length} answers`);
	return log.events.slice(0, count);
}

const tenThousand = reviews(10_000, 2_000, 200);
const hundredThousand = reviews(100_000, 12_000, 500);

describe('FSRS optimizer (train + evaluate current and new parameters)', () => {
	bench('10,000 reviews', () => {
		optimizeParameters(tenThousand, DEFAULT_SCHEDULER_SETTINGS);
	}, { iterations: 5, warmupIterations: 1, time: 0 });
	bench('100,000 reviews', () => {
		optimizeParameters(hundredThousand, DEFAULT_SCHEDULER_SETTINGS);
	}, { iterations: 3, warmupIterations: 1, time: 0 });
	bench('100,000 reviews: log to training items only', () => {
		fsrsItemsFromEvents(hundredThousand);
	}, { iterations: 5, warmupIterations: 1, time: 0 });
});

describe('reschedule every card (replay the whole log with new settings)', () => {
	const scheduler = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, desiredRetention: 0.85 });
	bench('100,000 events', () => {
		replayAll(hundredThousand, scheduler);
	}, { iterations: 5, warmupIterations: 1, time: 0 });
});
