import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../src/lib/core/settings.ts';
import { appendEvent } from '../../src/lib/db/appendEvent.ts';
import { PaperdeckDatabase } from '../../src/lib/db/database.ts';
import { DECK_VERSION_KEY } from '../../src/lib/db/deckMetaKeys.ts';
import { mergeEvents } from '../../src/lib/db/rebuildStates.ts';
import { reconcileDeck } from '../../src/lib/db/reconcileDeck.ts';
import { loadSettings, SCHEDULER_KEY, schedulerKey } from '../../src/lib/db/settingsStore.ts';
import { deckFiles, type DeckFile } from '../../src/lib/deck/deckParts.ts';
import { deckData } from '../../src/lib/deck/deckTypes.ts';
import { handleTask, type TaskRequest } from '../../src/lib/workers/handleTask.ts';
import { generateReviewLog } from '../fixtures/generateReviewLog.ts';
import { DAY, makeDeck, NOW, review, scheduler, UTC_CLOCK } from './factories.ts';

let n = 0;
const open: PaperdeckDatabase[] = [];
async function freshDb(): Promise<PaperdeckDatabase> {
	const db = new PaperdeckDatabase(`tasks-${++n}`);
	open.push(db);
	await db.open();
	await reconcileDeck(db, makeDeck(3, 4), scheduler);
	return db;
}
afterEach(async () => {
	for (const db of open.splice(0)) await db.delete();
});

const withRetention = (desiredRetention: number): Settings => ({ ...DEFAULT_SETTINGS, scheduler: { ...DEFAULT_SETTINGS.scheduler, desiredRetention } });

async function run<R extends TaskRequest>(db: PaperdeckDatabase, request: R) {
	const progress: number[] = [];
	const result = await handleTask(db, request, (fraction) => progress.push(fraction));
	return { result, progress };
}

/** Three cards reviewed into the review phase (Easy, then Good a week later). */
async function studyThree(db: PaperdeckDatabase) {
	for (const id of ['paper-0/card-0', 'paper-0/card-1', 'paper-1/card-0']) {
		await appendEvent(db, review(id, NOW - 20 * DAY, 4), scheduler);
		await appendEvent(db, review(id, NOW - 12 * DAY, 3, 'review'), scheduler);
	}
}

describe('rescheduling after a settings change', () => {
	it('replays the log with the new settings: a higher desired retention brings due dates forward', async () => {
		const db = await freshDb();
		await studyThree(db);
		const before = await db.states.get('paper-0/card-0');
		const { result, progress } = await run(db, { type: 'apply-settings', settings: withRetention(0.97) });
		expect(result).toEqual({ changed: 3 });
		const after = await db.states.get('paper-0/card-0');
		expect(after!.dueMillis).toBeLessThan(before!.dueMillis);
		expect(after!.availableMillis).toBe(after!.dueMillis);
		expect((await loadSettings(db)).scheduler.desiredRetention).toBe(0.97);
		expect((await db.meta.get(SCHEDULER_KEY))!.value).toBe(schedulerKey(withRetention(0.97).scheduler));
		expect(progress.at(-1)).toBe(1);
		// Nothing else moved: the other nine cards stay new.
		expect((await db.states.toArray()).filter((s) => s.queue === 'new')).toHaveLength(9);
	});

	it('changes nothing at all when the new settings cannot be applied', async () => {
		const db = await freshDb();
		await studyThree(db);
		const states = await db.states.toArray();
		const broken = { ...DEFAULT_SETTINGS, scheduler: { ...DEFAULT_SETTINGS.scheduler, desiredRetention: 0.8, learningSteps: ['soon'] } };
		await expect(run(db, { type: 'apply-settings', settings: broken })).rejects.toThrow(/Invalid step/);
		expect(await loadSettings(db)).toEqual(DEFAULT_SETTINGS);
		expect(await db.states.toArray()).toEqual(states);
		expect(await db.meta.get(SCHEDULER_KEY)).toBeUndefined();
	});
});

