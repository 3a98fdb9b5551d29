import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { launchBrowser, type Browser } from './chromium.ts';
import { controlledByServiceWorker, gradeShown, openReview, questionText, todayNumbers, waitForNextQuestion } from './appPage.ts';

const baseURL = inject('baseURL');

describe('the review loop in a real Chromium', () => {
	let browser: Browser;
	beforeEach(async () => {
		browser = await launchBrowser();
	});
	afterEach(async () => {
		await browser.close();
	});

	it('reviews several cards with the keyboard only, and reload keeps the progress', async () => {
		const page = await browser.context.newPage();
		const before = await todayNumbers(page, baseURL);
		expect(before.answered).toBe(0);
		expect(before.fresh).toBe(20);

		await openReview(page, baseURL);
		const seen: string[] = [];
		// Each answer is stored before the next (the page says so): the reload below tests what was saved,
		// not a write cut off mid-flight (a person reloading then is asked first: beforeunload).
		for (let i = 0; i < 4; i++) seen.push(await gradeShown(page, i === 0 ? '1' : '3'));
		expect(new Set(seen).size).toBe(4);

		await page.reload();
		await page.locator('article.card').waitFor();
		// The four answered cards are in learning (due in minutes), so a fresh card comes first.
		expect(seen).not.toContain(await questionText(page));
		const after = await todayNumbers(page, baseURL);
		expect(after.answered).toBe(4);
		expect(after.fresh).toBe(16);
	});

	it('undo restores the previous card and its state', async () => {
		const page = await browser.context.newPage();
		await openReview(page, baseURL);
		const first = await questionText(page);
		await page.getByRole('button', { name: 'Show answer' }).click();
		await page.getByRole('button', { name: /^Easy, next review in/ }).click();
		await waitForNextQuestion(page, first);

		await page.keyboard.press('Control+z');
		await page.waitForFunction((q) => (document.querySelector('article.card .face') as HTMLElement)?.innerText.trim() === q, first);
		expect(await page.getByRole('button', { name: 'Show answer' }).isVisible()).toBe(true);

		const numbers = await todayNumbers(page, baseURL);
		expect(numbers.answered).toBe(0);
		expect(numbers.fresh).toBe(20);
		// The undone card is new again: it is still the first card of the queue.
		await openReview(page, baseURL);
		expect(await questionText(page)).toBe(first);
	});

	it('works by tap on a 360 px wide phone, with tap targets of at least 44 px', async () => {
		await browser.close();
		browser = await launchBrowser({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
		const page = await browser.context.newPage();
		await openReview(page, baseURL);
		const q = await questionText(page);
		await page.locator('article.card').tap();
		const grades = page.getByRole('group', { name: 'Grade your answer' }).getByRole('button');
		await grades.first().waitFor();
		for (const button of await grades.all()) {
			const box = (await button.boundingBox())!;
			expect(box.width).toBeGreaterThanOrEqual(44);
			expect(box.height).toBeGreaterThanOrEqual(44);
		}
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		await page.getByRole('button', { name: /^Good, next review in/ }).tap();
		await waitForNextQuestion(page, q);
		expect((await todayNumbers(page, baseURL)).answered).toBe(1);
	});

	it('loads and reviews offline once the service worker is active', async () => {
		const page = await browser.context.newPage();
		await page.goto(`${baseURL}/`);
		await controlledByServiceWorker(page);
		await browser.context.setOffline(true);
		const response = await page.goto(`${baseURL}/review`);
		expect(response?.fromServiceWorker()).toBe(true);
		await page.locator('article.card').waitFor();
		const q = await questionText(page);
		await page.keyboard.press('Space');
		await page.keyboard.press('4');
		await waitForNextQuestion(page, q);
		expect((await todayNumbers(page, baseURL)).answered).toBe(1);
	});
});
