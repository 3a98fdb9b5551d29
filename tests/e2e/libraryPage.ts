import type { Page } from 'playwright-core';
import type { CompiledDeck } from '../../src/lib/deck/deckTypes.ts';

/** The deck the built app serves, read as the app reads it. */
export async function fetchBuiltDeck(baseURL: string): Promise<CompiledDeck> {
	const res = await fetch(`${baseURL}/deck.json`);
	if (!res.ok) throw new Error(`deck.json: ${res.status}`);
	return (await res.json()) as CompiledDeck;
}

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
