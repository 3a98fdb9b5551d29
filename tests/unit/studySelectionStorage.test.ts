import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../src/lib/core/settings.ts';
import { DEFAULT_STUDY_SELECTION, type StudySelection } from '../../src/lib/core/studySelection.ts';
import { studyDayBounds } from '../../src/lib/core/studyDay.ts';
import type { CompiledDeck } from '../../src/lib/deck/deckTypes.ts';
import { newCardRanks } from '../../src/lib/deck/newCardOrder.ts';
import { appendEvent } from '../../src/lib/db/appendEvent.ts';
import { PAPER_TOPICS_KEY } from '../../src/lib/db/deckMetaKeys.ts';
import { reconcileDeck } from '../../src/lib/db/reconcileDeck.ts';
import { saveStudySelection } from '../../src/lib/db/saveStudySelection.ts';
import { saveSettings } from '../../src/lib/db/settingsLog.ts';
import { loadSettings } from '../../src/lib/db/settingsStore.ts';
import { loadStudyCards, todaySummary } from '../../src/lib/db/studyQueries.ts';
import { DAY, makeDeck, NOW, review, scheduler, UTC_CLOCK } from './factories.ts';
import { testCollection } from './testCollection.ts';

afterEach(() => {
	vi.restoreAllMocks();
});

/** Six papers of four cards in two topics: paper-0..2 in `architecture`, paper-3..5 in `vision`; paper-4 builds on paper-1. */
function twoTopicDeck(): CompiledDeck {
	const deck = makeDeck(6, 4);
	deck.topics = [
		{ id: 'architecture', name: 'Architectures' },
		{ id: 'vision', name: 'Vision' }
	];
	deck.papers.forEach((p, i) => (p.topic = i < 3 ? 'architecture' : 'vision'));
	deck.papers[4]!.buildsOn = ['paper-1'];
	deck.version = 'two-topics';
	return deck;
}

const window = (now = NOW) => {
	const b = studyDayBounds(now, UTC_CLOCK);
	return { nowMillis: now, dayStartMillis: b.startMillis, dayEndMillis: b.endMillis };
};
const limits = { newPerDay: 30, reviewsPerDay: 100, rolloverHour: 4 };
const selection = (s: Partial<StudySelection>): StudySelection => ({ ...DEFAULT_STUDY_SELECTION, ...s });
const paperOf = (cardId: string) => cardId.split('/')[0];

describe('settings', () => {
	it('fill in the study selection for settings stored before it existed', async () => {
		const db = await testCollection(makeDeck(1, 1));
		const { selection: _dropped, ...old } = DEFAULT_SETTINGS;
		await db.meta.put({ key: 'settings', value: { ...old, study: { ...old.study, newPerDay: 7 } } });
		const loaded = await loadSettings(db);
		expect(loaded.selection).toEqual(DEFAULT_STUDY_SELECTION);
		expect(loaded.study.newPerDay).toBe(7);
		await saveSettings(db, { ...loaded, selection: selection({ disabledTopics: ['vision'] }) });
		expect((await loadSettings(db)).selection.disabledTopics).toEqual(['vision']);
	});
});

