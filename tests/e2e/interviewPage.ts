/** Helpers for driving interview mode, shared by its own tests and the language walk. */
import type { Page } from 'playwright-core';

/** Waits for the question after the one numbered `number` (its text in any language), or the end screen. */
export async function afterQuestion(page: Page, number: string): Promise<void> {
	await page.waitForFunction(
		(prev) => !!document.querySelector('#results-title') || document.querySelector('[data-testid="question-number"]')?.textContent !== prev,
		number
	);
}
