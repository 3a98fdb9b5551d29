/**
 * A first visit: the deck in parts (deckParts.ts), its import with IndexedDB alone (storeFreshCards.ts,
 * what the deck worker runs), and the home screen's numbers before the import is stored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { firstVisitSummary } from '../../src/lib/core/firstVisitSummary.ts';
import { FIRST_PART_CARDS, joinDeck, splitDeck } from '../../src/lib/deck/deckParts.ts';
import { deckData } from '../../src/lib/deck/deckTypes.ts';
import { PaperdeckDatabase } from '../../src/lib/db/database.ts';
import { PAPER_TOPICS_KEY } from '../../src/lib/db/deckMetaKeys.ts';
import { reconcileDeck } from '../../src/lib/db/reconcileDeck.ts';
import { freshRows, openExistingDatabase, storeFreshCards } from '../../src/lib/db/storeFreshCards.ts';
import { makeDeck, NOW } from './factories.ts';

const opened: PaperdeckDatabase[] = [];
afterEach(async () => {
	for (const db of opened.splice(0)) await db.delete();
});

let n = 0;
async function emptyCollection(): Promise<PaperdeckDatabase> {
	const db = new PaperdeckDatabase(`first-visit-${++n}`);
	opened.push(db);
	await db.open();
	return db;
}

const byId = <T>(rows: T[], key: (r: T) => string) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));

describe('the deck in parts', () => {
	it('puts the first cards in the head, the rest in parts, and joins them back in order', () => {
		const deck = deckData(makeDeck(30, 40));
		const { head, parts } = splitDeck(deck);
		expect(head.cards).toHaveLength(FIRST_PART_CARDS);
		expect(head.parts).toBe(parts.length + 1);
		expect(parts.length).toBeGreaterThan(0);
		expect(joinDeck(head, parts)).toEqual(deck);
	});

	it('refuses parts of another deck version, or a part missing', () => {
		const { head, parts } = splitDeck(deckData(makeDeck(30, 40)));
		expect(() => joinDeck(head, [{ ...parts[0]!, version: 'older' }])).toThrow(/another version/);
		expect(() => joinDeck(head, [])).toThrow(/parts/);
	});

	it('ships no summaries and no search text: the library and the HTML carry those', () => {
		const json = JSON.stringify(deckData(makeDeck(2, 2)));
		expect(json).not.toContain('summary');
		expect(json).not.toContain('"text"');
	});
});

describe('a first visit\'s import with IndexedDB alone', () => {
	it('stores exactly the rows the full reconciliation stores', async () => {
		const deck = deckData(makeDeck(5, 4));
		const ranks = new Map(deck.cards.map((c, i) => [c.id, i]));
		const reconciled = await emptyCollection();
		await reconcileDeck(reconciled, deck, null);
		const fresh = await emptyCollection();
		const idb = await openExistingDatabase(fresh.name);
		expect(await storeFreshCards(idb, freshRows(deck.papers, deck.cards.slice(0, 7), ranks), { onlyIntoEmpty: true })).toBe(true);
		expect(await storeFreshCards(idb, freshRows(deck.papers, deck.cards.slice(7), ranks), { onlyIntoEmpty: false, meta: [{ key: 'k', value: 1 }] })).toBe(true);
		idb.close();
		expect(byId(await fresh.cards.toArray(), (c) => c.id)).toEqual(byId(await reconciled.cards.toArray(), (c) => c.id));
		expect(byId(await fresh.states.toArray(), (s) => s.cardId)).toEqual(byId(await reconciled.states.toArray(), (s) => s.cardId));
		expect((await fresh.meta.get('k'))?.value).toBe(1);
	});

	it('stores nothing into a collection that has a history: that is no first visit', async () => {
		const deck = deckData(makeDeck(2, 2));
		const db = await emptyCollection();
		await db.events.add({ id: 'e1', cardId: deck.cards[0]!.id, atMillis: NOW, type: 'suspend' });
		const idb = await openExistingDatabase(db.name);
		const rows = freshRows(deck.papers, deck.cards, new Map());
		expect(await storeFreshCards(idb, rows, { onlyIntoEmpty: true, meta: [{ key: PAPER_TOPICS_KEY, value: {} }] })).toBe(false);
		idb.close();
		expect(await db.cards.count()).toBe(0);
		expect(await db.states.count()).toBe(0);
		expect(await db.meta.get(PAPER_TOPICS_KEY)).toBeUndefined();
	});

	it('leaves alone a card answered between the first cards and the rest', async () => {
		const deck = deckData(makeDeck(2, 3));
		const ranks = new Map(deck.cards.map((c, i) => [c.id, i]));
		const db = await emptyCollection();
		const idb = await openExistingDatabase(db.name);
		await storeFreshCards(idb, freshRows(deck.papers, deck.cards.slice(0, 2), ranks), { onlyIntoEmpty: true });
		const first = deck.cards[0]!.id;
		await db.states.update(first, { reps: 1, queue: 'learning' });
		await storeFreshCards(idb, freshRows(deck.papers, deck.cards, ranks), { onlyIntoEmpty: false });
		idb.close();
		expect(await db.states.get(first)).toMatchObject({ reps: 1, queue: 'learning' });
		expect(await db.states.count()).toBe(deck.cards.length);
	});

	it('never creates a database that does not exist', async () => {
		await expect(openExistingDatabase(`missing-${++n}`)).rejects.toBeDefined();
	});
});

describe('the home screen before the import is stored', () => {
	it('shows nothing due and as many new cards as the limit allows', () => {
		expect(firstVisitSummary({ newPerDay: 20, reviewsPerDay: 200, rolloverHour: 4 }, 2000)).toEqual({ due: 0, newAvailable: 20, answered: 0 });
		expect(firstVisitSummary({ newPerDay: 20, reviewsPerDay: 200, rolloverHour: 4 }, 5)).toEqual({ due: 0, newAvailable: 5, answered: 0 });
	});
});
