/** Issue 22 in storage: backlog actions as undoable batches of events, the interview plan, review order. */
import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, serializeBackup } from '../../src/lib/core/backupFile.ts';
import { replayCard } from '../../src/lib/core/replay.ts';
import { DEFAULT_SETTINGS } from '../../src/lib/core/settings.ts';
import { studyDay, studyDayBounds, studyDayStart } from '../../src/lib/core/studyDay.ts';
import { Phase, type CardEvent } from '../../src/lib/core/types.ts';
import { weekdayOf } from '../../src/lib/core/workload.ts';
import { parseBackup } from '../../src/lib/core/validateBackup.ts';
import { appendEvent } from '../../src/lib/db/appendEvent.ts';
import { rebuildStates } from '../../src/lib/db/rebuildStates.ts';
import { fromStateRow } from '../../src/lib/db/stateRow.ts';
import { loadSettings } from '../../src/lib/db/settingsStore.ts';
import { loadStudyCards } from '../../src/lib/db/studyQueries.ts';
import { lastBatch, overdueCount, runBacklogAction, saveInterviewPlan, undoWorkloadBatch } from '../../src/lib/db/workloadActions.ts';
import { DAY, makeDeck, MINUTE, NOW, review, scheduler, UTC_CLOCK } from './factories.ts';
import { testCollection } from './testCollection.ts';

const clock = UTC_CLOCK;
const TODAY = studyDay(NOW, clock);

/** A collection whose first `learned` cards were learned long ago (two Good answers), so many are overdue. */
async function backlogCollection(learned = 30) {
	const db = await testCollection(makeDeck(6, 10));
	const ids = (await db.states.toArray()).map((s) => s.cardId).sort();
	for (let i = 0; i < learned; i++) {
		const t = NOW - (40 + i) * DAY;
		await appendEvent(db, review(ids[i]!, t, 3, 'learn'), scheduler);
		await appendEvent(db, review(ids[i]!, t + 10 * MINUTE, 3, 'learn'), scheduler);
	}
	return { db, ids };
}

const states = async (db: Awaited<ReturnType<typeof testCollection>>) => (await db.states.toArray()).map(fromStateRow);

describe('backlog actions in storage', () => {
	it('postpone writes one batch; undo restores every card; the log replays to the same states', async () => {
		const { db } = await backlogCollection();
		const todayStart = studyDayStart(TODAY, clock);
		const overdue = await overdueCount(db, todayStart);
		expect(overdue).toBeGreaterThan(10);
		const before = await states(db);
		const info = await runBacklogAction(db, scheduler, clock, { kind: 'postpone', count: 10 }, NOW);
		expect(info.count).toBe(10);
		expect(await overdueCount(db, todayStart)).toBe(overdue - 10);
		expect(await db.events.filter((e) => e.type === 'postpone').count()).toBe(10);
		expect(await lastBatch(db)).toEqual(info);
		// The cache equals the replay of the log.
		expect(await rebuildStates(db, scheduler)).toEqual([]);
		expect(await undoWorkloadBatch(db, scheduler, info, NOW + MINUTE)).toBe(10);
		expect(await overdueCount(db, todayStart)).toBe(overdue);
		const after = await states(db);
		const strip = (list: typeof before) => list.map((s) => ({ ...s, lastEventMillis: 0 })).sort((a, b) => (a.cardId < b.cardId ? -1 : 1));
		expect(strip(after)).toEqual(strip(before));
		expect(await lastBatch(db)).toBeNull();
		expect(await rebuildStates(db, scheduler)).toEqual([]);
	});

	it('catch up leaves today a share and spreads the rest; advance makes cards due now; both undo as a whole', async () => {
		const { db } = await backlogCollection();
		const todayStart = studyDayStart(TODAY, clock);
		const overdue = await overdueCount(db, todayStart);
		const info = await runBacklogAction(db, scheduler, clock, { kind: 'catchUp', days: 3, reviewsPerDay: 200 }, NOW);
		expect(await overdueCount(db, todayStart)).toBe(Math.ceil(overdue / 3));
		expect(info.count).toBe(overdue - Math.ceil(overdue / 3));
		await undoWorkloadBatch(db, scheduler, info, NOW + MINUTE);
		expect(await overdueCount(db, todayStart)).toBe(overdue);
	});

	it('catch up passes the easy days on: a minimal tomorrow gets far fewer of the backlog than the day after', async () => {
		const { db } = await backlogCollection();
		const easyDays = [...DEFAULT_SETTINGS.workload.easyDays];
		easyDays[weekdayOf(TODAY + 1)] = 'minimal';
		await runBacklogAction(db, scheduler, clock, { kind: 'catchUp', days: 3, reviewsPerDay: 200, easyDays }, NOW);
		const on = async (day: number) => db.events.filter((e) => e.type === 'postpone' && studyDay(e.dueMillis, clock) === day).count();
		expect(await on(TODAY + 2)).toBeGreaterThan(5);
		expect(await on(TODAY + 1)).toBeLessThanOrEqual(Math.ceil((await on(TODAY + 2)) / 5));
	});

	it('carries its events through a backup: export, validate, import elsewhere gives the same states', async () => {
		const { db } = await backlogCollection(12);
		const info = await runBacklogAction(db, scheduler, clock, { kind: 'postpone', count: 4 }, NOW);
		const events = (await db.events.toArray()) as CardEvent[];
		const text = serializeBackup({ format: BACKUP_FORMAT, schemaVersion: 3, appVersion: 't', exportedAtMillis: NOW, settings: DEFAULT_SETTINGS, custom: {}, events });
		const parsed = parseBackup(text, NOW);
		expect(parsed.ok).toBe(true);
		for (const s of await states(db)) {
			const mine = events.filter((e) => e.cardId === s.cardId);
			if (mine.length) expect(replayCard(s.cardId, mine, scheduler)).toEqual(s);
		}
		expect(info.count).toBe(4);
	});
});

