import type { Page } from 'playwright-core';

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
	const read = async (id: string) => Number(await page.getByTestId(id).innerText());
	return { due: await read('due-count'), fresh: await read('new-count'), answered: await read('answered-count') };
}

/**
 * Waits for the question of a card other than `previous`. "Show answer" must be back: a revealed
 * cloze's face also differs from its question, and must not pass for the next card.
 */
export async function waitForNextQuestion(page: Page, previous: string): Promise<string> {
	await page.waitForFunction(
		(prev) => {
			const face = document.querySelector('article.card .face') as HTMLElement | null;
			return !!face && face.innerText.trim() !== prev && !!document.querySelector('button.show');
		},
		previous
	);
	return questionText(page);
}