describe('the optimizer task', () => {
	it('says how many more reviews it needs when the history is short', async () => {
		const db = await freshDb();
		await studyThree(db);
		const { result } = await run(db, { type: 'optimize', scheduler: DEFAULT_SETTINGS.scheduler });
		expect(result).toEqual({ kind: 'not-enough', have: 3, need: 64 });
	});

	it('trains on the stored log, reports progress, and measures current and new parameters', async () => {
		const db = await freshDb();
		const log = generateReviewLog({ cards: 200, days: 90, newPerDay: 10, seed: 5 });
		await mergeEvents(db, log.events, scheduler);
		const { result, progress } = await run(db, { type: 'optimize', scheduler: DEFAULT_SETTINGS.scheduler });
		expect(result).toMatchObject({ kind: 'trained', better: true });
		if (!result || !('kind' in result) || result.kind !== 'trained') return;
		expect(result.weights).toHaveLength(21);
		expect(result.candidate.logLoss).toBeLessThan(result.current.logLoss);
		expect(result.reviews).toBeGreaterThan(500);
		expect(progress.length).toBeGreaterThan(3);
		expect(progress.at(-1)).toBe(1);
		// Weights are rounded to four decimals, and what was measured is what would be applied.
		expect(result.weights.every((w) => Math.round(w * 1e4) / 1e4 === w)).toBe(true);
	});
});

describe('the workload task', () => {
	it('estimates 30 days without writing anything', async () => {
		const db = await freshDb();
		await studyThree(db);
		const states = await db.states.toArray();
		const { result } = await run(db, { type: 'workload', settings: withRetention(0.9), nowMillis: NOW, clock: UTC_CLOCK });
		expect(result).toHaveLength(30);
		const days = result as { learn: number; review: number }[];
		// Twenty new cards a day would be allowed; the deck has nine new cards left, all learned on day one.
		expect(days[0]!.learn).toBeGreaterThanOrEqual(9);
		expect(days.reduce((s, d) => s + d.review, 0)).toBeGreaterThan(0);
		expect(await db.states.toArray()).toEqual(states);
	});
});

describe('the collection task (a first visit’s import, off the page)', () => {
	// The deck's files as the page downloads them: bytes, parsed by the task.
	const bytesOf = (files: DeckFile[]) => files.map((f) => new TextEncoder().encode(f.text).buffer as ArrayBuffer);
	const emptyDb = async () => {
		const db = new PaperdeckDatabase(`tasks-${++n}`);
		open.push(db);
		await db.open();
		return db;
	};

	it('parses the deck’s files, stores every card as new, and records the deck and the scheduler', async () => {
		const deck = deckData(makeDeck(40, 30));
		const files = deckFiles(deck);
		expect(files.length).toBeGreaterThan(1);
		const db = await emptyDb();
		const steps: string[] = [];
		await handleTask(db, { type: 'sync-collection', settings: DEFAULT_SETTINGS, deck: bytesOf(files), rebuild: true }, (_, step) => steps.push(step.kind));
		expect(steps).toEqual(['storing']);
		expect(await db.cards.count()).toBe(1200);
		const states = await db.states.toArray();
		expect(states.every((s) => s.queue === 'new')).toBe(true);
		expect(states.find((s) => s.cardId === deck.cards[0]!.id)!.newRank).toBe(0);
		expect((await db.meta.get(DECK_VERSION_KEY))!.value).toBe(deck.version);
		expect((await db.meta.get(SCHEDULER_KEY))!.value).toBe(schedulerKey(DEFAULT_SETTINGS.scheduler));
	});

	it('writes nothing when a file is not the deck’s', async () => {
		const files = deckFiles(deckData(makeDeck(40, 30)));
		const other = deckFiles(deckData({ ...makeDeck(40, 30), version: 'another' }));
		const db = await emptyDb();
		const request = { type: 'sync-collection' as const, settings: DEFAULT_SETTINGS, rebuild: true };
		await expect(run(db, { ...request, deck: bytesOf([...files.slice(0, -1), other.at(-1)!]) })).rejects.toThrow('Deck parts of two versions');
		await expect(run(db, { ...request, deck: bytesOf([files[0]!, { path: '', text: '{"version":' }]) })).rejects.toThrow(SyntaxError);
		expect(await db.cards.count()).toBe(0);
		expect(await db.meta.count()).toBe(0);
	});
});