describe('the interview plan in storage', () => {
	it('saves the plan, brings forward cards that would miss the date, and puts the scope first among new cards', async () => {
		const { db, ids } = await backlogCollection(0);
		// Learn some cards of paper-5 (the plan's paper) long enough ago that one is due after the date.
		const scopeIds = ids.filter((id) => id.startsWith('paper-5/'));
		for (const id of scopeIds.slice(0, 3)) {
			await appendEvent(db, review(id, NOW - 3 * DAY, 4, 'learn'), scheduler);
		}
		const planDay = TODAY + 30;
		const plan = { day: planDay, topics: [], papers: ['paper-5'] };
		await saveInterviewPlan(db, scheduler, clock, DEFAULT_SETTINGS, plan, NOW);
		const settings = await loadSettings(db);
		expect(settings.workload.interview).toEqual(plan);
		const planStart = studyDayStart(planDay, clock);
		for (const id of scopeIds.slice(0, 3)) {
			const s = fromStateRow((await db.states.get(id))!);
			expect(s.phase).toBe(Phase.Review);
			expect(s.dueMillis < planStart || scheduler.retrievability(s, planStart) >= 0.9).toBe(true);
		}
		const b = studyDayBounds(NOW, clock);
		const window = { nowMillis: NOW, dayStartMillis: b.startMillis, dayEndMillis: b.endMillis };
		const limits = { newPerDay: 5, reviewsPerDay: 100, rolloverHour: 4 };
		const queue = await loadStudyCards(db, window, limits, undefined, { order: 'due', recall: () => 0, plan, day: TODAY });
		expect(queue.fresh.map((s) => s.paperId)).toEqual(Array(5).fill('paper-5'));
		// After the date the plan no longer shapes the queue.
		const later = await loadStudyCards(db, window, limits, undefined, { order: 'due', recall: () => 0, plan, day: planDay });
		expect(later.fresh[0]!.paperId).toBe('paper-0');
	});
});

describe('review order in storage', () => {
	it('orders today’s reviews by predicted recall, then applies the review limit', async () => {
		const { db } = await backlogCollection(20);
		const b = studyDayBounds(NOW, clock);
		const window = { nowMillis: NOW, dayStartMillis: b.startMillis, dayEndMillis: b.endMillis };
		const limits = { newPerDay: 0, reviewsPerDay: 5, rolloverHour: 4 };
		const recall = (s: Parameters<typeof scheduler.retrievability>[0]) => scheduler.retrievability(s, NOW);
		const q = await loadStudyCards(db, window, limits, undefined, { order: 'recall', recall, plan: null, day: TODAY });
		expect(q.reviews).toHaveLength(5);
		const all = (await states(db)).filter((s) => s.phase === Phase.Review && s.dueMillis < window.dayEndMillis).map(recall).sort((a, b) => a - b);
		expect(q.reviews.map(recall)).toEqual(all.slice(0, 5));
	});
});

describe('the load the review screen balances against', () => {
	it('counts review cards per due day from the index alone', async () => {
		const { loadDueLoad } = await import('../../src/lib/db/dueLoad.ts');
		const { dueLoadOf } = await import('../../src/lib/core/chooseDue.ts');
		const { db } = await backlogCollection(25);
		expect(await loadDueLoad(db, clock)).toEqual(dueLoadOf(await states(db), clock));
	});
});
