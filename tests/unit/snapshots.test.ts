import { describe, expect, it } from 'vitest';
import { compareEvents } from '../../src/lib/core/events.ts';
import { snapshotsToKeep, type SnapshotInfo, type SnapshotReason } from '../../src/lib/core/snapshotRetention.ts';
import { parseBackup } from '../../src/lib/core/validateBackup.ts';
import { appendEvent } from '../../src/lib/db/appendEvent.ts';
import { exportBackup } from '../../src/lib/db/exportBackup.ts';
import { applyImport } from '../../src/lib/db/importBackup.ts';
import { PaperdeckDatabase } from '../../src/lib/db/database.ts';
import { previewRollback, rollbackToSnapshot } from '../../src/lib/db/rollback.ts';
import { listSnapshots, SNAPSHOT_INTERVAL_MILLIS, snapshotText, takeAutoSnapshot, takeSnapshot } from '../../src/lib/db/snapshots.ts';
import { DAY, makeDeck, MINUTE, NOW, review, scheduler, mixedLog } from './factories.ts';
import { testCollection } from './testCollection.ts';

const TODAY = 20_000; // a Friday (study day 0, 1970-01-01, was a Thursday)
let nextId = 0;
const snap = (day: number, hour = 12, reason: SnapshotReason = 'auto'): SnapshotInfo => ({
	id: ++nextId,
	day,
	takenAtMillis: day * DAY + hour * 3_600_000,
	reason
});

describe('which snapshots are kept', () => {
	it('keeps the newest of each of the last 7 days', () => {
		const list = [snap(TODAY, 9), snap(TODAY, 15), snap(TODAY - 1, 9), snap(TODAY - 1, 20), snap(TODAY - 6)];
		expect(snapshotsToKeep(list, TODAY)).toEqual(new Set([list[1]!.id, list[3]!.id, list[4]!.id]));
		// A week-old one is kept only as its calendar week's newest: here the 6-day-old one (same week) is newer.
		const weekOld = snap(TODAY - 7, 23);
		expect(snapshotsToKeep([...list, weekOld], TODAY).has(weekOld.id)).toBe(false);
		expect(snapshotsToKeep([list[0]!, weekOld], TODAY).has(weekOld.id)).toBe(true);
	});

	it('keeps the newest of each of the 4 calendar weeks before this one, and nothing older', () => {
		// One snapshot a day for 60 days, as a daily user makes them.
		const list = Array.from({ length: 60 }, (_, i) => snap(TODAY - i));
		const keep = snapshotsToKeep(list, TODAY);
		const keptDays = list.filter((s) => keep.has(s.id)).map((s) => TODAY - s.day);
		const week = (d: number) => Math.floor((d + 3) / 7);
		expect(keptDays.filter((age) => age < 7)).toEqual([0, 1, 2, 3, 4, 5, 6]);
		const weekly = keptDays.filter((age) => age >= 7);
		// One per week for weeks 1–4 before this week (some may already be among the daily ones).
		for (const age of weekly) expect(week(TODAY) - week(TODAY - age)).toBeGreaterThanOrEqual(1);
		expect(new Set(weekly.map((age) => week(TODAY - age))).size).toBe(weekly.length);
		expect(Math.max(...keptDays)).toBeLessThan(7 * 5 + 7);
		// Stable as days pass: a weekly snapshot kept today is still kept tomorrow unless its week aged out.
		const tomorrow = snapshotsToKeep(list.filter((s) => keep.has(s.id)), TODAY + 1);
		for (const s of list.filter((s) => keep.has(s.id) && TODAY - s.day >= 7)) {
			if (week(TODAY + 1) - week(s.day) <= 4) expect(tomorrow.has(s.id)).toBe(true);
		}
	});

	it('keeps every snapshot that was not automatic for a week, and always the newest', () => {
		const guard = snap(TODAY - 2, 9, 'before-import');
		const mine = snap(TODAY - 2, 9.5, 'manual');
		const auto = snap(TODAY - 2, 9.7);
		const later = snap(TODAY - 2, 10);
		const old = snap(TODAY - 100);
		expect(snapshotsToKeep([guard, mine, auto, later], TODAY)).toEqual(new Set([guard.id, mine.id, later.id]));
		expect(snapshotsToKeep([snap(TODAY - 8, 9, 'before-restore'), old], TODAY + 40).has(old.id)).toBe(false);
		expect(snapshotsToKeep([old], TODAY)).toEqual(new Set([old.id]));
	});
});

const deck = makeDeck(3, 4);
const cardIds = deck.cards.map((c) => c.id);
const collection = () => testCollection(deck);
const request = (nowMillis: number) => ({ nowMillis, day: Math.floor(nowMillis / DAY), appVersion: '0.1.0' });
const states = async (db: PaperdeckDatabase) => (await db.states.toArray()).sort((a, b) => (a.cardId < b.cardId ? -1 : 1));

