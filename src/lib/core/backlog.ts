/**
 * Backlog recovery (postpone, catch up, advance) and the interview plan's bring-forward, as plain
 * functions from card states to the events that carry them out. Every event of one action shares a
 * `batch` id, so the action is undone as a whole (`undoBatch`) and travels in backups and sync like
 * any other event. Pure: the caller passes the time, the clock and fresh ids.
 */
import type { Scheduler } from './scheduler.ts';
import { studyDayStart, type DayClock } from './studyDay.ts';
import { Phase, type CardEvent, type CardState, type DueByEvent, type PostponeEvent, type UndoEvent } from './types.ts';
import { shareCapacity, weekdayOf, type DayShare } from './workload.ts';

export interface BacklogContext {
	scheduler: Scheduler;
	clock: DayClock;
	nowMillis: number;
	/** Today's study day. */
	day: number;
	/** The action's id, written into each of its events. */
	batch: string;
	newId: () => string;
}

const isReview = (s: CardState) => s.phase === Phase.Review && !s.suspended;

/** Review cards due before today's start: the backlog. */
export function overdueCards(states: Iterable<CardState>, todayStartMillis: number): CardState[] {
	const out: CardState[] = [];
	for (const s of states) if (isReview(s) && s.dueMillis < todayStartMillis) out.push(s);
	return out;
}

/**
 * Postpone `count` overdue cards: those with the highest predicted recall now (they lose the least by
 * waiting; ties to the more stable) move later by 5–10% of their interval (at least a day past today),
 * as the FSRS helper add-on does. Returns one `postpone` event per card.
 */
export function planPostpone(overdue: readonly CardState[], count: number, ctx: BacklogContext): PostponeEvent[] {
	const r = (s: CardState) => ctx.scheduler.retrievability(s, ctx.nowMillis);
	const ranked = overdue
		.map((s) => ({ s, r: r(s) }))
		.sort((a, b) => b.r - a.r || b.s.stability - a.s.stability || (a.s.cardId < b.s.cardId ? -1 : 1));
	return ranked.slice(0, Math.max(0, count)).map(({ s }, i) => {
		// A spread of 5–10% that does not depend on any random source: the same plan on every run.
		const share = 0.05 + 0.05 * ((i * 0.618034) % 1);
		const push = Math.max(1, Math.ceil(Math.max(1, s.scheduledDays) * share));
		return postponeTo(s, studyDayStart(ctx.day + push, ctx.clock), ctx);
	});
}

/**
 * Spread the backlog over `days` days (today included), most forgotten first (lowest predicted recall
 * today). Easy days count: each day's share of the backlog, and of the daily review limit, is in
 * proportion to its weekday's workload share (normal 1, reduced ½, minimal 1⁄10), so a minimal day
 * gets almost none. A day takes at most its share of the backlog and what its part of the limit leaves
 * beside the cards already due then (`dueOn(offset)`). Cards left once every day is full go on the last
 * of the days with the largest share. Today's share stays due; the rest get `postpone` events to their day.
 */
export function planCatchUp(
	overdue: readonly CardState[],
	days: number,
	reviewsPerDay: number,
	dueOn: (offset: number) => number,
	ctx: BacklogContext,
	easyDays: readonly DayShare[] = []
): PostponeEvent[] {
	const n = Math.max(1, Math.floor(days));
	const ranked = overdue
		.map((s) => ({ s, r: ctx.scheduler.retrievability(s, ctx.nowMillis) }))
		.sort((a, b) => a.r - b.r || (a.s.cardId < b.s.cardId ? -1 : 1));
	const capacity = Array.from({ length: n }, (_, o) => shareCapacity(easyDays[weekdayOf(ctx.day + o)] ?? 'normal'));
	const total = capacity.reduce((a, c) => a + c, 0);
	const largest = Math.max(...capacity);
	const overflowDay = capacity.lastIndexOf(largest);
	const room = capacity.map((c, o) =>
		Math.min(Math.ceil((ranked.length * c) / total), Math.max(0, Math.floor(reviewsPerDay * c) - (o === 0 ? 0 : dueOn(o))))
	);
	const events: PostponeEvent[] = [];
	let offset = 0;
	let used = 0;
	for (const { s } of ranked) {
		while (offset < n && used >= room[offset]!) {
			offset++;
			used = 0;
		}
		const day = offset < n ? offset : overflowDay;
		used++;
		if (day > 0) events.push(postponeTo(s, studyDayStart(ctx.day + day, ctx.clock), ctx));
	}
	return events;
}

