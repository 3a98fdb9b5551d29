import { afterEach, describe, expect, it, vi } from 'vitest';
import { reviewKindFor } from '../../src/lib/core/events.ts';
import { replayCard } from '../../src/lib/core/replay.ts';
import { studyDayBounds } from '../../src/lib/core/studyDay.ts';
import { Phase, type CardEvent, type Rating } from '../../src/lib/core/types.ts';
import { appendEvent, StaleCardError } from '../../src/lib/db/appendEvent.ts';
import { PaperdeckDatabase } from '../../src/lib/db/database.ts';
import { mergeEvents, rebuildStates } from '../../src/lib/db/rebuildStates.ts';
import { reconcileDeck } from '../../src/lib/db/reconcileDeck.ts';
import { fromStateRow } from '../../src/lib/db/stateRow.ts';
import { loadStudyCards, todaySummary } from '../../src/lib/db/studyQueries.ts';
import { DEFAULT_SETTINGS } from '../../src/lib/core/settings.ts';
import { SCHEDULER_KEY, schedulerKey } from '../../src/lib/db/settingsStore.ts';
import { syncCollection } from '../../src/lib/state/syncCollection.ts';
import { DAY, makeDeck, MINUTE, NOW, prng, review, scheduler, undo, UTC_CLOCK } from './factories.ts';

let n = 0;
const open: PaperdeckDatabase[] = [];
async function freshDb(): Promise<PaperdeckDatabase> {
	const db = new PaperdeckDatabase(`test-${++n}`);
	open.push(db);
	await db.open();
	return db;
}
afterEach(async () => {
	for (const db of open.splice(0)) await db.delete();
	vi.restoreAllMocks();
});

const state = async (db: PaperdeckDatabase, id: string) => fromStateRow((await db.states.get(id))!);
const window = (now = NOW) => {
	const b = studyDayBounds(now, UTC_CLOCK);
	return { nowMillis: now, dayStartMillis: b.startMillis, dayEndMillis: b.endMillis };
};
const limits = { newPerDay: 5, reviewsPerDay: 3, rolloverHour: 4 };

describe('deck reconciliation', () => {
	it('adds every card of a new deck as new, in study order, and records the version', async () => {
		const db = await freshDb();
		const report = await reconcileDeck(db, makeDeck(3, 4), scheduler);
		expect(report).toEqual({ added: 12, updated: 0, retired: 0, restored: 0 });
		expect((await db.states.toArray()).every((s) => s.queue === 'new' && s.phase === Phase.New)).toBe(true);
		expect((await db.states.get('paper-1/card-0'))!.newRank).toBe(4);
		expect((await db.meta.get('deckVersion'))!.value).toBe(makeDeck(3, 4).version);
		// Reconciling the same deck again changes nothing.
		expect(await reconcileDeck(db, makeDeck(3, 4), scheduler)).toEqual({ added: 0, updated: 0, retired: 0, restored: 0 });
	});

	it('keeps history across edits, retires removed cards and restores them when they return', async () => {
		const db = await freshDb();
		await reconcileDeck(db, makeDeck(2, 3), scheduler);
		const id = 'paper-0/card-1';
		await appendEvent(db, review(id, NOW, 3), scheduler);
		const learned = await state(db, id);

		const edited = await reconcileDeck(db, makeDeck(2, 3, { edit: id }), scheduler);
		expect(edited.updated).toBe(1);
		expect((await db.cards.get(id))!.promptHtml).toContain('Edited question');
		expect(await state(db, id)).toEqual(learned);

		const removed = await reconcileDeck(db, makeDeck(2, 3, { drop: [id] }), scheduler);
		expect(removed.retired).toBe(1);
		expect((await db.cards.get(id))!.retired).toBe(1);
		expect((await db.states.get(id))!.queue).toBe('retired');
		expect(await db.events.where('cardId').equals(id).count()).toBe(1);

		const back = await reconcileDeck(db, makeDeck(2, 3), scheduler);
		expect(back.restored).toBe(1);
		expect((await db.states.get(id))!.queue).toBe('learning');
		expect(await state(db, id)).toEqual(learned);
	});

	it('aborted midway (the page left), a reconciliation writes nothing; the next one writes the whole deck', async () => {
		const db = await freshDb();
		const leaving = new AbortController();
		// Abort once a first slice of rows has been handed to IndexedDB, before the transaction's end.
		const put = db.cards.bulkPut.bind(db.cards);
		vi.spyOn(db.cards, 'bulkPut').mockImplementation((rows) =>
			put(rows).then((keys) => {
				leaving.abort();
				return keys;
			})
		);
		await expect(reconcileDeck(db, makeDeck(30, 10), scheduler, undefined, leaving.signal)).rejects.toThrow();
		expect(await db.cards.count()).toBe(0);
		expect(await db.states.count()).toBe(0);
		expect(await db.meta.get('deckVersion')).toBeUndefined();
		vi.restoreAllMocks();
		// The next page's import writes the whole deck.
		expect((await reconcileDeck(db, makeDeck(30, 10), scheduler)).added).toBe(300);
		expect(await db.states.count()).toBe(300);
	});

	it('refuses to add cards without a scheduler when the log has history (it could not replay it), and writes nothing', async () => {
		const db = await freshDb();
		await reconcileDeck(db, makeDeck(1, 1), scheduler);
		// History of a card with no state row yet.
		await db.events.add(review('paper-1/card-0', NOW, 3));
		await expect(reconcileDeck(db, makeDeck(2, 1), null)).rejects.toThrow(/no scheduler/);
		expect(await db.cards.count()).toBe(1);
	});

	it('gives a newly added card the history an import already brought', async () => {
		const db = await freshDb();
		await reconcileDeck(db, makeDeck(1, 1), scheduler);
		const later = 'paper-1/card-0';
		const events = [review(later, NOW, 3), review(later, NOW + 10 * MINUTE, 3)];
		expect(await mergeEvents(db, events, scheduler)).toBe(2);
		expect((await db.states.get(later))!.queue).toBe('retired');
		await reconcileDeck(db, makeDeck(2, 1), scheduler);
		expect(await state(db, later)).toEqual(replayCard(later, events, scheduler));
		expect((await db.states.get(later))!.queue).toBe('review');
	});
});

