import deckVersion from 'virtual:paperdeck-deck-version';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PaperdeckDatabase } from '../../src/lib/db/database.ts';
import { reconcileDeck } from '../../src/lib/db/reconcileDeck.ts';
import { SCHEDULER_KEY, schedulerKey } from '../../src/lib/db/settingsStore.ts';
import { DEFAULT_SCHEDULER_SETTINGS } from '../../src/lib/core/settings.ts';
import { openApp } from '../../src/lib/state/openApp.ts';
import { ReviewSession } from '../../src/lib/state/reviewSession.svelte.ts';
import { makeDeck, scheduler } from './factories.ts';

// The session opens the app's own database ('paperdeck') on fake-indexeddb, already holding a small
// deck under the bundled deck's version, so no deck download is attempted.
beforeAll(async () => {
	const db = new PaperdeckDatabase();
	await reconcileDeck(db, { ...makeDeck(1, 6), version: deckVersion }, scheduler);
	await db.meta.put({ key: SCHEDULER_KEY, value: schedulerKey(DEFAULT_SCHEDULER_SETTINGS) });
	db.close();
});
afterAll(async () => (await openApp()).db.delete());

async function reviewCount(): Promise<number> {
	return (await openApp()).db.events.where('cardId').startsWith('paper-0/').count();
}

describe('a review session', () => {
	const session = new ReviewSession();

	it('shows the next card at once and stores the answer in the background', async () => {
		await session.start();
		expect(session.status).toBe('studying');
		const first = session.current!.card.id;
		session.reveal();
		const saved = session.grade(3);
		// Synchronously: the next card is up before anything is written.
		expect(session.current!.card.id).not.toBe(first);
		expect(session.saving).toBe(true);
		expect(session.answered).toBe(1);
		await saved;
		expect(session.saving).toBe(false);
		expect(await reviewCount()).toBe(1);
	});

	it('brings the card back with a clear message when its write fails, keeping what was saved', async () => {
		const { db } = await openApp();
		const failing = session.current!.card.id;
		vi.spyOn(db.states, 'put').mockRejectedValueOnce(Object.assign(new Error('quota'), { name: 'QuotaExceededError' }));
		session.reveal();
		await session.grade(4);
		expect(session.error).toMatch(/no storage space left/);
		expect(session.current!.card.id).toBe(failing);
		expect(session.revealed).toBe(false);
		expect(session.answered).toBe(1);
		expect(await reviewCount()).toBe(1);
		// Answered again once the fault is gone: stored, and the message clears.
		session.reveal();
		await session.grade(4);
		expect(session.error).toBeNull();
		expect(await reviewCount()).toBe(2);
	});

	it('shows the answer when asked while a change from elsewhere is being taken in (a tap is never dropped)', async () => {
		const shown = session.current!.card.id;
		// Another writer (an import, another tab, a deck update) touches the settings: the session refreshes.
		const other = new PaperdeckDatabase();
		await other.meta.put({ key: 'test-foreign-write', value: 1 });
		other.close();
		await vi.waitUntil(() => session.busy, { timeout: 2000, interval: 1 });
		session.reveal();
		expect(session.revealed).toBe(true);
		await vi.waitUntil(() => !session.busy, { timeout: 2000 });
		expect(session.current!.card.id).toBe(shown);
		expect(session.revealed).toBe(true);
	});

	it('applies a grade given while a change from elsewhere is being taken in, once, when it ends', async () => {
		const shown = session.current!.card.id;
		const answered = session.answered;
		const before = await reviewCount();
		const other = new PaperdeckDatabase();
		await other.meta.put({ key: 'test-foreign-write', value: 2 });
		other.close();
		await vi.waitUntil(() => session.busy, { timeout: 2000, interval: 1 });
		session.reveal();
		await session.grade(3);
		expect(session.busy).toBe(false);
		expect(session.answered).toBe(answered + 1);
		expect(session.current!.card.id).not.toBe(shown);
		expect(await reviewCount()).toBe(before + 1);
	});

	it('undoes after the answers before it are stored', async () => {
		const before = session.current!.card.id;
		const answered = session.answered;
		session.reveal();
		void session.grade(2);
		await session.undo();
		expect(session.current!.card.id).toBe(before);
		expect(session.answered).toBe(answered);
		const { db } = await openApp();
		const undos = await db.events.where('cardId').equals(before).filter((e) => e.type === 'undo').count();
		expect(undos).toBe(1);
		session.stop();
	});
});
