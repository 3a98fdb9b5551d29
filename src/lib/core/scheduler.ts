/**
 * The only module that imports ts-fsrs.
 *
 * `review` reproduces ts-fsrs's `FSRS.next()` (its basic and long-term schedulers, learning steps and
 * fuzz seeding) on our plain `CardState`, calling ts-fsrs's own FSRS maths (`next_state`,
 * `next_interval`, `forgetting_curve`) for every number. It skips `next()`'s card copying and `Date`
 * handling, and replay skips the fuzzed interval of every review but a card's last (`advance`), so a
 * million-event replay stays within a second. One
 * deliberate difference: elapsed days are given by the caller as a difference of study days (Anki's
 * rule) instead of ts-fsrs's UTC-date difference; tests/unit/scheduler.test.ts proves the results equal
 * `next()` whenever the two day counts agree.
 */
import { ConvertStepUnitToMinutes, FSRS, get_fuzz_range, type StepUnit } from 'ts-fsrs';
import { fuzzFactor } from './fuzzFactor.ts';
import {
	Phase,
	RATINGS,
	type CardState,
	type GradePreview,
	type Rating,
	type SchedulerSettings
} from './types.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

// Defaults live in settings.ts (no ts-fsrs there, so pages that only read settings stay light).
export { DEFAULT_SCHEDULER_SETTINGS, DEFAULT_WEIGHTS } from './settings.ts';

export interface Scheduler {
	readonly settings: SchedulerSettings;
	/**
	 * The state after grading `state` with `rating` at `nowMillis`, on study day `day`.
	 * @example
	 * const s = createScheduler(DEFAULT_SCHEDULER_SETTINGS);
	 * const next = s.review(newCardState('lora/freeze'), 3, Date.now(), today);
	 *
	 * `fuzz` (0 ≤ fuzz < 1) replaces the seeded fuzz draw: where in the fuzz range the interval lands
	 * (the load balancer's choice, recorded in the review event).
	 */
	review(state: CardState, rating: Rating, nowMillis: number, day: number, fuzz?: number): CardState;
	/**
	 * `review` without the day interval: the same memory, phase, step and counters, with
	 * `dueMillis`/`scheduledDays` possibly stale. For replaying reviews that a later review follows.
	 */
	advance(state: CardState, rating: Rating, nowMillis: number, day: number): CardState;
	/** What each of the four grades would do now (for the grade buttons). */
	preview(state: CardState, nowMillis: number, day: number): GradePreview[];
	/** Predicted probability of recall at `nowMillis` (0 for a new card). */
	retrievability(state: CardState, nowMillis: number): number;
}

/** Checks a step such as `10m`, `1h` or `2d`; returns its length in minutes, or throws. */
export function stepMinutes(step: string): number {
	if (!/^\d+[mhd]$/.test(step)) throw new Error(`Invalid step "${step}": use a number and m, h or d`);
	return ConvertStepUnitToMinutes(step as StepUnit);
}

interface Memory {
	difficulty: number;
	stability: number;
}

