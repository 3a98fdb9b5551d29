/**
 * Storage side of workload control: the load the balancer reads, backlog recovery actions (postpone,
 * catch up, advance) and the interview plan, each written as one batch of events in one transaction,
 * and undone as a whole by one more transaction of undo events.
 */
import Dexie from 'dexie';
import { overdueCards, planAdvance, planCatchUp, planInterviewDueBy, planPostpone, undoBatch, type BacklogContext } from '../core/backlog.ts';
import { dueLoadOf } from '../core/chooseDue.ts';
import type { Scheduler } from '../core/scheduler.ts';
import type { Settings } from '../core/settings.ts';
import { studyDay, studyDayStart, type DayClock } from '../core/studyDay.ts';
import type { CardEvent } from '../core/types.ts';
import { inPlanScope, type DayShare, type InterviewPlan } from '../core/workload.ts';
import { appendEvent } from './appendEvent.ts';
import { paperTopics, reviewRows } from './dueLoad.ts';
import type { PaperdeckDatabase, StateRow } from './database.ts';
import { newEventId } from './newEventId.ts';
import { fromStateRow } from './stateRow.ts';
import { saveSettings } from './settingsLog.ts';

/** The meta key of the last workload action (this device's "undo" button). */
export const LAST_BATCH_KEY = 'lastWorkloadBatch';

export type BacklogAction =
	| { kind: 'postpone'; count: number }
	/** `easyDays`: each weekday's workload share (the settings'), so catching up spares the easy days. */
	| { kind: 'catchUp'; days: number; reviewsPerDay: number; easyDays?: readonly DayShare[] }
	| { kind: 'advance'; count: number };

export interface BatchInfo {
	batch: string;
	kind: BacklogAction['kind'] | 'plan';
	atMillis: number;
	/** How many cards the action moved. */
	count: number;
}

/** How many review cards were due before today (the backlog). */
export function overdueCount(db: PaperdeckDatabase, todayStartMillis: number): Promise<number> {
	return db.states.where('[queue+availableMillis]').between(['review', Dexie.minKey], ['review', todayStartMillis], true, false).count();
}

async function writeBatch(db: PaperdeckDatabase, scheduler: Scheduler, events: readonly CardEvent[], info: BatchInfo): Promise<BatchInfo> {
	for (const e of events) await appendEvent(db, e, scheduler);
	await db.meta.put({ key: LAST_BATCH_KEY, value: info });
	return info;
}

function context(scheduler: Scheduler, clock: DayClock, nowMillis: number): BacklogContext {
	return { scheduler, clock, nowMillis, day: studyDay(nowMillis, clock), batch: newEventId(), newId: newEventId };
}

/** Postpones, catches up or advances, as one batch of events written in one transaction. */
export async function runBacklogAction(db: PaperdeckDatabase, scheduler: Scheduler, clock: DayClock, action: BacklogAction, nowMillis: number): Promise<BatchInfo> {
	return db.transaction('rw', db.events, db.states, db.meta, async () => {
		const ctx = context(scheduler, clock, nowMillis);
		const todayStart = studyDayStart(ctx.day, clock);
		const states = (await reviewRows(db).toArray()).map(fromStateRow);
		let events: CardEvent[];
		if (action.kind === 'advance') events = planAdvance(states, action.count, studyDayStart(ctx.day + 1, clock), ctx);
		else {
			const overdue = overdueCards(states, todayStart);
			if (action.kind === 'postpone') events = planPostpone(overdue, action.count, ctx);
			else {
				const load = dueLoadOf(states, clock);
				events = planCatchUp(overdue, action.days, action.reviewsPerDay, (o) => load.get(ctx.day + o) ?? 0, ctx, action.easyDays);
			}
		}
		return writeBatch(db, scheduler, events, { batch: ctx.batch, kind: action.kind, atMillis: nowMillis, count: events.length });
	});
}

/**
 * Saves settings with an interview plan (or none) and brings forward, in the same transaction, the
 * plan's cards that would reach the date below the desired retention (one batch of `dueBy` events).
 */
export async function saveInterviewPlan(
	db: PaperdeckDatabase,
	scheduler: Scheduler,
	clock: DayClock,
	settings: Settings,
	plan: InterviewPlan | null,
	nowMillis: number
): Promise<BatchInfo | null> {
	return db.transaction('rw', [db.events, db.states, db.meta, db.settingsLog], async () => {
		await saveSettings(db, { ...settings, workload: { ...settings.workload, interview: plan } }, nowMillis);
		if (!plan) return null;
		const topics = await paperTopics(db);
		const scope = (await reviewRows(db).toArray()).filter((r: StateRow) => inPlanScope(plan, r.paperId, (p) => topics[p]));
		const ctx = context(scheduler, clock, nowMillis);
		const events = planInterviewDueBy(scope.map(fromStateRow), plan.day, ctx);
		return writeBatch(db, scheduler, events, { batch: ctx.batch, kind: 'plan', atMillis: nowMillis, count: events.length });
	});
}

/** The last workload action, unless it was undone already. */
export async function lastBatch(db: PaperdeckDatabase): Promise<BatchInfo | null> {
	return ((await db.meta.get(LAST_BATCH_KEY))?.value ?? null) as BatchInfo | null;
}

/** Undoes every event of a batch still in force, in one transaction. Returns how many were undone. */
export async function undoWorkloadBatch(db: PaperdeckDatabase, scheduler: Scheduler, info: BatchInfo, nowMillis: number): Promise<number> {
	return db.transaction('rw', db.events, db.states, db.meta, async () => {
		// The batch's events share their time: an index lookup, then the undos that target them.
		const own = (await db.events.where('atMillis').equals(info.atMillis).toArray()).filter(
			(e) => (e.type === 'postpone' || e.type === 'dueBy') && e.batch === info.batch
		);
		const ids = new Set(own.map((e) => e.id));
		const undos = await db.events.where('cardId').anyOf([...new Set(own.map((e) => e.cardId))]).filter((e) => e.type === 'undo' && ids.has(e.targetId)).toArray();
		const events = undoBatch([...own, ...undos], info.batch, nowMillis, newEventId);
		for (const e of events) await appendEvent(db, e, scheduler);
		await db.meta.delete(LAST_BATCH_KEY);
		return events.length;
	});
}
