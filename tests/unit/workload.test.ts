/** Issue 22: load balancing, easy days, the interview plan's cap, backlog recovery, review order. */
import { describe, expect, it } from 'vitest';
import { overdueCards, planAdvance, planCatchUp, planInterviewDueBy, planPostpone, undoBatch } from '../../src/lib/core/backlog.ts';
import { addLoad, chooseDue, dueLoadOf, type DueLoad } from '../../src/lib/core/chooseDue.ts';
import { reviewKindFor } from '../../src/lib/core/events.ts';
import { newCardState } from '../../src/lib/core/newCardState.ts';
import { reduceCard } from '../../src/lib/core/reduceCard.ts';
import { replayAll, replayCard } from '../../src/lib/core/replay.ts';
import { orderReviews } from '../../src/lib/core/reviewOrder.ts';
import { studyDay, studyDayStart } from '../../src/lib/core/studyDay.ts';
import { Phase, type CardEvent, type CardState, type Rating, type ReviewEvent } from '../../src/lib/core/types.ts';
import { eventProblem } from '../../src/lib/core/validateBackup.ts';
import { DEFAULT_WORKLOAD_SETTINGS, weekdayOf, type DayShare, type WorkloadSettings } from '../../src/lib/core/workload.ts';
import { DAY, MINUTE, NOW, prng, review, scheduler, UTC_CLOCK, undo } from './factories.ts';

const clock = UTC_CLOCK;
const TODAY = studyDay(NOW, clock);
const workload = (w: Partial<WorkloadSettings> = {}): WorkloadSettings => ({ ...DEFAULT_WORKLOAD_SETTINGS, ...w });

/** A review card's history of six Good answers, each on its due date, the last `ago` days before NOW. */
function matureLog(cardId: string, ago = 0, reps = 6): CardEvent[] {
	const build = (start: number) => {
		let s = newCardState(cardId);
		let t = start;
		const out: CardEvent[] = [];
		for (let i = 0; i < reps; i++) {
			const e = review(cardId, t, 3, reviewKindFor(s.phase), `${cardId}-r${i}`);
			out.push(e);
			s = reduceCard(s, e, scheduler);
			if (i < reps - 1) t = Math.max(t + 10 * MINUTE, s.dueMillis);
		}
		return { out, last: t };
	};
	// Built once, then moved by whole days so the last answer lands `ago` days before NOW.
	const dry = build(NOW - 1000 * DAY);
	const shift = Math.round((NOW - ago * DAY - dry.last) / DAY) * DAY;
	return dry.out.map((e) => (e.type === 'review' ? { ...e, atMillis: e.atMillis + shift, day: e.day + shift / DAY } : e));
}

function matureCard(cardId: string, ago = 0, reps = 6): CardState {
	return replayCard(cardId, matureLog(cardId, ago, reps), scheduler);
}

/** Answers like the review screen: choose the due date, record it in the event, fold it. */
function answer(s: CardState, rating: Rating, at: number, w: WorkloadSettings, load: DueLoad, planDay: number | null = null) {
	const day = studyDay(at, clock);
	const event: ReviewEvent = { ...review(s.cardId, at, rating, reviewKindFor(s.phase)), ...chooseDue(s, rating, at, day, { scheduler, clock, workload: w, load, planDay }) };
	const after = reduceCard(s, event, scheduler);
	addLoad(load, s, clock, -1);
	addLoad(load, after, clock, 1);
	return { event, after };
}