describe('turning topics and papers off', () => {
	async function collection() {
		const deck = twoTopicDeck();
		return { db: await testCollection(deck), deck };
	}

	it('stores each paper topic when reconciling', async () => {
		const { db } = await collection();
		expect((await db.meta.get(PAPER_TOPICS_KEY))!.value).toEqual({
			'paper-0': 'architecture',
			'paper-1': 'architecture',
			'paper-2': 'architecture',
			'paper-3': 'vision',
			'paper-4': 'vision',
			'paper-5': 'vision'
		});
	});

	it('stops new cards from a topic turned off, but keeps its reviews and learning cards', async () => {
		const { db } = await collection();
		// One architecture card is due for review, another is in learning.
		await appendEvent(db, review('paper-0/card-0', NOW - 20 * DAY, 4), scheduler);
		await appendEvent(db, review('paper-1/card-0', NOW - 60_000, 1), scheduler);
		const off = selection({ disabledTopics: ['architecture'] });

		const all = await loadStudyCards(db, window(), limits);
		expect(all.fresh.map((s) => s.cardId)).toContain('paper-0/card-1');
		const cards = await loadStudyCards(db, window(), limits, off);
		expect(cards.fresh.length).toBe(12);
		expect(cards.fresh.every((s) => ['paper-3', 'paper-4', 'paper-5'].includes(paperOf(s.cardId)!))).toBe(true);
		expect(cards.reviews.map((s) => s.cardId)).toEqual(['paper-0/card-0']);
		expect(cards.learning.map((s) => s.cardId)).toEqual(['paper-1/card-0']);

		expect((await todaySummary(db, window(), limits)).newAvailable).toBe(22);
		expect(await todaySummary(db, window(), limits, off)).toEqual({ due: 2, newAvailable: 12, answered: 1 });
	});

	it('stops new cards from a single paper turned off, and fills the day from the next papers', async () => {
		const { db } = await collection();
		const cards = await loadStudyCards(db, window(), { ...limits, newPerDay: 6 }, selection({ disabledPapers: ['paper-0'] }));
		expect(cards.fresh.map((s) => s.cardId)).toEqual(['paper-1/card-0', 'paper-1/card-1', 'paper-1/card-2', 'paper-1/card-3', 'paper-2/card-0', 'paper-2/card-1']);
	});

	it('offers no new card when every topic is off', async () => {
		const { db } = await collection();
		const none = selection({ disabledTopics: ['architecture', 'vision'] });
		expect((await loadStudyCards(db, window(), limits, none)).fresh).toEqual([]);
	});
});

describe('changing the order of new cards', () => {
	it('rewrites every rank with the settings in one transaction, and new cards follow the new order', async () => {
		const deck = twoTopicDeck();
		const db = await testCollection(deck);
		const settings: Settings = { ...DEFAULT_SETTINGS };
		const lineage = selection({ newCardOrder: 'lineage' });
		const saved = await saveStudySelection(db, settings, lineage, scheduler, deck);
		expect(saved.selection).toEqual(lineage);
		expect((await loadSettings(db)).selection).toEqual(lineage);

		const expected = newCardRanks(deck, 'lineage', 0);
		for (const row of await db.states.toArray()) expect(row.newRank).toBe(expected.get(row.cardId));
		const first = (await loadStudyCards(db, window(), { ...limits, newPerDay: 4 })).fresh.map((s) => s.cardId);
		const firstPaper = [...expected.entries()].find(([, r]) => r === 0)![0].split('/')[0];
		expect(first).toEqual([0, 1, 2, 3].map((i) => `${firstPaper}/card-${i}`));
		// makeDeck gives paper-0 the year 2017 and paper-1 2018…: the oldest paper comes first.
		expect(firstPaper).toBe('paper-0');
		expect(newCardRanks(deck, 'lineage', 0).get('paper-1/card-0')!).toBeLessThan(newCardRanks(deck, 'lineage', 0).get('paper-4/card-0')!);

		// A later deck update keeps the chosen order.
		await reconcileDeck(db, { ...deck, version: 'again' }, scheduler, newCardRanks(deck, 'lineage', 0));
		for (const row of await db.states.toArray()) expect(row.newRank).toBe(expected.get(row.cardId));
	});

	it('writes nothing when the rank rewrite fails', async () => {
		const deck = twoTopicDeck();
		const db = await testCollection(deck);
		const before = await db.states.toArray();
		vi.spyOn(db.states, 'bulkPut').mockRejectedValueOnce(new Error('QuotaExceededError'));
		await expect(saveStudySelection(db, DEFAULT_SETTINGS, selection({ newCardOrder: 'random', randomSeed: 9 }), scheduler, deck)).rejects.toThrow(
			'QuotaExceededError'
		);
		expect((await loadSettings(db)).selection).toEqual(DEFAULT_STUDY_SELECTION);
		expect(await db.states.toArray()).toEqual(before);
	});

	it('saves a topic choice alone without the deck, and refuses an order change without it', async () => {
		const db = await testCollection(twoTopicDeck());
		await saveStudySelection(db, DEFAULT_SETTINGS, selection({ disabledTopics: ['vision'] }), scheduler);
		expect((await loadSettings(db)).selection.disabledTopics).toEqual(['vision']);
		await expect(saveStudySelection(db, DEFAULT_SETTINGS, selection({ newCardOrder: 'tier' }), scheduler)).rejects.toThrow(/needs the deck/);
	});
});
