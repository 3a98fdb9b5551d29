/**
 * `npm run bench:browser`: the optimizer and reschedule-all in Chromium on a 100,000-review collection,
 * and whether the review screen stays responsive while the optimizer runs: every long task (> 50 ms)
 * on the main thread from the moment the review screen is up until the optimizer's worker ends.
 * Benchmarks report; they never pass or fail.
 */
import { rmSync } from 'node:fs';
import { describe, inject, it } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { launchBrowser, newProfile } from '../../e2e/chromium.ts';
import { seedProfile, seedScript } from './seedScript.ts';

const baseURL = inject('baseURL');

async function gradeOne(page: Page): Promise<void> {
	await page.keyboard.press('Space');
	await page.locator('.grades').waitFor();
	const before = await page.evaluate(() => performance.getEntriesByName('pd:grade-to-card', 'measure').length);
	await page.keyboard.press('3');
	await page.waitForFunction((n) => performance.getEntriesByName('pd:grade-to-card', 'measure').length > n || !!document.querySelector('#done-title'), before);
}

describe('optimizer in the browser', () => {
	it('10,000 cards and 100,000 reviews', async () => {
		const code = await seedScript();
		const profile = newProfile();
		const seeded = await seedProfile(baseURL, profile, { cards: 10_000, events: 100_000 }, code);
		console.log(`seeded ${seeded.cards} cards and ${seeded.events} events in ${(seeded.millis / 1000).toFixed(1)} s`);
		const browser = await launchBrowser({}, profile);
		try {
			const page = await browser.context.newPage();
			const workers: Worker[] = [];
			page.on('worker', (w) => workers.push(w));
			await page.goto(`${baseURL}/settings`);
			await page.getByText('answers a day').first().waitFor({ timeout: 120_000 });
			workers.length = 0;

			const started = Date.now();
			await page.getByRole('button', { name: 'Optimize my parameters' }).click();
			while (workers.length === 0) await page.waitForTimeout(10);
			let endedAt = 0;
			workers[0]!.on('close', () => (endedAt = Date.now()));

			await page.getByRole('link', { name: 'Review' }).click();
			await page.locator('article.card').waitFor();
			await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
			const reviewUpAt = Date.now();
			await page.evaluate(() => {
				const w = window as unknown as { longTasks: number[] };
				w.longTasks = [];
				new PerformanceObserver((list) => {
					for (const e of list.getEntries()) w.longTasks.push(Math.round(e.duration));
				}).observe({ type: 'longtask' });
			});
			let graded = 0;
			while (endedAt === 0) {
				await gradeOne(page);
				graded++;
			}
			const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
			console.log(
				`optimizer, 100k reviews: worker ran ${endedAt - started} ms from the click; on the review screen for its last ` +
					`${endedAt - reviewUpAt} ms, ${graded} grades, long tasks (ms): ${JSON.stringify(longTasks)}`
			);

			await page.getByRole('link', { name: 'Settings' }).click();
			const result = page.getByTestId('optimizer-result');
			await result.locator('table').waitFor();
			console.log(`result: ${(await result.innerText()).replace(/\s+/g, ' ')}`);
			const apply = page.getByRole('button', { name: 'Apply and reschedule' });
			if (await apply.count()) {
				const t0 = Date.now();
				await apply.click();
				await page.getByText('now scheduled with the new parameters').waitFor({ timeout: 300_000 });
				console.log(`reschedule all (apply new parameters), 100k events: ${Date.now() - t0} ms from the click to done`);
			}
		} finally {
			await browser.close();
			rmSync(profile, { recursive: true, force: true });
		}
	});
});
