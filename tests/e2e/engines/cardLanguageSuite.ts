/**
 * Cards in Chinese (issue 21), in every engine: with the interface switched to Chinese in the settings
 * (as a person would), the card language follows it, a review shows the Chinese question (with its
 * English terms) and answer, one tap (or `E`) shows the English original, and /browse finds the card
 * by a Chinese phrase, and a paper's page shows its Chinese summary with the English a tap away. Each engine's test file calls `cardLanguageSuite(engine)`.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openPage } from './appSteps.ts';
import type { EngineName, EnginePage } from './enginePage.ts';
import { pageErrors } from './errorRecorder.ts';
import { launchEngine } from './launchEngine.ts';

const CJK = /[\u4e00-\u9fff]/;

/** The text of the first element matching `selector` ('' when there is none). */
function textOf(page: EnginePage, selector: string): Promise<string> {
	return page.evaluate((s: string) => (document.querySelector(s) as HTMLElement | null)?.innerText.trim() ?? '', selector);
}

export function cardLanguageSuite(engine: EngineName): void {
	const baseURL = inject('baseURL');
	const open: EnginePage[] = [];
	afterEach(async () => {
		await Promise.all(open.splice(0).map((p) => p.close()));
	});

	describe(`cards in Chinese in ${engine}`, () => {
		it('reviews a card in Chinese, shows the English with one tap, and finds the card in /browse by a Chinese phrase', async () => {
			const page = await launchEngine(engine);
			open.push(page);
			await openPage(page, `${baseURL}/settings`);
			await page.waitFor('#language');
			await page.select('#language', 'zh-CN');
			await page.waitUntil(() => document.documentElement.lang === 'zh-CN');
			// The card language follows the interface: 中文.
			await page.waitUntil(() => (document.querySelector('#card-language') as HTMLSelectElement | null)?.value === 'zh');

			// A review: the Chinese question (its Chinese text downloaded on first use), no English under it.
			await page.goto(`${baseURL}/review`);
			await page.waitFor('article.card .face [lang="zh-CN"]');
			const question = await textOf(page, 'article.card .face [lang="zh-CN"]');
			expect(question).toMatch(CJK);
			// Method names and terms stay in their original Latin form inside the Chinese.
			expect(question).toMatch(/[A-Za-z]{2,}/);
			expect(await page.evaluate(() => document.querySelectorAll('article.card [lang="en"]').length)).toBe(0);

			// Reveal (the button, as a tap would): the Chinese answer.
			await page.click({ role: 'button', name: '显示答案' });
			await page.waitFor('article.card .answer [lang="zh-CN"], article.card [lang="zh-CN"] mark.cloze');
			const answer = await textOf(page, 'article.card .answer [lang="zh-CN"], article.card .face [lang="zh-CN"]');
			expect(answer).toMatch(CJK);

			// One tap shows the English original under it, marked as English; `E` hides it again.
			await page.click({ role: 'button', name: /显示英文/ });
			await page.waitFor('article.card [lang="en"]');
			const english = await textOf(page, 'article.card [lang="en"]');
			expect(english).toMatch(/[A-Za-z]{3,}/);
			expect(english).not.toMatch(CJK);
			await page.press('e');
			await page.waitUntil(() => document.querySelectorAll('article.card [lang="en"]').length === 0);

			// /browse finds the card by a phrase of its Chinese question (Chinese has no spaces: any part matches).
			const phrase = question.match(/[\u4e00-\u9fff]{3,}/)?.[0] ?? question.match(/[\u4e00-\u9fff]+/)![0];
			await openPage(page, `${baseURL}/browse`);
			await page.waitFor('[data-testid="card-count"]');
			await page.waitFor('li[data-card] .q [lang="zh-CN"]');
			await page.fill('#card-search', phrase);
			await page.waitUntil(
				(p: string) => {
					const qs = [...document.querySelectorAll('li[data-card] .q')].map((q) => (q as HTMLElement).innerText);
					return qs.length > 0 && qs.length < 100 && qs.some((q) => q.includes(p));
				},
				phrase
			);
			const shown = await page.evaluate(() => [...document.querySelectorAll('li[data-card] .q [lang="zh-CN"]')].map((q) => (q as HTMLElement).innerText));
			expect(shown.some((q) => q.includes(phrase))).toBe(true);

			// A paper's page: the Chinese summary, and the English original one tap away.
			await openPage(page, `${baseURL}/papers/lora`);
			await page.waitFor('.summary[lang="zh-CN"]');
			expect(await textOf(page, '.summary[lang="zh-CN"]')).toMatch(CJK);
			expect(await page.evaluate(() => document.querySelectorAll('.summary[lang="en"]').length)).toBe(0);
			await page.click({ role: 'button', name: /显示英文/ });
			await page.waitFor('.summary[lang="en"]');
			expect(await textOf(page, '.summary[lang="en"]')).toMatch(/low-rank/i);
			expect(await pageErrors(page)).toEqual([]);
		});
	});
}
