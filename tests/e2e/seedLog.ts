/**
 * Puts a realistic review history into the app's real IndexedDB, as if the user had studied for weeks:
 * a simulated learner's log on the deck's first cards, ending now. The scheduler key is cleared, so
 * the app rebuilds every card's state from the log on the next load (its own start-up path).
 */
import type { Page } from 'playwright-core';
import type { CompiledDeck } from '../../src/lib/deck/deckTypes.ts';
import { generateReviewLog, type GeneratedLog } from '../fixtures/generateReviewLog.ts';

const DAY = 86_400_000;

export async function seedReviewLog(
	page: Page,
	baseURL: string,
	options: { cards: number; days: number; newPerDay: number; seed: number }
): Promise<GeneratedLog> {
	const deck = (await (await fetch(`${baseURL}/deck.json`)).json()) as CompiledDeck;
	const log = generateReviewLog({
		...options,
		cardIds: deck.cards.map((c) => c.id),
		startMillis: Date.now() - options.days * DAY
	});
	// The app must have created its database (and reconciled the deck) first.
	await page.goto(`${baseURL}/`);
	await page.locator('section.stats[aria-busy="false"]').waitFor(); // in any interface language
	// One JSON string: Playwright's per-object argument serialization is slow for tens of thousands of events.
	await page.evaluate(async (json) => {
		const events = JSON.parse(json) as unknown[];
		const db = await new Promise<IDBDatabase>((ok, fail) => {
			const req = indexedDB.open('paperdeck');
			req.onsuccess = () => ok(req.result);
			req.onerror = () => fail(req.error);
		});
		await new Promise<void>((ok, fail) => {
			const tx = db.transaction(['events', 'meta'], 'readwrite');
			const store = tx.objectStore('events');
			for (const e of events) store.put(e);
			tx.objectStore('meta').delete('schedulerKey');
			tx.oncomplete = () => ok();
			tx.onerror = () => fail(tx.error);
		});
		db.close();
	}, JSON.stringify(log.events));
	await page.reload();
	await page.locator('section.stats[aria-busy="false"]').waitFor(); // in any interface language
	return log;
}

/** Every row of one of the app's IndexedDB tables, read straight from the browser. */
export async function storedRows<T>(page: Page, table: 'events' | 'states' | 'meta'): Promise<T[]> {
	return page.evaluate(async (name) => {
		const db = await new Promise<IDBDatabase>((ok, fail) => {
			const req = indexedDB.open('paperdeck');
			req.onsuccess = () => ok(req.result);
			req.onerror = () => fail(req.error);
		});
		const rows = await new Promise<T[]>((ok, fail) => {
			const req = db.transaction(name).objectStore(name).getAll();
			req.onsuccess = () => ok(req.result as T[]);
			req.onerror = () => fail(req.error);
		});
		db.close();
		return rows;
	}, table);
}

/** The cached due time and phase of some cards, in the order asked. */
export async function storedStates(page: Page, cardIds: string[]): Promise<{ cardId: string; dueMillis: number; phase: number }[]> {
	const rows = await storedRows<{ cardId: string; dueMillis: number; phase: number }>(page, 'states');
	const byId = new Map(rows.map((r) => [r.cardId, r]));
	return cardIds.map((id) => {
		const r = byId.get(id)!;
		return { cardId: r.cardId, dueMillis: r.dueMillis, phase: r.phase };
	});
}