describe('start-up sync', () => {
	it('on a first visit adds the deck and records the scheduler settings without replaying anything', async () => {
		const db = await freshDb();
		await syncCollection(db, DEFAULT_SETTINGS, { deck: makeDeck(2, 3), rebuild: true });
		expect(await db.states.count()).toBe(6);
		expect((await db.meta.get(SCHEDULER_KEY))!.value).toBe(schedulerKey(DEFAULT_SETTINGS.scheduler));
	});

	it('replays the history when the scheduler settings changed', async () => {
		const db = await freshDb();
		await reconcileDeck(db, makeDeck(1, 2), scheduler);
		await appendEvent(db, review('paper-0/card-0', NOW, 1), scheduler); // Again: back to the first step
		const settings = { ...DEFAULT_SETTINGS, scheduler: { ...DEFAULT_SETTINGS.scheduler, learningSteps: ['30m'] } };
		await syncCollection(db, settings, { deck: null, rebuild: true });
		expect((await db.states.get('paper-0/card-0'))!.dueMillis).toBe(NOW + 30 * MINUTE);
	});
});

describe('appending events', () => {
	it('writes the event and the state in one transaction: a failed state write leaves neither', async () => {
		const db = await freshDb();
		await reconcileDeck(db, makeDeck(1, 2), scheduler);
		const before = await db.states.get('paper-0/card-0');
		vi.spyOn(db.states, 'put').mockRejectedValueOnce(new Error('QuotaExceededError'));
		const e = review('paper-0/card-0', NOW, 3);
		await expect(appendEvent(db, e, scheduler)).rejects.toThrow('QuotaExceededError');
		expect(await db.events.get(e.id)).toBeUndefined();
		expect(await db.states.get('paper-0/card-0')).toEqual(before);
		// And the same action succeeds once the fault is gone.
		await appendEvent(db, e, scheduler);
		expect(await db.events.count()).toBe(1);
	});

	it('ignores an event id it already has, so nothing is applied twice', async () => {
		const db = await freshDb();
		await reconcileDeck(db, makeDeck(1, 1), scheduler);
		const e = review('paper-0/card-0', NOW, 3);
		const once = await appendEvent(db, e, scheduler);
		const twice = await appendEvent(db, e, scheduler);
		expect(twice).toEqual(once);
		expect(await db.events.count()).toBe(1);
	});

	it('refuses to act on a stale view of a card and writes nothing', async () => {
		const db = await freshDb();
		await reconcileDeck(db, makeDeck(1, 1), scheduler);
		const id = 'paper-0/card-0';
		await appendEvent(db, review(id, NOW, 3), scheduler, 0); // the other tab answers first
		await expect(appendEvent(db, review(id, NOW + 1000, 3), scheduler, 0)).rejects.toBeInstanceOf(StaleCardError);
		expect(await db.events.count()).toBe(1);
	});

	it('keeps the cached states equal to a rebuild from the log (with undo and out-of-order events)', async () => {
		const db = await freshDb();
		await reconcileDeck(db, makeDeck(4, 5), scheduler);
		const ids = (await db.cards.toArray()).map((c) => c.id);
		const rand = prng(7);
		const log: CardEvent[] = [];
		let now = NOW;
		for (let i = 0; i < 300; i++) {
			now += Math.floor(rand() * 3 * DAY);
			const id = ids[Math.floor(rand() * ids.length)]!;
			const mine = log.filter((e) => e.cardId === id && e.type === 'review');
			let e: CardEvent;
			if (rand() < 0.1 && mine.length > 0) e = undo(mine[mine.length - 1]!, now);
			else if (rand() < 0.05) e = review(id, now - 5 * DAY, 3, 'review'); // a late-arriving event from another device
			else e = review(id, now, (1 + Math.floor(rand() * 4)) as Rating, reviewKindFor((await state(db, id)).phase));
			log.push(e);
			await appendEvent(db, e, scheduler);
		}
		const cached = await db.states.toArray();
		expect(await rebuildStates(db, scheduler)).toEqual([]);
		expect(await db.states.toArray()).toEqual(cached);
	});

	it('rebuild repairs a corrupted cache, and a second rebuild finds nothing', async () => {
		const db = await freshDb();
		await reconcileDeck(db, makeDeck(1, 3), scheduler);
		await appendEvent(db, review('paper-0/card-0', NOW, 3), scheduler);
		const good = await db.states.get('paper-0/card-0');
		await db.states.update('paper-0/card-0', { stability: 999, queue: 'review' });
		expect(await rebuildStates(db, scheduler)).toEqual(['paper-0/card-0']);
		expect(await db.states.get('paper-0/card-0')).toEqual(good);
		expect(await rebuildStates(db, scheduler)).toEqual([]);
	});

	it('merges another log idempotently', async () => {
		const db = await freshDb();
		await reconcileDeck(db, makeDeck(1, 2), scheduler);
		const events = [review('paper-0/card-0', NOW, 3), review('paper-0/card-1', NOW, 1)];
		expect(await mergeEvents(db, events, scheduler)).toBe(2);
		const after = await db.states.toArray();
		expect(await mergeEvents(db, events, scheduler)).toBe(0);
		expect(await db.states.toArray()).toEqual(after);
	});
});

