/**
 * What a person does in the app, written once over the engine-neutral `EnginePage`: the steps the
 * cross-engine suite is made of. Waits are on what the page shows, never on time.
 */
import type { EnginePage } from './enginePage.ts';

/** Opens `url` and waits until the app has hydrated, so its controls answer input. */
export async function openPage(page: EnginePage, url: string): Promise<void> {
	await page.goto(url);
	await page.waitFor('html[data-hydrated]');
}

/** Opens Backup & data once it has read the collection (its sections appear then, all at once). */
export async function openDataPage(page: EnginePage, baseURL: string): Promise<void> {
	await openPage(page, `${baseURL}/settings/data`);
	await page.waitFor('[data-testid="event-count"]');
}

export async function questionText(page: EnginePage): Promise<string> {
	return (await page.text('article.card .face')).trim();
}

export async function openReview(page: EnginePage, baseURL: string, query = ''): Promise<void> {
	await page.goto(`${baseURL}/review${query}`);
	await page.waitFor('article.card, #done-title');
}

/** The home screen's three numbers, once loaded. */
export async function todayNumbers(page: EnginePage, baseURL: string): Promise<{ due: number; fresh: number; answered: number }> {
	await page.goto(`${baseURL}/`);
	await page.waitFor('[aria-label="Today\'s study"][aria-busy="false"], [aria-busy="false"] [data-testid="due-count"]');
	return page.evaluate(() => {
		const read = (id: string) => Number((document.querySelector(`[data-testid="${id}"]`) as HTMLElement).innerText.replace(/\D/g, ''));
		return { due: read('due-count'), fresh: read('new-count'), answered: read('answered-count') };
	});
}

/** Waits until the next card's question (not `previous`) or the finished screen is up and saved. */
export async function waitForNext(page: EnginePage, previous: string): Promise<void> {
	await page.waitUntil((prev: string) => {
		if (document.querySelector('[data-saving="true"]')) return false;
		if (document.querySelector('#done-title')) return true;
		const face = document.querySelector('article.card .face') as HTMLElement | null;
		return !!face && !!document.querySelector('button.show') && face.innerText.trim() !== prev;
	}, previous);
}

/** Reveals and grades the shown card by keyboard (Space, then 1–4). Returns the graded question. */
export async function gradeByKeyboard(page: EnginePage, key: string): Promise<string> {
	const q = await questionText(page);
	await page.press('Space');
	await page.waitFor('article.card .answer, article.card mark.cloze');
	await page.press(key);
	await waitForNext(page, q);
	return q;
}

/** Reveals and grades the shown card by clicking its buttons. */
export async function gradeByClick(page: EnginePage, grade: 'Again' | 'Hard' | 'Good' | 'Easy'): Promise<string> {
	const q = await questionText(page);
	await page.click({ role: 'button', name: 'Show answer' });
	await page.click({ role: 'button', name: new RegExp(`^${grade}, next review in`) });
	await waitForNext(page, q);
	return q;
}

/**
 * In the page: every row of one of the app's IndexedDB stores, read with the browser's own API (not
 * the app's code). Shared by both drivers' helpers (appPage.ts for playwright, this file).
 *
 * It never creates the database nor holds it open: read before the app has opened it (a page that
 * shows its first screen before it loads, like /browse in WebKit under load), a plain `open()` made
 * an empty version-1 database, the missing store threw inside `onsuccess` (the promise never settled:
 * a script timeout) and the connection left open blocked the app's own upgrade. Now a database the
 * app has not made yet reads as empty, and an error rejects.
 */
export function readStoreInPage<T>(name: string): Promise<T[]> {
	return new Promise<T[]>((resolve, reject) => {
		let fresh = false;
		const open = indexedDB.open('paperdeck');
		open.onupgradeneeded = () => {
			// No such database yet: abort, so none is made (the open then fails with AbortError).
			fresh = true;
			open.transaction?.abort();
		};
		open.onerror = () => (fresh ? resolve([]) : reject(open.error));
		open.onsuccess = () => {
			const db = open.result;
			db.onversionchange = () => db.close();
			if (!db.objectStoreNames.contains(name)) {
				db.close();
				resolve([]);
				return;
			}
			try {
				const get = db.transaction(name, 'readonly').objectStore(name).getAll();
				get.onsuccess = () => {
					db.close();
					resolve(get.result as T[]);
				};
				get.onerror = () => {
					db.close();
					reject(get.error);
				};
			} catch (e) {
				db.close();
				reject(e);
			}
		};
	});
}

