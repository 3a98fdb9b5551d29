/**
 * Where a review's next due date lands inside FSRS's fuzz range: the load balancer, easy days and the
 * interview plan's cap. The choice depends on other cards (how many are due each day), so it is made
 * once, when the answer is given, and recorded in the review event (`fuzz`, `capMillis`); replay reads
 * it back and never recomputes it. Pure: the caller passes the time, the clock and the load.
 */
import { fuzzFactor } from './fuzzFactor.ts';
import type { Scheduler } from './scheduler.ts';
import { studyDay, studyDayStart, type DayClock } from './studyDay.ts';
import { Phase, type CardState, type Rating } from './types.ts';
import { shareCapacity, weekdayOf, type WorkloadSettings } from './workload.ts';

/** Review cards due per study day: the load the balancer spreads. */
export type DueLoad = Map<number, number>;

export interface DueChoiceContext {
	scheduler: Scheduler;
	clock: DayClock;
	workload: WorkloadSettings;
	load: ReadonlyMap<number, number>;
	/** The interview's study day when this card is in an active plan's scope, else null. */
	planDay: number | null;
}

/** What to record in the review event; empty when the usual seeded draw stands. */
export interface DueChoice {
	fuzz?: number;
	capMillis?: number;
}

/** The load of `states`: review cards (not suspended) per due study day. */
export function dueLoadOf(states: Iterable<CardState>, clock: DayClock): DueLoad {
	const load: DueLoad = new Map();
	for (const s of states) addLoad(load, s, clock, 1);
	return load;
}

/** Adds (`sign` 1) or removes (-1) one card's due date from a load. */
export function addLoad(load: DueLoad, s: CardState, clock: DayClock, sign: 1 | -1): void {
	if (s.phase !== Phase.Review || s.suspended) return;
	const d = studyDay(s.dueMillis, clock);
	const n = (load.get(d) ?? 0) + sign;
	if (n > 0) load.set(d, n);
	else load.delete(d);
}

/**
 * The due date choice for grading `before` with `rating` at `nowMillis`. Candidates are the days of
 * the fuzz range; each is weighted (share ÷ (reviews already due that day + 1))² ÷ interval, as Anki's
 * load balancer does (the load counts only with load balancing on; the weekday's share, normal 1,
 * reduced ½, minimal 1⁄10, only with easy days), and one is drawn by weight with a draw seeded by the
 * answer. In an interview plan's scope, a day after the eve of
 * the interview is allowed only if predicted recall at the interview's start stays at or above the
 * desired retention; when no day of the range qualifies, the due date is capped at the eve.
 *
 * @example
 * const choice = chooseDue(state, 3, now, today, { scheduler, clock, workload, load, planDay: null });
 * const event = { ...reviewEvent, ...choice };
 */
export function chooseDue(before: CardState, rating: Rating, nowMillis: number, day: number, ctx: DueChoiceContext): DueChoice {
	const { scheduler, clock, workload, load } = ctx;
	const plain = scheduler.review(before, rating, nowMillis, day);
	if (plain.phase !== Phase.Review) return {};
	const easyDays = workload.easyDays.some((s) => s !== 'normal');
	const balancing = workload.loadBalancing || easyDays;
	const planDay = ctx.planDay !== null && day < ctx.planDay ? ctx.planDay : null;
	const eveDay = planDay === null ? 0 : Math.max(day + 1, planDay - 1);
	const eveEnd = planDay === null ? 0 : studyDayStart(eveDay + 1, clock);
	const planStart = planDay === null ? 0 : studyDayStart(planDay, clock);
	const target = scheduler.settings.desiredRetention;
	const planOk = (s: CardState) => planDay === null || s.dueMillis < eveEnd || scheduler.retrievability(s, planStart) >= target;
	if (!balancing && planOk(plain)) return {};

	let best: { fuzz: number; state: CardState } | null = null;
	if (balancing) {
		const lo = scheduler.review(before, rating, nowMillis, day, 0).scheduledDays;
		const hi = scheduler.review(before, rating, nowMillis, day, 0.999999).scheduledDays;
		const n = hi - lo + 1;
		const candidates: { fuzz: number; state: CardState; weight: number }[] = [];
		let total = 0;
		let lastDue = -1;
		for (let k = 0; n > 1 && k < n; k++) {
			const fuzz = (k + 0.5) / n;
			const state = scheduler.review(before, rating, nowMillis, day, fuzz);
			if (state.dueMillis === lastDue || !planOk(state)) continue;
			lastDue = state.dueMillis;
			const d = studyDay(state.dueMillis, clock);
			const capacity = easyDays ? shareCapacity(workload.easyDays[weekdayOf(d)] ?? 'normal') : 1;
			const count = workload.loadBalancing ? (load.get(d) ?? 0) : 0;
			// Anki's load balancer: weight ∝ (1 / reviews due that day)² × 1 / interval, so a busy day is
			// rarely chosen and the longer end of the range (less retention) is not favoured.
			const weight = (capacity / (count + 1)) ** 2 / Math.max(1, state.scheduledDays);
			candidates.push({ fuzz, state, weight });
			total += weight;
		}
		// A weighted draw, seeded by the answer itself (the result is recorded, so the seed only has to
		// spread choices, not be reproducible elsewhere).
		let u = fuzzFactor(`${nowMillis}_${before.cardId}_balance`) * total;
		for (const c of candidates) {
			best = c;
			if ((u -= c.weight) < 0) break;
		}
	}
	const choice: DueChoice = {};
	const chosen = best?.state ?? plain;
	if (best && best.state.dueMillis !== plain.dueMillis) choice.fuzz = best.fuzz;
	if (!planOk(chosen)) choice.capMillis = studyDayStart(eveDay, clock);
	return choice;
}
