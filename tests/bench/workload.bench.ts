/**
 * `npm run bench`: issue 22's workload figures from a simulated learner (tests/bench/workloadSim.ts),
 * printed as a table before the timing of one simulated year.
 *
 * 1. A year of daily study on 5,000 cards (20 new a day, no review limit): the daily review count's
 *    standard deviation and maximum, and the true retention, without load balancing, with it, and
 *    with it plus easy days (Sunday minimal, Saturday reduced).
 * 2. An interview 21 days out for two topics (of twenty), set on day 120: predicted and simulated
 *    recall on the date, and the reviews the plan adds over the same 21 days without it.
 */
import { bench, describe } from 'vitest';
import { studyDayStart } from '../../src/lib/core/studyDay.ts';
import { weekdayOf } from '../../src/lib/core/workload.ts';
import {
	BALANCED,
	BALANCED_EASY_DAYS,
	cloneSim,
	createSim,
	NO_BALANCING,
	scheduler,
	setPlan,
	SIM_CLOCK,
	stats,
	studyOneDay,
	trueRecall,
	type Sim
} from './workloadSim.ts';

const CARDS = 5000;
const DAYS = 365;

function year(workload: typeof BALANCED) {
	const sim = createSim(CARDS, 20, 7);
	for (let d = 0; d < DAYS; d++) studyOneDay(sim, { workload, newPerDay: 20 });
	const s = stats(sim.reviewsPerDay);
	const sundays = sim.reviewsPerDay.filter((_, i) => weekdayOf(sim.day - DAYS + i) === 0);
	return { ...s, retention: sim.recalled / sim.reviewed, reviews: sim.reviewed, sunday: stats(sundays).mean };
}

function interview() {
	const base = createSim(CARDS, 20, 9);
	for (let d = 0; d < 120; d++) studyOneDay(base, { workload: BALANCED, newPerDay: 20 });
	const topics = new Set([3, 8]);
	const planDay = base.day + 21;
	const planStart = studyDayStart(planDay, SIM_CLOCK);
	const measure = (sim: Sim) => {
		const scope = sim.cards.filter((c) => topics.has(c.topic));
		const learned = scope.filter((c) => c.state.phase !== 0);
		let predicted = 0;
		let simulated = 0;
		let ok = 0;
		for (const c of learned) {
			const r = scheduler.retrievability(c.state, planStart);
			predicted += r;
			simulated += sim.rand() < trueRecall(c, planStart) ? 1 : 0;
			if (r >= 0.9 || c.state.dueMillis < planStart + 86_400_000) ok++;
		}
		return {
			allScope: predicted / Math.max(1, scope.length),
			scope: scope.length,
			learned: learned.length,
			predicted: predicted / Math.max(1, learned.length),
			simulated: simulated / Math.max(1, learned.length),
			atTargetOrDue: ok / Math.max(1, learned.length)
		};
	};
	const run = (withPlan: boolean) => {
		const sim = cloneSim(base, 99);
		const moved = withPlan ? setPlan(sim, planDay, topics) : 0;
		for (let d = 0; d < 21; d++) studyOneDay(sim, { workload: BALANCED, newPerDay: 20, plan: withPlan ? { day: planDay, topics } : undefined });
		return { ...measure(sim), reviews: sim.reviewed, answers: sim.answers, moved };
	};
	return { plan: run(true), none: run(false) };
}

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
const t0 = performance.now();
const rows = { 'no balancing': year(NO_BALANCING), 'load balancing': year(BALANCED), 'balancing + easy days': year(BALANCED_EASY_DAYS) };
const table = Object.entries(rows).map(([name, r]) => ({
	config: name,
	'reviews/day mean': r.mean.toFixed(1),
	'reviews/day sd': r.sd.toFixed(1),
	'sd vs 15-day mean': r.daySd.toFixed(1),
	'reviews/day max': r.max,
	'Sunday mean': r.sunday.toFixed(1),
	'true retention': pct(r.retention),
	'reviews in the year': r.reviews
}));
console.log(`\nA year of daily study, ${CARDS} cards, 20 new/day, simulated learner (${((performance.now() - t0) / 1000).toFixed(1)} s):`);
console.table(table);
const iv = interview();
console.log('\nInterview 21 days out, two topics of twenty, set on day 120 of study:');
console.table([
	{ run: 'with the plan', ...fmt(iv.plan) },
	{ run: 'without', ...fmt(iv.none) }
]);
console.log(`Extra reviews the plan costs over the 21 days: ${iv.plan.reviews - iv.none.reviews} review answers (${iv.plan.answers - iv.none.answers} answers of any kind); cards brought forward when the plan was set: ${iv.plan.moved}\n`);

function fmt(r: ReturnType<typeof interview>['plan']) {
	return {
		'scope cards': r.scope,
		learned: r.learned,
		'predicted recall on the date': pct(r.predicted),
		'simulated recall on the date': pct(r.simulated),
		'R ≥ 90% or due by the date': pct(r.atTargetOrDue),
		'predicted recall, all scope cards (new = 0)': pct(r.allScope),
		'review answers (21 days)': r.reviews
	};
}

describe('workload simulation', () => {
	bench('one simulated month (5,000 cards, load balancing + easy days)', () => {
		const sim = createSim(CARDS, 20, 1);
		for (let d = 0; d < 30; d++) studyOneDay(sim, { workload: BALANCED_EASY_DAYS, newPerDay: 20 });
	}, { iterations: 2, time: 0 });
});