export function createScheduler(settings: SchedulerSettings): Scheduler {
	const f = new FSRS({
		w: [...settings.weights],
		request_retention: settings.desiredRetention,
		maximum_interval: settings.maximumInterval,
		enable_fuzz: settings.enableFuzz,
		enable_short_term: settings.enableShortTerm,
		learning_steps: settings.learningSteps as StepUnit[],
		relearning_steps: settings.relearningSteps as StepUnit[]
	});
	const learnSteps = settings.learningSteps.map(stepMinutes);
	const relearnSteps = settings.relearningSteps.map(stepMinutes);

	// next_state only reads its input: one scratch object saves an allocation per replayed review.
	const memoryIn: Memory = { difficulty: 0, stability: 0 };
	function memoryAfter(s: CardState, t: number, g: Rating, r?: number): Memory {
		memoryIn.difficulty = s.difficulty;
		memoryIn.stability = s.stability;
		return f.next_state(memoryIn, t, g, r);
	}

	// ts-fsrs's BasicLearningStepsStrategy: [minutes, next step index], or null for "no step".
	function stepFor(before: CardState, g: Rating): [number, number] | null {
		const inReview = before.phase === Phase.Review || before.phase === Phase.Relearning;
		const steps = inReview ? relearnSteps : learnSteps;
		const cur = before.learningSteps;
		if (steps.length === 0 || cur >= steps.length) return null;
		if (before.phase === Phase.Review) return g === 1 ? [steps[Math.max(0, cur)]!, 0] : null;
		if (g === 1) return [steps[0]!, 0];
		if (g === 2) {
			const m = steps.length === 1 ? steps[0]! * 1.5 : (steps[0]! + steps[1]!) / 2;
			return [Math.round(m), cur];
		}
		if (g === 3 && cur + 1 < steps.length && steps[cur + 1]) return [Math.round(steps[cur + 1]!), cur + 1];
		return null;
	}

	/**
	 * What `advance` left for `review` to do: the day interval, which only the fuzz-seeded interval
	 * maths can give. `graduate`: one interval from the new stability; `review`: Hard/Good/Easy
	 * intervals kept in order; `longTerm`: all four kept in order (short-term scheduling off).
	 */
	let pending: 'none' | 'graduate' | 'review' | 'longTerm' = 'none';
	let elapsed = 0;
	let recall: number | undefined;

	function setMemory(next: CardState, m: Memory): void {
		next.difficulty = m.difficulty;
		next.stability = m.stability;
	}

	// ts-fsrs's BasicScheduler.applyLearningSteps, minus the interval (left pending).
	function applySteps(before: CardState, next: CardState, g: Rating, toPhase: Phase, now: number): void {
		const step = stepFor(before, g);
		const minutes = Math.max(0, step?.[0] ?? 0);
		const nextStep = Math.max(0, step?.[1] ?? 0);
		if (minutes > 0 && minutes < 1440) {
			next.learningSteps = nextStep;
			next.scheduledDays = 0;
			next.phase = toPhase;
			next.dueMillis = now + Math.round(minutes) * MINUTE;
		} else if (minutes >= 1440) {
			next.phase = Phase.Review;
			next.learningSteps = nextStep;
			next.dueMillis = now + Math.round(minutes) * MINUTE;
			next.scheduledDays = Math.floor(minutes / 1440);
		} else {
			next.phase = Phase.Review;
			next.learningSteps = 0;
			pending = 'graduate';
		}
	}

	/**
	 * The transition without its day interval: memory (S, D), phase, learning step, counters. Exactly
	 * ts-fsrs's, but `dueMillis`/`scheduledDays` are left as they were whenever a day interval is due.
	 * Nothing in the next transition reads them, so replay uses this for every review but a card's last.
	 */
	function advance(s: CardState, g: Rating, now: number, day: number): CardState {
		const t = s.phase === Phase.New || s.lastReviewMillis === 0 ? 0 : Math.max(0, day - s.lastReviewDay);
		// Spelled out, not spread: one object shape for every state keeps replay's hot loop fast.
		const next: CardState = {
			cardId: s.cardId,
			phase: s.phase,
			dueMillis: s.dueMillis,
			stability: s.stability,
			difficulty: s.difficulty,
			scheduledDays: s.scheduledDays,
			learningSteps: s.learningSteps,
			reps: s.reps + 1,
			lapses: s.lapses,
			lastReviewMillis: now,
			lastReviewDay: day,
			introducedMillis: s.introducedMillis,
			suspended: s.suspended,
			buriedUntilMillis: s.buriedUntilMillis,
			lastEventMillis: s.lastEventMillis
		};
		pending = 'none';
		elapsed = t;
		recall = undefined;
		if (!settings.enableShortTerm) {
			// ts-fsrs's LongTermScheduler: every grade goes straight to a day interval.
			const isNew = s.phase === Phase.New;
			recall = isNew ? undefined : f.forgetting_curve(t, s.stability);
			setMemory(next, memoryAfter(s, t, g, recall));
			next.phase = Phase.Review;
			next.learningSteps = 0;
			if (g === 1 && !isNew) next.lapses += 1;
			pending = 'longTerm';
		} else if (s.phase === Phase.Review) {
			recall = f.forgetting_curve(t, s.stability);
			setMemory(next, memoryAfter(s, t, g, recall));
			if (g === 1) {
				applySteps(s, next, 1, Phase.Relearning, now);
				next.lapses += 1;
			} else {
				next.phase = Phase.Review;
				next.learningSteps = 0;
				pending = 'review';
			}
		} else {
			setMemory(next, memoryAfter(s, t, g));
			applySteps(s, next, g, s.phase === Phase.New ? Phase.Learning : s.phase, now);
		}
		return next;
	}

	/**
	 * ts-fsrs's next_interval: the stability's interval at the desired retention, clamped, then fuzzed
	 * with `draw` (one Alea draw serves every interval of a review, as each would re-seed identically).
	 */
	function intervalFor(stability: number, t: number, draw: () => number): number {
		const ivl = Math.min(Math.max(1, Math.round(stability * f.interval_modifier)), settings.maximumInterval);
		if (!settings.enableFuzz || ivl < 2.5) return ivl;
		const { min_ivl, max_ivl } = get_fuzz_range(ivl, t, settings.maximumInterval);
		return Math.floor(draw() * (max_ivl - min_ivl + 1) + min_ivl);
	}

	function review(s: CardState, g: Rating, now: number, day: number, fuzz?: number): CardState {
		const next = advance(s, g, now, day);
		if (pending === 'none') return next;
		const t = elapsed;
		// ts-fsrs's DefaultInitSeedStrategy, so fuzz draws exactly what next() would; drawn on demand.
		let factor = fuzz !== undefined && fuzz >= 0 && fuzz < 1 ? fuzz : -1;
		const draw = () => (factor >= 0 ? factor : (factor = fuzzFactor(`${now}_${next.reps}_${s.difficulty * s.stability}`)));
		let ivl: number;
		if (pending === 'graduate') {
			ivl = intervalFor(next.stability, t, draw);
		} else if (pending === 'review') {
			let hardIvl = intervalFor(memoryAfter(s, t, 2, recall).stability, t, draw);
			let goodIvl = intervalFor(memoryAfter(s, t, 3, recall).stability, t, draw);
			hardIvl = Math.min(hardIvl, goodIvl);
			goodIvl = Math.max(goodIvl, hardIvl + 1);
			ivl = g === 2 ? hardIvl : goodIvl;
			if (g === 4) ivl = Math.max(intervalFor(next.stability, t, draw), goodIvl + 1);
		} else {
			const r = recall;
			const ivls = RATINGS.map((rating) => intervalFor(memoryAfter(s, t, rating, r).stability, t, draw));
			ivls[0] = Math.min(ivls[0]!, ivls[1]!);
			ivls[1] = Math.max(ivls[1]!, ivls[0] + 1);
			ivls[2] = Math.max(ivls[2]!, ivls[1] + 1);
			ivls[3] = Math.max(ivls[3]!, ivls[2] + 1);
			ivl = ivls[g - 1]!;
		}
		next.scheduledDays = ivl;
		next.dueMillis = now + ivl * DAY;
		return next;
	}

	return {
		settings,
		review,
		advance,
		preview(s, now, day) {
			return RATINGS.map((rating) => {
				const n = review(s, rating, now, day);
				return { rating, phase: n.phase, dueMillis: n.dueMillis, scheduledDays: n.scheduledDays };
			});
		},
		retrievability(s, now) {
			if (s.phase === Phase.New || s.lastReviewMillis === 0) return 0;
			return f.forgetting_curve(Math.max(0, (now - s.lastReviewMillis) / DAY), s.stability);
		}
	};
}
