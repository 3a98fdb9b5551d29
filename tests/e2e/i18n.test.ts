/**
 * The interface in English and Chinese, in a real Chromium: picked from the browser's language,
 * switched in the settings and back, on every page, with no message missing and nothing left in the
 * other language (the deck's own English text is marked lang="en" and allowed).
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from './chromium.ts';
import { afterQuestion } from './interviewPage.ts';
import { ROUTES, waitForPage } from './routes.ts';
import { strayText } from './untranslated.ts';

const baseURL = inject('baseURL');

async function expectAllIn(page: Page, locale: 'en' | 'zh-CN', where: string): Promise<void> {
	expect(await page.evaluate(() => document.documentElement.lang), where).toBe(locale);
	expect(await strayText(page, locale), where).toEqual([]);
}

/** Every page, loaded afresh (prerendered English, hydrated in the chosen language). */
async function walkAll(page: Page, locale: 'en' | 'zh-CN'): Promise<void> {
	for (const route of ROUTES) {
		await page.goto(`${baseURL}${route.path}`);
		await waitForPage(page, route.ready);
		await expectAllIn(page, locale, route.path);
		if (route.path === '/review') {
			// The answer side too: grade buttons and their spoken intervals.
			await page.keyboard.press('Space');
			await page.locator('.grades').waitFor();
			await expectAllIn(page, locale, '/review (answer)');
		}
	}
}

async function chooseLanguage(page: Page, value: 'en' | 'zh-CN' | 'system'): Promise<void> {
	await page.locator('#language').selectOption(value);
}

describe('the interface in English and Chinese', () => {
	let browser: Browser;
	afterEach(async () => {
		await browser?.close();
	});

	it('follows a Chinese browser on every page, with nothing left in English', async () => {
		browser = await launchBrowser({ locale: 'zh-CN' });
		const page = await browser.context.newPage();
		await walkAll(page, 'zh-CN');
		// The last page walked (/settings/sync) has its title in Chinese too.
		expect(await page.title()).toBe('同步你的设备 — Paperdeck');
	});

	it('switches to Chinese in the settings and back, in place and on every page', async () => {
		browser = await launchBrowser({ locale: 'en-US' });
		const page = await browser.context.newPage();
		await page.goto(`${baseURL}/settings`);
		await waitForPage(page, '[data-testid="optimizer"]');
		await expectAllIn(page, 'en', 'settings before');

		// The page changes language where it stands: no reload, nothing stale.
		await chooseLanguage(page, 'zh-CN');
		await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
		await expectAllIn(page, 'zh-CN', 'settings after switching');
		expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('设置');

		// Client-side navigation through the menu renders each page in Chinese too.
		for (const route of ROUTES.filter((r) => !r.path.slice(1).includes('/'))) {
			await page.locator(`.top-nav a[href="${route.path}"]`).click();
			await page.waitForURL(`${baseURL}${route.path}`);
			await waitForPage(page, route.ready);
			await expectAllIn(page, 'zh-CN', `${route.path} (navigated)`);
		}
		// The choice is kept: every page loads in Chinese.
		await walkAll(page, 'zh-CN');

		// And back.
		await page.goto(`${baseURL}/settings`);
		await waitForPage(page, '[data-testid="optimizer"]');
		await chooseLanguage(page, 'en');
		await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
		await expectAllIn(page, 'en', 'settings after switching back');
		await walkAll(page, 'en');

		// "Same as this browser" forgets the choice.
		await page.goto(`${baseURL}/settings`);
		await waitForPage(page, '[data-testid="optimizer"]');
		await chooseLanguage(page, 'system');
		expect(await page.evaluate(() => localStorage.getItem('paperdeck-locale'))).toBeNull();
	}, 180_000);

	it('runs an interview in Chinese from setup to the end screen, with nothing left in English', async () => {
		browser = await launchBrowser({ locale: 'zh-CN' });
		const page = await browser.context.newPage();
		await page.goto(`${baseURL}/interview`);
		await waitForPage(page, '[data-testid="scope-size"]');
		// One topic chosen and its paper list open: every setup string is on screen.
		await page.locator('form.setup input[data-topic="scaling"]').check();
		await page.locator('button.expand').first().click();
		await expectAllIn(page, 'zh-CN', '/interview (setup)');
		expect(await page.getByTestId('scope-size').innerText()).toMatch(/^范围内有 \d+ 张卡片，已学 0 张。\s?本次面试共 10 题。$/);

		await page.getByRole('button', { name: '开始面试' }).click();
		for (let i = 0; !(await page.locator('#results-title').count()); i++) {
			const number = await page.getByTestId('question-number').innerText();
			expect(number).toBe(`第 ${i + 1} 题，共 10 题`);
			if (i === 0) await expectAllIn(page, 'zh-CN', '/interview (question)');
			await page.keyboard.press('Space');
			await page.getByRole('group', { name: '你答得怎么样？' }).waitFor();
			if (i === 0) await expectAllIn(page, 'zh-CN', '/interview (answer)');
			await page.keyboard.press(i % 3 === 0 ? '1' : '3');
			await afterQuestion(page, number);
		}
		await page.locator('[data-testid="interview-save"][data-saving="false"]').waitFor();
		await expectAllIn(page, 'zh-CN', '/interview (results)');
		// Missed new cards have no review to bring forward: the plural message says so in Chinese.
		await page.getByRole('button', { name: '加入明天的复习' }).click();
		await page.getByTestId('tomorrow-result').filter({ hasText: '张是你还没学过的新卡片' }).waitFor();
		await expectAllIn(page, 'zh-CN', '/interview (tomorrow)');
	});

	it('never flashes the prerendered English at a Chinese reader, and shows the page even if scripts fail', async () => {
		browser = await launchBrowser({ locale: 'zh-CN' });
		const page = await browser.context.newPage();
		// No app code: the page stays as prerendered, as on a very slow or broken load.
		await page.route('**/_app/immutable/**/*.js', (route) => route.abort());
		await page.goto(`${baseURL}/`);
		expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
		expect(await page.evaluate(() => getComputedStyle(document.body).visibility)).toBe('hidden');
		// After three seconds it is shown anyway (in English, the only text there is).
		await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).visibility), { timeout: 6000 }).toBe('visible');

		// An English browser never hides anything.
		const english = await launchBrowser({ locale: 'en-GB' });
		try {
			const p = await english.context.newPage();
			await p.route('**/_app/immutable/**/*.js', (route) => route.abort());
			await p.goto(`${baseURL}/`);
			expect(await p.evaluate(() => getComputedStyle(document.body).visibility)).toBe('visible');
		} finally {
			await english.close();
		}
	});
});
