/**
 * A simulated learner studying every day, for the workload figures of issue 22 (load balancing, easy
 * days, the interview plan). The learner's true memory differs from the model's per card (stability ×
 * a log-normal factor), so the model's predictions are tested, not assumed. Every answer goes through
 * `chooseDue` and `reduceCard` exactly as the review screen's do.
 */
import { planInterviewDueBy } from '../../src/lib/core/backlog.ts';
import { addLoad, chooseDue, dueLoadOf, type DueLoad } from '../../src/lib/core/chooseDue.ts';
import { reviewKindFor } from '../../src/lib/core/events.ts';
import { newCardState } from '../../src/lib/core/newCardState.ts';
import { reduceCard } from '../../src/lib/core/reduceCard.ts';
import { createScheduler, DEFAULT_SCHEDULER_SETTINGS } from '../../src/lib/core/scheduler.ts';
import { studyDayStart, type DayClock } from '../../src/lib/core/studyDay.ts';
import { Phase, type CardState, type Rating, type ReviewEvent } from '../../src/lib/core/types.ts';
import { DEFAULT_WORKLOAD_SETTINGS, type WorkloadSettings } from '../../src/lib/core/workload.ts';
import { mulberry32 } from './simulateLog.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;
export const SIM_CLOCK: DayClock = { timeZone: 'UTC', rolloverHour: 4 };
export const SIM_START_DAY = Math.round(Date.UTC(2027, 0, 4) / 86_400_000);
export const scheduler = createScheduler(DEFAULT_SCHEDULER_SETTINGS);

export interface SimCard {
	state: CardState;
	topic: number;
	/** The learner's true stability ÷ the model's. */
	truth: number;
}

export interface Sim {
	cards: SimCard[];
	/** Indices of cards still new, in study order. */
	fresh: number[];
	load: DueLoad;
	rand: () => number;
	day: number;
	/** Review-kind answers per simulated day, and how many of them were recalled. */
	reviewsPerDay: number[];
	recalled: number;
	reviewed: number;
	/** Every answer (learning steps included). */
	answers: number;
}

export function createSim(cards: number, topics: number, seed: number): Sim {
	const rand = mulberry32(seed);
	const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
	const list: SimCard[] = [];
	for (let i = 0; i < cards; i++) list.push({ state: newCardState(`t${i % topics}/c${i}`), topic: i % topics, truth: Math.exp(0.3 * normal()) });
	const fresh = list.map((_, i) => i);
	for (let i = fresh.length - 1; i > 0; i--) {
		const j = Math.floor(rand() * (i + 1));
		[fresh[i], fresh[j]] = [fresh[j]!, fresh[i]!];
	}
	return { cards: list, fresh, load: new Map(), rand, day: SIM_START_DAY, reviewsPerDay: [], recalled: 0, reviewed: 0, answers: 0 };
}

/** The learner's true recall of a card at `at`. */
export function trueRecall(c: SimCard, at: number): number {
	if (c.state.phase === Phase.New) return 0;
	return scheduler.retrievability({ ...c.state, stability: c.state.stability * c.truth }, at);
}

function answer(sim: Sim, c: SimCard, rating: Rating, at: number, day: number, workload: WorkloadSettings, planDay: number | null) {
	const before = c.state;
	const event: ReviewEvent = {
		id: '',
		type: 'review',
		cardId: before.cardId,
		atMillis: at,
		rating,
		kind: reviewKindFor(before.phase),
		day,
		durationMillis: 0,
		...chooseDue(before, rating, at, day, { scheduler, clock: SIM_CLOCK, workload, load: sim.load, planDay })
	};
	c.state = reduceCard(before, event, scheduler);
	addLoad(sim.load, before, SIM_CLOCK, -1);
	addLoad(sim.load, c.state, SIM_CLOCK, 1);
	sim.answers++;
}

/** Answers through learning or relearning steps until the card is back in review (Good each time). */
function finishSteps(sim: Sim, c: SimCard, at: number, day: number, workload: WorkloadSettings, planDay: number | null) {
	while (c.state.phase !== Phase.Review) answer(sim, c, 3, Math.max(at, c.state.dueMillis), day, workload, planDay);
}

export interface DayOptions {
	workload: WorkloadSettings;
	newPerDay: number;
	/** With a plan: its day, and which topics it covers (their new cards come first). */
	plan?: { day: number; topics: ReadonlySet<number> };
}