describe('load balancing', () => {
	it('picks the day of the fuzz range with the fewest reviews due, and records the choice', () => {
		const s = matureCard('p/a');
		const lo = scheduler.review(s, 3, NOW, TODAY, 0).scheduledDays;
		const hi = scheduler.review(s, 3, NOW, TODAY, 0.999999).scheduledDays;
		expect(hi - lo).toBeGreaterThan(2);
		const load: DueLoad = new Map();
		for (let d = lo; d <= hi; d++) load.set(TODAY + d, d === lo + 1 ? 0 : 50);
		const { event, after } = answer(s, 3, NOW, workload(), load);
		expect(studyDay(after.dueMillis, clock)).toBe(TODAY + lo + 1);
		expect(event.fuzz).toBeGreaterThanOrEqual(0);
		// Replay reads the recorded choice: the same state with no load at hand.
		expect(reduceCard(s, event, scheduler)).toEqual(after);
	});

	it('off, with every weekday normal: the usual seeded fuzz, nothing recorded', () => {
		const s = matureCard('p/b');
		const choice = chooseDue(s, 3, NOW, TODAY, { scheduler, clock, workload: workload({ loadBalancing: false }), load: new Map(), planDay: null });
		expect(choice).toEqual({});
	});

	it('never leaves the fuzz range', () => {
		const rand = prng(3);
		for (let i = 0; i < 200; i++) {
			const s = matureCard(`p/c${i}`, Math.floor(rand() * 30));
			const load: DueLoad = new Map();
			for (let d = 0; d < 400; d++) load.set(TODAY + d, Math.floor(rand() * 100));
			const rating = (2 + Math.floor(rand() * 3)) as Rating;
			const lo = scheduler.review(s, rating, NOW, TODAY, 0).scheduledDays;
			const hi = scheduler.review(s, rating, NOW, TODAY, 0.999999).scheduledDays;
			const { after } = answer(s, rating, NOW, workload(), load);
			expect(after.scheduledDays).toBeGreaterThanOrEqual(lo);
			expect(after.scheduledDays).toBeLessThanOrEqual(hi);
		}
	});
});

describe('easy days', () => {
	it('mostly avoids minimal weekdays and prefers normal ones over reduced ones at equal load', () => {
		const easyDays: DayShare[] = ['minimal', 'normal', 'reduced', 'normal', 'minimal', 'reduced', 'normal'];
		const counts = { normal: 0, reduced: 0, minimal: 0 };
		const plainCounts = { normal: 0, reduced: 0, minimal: 0 };
		for (let i = 0; i < 300; i++) {
			const s = matureCard(`p/e${i}`, 1 + (i % 30));
			const { after } = answer(s, 3, NOW + i * MINUTE, workload({ loadBalancing: false, easyDays }), new Map());
			counts[easyDays[weekdayOf(studyDay(after.dueMillis, clock))]!]++;
			plainCounts[easyDays[weekdayOf(studyDay(scheduler.review(s, 3, NOW + i * MINUTE, TODAY).dueMillis, clock))]!]++;
		}
		// Without easy days each share gets its weekdays' part (3/7, 2/7, 2/7); with them, far from it.
		expect(plainCounts.minimal).toBeGreaterThan(50);
		expect(counts.minimal).toBeLessThan(10);
		expect(counts.normal).toBeGreaterThan(2 * counts.reduced);
	});
});

