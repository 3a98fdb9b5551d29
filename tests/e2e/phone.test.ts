/**
 * The app on a phone: 360×740 with a touchscreen (touch events, as a real phone sends them, through
 * Chromium's DevTools protocol). Reveal by tap, grade by swipe, undo by the toast; the bottom tab bar;
 * text at 200%; landscape; the haptic tick, the app badge and the calendar reminder.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openReview, questionText, readStore } from './appPage.ts';
import { launchBrowser, type Browser } from './chromium.ts';
import { ROUTES, waitForPage } from './routes.ts';

const baseURL = inject('baseURL');
const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2, locale: 'en-US' };

/** A finger dragged across the screen from (x0, y0) to (x1, y1). */
async function drag(page: Page, x0: number, y0: number, x1: number, y1: number): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x0, y: y0 }] });
	for (let i = 1; i <= 10; i++) {
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x0 + ((x1 - x0) * i) / 10, y: y0 + ((y1 - y0) * i) / 10 }] });
	}
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
	await cdp.detach();
}

/** Swipes the card on screen sideways by `fraction` of its width (negative: to the left). */
async function swipeCard(page: Page, fraction: number): Promise<void> {
	const box = (await page.getByTestId('swipe-card').boundingBox())!;
	const y = box.y + Math.min(box.height / 2, 120);
	const x0 = box.x + box.width / 2;
	await drag(page, x0, y, x0 + fraction * box.width, y);
}

async function reviews(page: Page): Promise<{ type: string; rating?: number; cardId: string }[]> {
	return (await readStore<{ type: string; rating?: number; cardId: string; atMillis: number }>(page, 'events')).sort((a, b) => a.atMillis - b.atMillis);
}

async function waitSaved(page: Page): Promise<void> {
	await page.waitForFunction(() => !document.querySelector('[data-saving="true"]'));
}

