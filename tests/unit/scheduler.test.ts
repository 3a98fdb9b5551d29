import { createEmptyCard, dateDiffInDays, default_w, FSRS, type Card, type Grade } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { newCardState } from '../../src/lib/core/newCardState.ts';
import { createScheduler, DEFAULT_SCHEDULER_SETTINGS, DEFAULT_WEIGHTS, stepMinutes } from '../../src/lib/core/scheduler.ts';
import { studyDay } from '../../src/lib/core/studyDay.ts';
import type { CardState, Rating, SchedulerSettings } from '../../src/lib/core/types.ts';
import { prng } from './factories.ts';

const DAY = 86_400_000;
/** ts-fsrs, py-fsrs and fsrs-rs count elapsed days as differences of UTC dates: a UTC study day with no rollover. */
const UTC_DAYS = { timeZone: 'UTC', rolloverHour: 0 };
const utcDay = (millis: number) => studyDay(millis, UTC_DAYS);

/** The canonical test setup of ts-fsrs, py-fsrs and fsrs-rs: FSRS-6 default weights, no fuzz. */
const CANONICAL: SchedulerSettings = { ...DEFAULT_SCHEDULER_SETTINGS, enableFuzz: false };
/** 2022-11-29 12:30 (the suites' MOCK_NOW; taken in UTC so the test means the same on any machine). */
const START = Date.UTC(2022, 10, 29, 12, 30);

describe('the canonical FSRS test vectors, through our scheduler', () => {
	it('uses the FSRS-6 default parameters the suites assert against (ts-fsrs\'s own defaults)', () => {
		expect(DEFAULT_WEIGHTS).toEqual([...default_w]);
		expect(DEFAULT_WEIGHTS).toEqual([
			0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629,
			1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542
		]);
	});

	it('gives the interval history [0,2,11,46,163,498,0,0,2,4,7,12,21] for Good×6, Again×2, Good×5', () => {
		const s = createScheduler(CANONICAL);
		const ratings: Rating[] = [3, 3, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 3];
		let card = newCardState('vector');
		let now = START;
		const intervals: number[] = [];
		for (const r of ratings) {
			card = s.review(card, r, now, utcDay(now));
			intervals.push(card.scheduledDays);
			now = card.dueMillis;
		}
		expect(intervals).toEqual([0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21]);
	});

	const memoryRun = (enableShortTerm: boolean) => {
		const s = createScheduler({ ...CANONICAL, enableShortTerm });
		const ratings: Rating[] = [1, 3, 3, 3, 3, 3];
		const gaps = [0, 0, 1, 3, 8, 21];
		let card = newCardState('memory');
		let now = START;
		ratings.forEach((r, i) => {
			now += gaps[i]! * DAY;
			card = s.review(card, r, now, utcDay(now));
		});
		return card;
	};

	it('gives S≈53.62691, D≈6.3574867 for Again, Good×5 at elapsed days [0,0,1,3,8,21] (short-term on)', () => {
		const card = memoryRun(true);
		expect(card.stability).toBeCloseTo(53.62691, 4);
		expect(card.difficulty).toBeCloseTo(6.3574867, 4);
	});

	it('gives S≈53.335106, D≈6.3574867 for the same reviews with short-term scheduling off', () => {
		const card = memoryRun(false);
		expect(card.stability).toBeCloseTo(53.335106, 4);
		expect(card.difficulty).toBeCloseTo(6.3574867, 4);
	});

	it('gives the first-review stabilities and difficulties of the suites', () => {
		const s = createScheduler(CANONICAL);
		const firsts = ([1, 2, 3, 4] as Rating[]).map((r) => s.review(newCardState('x'), r, START, utcDay(START)));
		expect(firsts.map((c) => c.stability)).toEqual([0.212, 1.2931, 2.3065, 8.2956]);
		expect(firsts.map((c) => c.difficulty)).toEqual([6.4133, 5.11217071, 2.11810397, 1]);
		expect(firsts.map((c) => c.scheduledDays)).toEqual([0, 0, 0, 8]);
	});
});

function toTsFsrs(c: CardState): Card {
	return {
		...createEmptyCard(new Date(c.dueMillis)),
		due: new Date(c.dueMillis),
		stability: c.stability,
		difficulty: c.difficulty,
		scheduled_days: c.scheduledDays,
		learning_steps: c.learningSteps,
		reps: c.reps,
		lapses: c.lapses,
		state: c.phase,
		last_review: c.lastReviewMillis ? new Date(c.lastReviewMillis) : undefined
	};
}