describe('the interview plan', () => {
	it('keeps recall on the date at or above the desired retention for every card not due before it (simulation)', () => {
		const rand = prng(11);
		const planDay = TODAY + 21;
		const planStart = studyDayStart(planDay, clock);
		const load: DueLoad = new Map();
		let cards = Array.from({ length: 300 }, (_, i) => matureCard(`p/i${i}`, Math.floor(rand() * 60)));
		// Setting the plan brings forward the cards that would miss it.
		const batch = planInterviewDueBy(cards, planDay, { scheduler, clock, nowMillis: NOW, day: TODAY, batch: 'b1', newId: () => `x${rand()}` });
		cards = cards.map((s) => {
			const e = batch.find((b) => b.cardId === s.cardId);
			return e ? reduceCard(s, e, scheduler) : s;
		});
		for (const s of cards) addLoad(load, s, clock, 1);
		// Study every day until the date: each due card answered (pass with its predicted recall).
		for (let day = TODAY; day < planDay; day++) {
			const at = studyDayStart(day, clock) + 8 * 3_600_000;
			cards = cards.map((s) => {
				if (s.dueMillis >= studyDayStart(day + 1, clock)) return s;
				const rating: Rating = rand() < scheduler.retrievability(s, at) ? 3 : 1;
				let { after } = answer(s, rating, Math.max(at, s.lastReviewMillis + 1), workload(), load, planDay);
				while (after.phase !== Phase.Review) after = answer(after, 3, after.dueMillis, workload(), load, planDay).after;
				return after;
			});
		}
		for (const s of cards) {
			if (s.dueMillis < planStart) continue;
			expect(scheduler.retrievability(s, planStart)).toBeGreaterThanOrEqual(0.9);
		}
		expect(cards.filter((s) => s.dueMillis >= planStart).length).toBeGreaterThan(100);
	});

	it('ends by itself on the date: afterwards the usual intervals resume', () => {
		const s = matureCard('p/j');
		const choice = chooseDue(s, 3, NOW, TODAY, { scheduler, clock, workload: workload({ loadBalancing: false }), load: new Map(), planDay: TODAY });
		expect(choice).toEqual({});
	});

	it('caps a due date that would miss the target at the eve, and replay keeps the cap', () => {
		// Find an answer whose usual fuzz lands past the point where recall falls to the target.
		let found = 0;
		for (let i = 0; i < 300 && found < 5; i++) {
			const s = matureCard(`p/k${i}`, 1 + (i % 20));
			const plain = scheduler.review(s, 3, NOW, TODAY);
			const planDay = studyDay(plain.dueMillis, clock);
			if (planDay <= TODAY + 2 || scheduler.retrievability(plain, studyDayStart(planDay, clock)) >= 0.9) continue;
			found++;
			const { event, after } = answer(s, 3, NOW, workload({ loadBalancing: false }), new Map(), planDay);
			expect(event.capMillis).toBe(studyDayStart(planDay - 1, clock));
			expect(after.dueMillis).toBe(studyDayStart(planDay - 1, clock));
			expect(replayCard(s.cardId, [...matureLog(s.cardId, 1 + (i % 20)), event], scheduler)).toEqual({ ...after, lastEventMillis: NOW });
		}
		expect(found).toBeGreaterThan(0);
	});
});

