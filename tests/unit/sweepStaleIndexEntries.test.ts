import { describe, expect, it } from 'vitest';
import { appendEvent } from '../../src/lib/db/appendEvent.ts';
import { exportBackup } from '../../src/lib/db/exportBackup.ts';
import { INDEX_SWEEP_KEY, SWEPT_INDEXES, sweepStaleIndexEntries } from '../../src/lib/db/sweepStaleIndexEntries.ts';
import { dailyIndexSweep } from '../../src/lib/state/afterSession.ts';
import { makeDeck, MINUTE, NOW, review, scheduler, UTC_CLOCK } from './factories.ts';
import { testCollection } from './testCollection.ts';

describe('sweeping the study indexes', () => {
	// 6 papers × 5 cards: every new card shares availableMillis, so index keys repeat across chunk edges.
	const deck = makeDeck(6, 5);

	it('walks every live entry of each index exactly once, whatever the chunk size, and changes no row', async () => {
		const db = await testCollection(deck);
		// Some cards learned, so the indexes hold every queue.
		for (const [i, c] of deck.cards.slice(0, 7).entries()) await appendEvent(db, review(c.id, NOW + i * MINUTE, 3), scheduler);
		const before = await db.states.toArray();
		for (const perTransaction of [1, 2, 3, 7, 5000]) {
			expect(await sweepStaleIndexEntries(db, perTransaction), `${perTransaction} per transaction`).toBe(SWEPT_INDEXES.length * deck.cards.length);
		}
		expect(await db.states.toArray()).toEqual(before);
	});

	it('runs at most once a study day, and stays on this device (never in a backup)', async () => {
		const db = await testCollection(deck);
		const app = { db, settings: {} as never, clock: UTC_CLOCK };
		expect(await dailyIndexSweep(app, NOW)).toBe(true);
		expect(await dailyIndexSweep(app, NOW + 60 * MINUTE)).toBe(false);
		// The next study day starts at the 4 am rollover.
		expect(await dailyIndexSweep(app, NOW + 24 * 60 * MINUTE)).toBe(true);
		expect((await exportBackup(db, 'test', NOW)).custom).not.toHaveProperty(INDEX_SWEEP_KEY);
	});
});
