/**
 * Every page of the app, for the tests that walk them all (languages, accessibility, phone layout).
 * A new page adds its route here. `ready` is a selector present once the page has loaded its data.
 */
export const ROUTES: { path: string; ready: string }[] = [
	{ path: '/', ready: '[data-testid="due-count"]:not(:empty)' },
	{ path: '/review', ready: 'article.card, #done-title' },
	{ path: '/interview', ready: '[data-testid="scope-size"]' },
	{ path: '/papers', ready: '[data-testid="paper-count"]' },
	{ path: '/papers/transformer', ready: 'ol.cards li' },
	{ path: '/browse', ready: '[data-testid="card-count"]' },
	{ path: '/stats', ready: '[data-testid="readiness"]' },
	{ path: '/settings', ready: '[data-testid="optimizer"]' },
	{ path: '/settings/data', ready: '[data-testid="event-count"]' },
	{ path: '/settings/sync', ready: '[data-testid="sync-status"]' }
];

/** Waits until a page has loaded its data and nothing says it is still busy. */
export async function waitForPage(page: import('playwright-core').Page, ready: string): Promise<void> {
	await page.locator(ready).first().waitFor();
	await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]') && !document.documentElement.classList.contains('pd-l10n'));
}