describe('backlog recovery', () => {
	const ctx = (batch: string) => {
		let n = 0;
		return { scheduler, clock, nowMillis: NOW, day: TODAY, batch, newId: () => `${batch}-${++n}` };
	};
	const backlog = () =>
		Array.from({ length: 40 }, (_, i) => {
			ages.set(`p/o${i}`, 10 + 2 * i);
			return matureCard(`p/o${i}`, 10 + 2 * i, 4);
		});
	const fold = (states: CardState[], log: CardEvent[]) =>
		states.map((s) => {
			const mine = log.filter((e) => e.cardId === s.cardId);
			return mine.length ? replayCard(s.cardId, [...matureLog(s.cardId, ages.get(s.cardId), 4), ...mine], scheduler) : s;
		});
	const ages = new Map<string, number>();

	it('finds the overdue cards', () => {
		const cards = backlog();
		const todayStart = studyDayStart(TODAY, clock);
		expect(overdueCards(cards, todayStart).length).toBe(cards.filter((s) => s.dueMillis < todayStart).length);
		expect(overdueCards(cards, todayStart).length).toBeGreaterThan(10);
	});

	it('postpones the cards with the highest predicted recall, later, as one undoable batch', () => {
		const cards = overdueCards(backlog(), studyDayStart(TODAY, clock));
		const events = planPostpone(cards, 10, ctx('pp'));
		expect(events).toHaveLength(10);
		const r = (id: string) => scheduler.retrievability(cards.find((s) => s.cardId === id)!, NOW);
		const moved = new Set(events.map((e) => e.cardId));
		const minMoved = Math.min(...events.map((e) => r(e.cardId)));
		for (const s of cards) if (!moved.has(s.cardId)) expect(r(s.cardId)).toBeLessThanOrEqual(minMoved);
		const after = fold(cards, events);
		for (const s of after) if (moved.has(s.cardId)) expect(s.dueMillis).toBeGreaterThanOrEqual(studyDayStart(TODAY + 1, clock));
		// Undo as a whole: every card back where it was.
		const undos = undoBatch(events, 'pp', NOW + MINUTE, (() => { let n = 0; return () => `u${++n}`; })());
		expect(undos).toHaveLength(10);
		const restored = fold(cards, [...events, ...undos]);
		restored.forEach((s, i) => expect({ ...s, lastEventMillis: 0 }).toEqual({ ...cards[i]!, lastEventMillis: 0 }));
		expect(undoBatch([...events, ...undos], 'pp', NOW + 2 * MINUTE, () => 'z')).toEqual([]);
	});

	it('catches up over N days, most forgotten first, within the daily limit', () => {
		const cards = overdueCards(backlog(), studyDayStart(TODAY, clock));
		const events = planCatchUp(cards, 4, 100, () => 95, ctx('cu'));
		const byDay = new Map<number, number>();
		for (const e of events) byDay.set(studyDay(e.dueMillis, clock), (byDay.get(studyDay(e.dueMillis, clock)) ?? 0) + 1);
		const todayShare = cards.length - events.length;
		expect(todayShare).toBe(Math.ceil(cards.length / 4));
		for (let k = 1; k < 3; k++) expect(byDay.get(TODAY + k) ?? 0).toBeLessThanOrEqual(5);
		const r = (s: CardState) => scheduler.retrievability(s, NOW);
		const kept = cards.filter((s) => !events.some((e) => e.cardId === s.cardId));
		const maxKept = Math.max(...kept.map(r));
		for (const e of events) expect(r(cards.find((s) => s.cardId === e.cardId)!)).toBeGreaterThanOrEqual(maxKept);
		const undos = undoBatch(events, 'cu', NOW + MINUTE, (() => { let n = 0; return () => `v${++n}`; })());
		fold(cards, [...events, ...undos]).forEach((s, i) => expect(s.dueMillis).toBe(cards[i]!.dueMillis));
	});

	it('catches up respecting easy days: a minimal day gets almost none, a reduced day about half', () => {
		const cards = overdueCards(backlog(), studyDayStart(TODAY, clock));
		const easyDays: DayShare[] = ['normal', 'normal', 'normal', 'normal', 'normal', 'normal', 'normal'];
		const minimal = TODAY + 2;
		const reduced = TODAY + 3;
		easyDays[weekdayOf(minimal)] = 'minimal';
		easyDays[weekdayOf(reduced)] = 'reduced';
		const perDay = (events: { dueMillis: number }[]) => {
			const byDay = new Map<number, number>();
			for (const e of events) byDay.set(studyDay(e.dueMillis, clock), (byDay.get(studyDay(e.dueMillis, clock)) ?? 0) + 1);
			return byDay;
		};
		// Room enough: shares in proportion to each weekday's capacity (normal 1, reduced ½, minimal 1⁄10).
		const roomy = perDay(planCatchUp(cards, 7, 1000, () => 0, ctx('ce'), easyDays));
		const total = 5 + 0.5 + 0.1;
		expect(roomy.get(minimal) ?? 0).toBeLessThanOrEqual(Math.ceil((cards.length * 0.1) / total));
		expect(roomy.get(reduced) ?? 0).toBeLessThanOrEqual(Math.ceil((cards.length * 0.5) / total));
		expect(roomy.get(reduced) ?? 0).toBeLessThan(roomy.get(TODAY + 1) ?? 0);
		// Tight daily limit: the overflow goes to a normal day, never onto the minimal or the reduced one.
		const tight = perDay(planCatchUp(cards, 4, 20, () => 18, ctx('ct'), easyDays));
		expect(tight.get(minimal) ?? 0).toBe(0);
		expect(tight.get(reduced) ?? 0).toBe(0);
		expect(tight.get(TODAY + 1) ?? 0).toBeGreaterThan(0);
		// Every weekday normal: the even spread as before.
		const even = planCatchUp(cards, 7, 1000, () => 0, ctx('cn'), ['normal', 'normal', 'normal', 'normal', 'normal', 'normal', 'normal']);
		expect(perDay(even).get(minimal)).toBe(Math.ceil(cards.length / 7));
	});

	it('advances the cards closest to due, making them due now; undone as a whole', () => {
		const cards = Array.from({ length: 20 }, (_, i) => matureCard(`p/o${i}`, i % 10));
		const todayEnd = studyDayStart(TODAY + 1, clock);
		const events = planAdvance(cards, 5, todayEnd, ctx('ad'));
		expect(events).toHaveLength(5);
		for (const e of events) expect(e.dueMillis).toBe(NOW);
		const notDue = cards.filter((s) => s.dueMillis >= todayEnd);
		const chosen = new Set(events.map((e) => e.cardId));
		const maxChosen = Math.max(...notDue.filter((s) => chosen.has(s.cardId)).map((s) => scheduler.retrievability(s, NOW)));
		for (const s of notDue) if (!chosen.has(s.cardId)) expect(scheduler.retrievability(s, NOW)).toBeGreaterThanOrEqual(maxChosen);
	});
});

