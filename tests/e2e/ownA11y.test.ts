/**
 * axe-core on the forms for the user's own papers and cards (issue 19), open: "Add a paper" in the
 * library, "Add a card" on a paper's page with a formula in the preview, and "Edit" on a card in
 * /browse. Zero violations, on a phone and on a desktop width. (The route walk in a11y.test.ts sees
 * the pages with their forms closed.)
 */
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './chromium.ts';
import { waitForPage } from './routes.ts';

const baseURL = inject('baseURL');

describe("accessibility of the own-content forms (axe-core)", () => {
	for (const viewport of [{ width: 360, height: 740 }, { width: 1000, height: 800 }]) {
		it(`finds nothing at ${viewport.width} px`, async () => {
			const browser = await launchBrowser({ viewport });
			const page = await browser.context.newPage();
			page.setDefaultTimeout(30_000);
			const found: string[] = [];
			const check = async (where: string) => {
				const result = await new AxeBuilder({ page }).analyze();
				found.push(...result.violations.map((v) => `${where} ${viewport.width}px: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
			};
			try {
				await page.goto(`${baseURL}/papers`);
				await waitForPage(page, '[data-testid="paper-count"]');
				await page.getByRole('button', { name: 'Add a paper' }).click();
				await page.getByRole('textbox', { name: 'Title (required)' }).waitFor();
				await check('/papers, Add a paper');

				await page.goto(`${baseURL}/papers/transformer`);
				await waitForPage(page, 'ol.cards li');
				await page.getByRole('button', { name: 'Add a card' }).click();
				await page.getByRole('textbox', { name: 'Question' }).fill('Why scale by $1/\\sqrt{d_k}$?');
				await page.locator('[data-testid="own-preview"] .katex').first().waitFor();
				await check('/papers/transformer, Add a card');

				await page.goto(`${baseURL}/browse`);
				await waitForPage(page, '[data-testid="card-count"]');
				await page.locator('ol.results button.open').first().click();
				await page.locator('ol.results .actions').getByRole('button', { name: 'Edit' }).click();
				await page.getByRole('textbox', { name: /^(Question|Text with)/ }).waitFor();
				await check('/browse, Edit');
			} finally {
				await browser.close();
			}
			expect(found).toEqual([]);
		}, 300_000);
	}
});