describe('our transition equals ts-fsrs next() (the fast path used by replay)', () => {
	const variants: [string, Partial<SchedulerSettings>][] = [
		['defaults (fuzz on, short-term on)', {}],
		['fuzz off', { enableFuzz: false }],
		['short-term off', { enableShortTerm: false }],
		['short-term off, fuzz off', { enableShortTerm: false, enableFuzz: false }],
		['custom steps and retention', { learningSteps: ['2m', '15m', '1h'], relearningSteps: ['5m', '20m'], desiredRetention: 0.85, maximumInterval: 400 }],
		['no steps', { learningSteps: [], relearningSteps: [] }],
		['day-long steps', { learningSteps: ['10m', '1d'], relearningSteps: ['2d'], desiredRetention: 0.95 }]
	];

	for (const [name, overrides] of variants) {
		it(`on 400 random review histories: ${name}`, () => {
			const settings = { ...DEFAULT_SCHEDULER_SETTINGS, ...overrides };
			const ours = createScheduler(settings);
			const theirs = new FSRS({
				w: [...settings.weights],
				request_retention: settings.desiredRetention,
				maximum_interval: settings.maximumInterval,
				enable_fuzz: settings.enableFuzz,
				enable_short_term: settings.enableShortTerm,
				learning_steps: settings.learningSteps as never,
				relearning_steps: settings.relearningSteps as never
			});
			const rand = prng(name.length * 7919);
			let compared = 0;
			for (let history = 0; history < 400; history++) {
				let state = newCardState(`c${history}`);
				let card = createEmptyCard(new Date(START));
				let now = START + Math.floor(rand() * 1000 * DAY);
				for (let step = 0; step < 12; step++) {
					const rating = (1 + Math.floor(rand() * 4)) as Rating;
					state = ours.review(state, rating, now, utcDay(now));
					card = theirs.next(card, new Date(now), rating as Grade).card;
					expect(state).toMatchObject({
						phase: card.state,
						dueMillis: card.due.getTime(),
						stability: card.stability,
						difficulty: card.difficulty,
						scheduledDays: card.scheduled_days,
						learningSteps: card.learning_steps,
						reps: card.reps,
						lapses: card.lapses,
						lastReviewMillis: card.last_review!.getTime()
					});
					expect(utcDay(now) - state.lastReviewDay).toBe(0);
					compared++;
					// Early, on time, or late: minutes to months after the due time.
					const late = rand() < 0.3 ? -rand() * (card.due.getTime() - now) : rand() * rand() * 60 * DAY;
					now = Math.max(now + 60_000, Math.round(card.due.getTime() + late));
				}
				// The state converts back to the same ts-fsrs card.
				expect(toTsFsrs(state).due.getTime()).toBe(card.due.getTime());
				expect(dateDiffInDays(card.last_review!, new Date(now))).toBe(utcDay(now) - state.lastReviewDay);
			}
			expect(compared).toBe(4800);
		});
	}
});

describe('scheduler details', () => {
	it('previews all four grades with strictly ordered review intervals', () => {
		const s = createScheduler(DEFAULT_SCHEDULER_SETTINGS);
		let card = newCardState('p');
		for (const r of [3, 3, 3] as Rating[]) card = s.review(card, r, card.dueMillis || START, utcDay(card.dueMillis || START));
		const now = card.dueMillis;
		const p = s.preview(card, now, utcDay(now));
		expect(p.map((x) => x.rating)).toEqual([1, 2, 3, 4]);
		expect(p[0]!.scheduledDays).toBe(0);
		expect(p[1]!.scheduledDays).toBeLessThan(p[2]!.scheduledDays);
		expect(p[2]!.scheduledDays).toBeLessThan(p[3]!.scheduledDays);
	});

	it('predicts recall of 0 for a new card and about the desired retention at the due time', () => {
		const s = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, enableFuzz: false });
		expect(s.retrievability(newCardState('n'), START)).toBe(0);
		let card = s.review(newCardState('n'), 4, START, utcDay(START));
		expect(s.retrievability(card, START)).toBe(1);
		card = s.review(card, 3, card.dueMillis, utcDay(card.dueMillis));
		expect(s.retrievability(card, card.dueMillis)).toBeCloseTo(0.9, 1);
	});

	it('rejects malformed learning steps', () => {
		expect(stepMinutes('10m')).toBe(10);
		expect(stepMinutes('2h')).toBe(120);
		expect(stepMinutes('1d')).toBe(1440);
		expect(() => stepMinutes('10')).toThrow(/Invalid step/);
		expect(() => stepMinutes('-1m')).toThrow(/Invalid step/);
		expect(() => createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, learningSteps: ['1x'] })).toThrow(/Invalid step/);
	});
});