describe('review order', () => {
	const cards = ['b/1', 'a/1', 'b/2', 'c/1'].map((id, i) => ({ ...newCardState(id), phase: Phase.Review, dueMillis: NOW - (4 - i) * DAY, stability: 1 + i }));
	const opts = { recall: (s: CardState) => 1 / s.stability, paperOf: (s: CardState) => s.cardId.split('/')[0]!, seed: 7 };
	it('orders by due date, predicted recall, paper, or a seeded shuffle', () => {
		expect(orderReviews(cards, 'due', opts).map((s) => s.cardId)).toEqual(['b/1', 'a/1', 'b/2', 'c/1']);
		expect(orderReviews(cards, 'recall', opts).map((s) => s.cardId)).toEqual(['c/1', 'b/2', 'a/1', 'b/1']);
		expect(orderReviews(cards, 'paper', opts).map((s) => s.cardId)).toEqual(['b/1', 'b/2', 'a/1', 'c/1']);
		const shuffled = orderReviews(cards, 'random', opts).map((s) => s.cardId);
		expect(shuffled.slice().sort()).toEqual(cards.map((s) => s.cardId).sort());
		expect(orderReviews(cards, 'random', opts).map((s) => s.cardId)).toEqual(shuffled);
	});
});

describe('events of workload control', () => {
	it('are validated like every other event', () => {
		const base = { id: 'x1', cardId: 'p/a', atMillis: NOW };
		expect(eventProblem({ ...base, type: 'postpone', dueMillis: NOW + DAY }, NOW)).toBeNull();
		expect(eventProblem({ ...base, type: 'postpone', dueMillis: NOW + DAY, batch: 'b1' }, NOW)).toBeNull();
		expect(eventProblem({ ...base, type: 'dueBy', dueMillis: NOW, batch: 'b1' }, NOW)).toBeNull();
		expect(eventProblem({ ...base, type: 'postpone' }, NOW)).toMatch(/dueMillis/);
		expect(eventProblem({ ...base, type: 'postpone', dueMillis: NOW, batch: 'has space' }, NOW)).toMatch(/batch/);
		const r = review('p/a', NOW, 3);
		expect(eventProblem({ ...r, fuzz: 0.5, capMillis: NOW + DAY }, NOW)).toBeNull();
		expect(eventProblem({ ...r, fuzz: 1 }, NOW)).toMatch(/fuzz/);
		expect(eventProblem({ ...r, capMillis: 1.5 }, NOW)).toMatch(/capMillis/);
		expect(eventProblem({ ...r, batch: 'b' }, NOW)).toMatch(/field "batch"/);
	});

	it('postpone only moves a due date later, and never a new card', () => {
		const s = matureCard('p/q');
		const earlier = reduceCard(s, { id: 'z1', type: 'postpone', cardId: 'p/q', atMillis: NOW, dueMillis: s.dueMillis - DAY }, scheduler);
		expect(earlier.dueMillis).toBe(s.dueMillis);
		const later = reduceCard(s, { id: 'z2', type: 'postpone', cardId: 'p/q', atMillis: NOW, dueMillis: s.dueMillis + DAY }, scheduler);
		expect(later.dueMillis).toBe(s.dueMillis + DAY);
		expect(later.stability).toBe(s.stability);
		const fresh = reduceCard(newCardState('p/n'), { id: 'z3', type: 'postpone', cardId: 'p/n', atMillis: NOW, dueMillis: NOW + DAY }, scheduler);
		expect(fresh.dueMillis).toBe(0);
	});
});

