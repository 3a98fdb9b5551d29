/**
 * A realistic generated review log: a simulated learner studies `cards` cards through our own
 * scheduler, recalling each card with the probability FSRS predicts (a little worse on hard cards),
 * until the log holds `events` reviews. Deterministic for a seed. Used by the benchmarks.
 */
import { reviewKindFor } from '../../src/lib/core/events.ts';
import { newCardState } from '../../src/lib/core/newCardState.ts';
import type { Scheduler } from '../../src/lib/core/scheduler.ts';
import { studyDay, type DayClock } from '../../src/lib/core/studyDay.ts';
import type { CardState, Rating, ReviewEvent } from '../../src/lib/core/types.ts';

const DAY = 86_400_000;

export function mulberry32(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface SimulatedLog {
	events: ReviewEvent[];
	/** Each card's state after its last simulated review (what a replay must reproduce). */
	states: Map<string, CardState>;
}

/**
 * Simulates `events` reviews spread over `cardIds`, starting `startMillis` and never going past
 * `endMillis` (cards whose next review would fall later stop there). Events come out grouped by card.
 */
export function simulateLog(opts: {
	cardIds: readonly string[];
	events: number;
	scheduler: Scheduler;
	clock: DayClock;
	startMillis: number;
	endMillis: number;
	seed?: number;
	/** How much worse than FSRS predicts the learner recalls (1 = exactly as predicted); default 0.85–1. */
	skill?: readonly [number, number];
}): SimulatedLog {
	const rand = mulberry32(opts.seed ?? 1);
	const perCard = Math.ceil(opts.events / opts.cardIds.length);
	const events: ReviewEvent[] = [];
	const states = new Map<string, CardState>();
	let n = 0;
	for (const cardId of opts.cardIds) {
		let state = newCardState(cardId);
		// Cards are introduced over the whole period, so the log has every age of card.
		let now = opts.startMillis + Math.floor(rand() * (opts.endMillis - opts.startMillis) * 0.5);
		const [lo, hi] = opts.skill ?? [0.85, 1];
		const skill = lo + rand() * (hi - lo);
		// A learner finishes a card's learning steps in the session they start them, so a card stops only
		// once it is back in review (or the period ends).
		const learning = () => state.phase === 1 || state.phase === 3;
		for (let i = 0; (i < perCard || learning()) && n < opts.events && now < opts.endMillis; i++) {
			const recall = state.reps === 0 ? 0.7 : opts.scheduler.retrievability(state, now) * skill;
			const rating: Rating = rand() >= recall ? 1 : rand() < 0.15 ? 2 : rand() < 0.9 ? 3 : 4;
			events.push({
				id: `sim-${n.toString(36)}-${cardId}`,
				type: 'review',
				cardId,
				atMillis: now,
				rating,
				kind: reviewKindFor(state.phase),
				day: studyDay(now, opts.clock),
				durationMillis: 3000 + Math.floor(rand() * 12000)
			});
			n++;
			state = opts.scheduler.review(state, rating, now, studyDay(now, opts.clock));
			// Review at the due time, sometimes late (never early), at a random time of day.
			const late = rand() < 0.3 ? rand() * state.scheduledDays * 0.5 * DAY : 0;
			now = Math.max(now + 60_000, Math.round(state.dueMillis + late));
		}
		states.set(cardId, state);
	}
	return { events, states };
}

/**
 * A forgetful learner: recalls 40–70% as often as FSRS predicts, so cards lapse and come back often.
 * With it, 10,000 cards reach a million reviews in ten years (a hundred each).
 */
export const FORGETFUL: readonly [number, number] = [0.4, 0.7];
