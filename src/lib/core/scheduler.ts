/**
 * The only module that imports ts-fsrs.
 *
 * `review` reproduces ts-fsrs's `FSRS.next()` (its basic and long-term schedulers, learning steps and
 * fuzz seeding) on our plain `CardState`, calling ts-fsrs's own FSRS maths (`next_state`,
 * `next_interval`, `forgetting_curve`) for every number. It skips `next()`'s card copying and `Date`
 * handling, which is most of its cost, so a million-event replay stays well under a second. One
 * deliberate difference: elapsed days are given by the caller as a difference of study days (Anki's
 * rule) instead of ts-fsrs's UTC-date difference; tests/unit/scheduler.test.ts proves the results equal
 * `next()` whenever the two day counts agree.
 */
import { ConvertStepUnitToMinutes, FSRS, default_w, type StepUnit } from 'ts-fsrs';
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

/** FSRS-6 default parameters, used until the user trains their own. */
export const DEFAULT_WEIGHTS: readonly number[] = Object.freeze([...default_w]);

export const DEFAULT_SCHEDULER_SETTINGS: SchedulerSettings = Object.freeze({
	weights: DEFAULT_WEIGHTS,
	desiredRetention: 0.9,
	maximumInterval: 36500,
	learningSteps: Object.freeze(['1m', '10m']),
	relearningSteps: Object.freeze(['10m']),
	enableFuzz: true,
	enableShortTerm: true
});

export interface Scheduler {
	readonly settings: SchedulerSettings;
	/**
	 * The state after grading `state` with `rating` at `nowMillis`, on study day `day`.
	 * @example
	 * const s = createScheduler(DEFAULT_SCHEDULER_SETTINGS);
	 * const next = s.review(newCardState('lora/freeze'), 3, Date.now(), today);
	 */
	review(state: CardState, rating: Rating, nowMillis: number, day: number): CardState;
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

	const memoryAfter = (s: CardState, t: number, g: Rating, r?: number): Memory =>
		f.next_state({ difficulty: s.difficulty, stability: s.stability }, t, g, r);

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

	// ts-fsrs's BasicScheduler.applyLearningSteps.
	function applySteps(
		before: CardState,
		next: CardState,
		g: Rating,
		toPhase: Phase,
		now: number,
		elapsed: number
	): CardState {
		const step = stepFor(before, g);
		const minutes = Math.max(0, step?.[0] ?? 0);
		const nextStep = Math.max(0, step?.[1] ?? 0);
		if (minutes > 0 && minutes < 1440) {
			next.learningSteps = nextStep;
			next.scheduledDays = 0;
			next.phase = toPhase;
			next.dueMillis = now + Math.round(minutes) * MINUTE;
		} else {
			next.phase = Phase.Review;
			if (minutes >= 1440) {
				next.learningSteps = nextStep;
				next.dueMillis = now + Math.round(minutes) * MINUTE;
				next.scheduledDays = Math.floor(minutes / 1440);
			} else {
				next.learningSteps = 0;
				const ivl = f.next_interval(next.stability, elapsed);
				next.scheduledDays = ivl;
				next.dueMillis = now + ivl * DAY;
			}
		}
		return next;
	}

	function withMemory(base: CardState, m: Memory): CardState {
		return { ...base, difficulty: m.difficulty, stability: m.stability };
	}

	function shortTerm(s: CardState, base: CardState, g: Rating, now: number, t: number): CardState {
		if (s.phase === Phase.New || s.phase === Phase.Learning || s.phase === Phase.Relearning) {
			const toPhase = s.phase === Phase.New ? Phase.Learning : s.phase;
			return applySteps(s, withMemory(base, memoryAfter(s, t, g)), g, toPhase, now, t);
		}
		const r = f.forgetting_curve(t, s.stability);
		if (g === 1) {
			const next = applySteps(s, withMemory(base, memoryAfter(s, t, 1, r)), 1, Phase.Relearning, now, t);
			next.lapses += 1;
			return next;
		}
		const hard = memoryAfter(s, t, 2, r);
		const good = memoryAfter(s, t, 3, r);
		let hardIvl: number = f.next_interval(hard.stability, t);
		let goodIvl: number = f.next_interval(good.stability, t);
		hardIvl = Math.min(hardIvl, goodIvl);
		goodIvl = Math.max(goodIvl, hardIvl + 1);
		let ivl = g === 2 ? hardIvl : goodIvl;
		let m = g === 2 ? hard : good;
		if (g === 4) {
			m = memoryAfter(s, t, 4, r);
			ivl = Math.max(f.next_interval(m.stability, t), goodIvl + 1);
		}
		return { ...withMemory(base, m), phase: Phase.Review, learningSteps: 0, scheduledDays: ivl, dueMillis: now + ivl * DAY };
	}

	// ts-fsrs's LongTermScheduler: every grade goes straight to a day interval.
	function longTerm(s: CardState, base: CardState, g: Rating, now: number, t: number): CardState {
		const isNew = s.phase === Phase.New;
		const r = isNew ? undefined : f.forgetting_curve(t, s.stability);
		const mems = RATINGS.map((rating) => memoryAfter(s, isNew ? 0 : t, rating, r));
		const ivls: number[] = mems.map((m) => f.next_interval(m.stability, isNew ? 0 : t));
		ivls[0] = Math.min(ivls[0]!, ivls[1]!);
		ivls[1] = Math.max(ivls[1]!, ivls[0]! + 1);
		ivls[2] = Math.max(ivls[2]!, ivls[1]! + 1);
		ivls[3] = Math.max(ivls[3]!, ivls[2]! + 1);
		const ivl = ivls[g - 1]!;
		return {
			...withMemory(base, mems[g - 1]!),
			phase: Phase.Review,
			learningSteps: 0,
			scheduledDays: ivl,
			dueMillis: now + ivl * DAY,
			lapses: base.lapses + (g === 1 && !isNew ? 1 : 0)
		};
	}

	function review(s: CardState, g: Rating, now: number, day: number): CardState {
		const t = s.phase === Phase.New || s.lastReviewMillis === 0 ? 0 : Math.max(0, day - s.lastReviewDay);
		const reps = s.reps + 1;
		// ts-fsrs's DefaultInitSeedStrategy, so fuzz draws exactly what next() would.
		f.seed = `${now}_${reps}_${s.difficulty * s.stability}`;
		const base: CardState = { ...s, reps, lastReviewMillis: now, lastReviewDay: day };
		return settings.enableShortTerm ? shortTerm(s, base, g, now, t) : longTerm(s, base, g, now, t);
	}

	return {
		settings,
		review,
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
