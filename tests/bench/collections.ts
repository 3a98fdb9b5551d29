/** The generated collections the node benchmarks share. */
import { createScheduler, DEFAULT_SCHEDULER_SETTINGS } from '../../src/lib/core/scheduler.ts';
import { FORGETFUL, simulateLog } from './simulateLog.ts';

const DAY = 86_400_000;
export const BENCH_NOW = Date.UTC(2026, 10, 22, 12);
export const benchClock = { timeZone: 'Europe/Berlin', rolloverHour: 4 };
export const benchScheduler = createScheduler(DEFAULT_SCHEDULER_SETTINGS);

/**
 * `cards` cards reviewed over ten years by a simulated learner, up to `events` reviews in all; a
 * forgetful learner when the log must be long for the number of cards (over 20 reviews a card).
 */
export function benchCollection(cards: number, events: number) {
	const cardIds = Array.from({ length: cards }, (_, i) => `paper-${i % 300}/card-${i}`);
	return simulateLog({
		cardIds,
		events,
		scheduler: benchScheduler,
		clock: benchClock,
		startMillis: BENCH_NOW - 10 * 365 * DAY,
		endMillis: BENCH_NOW,
		skill: events / cards > 20 ? FORGETFUL : undefined
	});
}
