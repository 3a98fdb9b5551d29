/**
 * axe-core on every page, in light and in dark mode, on a collection with weeks of history (so charts,
 * progress and statuses are drawn), the review screen on both sides of a card. Zero violations.
 */
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, newProfile, type Browser } from './chromium.ts';
import { ROUTES, waitForPage } from './routes.ts';
import { seedReviewLog } from './seedLog.ts';

const baseURL = inject('baseURL');

async function violations(page: Page): Promise<string[]> {
	const result = await new AxeBuilder({ page }).analyze();
	return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility checks (axe-core) on every page', () => {
	// One profile with a seeded history, reopened in each colour scheme.
	const profile = newProfile();
	beforeAll(async () => {
		const browser = await launchBrowser({}, profile);
		const page = await browser.context.newPage();
		await seedReviewLog(page, baseURL, { cards: 80, days: 40, newPerDay: 5, seed: 12 });
		await page.goto(`${baseURL}/stats`);
		await waitForPage(page, '[data-testid="readiness"]');
		await browser.close();
	});
	afterAll(async () => {
		const { rmSync } = await import('node:fs');
		rmSync(profile, { recursive: true, force: true });
	});

	// One test per colour scheme and width: each walks every route, which takes a while on a loaded machine.
	for (const colorScheme of ['light', 'dark'] as const) {
		for (const viewport of [{ width: 1000, height: 800 }, { width: 360, height: 740 }]) {
			it(`finds nothing in ${colorScheme} mode at ${viewport.width} px`, async () => {
				const browser = await launchBrowser({ colorScheme, viewport }, profile);
				try {
					const page = await browser.context.newPage();
					const found: string[] = [];
					const check = async (where: string) => found.push(...(await violations(page)).map((v) => `${where} ${viewport.width}px: ${v}`));
					for (const route of ROUTES) {
						await page.goto(`${baseURL}${route.path}`);
						await waitForPage(page, route.ready);
						await check(route.path);
						if (route.path === '/review') {
							await page.keyboard.press('Space');
							await page.locator('.grades').waitFor();
							await check('/review answer');
						}
						if (route.path === '/interview') {
							// A question, its answer side and the end screen.
							await page.locator('form.setup input[data-topic="scaling"]').check();
							await page.locator('button.expand').first().click();
							await check('/interview setup, a topic open');
							await page.getByRole('button', { name: 'Start the interview' }).click();
							await page.getByTestId('question-number').waitFor();
							await check('/interview question');
							await page.keyboard.press('Space');
							await page.getByRole('group', { name: 'How did you do?' }).waitFor();
							await check('/interview answer');
							await page.getByRole('button', { name: 'End now' }).click();
							await page.locator('#results-title').waitFor();
							await check('/interview results');
						}
						if (route.path === '/stats') {
							// The numbers behind each chart, unfolded.
							for (const d of await page.locator('details').all()) await d.evaluate((el) => ((el as HTMLDetailsElement).open = true));
							await check('/stats tables');
						}
					}
					if (viewport.width === 360) {
						await page.goto(`${baseURL}/papers`);
						await waitForPage(page, '[data-testid="paper-count"]');
						await page.getByRole('button', { name: 'More pages' }).click();
						await check('more menu');
					}
					expect(found).toEqual([]);
				} finally {
					await browser.close();
				}
			}, 180_000);
		}
	}
});