describe('study queries and daily limits', () => {
	async function collection() {
		const db = await freshDb();
		await reconcileDeck(db, makeDeck(2, 10), scheduler);
		const ids = (await db.cards.toArray()).map((c) => c.id);
		// Six cards learned, lapsed and relearned a month ago: due now as reviews.
		for (const id of ids.slice(0, 6)) {
			const first = review(id, NOW - 40 * DAY, 4);
			await appendEvent(db, first, scheduler);
			await appendEvent(db, review(id, NOW - 30 * DAY, 1, 'review'), scheduler);
			await appendEvent(db, review(id, NOW - 30 * DAY + 10 * MINUTE, 3, 'relearn'), scheduler);
		}
		return { db, ids };
	}

	it('loads due reviews up to the review limit and new cards up to the new limit, in order', async () => {
		const { db, ids } = await collection();
		const due = await db.states.where('[queue+availableMillis]').between(['review', 0], ['review', window().dayEndMillis]).count();
		expect(due).toBe(6);
		const cards = await loadStudyCards(db, window(), limits);
		expect(cards.reviews).toHaveLength(3);
		expect(cards.fresh.map((s) => s.cardId)).toEqual(ids.slice(6, 11));
		expect(cards.learning).toEqual([]);
		const summary = await todaySummary(db, window(), limits);
		expect(summary).toEqual({ due: 3, newAvailable: 5, answered: 0 });
	});

	it('counts what was done today against the limits, and undone answers do not count', async () => {
		const { db, ids } = await collection();
		const now = NOW + MINUTE;
		const r = review(ids[0]!, now, 3, 'review');
		await appendEvent(db, r, scheduler);
		await appendEvent(db, review(ids[10]!, now, 3, 'learn'), scheduler);
		let s = await todaySummary(db, window(now), limits);
		// One review done (2 of 3 allowed remain), one new card introduced (4 left) and now in learning.
		expect(s).toEqual({ due: 1 + 2, newAvailable: 4, answered: 2 });
		await appendEvent(db, undo(r, now + 1), scheduler);
		s = await todaySummary(db, window(now + 2), limits);
		expect(s).toEqual({ due: 1 + 3, newAvailable: 4, answered: 1 });
	});

	it('starts a new study day at the rollover hour', async () => {
		const { db, ids } = await collection();
		await appendEvent(db, review(ids[10]!, NOW, 4, 'learn'), scheduler);
		expect((await todaySummary(db, window(NOW), limits)).answered).toBe(1);
		const nextDay = studyDayBounds(NOW, UTC_CLOCK).endMillis;
		expect((await todaySummary(db, window(nextDay - 1), limits)).answered).toBe(1);
		expect((await todaySummary(db, window(nextDay), limits)).answered).toBe(0);
	});

	it('skips buried and suspended cards until they are due again', async () => {
		const { db, ids } = await collection();
		const dayEnd = window().dayEndMillis;
		await appendEvent(db, { id: 'bury-1', type: 'bury', cardId: ids[6]!, atMillis: NOW, untilMillis: dayEnd }, scheduler);
		await appendEvent(db, { id: 'susp-1', type: 'suspend', cardId: ids[0]!, atMillis: NOW }, scheduler);
		const cards = await loadStudyCards(db, window(), { ...limits, reviewsPerDay: 100 });
		expect(cards.fresh.map((s) => s.cardId)).not.toContain(ids[6]);
		expect(cards.reviews.map((s) => s.cardId)).not.toContain(ids[0]);
		expect(cards.reviews).toHaveLength(5);
		const tomorrow = await loadStudyCards(db, window(dayEnd + MINUTE), { ...limits, reviewsPerDay: 100 });
		expect(tomorrow.fresh.map((s) => s.cardId)).toContain(ids[6]);
	});
});
