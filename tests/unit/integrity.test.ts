import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { appendEvent } from '../../src/lib/db/appendEvent.ts';
import { exportBackup } from '../../src/lib/db/exportBackup.ts';
import { applyImport } from '../../src/lib/db/importBackup.ts';
import { checkIntegrity } from '../../src/lib/db/checkIntegrity.ts';
import { PaperdeckDatabase } from '../../src/lib/db/database.ts';
import { isForeignChange, watchForeignChanges } from '../../src/lib/db/foreignChanges.ts';
import { reconcileDeck } from '../../src/lib/db/reconcileDeck.ts';
import { testCollection } from './testCollection.ts';
import { makeDeck, NOW, review, scheduler, mixedLog } from './factories.ts';

const deck = makeDeck(3, 4);
const collection = (name?: string) => testCollection(deck, name);

describe('the integrity check', () => {
	it('finds nothing in a healthy collection', async () => {
		const db = await collection();
		await applyImport(db, { ...(await exportBackup(db, 't', NOW)), events: mixedLog(1, deck.cards.map((c) => c.id), 200) }, { useSettings: false });
		expect(await checkIntegrity(db, deck, scheduler, NOW)).toEqual({ events: 200, cards: 12, repaired: [], malformed: [] });
	});

	it('repairs a corrupted state, a wrong queue, a missing row and a stray retired card; a second run is clean', async () => {
		const db = await collection();
		const ids = deck.cards.map((c) => c.id);
		await applyImport(db, { ...(await exportBackup(db, 't', NOW)), events: mixedLog(2, ids, 200) }, { useSettings: false });
		const healthy = await db.states.toArray();
		await db.states.update(ids[0]!, { stability: 999 }); // wrong memory state
		await db.states.update(ids[1]!, { queue: 'suspended' }); // right state, wrong queue: hidden from study
		await db.states.update(ids[2]!, { availableMillis: Number.MAX_SAFE_INTEGER }); // never due
		await db.states.delete(ids[3]!); // row lost
		await db.states.update(ids[4]!, { queue: 'retired' }); // in the deck, but shown as retired

		const report = await checkIntegrity(db, deck, scheduler, NOW);
		expect(report.repaired.sort()).toEqual(ids.slice(0, 5).sort());
		expect(await db.states.toArray()).toEqual(healthy);
		expect((await checkIntegrity(db, deck, scheduler, NOW)).repaired).toEqual([]);
	});

	it('retires the row of a card that left the deck when the row says otherwise', async () => {
		const db = await collection();
		const gone = deck.cards[0]!.id;
		await appendEvent(db, review(gone, NOW, 3), scheduler);
		const smaller = makeDeck(3, 4, { drop: [gone] });
		await reconcileDeck(db, smaller, scheduler);
		await db.states.update(gone, { queue: 'learning' });
		expect((await checkIntegrity(db, smaller, scheduler, NOW)).repaired).toEqual([gone]);
		expect((await db.states.get(gone))!.queue).toBe('retired');
	});

	it('reports a malformed event in the log without deleting it', async () => {
		const db = await collection();
		await db.events.add({ id: 'bad', type: 'review', cardId: deck.cards[0]!.id, atMillis: NOW } as never);
		const report = await checkIntegrity(db, deck, scheduler, NOW);
		expect(report.malformed).toEqual([{ id: 'bad', reason: 'has no rating' }]);
		expect(await db.events.get('bad')).toBeDefined();
	});
});

describe('telling this tab’s writes from another tab’s', () => {
	it('sees another writer’s events and rebuilds, and not its own', async () => {
		const name = `tabs-${Math.random()}`;
		const mine = await collection(name);
		const other = new PaperdeckDatabase(name); // a second connection, as another tab has
		await other.open();
		const seen: boolean[] = [];
		const own = { eventIds: new Set<string>(), cardIds: new Set<string>() };
		const listener = (parts: Parameters<typeof isForeignChange>[0]) => seen.push(isForeignChange(parts, name, own));
		Dexie.on('storagemutated', listener);
		let foreign = 0;
		const stop = watchForeignChanges(mine, own, () => foreign++);
		try {
			const card = deck.cards[0]!.id;
			const e = review(card, NOW, 3);
			own.eventIds.add(e.id);
			own.cardIds.add(card);
			await appendEvent(mine, e, scheduler);
			expect(seen).toEqual([false]);

			await appendEvent(other, review(card, NOW + 1000, 3), scheduler); // same card, someone else's answer
			expect(seen).toEqual([false, true]);

			await other.states.update(deck.cards[5]!.id, { stability: 1 }); // a rebuild touching another card
			expect(seen).toEqual([false, true, true]);

			await other.meta.put({ key: 'settings', value: { theme: 'dark' } }); // new settings
			expect(seen).toEqual([false, true, true, true]);

			// A large write is reported as a key range: counted as foreign.
			await applyImport(other, { ...(await exportBackup(other, 't', NOW)), events: mixedLog(3, [card], 60) }, { useSettings: false });
			expect(seen.at(-1)).toBe(true);
			expect(foreign).toBe(seen.filter(Boolean).length);
			stop();
			await other.states.update(deck.cards[6]!.id, { stability: 2 });
			expect(foreign).toBe(seen.filter(Boolean).length - 1);
		} finally {
			Dexie.on('storagemutated').unsubscribe(listener);
			other.close();
		}
	});
});
