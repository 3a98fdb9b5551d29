import type { Page } from 'playwright-core';

export { fetchBuiltDeck } from './builtDeck.ts';

/** Ids of the papers the library shows now. */
export async function visiblePapers(page: Page): Promise<string[]> {
	return page.locator('li[data-paper]:not([hidden])').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.paper!));
}

/** Waits until the library shows exactly `ids`. */
export async function waitForVisiblePapers(page: Page, ids: string[]): Promise<void> {
	await page.waitForFunction(
		(want) => {
			const shown = [...document.querySelectorAll<HTMLElement>('li[data-paper]:not([hidden])')].map((e) => e.dataset.paper);
			return JSON.stringify(shown.sort()) === JSON.stringify([...want].sort());
		},
		ids
	);
}

/** The paper id of the card on the review screen (from its "From <paper>" link). */
export async function reviewedPaper(page: Page): Promise<string> {
	const href = await page.locator('.paper a').getAttribute('href');
	return href!.replace('/papers/', '');
}

/** Opens the card browser and waits for its list. */
export async function openBrowse(page: Page, baseURL: string): Promise<void> {
	await page.goto(`${baseURL}/browse`);
	await page.getByTestId('card-count').waitFor();
}

/** Waits for the browser's live region to announce `text`. */
export async function waitForAnnouncement(page: Page, text: string): Promise<void> {
	await page.waitForFunction((t) => document.querySelector('[data-testid="action-message"]')?.textContent?.includes(t), text);
}