describe('snapshots in the database', () => {
	it('stores the collection compressed, as a backup file that reads back whole', async () => {
		const db = await collection();
		const log = mixedLog(1, cardIds, 300);
		await applyImport(db, { ...(await exportBackup(db, 't', NOW)), events: log }, { useSettings: false });
		const row = await takeSnapshot(db, { ...request(NOW), reason: 'manual' });
		expect(row).toMatchObject({ eventCount: 300, lastEventMillis: log.at(-1)!.atMillis, reason: 'manual' });
		const text = await snapshotText(db, row.id!);
		expect(row.sizeBytes).toBeLessThan(text.length / 3);
		const parsed = parseBackup(text, NOW);
		expect(parsed.ok && parsed.backup.events).toEqual([...log].sort(compareEvents));
	});

	it('takes an automatic snapshot only when the log changed and the last one is 4 hours old', async () => {
		const db = await collection();
		expect(await takeAutoSnapshot(db, request(NOW))).toBeNull(); // empty log: nothing to keep
		await appendEvent(db, review(cardIds[0]!, NOW, 3), scheduler);
		expect(await takeAutoSnapshot(db, request(NOW + MINUTE))).not.toBeNull();
		await appendEvent(db, review(cardIds[1]!, NOW + 2 * MINUTE, 3), scheduler);
		expect(await takeAutoSnapshot(db, request(NOW + 3 * MINUTE))).toBeNull(); // too soon
		expect(await takeAutoSnapshot(db, request(NOW + SNAPSHOT_INTERVAL_MILLIS + MINUTE))).not.toBeNull();
		expect(await takeAutoSnapshot(db, request(NOW + 3 * SNAPSHOT_INTERVAL_MILLIS))).toBeNull(); // unchanged
		// Same study day: the newer one replaces the older (newest of the day kept).
		const list = await listSnapshots(db);
		expect(list).toHaveLength(1);
		expect(list[0]!.eventCount).toBe(2);
		expect(await db.snapshotData.count()).toBe(1);
	});

	it('prunes old snapshots and their content as days pass', async () => {
		const db = await collection();
		for (let d = 0; d < 50; d++) {
			await appendEvent(db, review(cardIds[d % cardIds.length]!, NOW + d * DAY, 3, 'review'), scheduler);
			await takeAutoSnapshot(db, request(NOW + d * DAY + MINUTE));
		}
		const list = await listSnapshots(db);
		expect(list.length).toBeGreaterThanOrEqual(7);
		expect(list.length).toBeLessThanOrEqual(11);
		expect(await db.snapshotData.count()).toBe(list.length);
		expect(list[0]!.eventCount).toBe(50);
	});
});

describe('restoring a snapshot', () => {
	it('merging it back restores lost events and keeps every review made since', async () => {
		const db = await collection();
		const early = mixedLog(2, cardIds, 100, NOW - 50 * DAY);
		await applyImport(db, { ...(await exportBackup(db, 't', NOW)), events: early }, { useSettings: false });
		const row = await takeSnapshot(db, { ...request(NOW - DAY), reason: 'auto' });
		const later = review(cardIds[0]!, NOW, 4, 'review');
		await appendEvent(db, later, scheduler);
		// A bug loses some events from the log.
		await db.events.bulkDelete(early.slice(0, 10).map((e) => e.id));
		const parsed = parseBackup(await snapshotText(db, row.id!), NOW);
		if (!parsed.ok) throw new Error(parsed.reason);
		const result = await applyImport(db, parsed.backup, { useSettings: false });
		expect(result.added).toBe(10);
		expect(await db.events.count()).toBe(101);
		expect(await db.events.get(later.id)).toEqual(later);
	});

	it('rolling back cancels everything since with undo events, deleting nothing, and can itself be rolled back', async () => {
		const db = await collection();
		await applyImport(db, { ...(await exportBackup(db, 't', NOW)), events: mixedLog(3, cardIds, 150, NOW - 60 * DAY) }, { useSettings: false });
		const atSnapshot = await states(db);
		const row = await takeSnapshot(db, { ...request(NOW - 10 * DAY), reason: 'auto' });
		const snapshot = parseBackup(await snapshotText(db, row.id!), NOW);
		if (!snapshot.ok) throw new Error(snapshot.reason);

		// Since then: a mistaken import of someone else's log, and some reviews of my own.
		const foreign = mixedLog(4, cardIds, 80, NOW - 9 * DAY);
		await applyImport(db, { ...snapshot.backup, events: foreign }, { useSettings: false });
		for (const [i, id] of cardIds.slice(0, 3).entries()) await appendEvent(db, review(id, NOW + i * MINUTE, 3, 'review'), scheduler);
		const beforeRollback = await states(db);
		const guard = await takeSnapshot(db, { ...request(NOW + DAY), reason: 'before-restore' });
		const countBefore = await db.events.count();

		expect(await previewRollback(db, snapshot.backup)).toEqual({
			undone: 83,
			undoneReviews: foreign.filter((e) => e.type === 'review').length + 3,
			cards: new Set([...foreign.map((e) => e.cardId), ...cardIds.slice(0, 3)]).size,
			restored: 0
		});
		expect(await rollbackToSnapshot(db, snapshot.backup, NOW + DAY, scheduler)).toBe(83);
		expect(await db.events.count()).toBe(countBefore + 83);
		expect(await states(db).then((s) => s.map(({ lastEventMillis: _l, ...rest }) => rest))).toEqual(
			atSnapshot.map(({ lastEventMillis: _l, ...rest }) => rest)
		);

		// Rolling back to the snapshot taken just before restores what the rollback cancelled.
		const undoRollback = parseBackup(await snapshotText(db, guard.id!), NOW + DAY);
		if (!undoRollback.ok) throw new Error(undoRollback.reason);
		await rollbackToSnapshot(db, undoRollback.backup, NOW + DAY + MINUTE, scheduler);
		expect(await states(db).then((s) => s.map(({ lastEventMillis: _l, ...rest }) => rest))).toEqual(
			beforeRollback.map(({ lastEventMillis: _l, ...rest }) => rest)
		);
	});
});