describe('Paperdeck on a phone', () => {
	let browser: Browser;
	let page: Page;
	beforeEach(async () => {
		browser = await launchBrowser(PHONE);
		page = await browser.context.newPage();
		// Record the haptic ticks and badge updates the app asks for (the device's own effects cannot be seen here).
		await browser.context.addInitScript(() => {
			const w = window as unknown as { __vibrations: unknown[]; __badges: unknown[] };
			w.__vibrations = [];
			w.__badges = [];
			navigator.vibrate = ((pattern: unknown) => (w.__vibrations.push(pattern), true)) as Navigator['vibrate'];
			navigator.setAppBadge = async (n?: number) => void w.__badges.push(n);
			navigator.clearAppBadge = async () => void w.__badges.push(0);
		});
	});
	afterEach(async () => {
		await browser.close();
	});

	it('reveals a card by a tap, grades it by a swipe, and takes the grade back from the toast', async () => {
		await openReview(page, baseURL);
		const first = await questionText(page);
		expect(await page.locator('.grades').count()).toBe(0);
		await page.getByTestId('swipe-card').tap();
		await page.locator('.grades').waitFor();
		expect(await page.locator('.swipe-hint').innerText()).toBe('Swipe right for Good, left for Again');

		// A short drag is not a grade; nor is a scroll.
		await swipeCard(page, 0.1);
		await drag(page, 180, 400, 185, 250);
		expect(await page.locator('.grades').isVisible()).toBe(true);
		expect(await reviews(page)).toEqual([]);

		// Right = Good: the next card comes at once, with the toast.
		await swipeCard(page, 0.45);
		await page.waitForFunction((q) => document.querySelector('article.card .face')?.textContent?.trim() !== q && !!document.querySelector('button.show'), first);
		const toast = page.getByTestId('undo-toast');
		expect(await toast.innerText()).toContain('Graded Good.');
		await waitSaved(page);
		let log = await reviews(page);
		expect(log.map((e) => [e.type, e.rating])).toEqual([['review', 3]]);
		expect(await page.evaluate(() => (window as unknown as { __vibrations: unknown[] }).__vibrations.length)).toBe(1);

		// Undo by the toast: the same card is back, question side up.
		await toast.getByRole('button', { name: 'Undo' }).tap();
		await expect.poll(() => questionText(page)).toBe(first);
		await waitSaved(page);
		expect(await toast.count()).toBe(0);
		log = await reviews(page);
		expect(log.map((e) => e.type)).toEqual(['review', 'undo']);

		// Left = Again.
		await page.getByTestId('swipe-card').tap();
		await page.locator('.grades').waitFor();
		await swipeCard(page, -0.45);
		await page.locator('button.show').waitFor();
		await waitSaved(page);
		log = await reviews(page);
		expect(log.at(-1)).toMatchObject({ type: 'review', rating: 1, cardId: log[0]!.cardId });
		expect(await page.getByTestId('undo-toast').innerText()).toContain('Graded Again.');

		// The tap that ends a swipe did not reveal the next card.
		expect(await page.locator('.grades').count()).toBe(0);
	});

	it('grades by buttons only once swiping is turned off in the settings', async () => {
		await page.goto(`${baseURL}/settings`);
		await waitForPage(page, '[data-testid="optimizer"]');
		await page.getByTestId('swipe-setting').tap();
		expect(await page.getByTestId('swipe-setting').isChecked()).toBe(false);
		await openReview(page, baseURL);
		await page.getByTestId('swipe-card').tap();
		await page.locator('.grades').waitFor();
		expect(await page.locator('.swipe-hint').count()).toBe(0);
		await swipeCard(page, 0.5);
		expect(await page.locator('.grades').isVisible()).toBe(true);
		expect(await reviews(page)).toEqual([]);
		await page.getByRole('button', { name: /^Good, next review in/ }).tap();
		await page.locator('button.show').waitFor();
		await waitSaved(page);
		expect((await reviews(page)).map((e) => e.rating)).toEqual([3]);
	});

	it('has a bottom tab bar with a More menu, keyboard friendly, and none on the review screen', async () => {
		await page.goto(`${baseURL}/papers`);
		await waitForPage(page, '[data-testid="paper-count"]');
		const bar = page.locator('nav.tabbar');
		expect(await page.locator('.top-nav').isVisible()).toBe(false);
		expect(await bar.locator('.tabs a').allInnerTexts()).toEqual(['Today', 'Review', 'Papers', 'Stats']);
		expect(await bar.locator('a[aria-current="page"]').innerText()).toBe('Papers');
		const box = (await bar.boundingBox())!;
		expect(box.y + box.height).toBeCloseTo(740, 0);
		for (const tab of await bar.locator('.tabs a, .tabs button').all()) expect((await tab.boundingBox())!.height).toBeGreaterThanOrEqual(44);

		const more = bar.getByRole('button', { name: 'More pages' });
		expect(await more.getAttribute('aria-expanded')).toBe('false');
		await more.focus();
		await page.keyboard.press('Enter');
		expect(await more.getAttribute('aria-expanded')).toBe('true');
		const menu = page.locator('#more-menu');
		expect(await menu.getByRole('link').allInnerTexts()).toEqual(['Interview', 'Browse', 'Settings']);
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Interview');
		await page.keyboard.press('Escape');
		expect(await menu.isVisible()).toBe(false);
		expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-controls'))).toBe('more-menu');

		await more.tap();
		await menu.getByRole('link', { name: 'Settings' }).tap();
		await page.waitForURL(`${baseURL}/settings`);
		expect(await menu.isVisible()).toBe(false);
		expect(await more.evaluate((b) => b.classList.contains('current'))).toBe(true);

		await openReview(page, baseURL);
		expect(await page.locator('nav.tabbar').count()).toBe(0);
		await page.getByTestId('swipe-card').tap();
		const grades = (await page.locator('.grades').boundingBox())!;
		expect(grades.y + grades.height).toBeLessThanOrEqual(740);
		expect(grades.y).toBeGreaterThan(740 / 2); // within thumb reach
	});

	it('keeps every page whole at 360 px with text at 200%', async () => {
		for (const route of ROUTES) {
			await page.goto(`${baseURL}${route.path}`);
			await waitForPage(page, route.ready);
			await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
			const overflow = await page.evaluate(() => ({
				page: document.documentElement.scrollWidth - window.innerWidth,
				// Controls whose text is cut off (their content wider or taller than they are).
				clipped: [...document.querySelectorAll<HTMLElement>('button, a.button, .tabs a, select')]
					.filter((el) => el.offsetParent && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1))
					.map((el) => el.textContent?.trim())
			}));
			expect(overflow, route.path).toEqual({ page: 0, clipped: [] });
		}
	});

	it('makes each formula wider than its card a tab stop (it scrolls sideways), and no other (wideMath)', async () => {
		// InstructGPT's page lists its cards, the PPO-ptx objective among them (the deck's widest formula).
		await page.goto(`${baseURL}/papers/instructgpt`);
		await page.waitForSelector('li[data-card] .katex:has(> math[display="block"])');
		// Text at 200% makes display formulas wider than a 360 px card; the check follows the resize.
		await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
		const check = () =>
			page.evaluate(() => {
				const formulas = [...document.querySelectorAll<HTMLElement>('li[data-card] .katex')];
				const wide = formulas.filter((f) => f.scrollWidth > f.clientWidth);
				return {
					wide: wide.length > 0,
					wideNotTabStops: wide.filter((f) => f.tabIndex !== 0).length,
					narrowTabStops: formulas.filter((f) => !wide.includes(f) && f.hasAttribute('tabindex')).length
				};
			});
		await expect.poll(check).toEqual({ wide: true, wideNotTabStops: 0, narrowTabStops: 0 });
		// Back to normal text: formulas that fit again are no longer tab stops.
		await page.evaluate(() => (document.documentElement.style.fontSize = ''));
		await expect.poll(async () => (await check()).narrowTabStops).toBe(0);
	});

	it('puts the grade buttons beside the card in landscape', async () => {
		await page.setViewportSize({ width: 740, height: 360 });
		await openReview(page, baseURL);
		await page.getByTestId('swipe-card').tap();
		const card = (await page.getByTestId('swipe-card').boundingBox())!;
		const grades = (await page.locator('.grades').boundingBox())!;
		expect(grades.x).toBeGreaterThanOrEqual(card.x + card.width);
		expect(grades.y + grades.height).toBeLessThanOrEqual(360);
	});

	it('shows the due count as the app badge, and it follows the answers', async () => {
		await page.goto(`${baseURL}/`);
		await waitForPage(page, '[data-testid="due-count"]:not(:empty)');
		const due = Number(await page.getByTestId('due-count').innerText()) + Number(await page.getByTestId('new-count').innerText());
		const badges = () => page.evaluate(() => (window as unknown as { __badges: number[] }).__badges);
		await expect.poll(badges).toEqual([due]);
		await openReview(page, baseURL);
		await page.getByTestId('swipe-card').tap();
		await page.getByRole('button', { name: /^Easy, next review in/ }).tap();
		await page.locator('button.show').waitFor();
		await expect.poll(async () => (await badges()).at(-1)).toBe(due - 1);
	});

	it('downloads a daily calendar reminder at the chosen time that opens the app', async () => {
		await page.goto(`${baseURL}/settings`);
		await waitForPage(page, '[data-testid="optimizer"]');
		await page.locator('#reminder-time').fill('07:30');
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Add a daily reminder to my calendar' }).tap()]);
		expect(download.suggestedFilename()).toBe('paperdeck-reminder.ics');
		const ics = readFileSync((await download.path())!, 'utf8').replace(/\r\n /g, '');
		expect(ics).toMatch(/\r\nDTSTART:\d{8}T073000\r\n/);
		expect(ics).toContain('\r\nRRULE:FREQ=DAILY\r\n');
		expect(ics).toContain(`\r\nURL:${baseURL}/\r\n`);
		expect(await page.getByTestId('reminder-message').innerText()).toContain('paperdeck-reminder.ics');
		// The time is remembered on this device.
		await page.reload();
		await waitForPage(page, '[data-testid="optimizer"]');
		expect(await page.locator('#reminder-time').inputValue()).toBe('07:30');
	});
});
