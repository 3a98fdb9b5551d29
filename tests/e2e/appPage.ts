import type { Page } from 'playwright-core';
import { readStoreInPage } from './engines/appSteps.ts';

/** The text of the card's question side as shown. */
export async function questionText(page: Page): Promise<string> {
	return (await page.locator('article.card .face').first().innerText()).trim();
}

/** Opens the review page and waits until a card (or the finished screen) is on screen. */
export async function openReview(page: Page, baseURL: string, query = ''): Promise<void> {
	await page.goto(`${baseURL}/review${query}`);
	await page.locator('article.card, #done-title').first().waitFor();
}

/** Reads the home screen's three numbers once they have loaded. */
export async function todayNumbers(page: Page, baseURL: string): Promise<{ due: number; fresh: number; answered: number }> {
	await page.goto(`${baseURL}/`);
	await page.locator('[aria-label="Today\'s study"][aria-busy="false"]').waitFor();
	const read = async (id: string) => Number((await page.getByTestId(id).innerText()).replace(/\D/g, ''));
	return { due: await read('due-count'), fresh: await read('new-count'), answered: await read('answered-count') };
}

/**
 * Waits for the question of a card other than `previous`. "Show answer" must be back: a revealed
 * cloze's face also differs from its question, and must not pass for the next card.
 */
export async function waitForNextQuestion(page: Page, previous: string): Promise<string> {
	await page.waitForFunction(
		(prev) => {
			// And saved: a full navigation right after an answer must not race its write (a CI run counted
			// one answer short on /stats so).
			if (document.querySelector('[data-saving="true"]')) return false;
			const face = document.querySelector('article.card .face') as HTMLElement | null;
			return !!face && face.innerText.trim() !== prev && !!document.querySelector('button.show');
		},
		previous
	);
	return questionText(page);
}

/** Every row of one of the app's IndexedDB stores, read with the browser's own API (not the app's code). */
export async function readStore<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
	return (await page.evaluate(readStoreInPage, store)) as T[];
}

/** Writes one row into one of the app's stores with the browser's own API (to set up or corrupt data). */
export async function writeRow(page: Page, store: string, row: unknown): Promise<void> {
	await page.evaluate(
		([name, value]) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('paperdeck');
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction(name as string, 'readwrite');
					tx.objectStore(name as string).put(value);
					tx.oncomplete = () => {
						db.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		[store, row] as const
	);
}

/**
 * Reveals the card on screen, grades it with `key` (1–4) and waits until the next card or the
 * finished screen is shown. Returns the question that was graded.
 */
export async function gradeShown(page: Page, key: string): Promise<string> {
	const q = await questionText(page);
	await page.keyboard.press('Space');
	await page.locator('article.card .answer, article.card mark.cloze').first().waitFor();
	await page.keyboard.press(key);
	// The next card is up when the question side shows again ("Show answer") with another question,
	// and the answer is confirmed once the page says it is saved.
	await page.waitForFunction((prev) => {
		if (document.querySelector('[data-saving="true"]')) return false;
		if (document.querySelector('#done-title')) return true;
		const face = document.querySelector('article.card .face') as HTMLElement | null;
		return !!face && !!document.querySelector('button.show') && face.innerText.trim() !== prev;
	}, q);
	return q;
}

/** The ids of the cards that have review events, with how many each. */
export async function reviewsPerCard(page: Page): Promise<Map<string, number>> {
	const counts = new Map<string, number>();
	for (const e of await readStore<{ type: string; cardId: string }>(page, 'events')) {
		if (e.type === 'review') counts.set(e.cardId, (counts.get(e.cardId) ?? 0) + 1);
	}
	return counts;
}

/** Waits until the app's service worker is active and controls `page` (so the app works offline). */
export async function controlledByServiceWorker(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
		}
	});
}