/** One study day: every due review (no review limit, so the counts show the load), then new cards. */
export function studyOneDay(sim: Sim, opts: DayOptions): void {
	const day = sim.day;
	const start = studyDayStart(day, SIM_CLOCK) + 4 * HOUR;
	const end = studyDayStart(day + 1, SIM_CLOCK);
	const planDay = (c: SimCard) => (opts.plan && opts.plan.topics.has(c.topic) ? opts.plan.day : null);
	let at = start;
	let reviews = 0;
	for (const c of sim.cards) {
		if (c.state.phase !== Phase.Review || c.state.dueMillis >= end) continue;
		at += 10_000;
		const recalled = sim.rand() < trueRecall(c, at);
		const roll = sim.rand();
		const rating: Rating = !recalled ? 1 : roll < 0.08 ? 2 : roll > 0.95 ? 4 : 3;
		reviews++;
		sim.reviewed++;
		if (recalled) sim.recalled++;
		answer(sim, c, rating, at, day, opts.workload, planDay(c));
		finishSteps(sim, c, at + 10 * MINUTE, day, opts.workload, planDay(c));
	}
	// New cards: the plan's scope first, then the usual order.
	let introduced = 0;
	const order = opts.plan ? [...sim.fresh.filter((i) => opts.plan!.topics.has(sim.cards[i]!.topic)), ...sim.fresh] : sim.fresh;
	const taken = new Set<number>();
	for (const i of order) {
		if (introduced >= opts.newPerDay) break;
		if (taken.has(i)) continue;
		taken.add(i);
		const c = sim.cards[i]!;
		at += 10_000;
		answer(sim, c, 3, at, day, opts.workload, planDay(c));
		finishSteps(sim, c, at + MINUTE, day, opts.workload, planDay(c));
		introduced++;
	}
	if (taken.size) sim.fresh = sim.fresh.filter((i) => !taken.has(i));
	sim.reviewsPerDay.push(reviews);
	sim.day++;
}

/** Sets an interview plan: brings forward the scope's cards that would miss it (`planInterviewDueBy`). */
export function setPlan(sim: Sim, planDay: number, topics: ReadonlySet<number>): number {
	const now = studyDayStart(sim.day, SIM_CLOCK) + 3 * HOUR;
	const scope = sim.cards.filter((c) => topics.has(c.topic));
	const events = planInterviewDueBy(
		scope.map((c) => c.state),
		planDay,
		{ scheduler, clock: SIM_CLOCK, nowMillis: now, day: sim.day, batch: 'plan', newId: () => 'x' }
	);
	const byId = new Map(scope.map((c) => [c.state.cardId, c]));
	for (const e of events) {
		const c = byId.get(e.cardId)!;
		addLoad(sim.load, c.state, SIM_CLOCK, -1);
		c.state = reduceCard(c.state, e, scheduler);
		addLoad(sim.load, c.state, SIM_CLOCK, 1);
	}
	return events.length;
}

export function cloneSim(sim: Sim, seed: number): Sim {
	const cards = sim.cards.map((c) => ({ ...c, state: { ...c.state } }));
	return { ...sim, cards, fresh: sim.fresh.slice(), load: dueLoadOf(cards.map((c) => c.state), SIM_CLOCK), rand: mulberry32(seed), reviewsPerDay: [], recalled: 0, reviewed: 0, answers: 0 };
}

export function stats(values: readonly number[]) {
	const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
	const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length));
	// Day-to-day spikiness: each day against the mean of the 15 days around it, so the growth of the
	// load over the year (new cards maturing) does not count as variation.
	const resid: number[] = [];
	for (let i = 7; i < values.length - 7; i++) {
		let m = 0;
		for (let j = i - 7; j <= i + 7; j++) m += values[j]!;
		resid.push(values[i]! - m / 15);
	}
	const daySd = Math.sqrt(resid.reduce((a, b) => a + b * b, 0) / Math.max(1, resid.length));
	return { mean, sd, daySd, max: Math.max(...values) };
}

export const NO_BALANCING: WorkloadSettings = { ...DEFAULT_WORKLOAD_SETTINGS, loadBalancing: false };
export const BALANCED: WorkloadSettings = { ...DEFAULT_WORKLOAD_SETTINGS, loadBalancing: true };
/** Sunday minimal, Saturday reduced. */
export const BALANCED_EASY_DAYS: WorkloadSettings = {
	...DEFAULT_WORKLOAD_SETTINGS,
	loadBalancing: true,
	easyDays: ['minimal', 'normal', 'normal', 'normal', 'normal', 'normal', 'reduced']
};
