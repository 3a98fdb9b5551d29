/**
 * Puts a realistic review history into the app's real IndexedDB, as if the user had studied for weeks:
 * a simulated learner's log on the deck's first cards (or chosen ones), ending now or some days ago.
 * The scheduler key is cleared, so the app rebuilds every card's state from the log on the next load
 * (its own start-up path). The writing runs in the page (`storeEventsInPage`), so the playwright
 * helpers here and the engine-neutral steps (engines/workloadSuite.ts) share it.
 */
import type { Page } from 'playwright-core';
import type { CompiledDeck } from '../../src/lib/deck/deckTypes.ts';
import { fetchBuiltDeck } from './builtDeck.ts';
import { generateReviewLog, type GeneratedLog } from '../fixtures/generateReviewLog.ts';

const DAY = 86_400_000;

export interface SeedOptions {
	cards: number;
	days: number;
	newPerDay: number;
	seed: number;
	/** The log ends this many days before now (0 unless given): a backlog builds up meanwhile. */
	endDaysAgo?: number;
	/** The cards to study, from the deck (default: the deck's cards in order). */
	cardIds?: (deck: CompiledDeck) => string[];
}

/** The simulated learner's log on the served deck's cards. */
export async function simulatedLog(baseURL: string, options: SeedOptions): Promise<GeneratedLog> {
	const deck = await fetchBuiltDeck(baseURL);
	const { endDaysAgo = 0, cardIds, ...rest } = options;
	return generateReviewLog({
		...rest,
		cardIds: cardIds ? cardIds(deck) : deck.cards.map((c) => c.id),
		startMillis: Date.now() - (options.days + endDaysAgo) * DAY
	});
}

/**
 * In the page: stores events (one JSON string: per-object argument serialization is slow for tens of
 * thousands of events) in one transaction and clears the scheduler key, so the next load replays.
 */
export async function storeEventsInPage(json: string): Promise<void> {
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
}

export async function seedReviewLog(page: Page, baseURL: string, options: SeedOptions): Promise<GeneratedLog> {
	const log = await simulatedLog(baseURL, options);
	// The app must have created its database and stored the deck first (a first visit's home screen
	// shows its numbers before the import ends).
	await page.goto(`${baseURL}/`);
	await page.waitForFunction(() => performance.getEntriesByName('pd:open').length > 0);
	await page.evaluate(storeEventsInPage, JSON.stringify(log.events));
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