describe('determinism with workload control on', () => {
	it('replay equals the incremental state on random histories with balancing, easy days, the plan, postpone, advance and undo', () => {
		const rand = prng(2022);
		const ids = Array.from({ length: 120 }, (_, i) => `p${i % 7}/c${i}`);
		const easyDays: DayShare[] = ['minimal', 'normal', 'reduced', 'normal', 'normal', 'reduced', 'normal'];
		const w = workload({ easyDays });
		const states = new Map<string, CardState>(ids.map((id) => [id, newCardState(id)]));
		const load = dueLoadOf(states.values(), clock);
		const log: CardEvent[] = [];
		const plainWorkload = workload({ loadBalancing: false });
		let now = NOW - 200 * DAY;
		let n = 0;
		const id = () => `w${++n}`;
		const refold = (cardId: string) => {
			const before = states.get(cardId)!;
			const after = replayCard(cardId, log.filter((e) => e.cardId === cardId), scheduler);
			addLoad(load, before, clock, -1);
			addLoad(load, after, clock, 1);
			states.set(cardId, after);
		};
		for (let step = 0; step < 4000; step++) {
			now += 1000 + Math.floor(rand() * (rand() < 0.7 ? 10 * MINUTE : DAY));
			const day = studyDay(now, clock);
			const roll = rand();
			const ctx = { scheduler, clock, nowMillis: now, day, batch: `b${step}`, newId: id };
			if (roll < 0.01) {
				const events = planPostpone(overdueCards(states.values(), studyDayStart(day, clock)), 5, ctx);
				log.push(...events);
				for (const e of events) refold(e.cardId);
			} else if (roll < 0.02) {
				const events = planAdvance(states.values(), 3, studyDayStart(day + 1, clock), ctx);
				log.push(...events);
				for (const e of events) refold(e.cardId);
			} else if (roll < 0.03) {
				const batches = log.filter((e) => e.type === 'postpone' || e.type === 'dueBy').map((e) => (e as { batch?: string }).batch!);
				if (batches.length) {
					const undos = undoBatch(log, batches[Math.floor(rand() * batches.length)]!, now, id);
					log.push(...undos);
					for (const u of undos) refold(u.cardId);
				}
			} else if (roll < 0.05) {
				const e = log[Math.floor(rand() * log.length)];
				if (e) {
					log.push(undo(e, now, id()));
					refold(e.cardId);
				}
			} else {
				const cardId = ids[Math.floor(rand() * ids.length)]!;
				const s = states.get(cardId)!;
				if (s.lastEventMillis >= now) continue;
				const rating = (1 + Math.floor(rand() * 4)) as Rating;
				const inScope = cardId.startsWith('p1/') || cardId.startsWith('p2/');
				// Plans of every distance, and balancing on and off, so caps and recorded fuzz both occur.
				const planDay = inScope ? day + 1 + Math.floor(rand() * 60) : null;
				const event: ReviewEvent = {
					...review(cardId, now, rating, reviewKindFor(s.phase), id()),
					...chooseDue(s, rating, now, day, { scheduler, clock, workload: rand() < 0.5 ? w : plainWorkload, load, planDay })
				};
				log.push(event);
				const after = reduceCard(s, event, scheduler);
				addLoad(load, s, clock, -1);
				addLoad(load, after, clock, 1);
				states.set(cardId, after);
			}
		}
		expect(log.some((e) => e.type === 'review' && e.fuzz !== undefined)).toBe(true);
		expect(log.some((e) => e.type === 'review' && e.capMillis !== undefined)).toBe(true);
		expect(log.some((e) => e.type === 'postpone')).toBe(true);
		const replayed = replayAll(log.slice().reverse(), scheduler);
		for (const cardId of ids) {
			const truth = replayed.get(cardId) ?? newCardState(cardId);
			expect(truth).toEqual(states.get(cardId));
		}
	});
});