export function readStore<T = Record<string, unknown>>(page: EnginePage, store: string): Promise<T[]> {
	return page.evaluate(readStoreInPage, store) as Promise<T[]>;
}

/** Due date and memory state of every reviewed card, by id. */
export async function schedules(page: EnginePage): Promise<Record<string, { dueMillis: number; stability: number; difficulty: number; reps: number }>> {
	const rows = await readStore<{ cardId: string; dueMillis: number; stability: number; difficulty: number; reps: number }>(page, 'states');
	return Object.fromEntries(rows.filter((r) => r.reps > 0).map(({ cardId, dueMillis, stability, difficulty, reps }) => [cardId, { dueMillis, stability, difficulty, reps }]));
}

/** Waits until the service worker is active and controls the page, so the app works offline. */
export async function controlledByServiceWorker(page: EnginePage): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
		}
	});
}

/**
 * Makes the next file download of the page readable by the test: the app hands downloads to the
 * browser as object URLs (downloadFile), which no driver of the three engines exposes alike, so
 * the blob is kept when its URL is made. Returns nothing; `lastDownload` reads it.
 */
export async function keepDownloads(page: EnginePage): Promise<void> {
	await page.evaluate(() => {
		const w = window as unknown as { __pdDownload?: Promise<string> };
		const make = URL.createObjectURL.bind(URL);
		URL.createObjectURL = (obj: Blob | MediaSource) => {
			if (obj instanceof Blob) w.__pdDownload = obj.text();
			return make(obj);
		};
		// Keep the browser from saving a file (and MiniBrowser from asking where).
		HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
			if (!this.download) HTMLElement.prototype.click.call(this);
		};
	});
}

export async function lastDownload(page: EnginePage): Promise<string> {
	await page.waitUntil(() => !!(window as unknown as { __pdDownload?: unknown }).__pdDownload);
	return page.evaluate(() => (window as unknown as { __pdDownload: Promise<string> }).__pdDownload);
}

/** Opens /settings/sync once its status has loaded. */
export async function openSync(page: EnginePage, baseURL: string): Promise<void> {
	await page.goto(`${baseURL}/settings/sync`);
	await page.waitFor('[data-testid="sync-status"]');
	await page.waitUntil(() => !document.querySelector('[aria-busy="true"]'));
}

/** Fills the sync form and presses Sync now; returns the message shown, or 'merge?' for the merge question. */
export async function connectSync(page: EnginePage, baseURL: string, url: string, account: { user: string; password: string }): Promise<string> {
	await openSync(page, baseURL);
	await page.fill({ role: 'textbox', name: 'Database URL' }, url);
	await page.fill({ role: 'textbox', name: 'Username' }, account.user);
	await page.fill({ role: 'textbox', name: 'Password' }, account.password);
	return pressSyncNow(page);
}

/** Syncs a connected device from its sync page; returns the message shown. */
export async function syncAgain(page: EnginePage, baseURL: string): Promise<string> {
	await openSync(page, baseURL);
	return pressSyncNow(page);
}

async function pressSyncNow(page: EnginePage): Promise<string> {
	await page.click({ role: 'button', name: 'Sync now' });
	await page.waitUntil(
		() => !document.querySelector('form[aria-busy="true"]') && (!!document.querySelector('#merge-title') || /\S/.test((document.querySelector('[data-testid="sync-message"]') as HTMLElement).innerText)),
		undefined,
		30_000
	);
	return page.evaluate(() => (document.querySelector('#merge-title') ? 'merge?' : (document.querySelector('[data-testid="sync-message"]') as HTMLElement).innerText.trim()));
}