/**
 * Advance `count` review cards due after today, for a day with spare time: those closest to their due
 * date (lowest predicted recall now) first. Each gets a `dueBy` event making it due now; its answer is
 * an early review graded by FSRS with the real elapsed time.
 */
export function planAdvance(states: Iterable<CardState>, count: number, todayEndMillis: number, ctx: BacklogContext): DueByEvent[] {
	const later: { s: CardState; r: number }[] = [];
	for (const s of states) if (isReview(s) && s.dueMillis >= todayEndMillis) later.push({ s, r: ctx.scheduler.retrievability(s, ctx.nowMillis) });
	later.sort((a, b) => a.r - b.r || a.s.dueMillis - b.s.dueMillis || (a.s.cardId < b.s.cardId ? -1 : 1));
	return later.slice(0, Math.max(0, count)).map(({ s }) => dueByTo(s, ctx.nowMillis, ctx));
}

/**
 * The interview plan's bring-forward when the plan is set: each scope card due after the eve of the
 * interview whose predicted recall at the interview's start is below the desired retention becomes due
 * on the last day (from today to the eve) on which its recall is still at or above it, or today.
 */
export function planInterviewDueBy(scope: Iterable<CardState>, planDay: number, ctx: BacklogContext): DueByEvent[] {
	if (ctx.day >= planDay) return [];
	const target = ctx.scheduler.settings.desiredRetention;
	const planStart = studyDayStart(planDay, ctx.clock);
	const eve = Math.max(ctx.day, planDay - 1);
	const eveEnd = studyDayStart(eve + 1, ctx.clock);
	const events: DueByEvent[] = [];
	for (const s of scope) {
		if (!isReview(s) || s.dueMillis < eveEnd || ctx.scheduler.retrievability(s, planStart) >= target) continue;
		let d = eve;
		while (d > ctx.day && ctx.scheduler.retrievability(s, studyDayStart(d, ctx.clock)) < target) d--;
		const due = d === ctx.day ? ctx.nowMillis : studyDayStart(d, ctx.clock);
		if (due < s.dueMillis) events.push(dueByTo(s, due, ctx));
	}
	return events;
}

/** Undo events for every event of `batch` that still counts (not undone already). */
export function undoBatch(log: readonly CardEvent[], batch: string, atMillis: number, newId: () => string): UndoEvent[] {
	const undone = new Set<string>();
	for (const e of log) if (e.type === 'undo') undone.add(e.targetId);
	return log
		.filter((e) => (e.type === 'postpone' || e.type === 'dueBy') && e.batch === batch && !undone.has(e.id))
		.map((e) => ({ id: newId(), type: 'undo', cardId: e.cardId, atMillis: Math.max(atMillis, e.atMillis + 1), targetId: e.id }));
}

function postponeTo(s: CardState, dueMillis: number, ctx: BacklogContext): PostponeEvent {
	return { id: ctx.newId(), type: 'postpone', cardId: s.cardId, atMillis: ctx.nowMillis, dueMillis, batch: ctx.batch };
}

function dueByTo(s: CardState, dueMillis: number, ctx: BacklogContext): DueByEvent {
	return { id: ctx.newId(), type: 'dueBy', cardId: s.cardId, atMillis: ctx.nowMillis, dueMillis, batch: ctx.batch };
}
