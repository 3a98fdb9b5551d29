import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { controlledByServiceWorker, gradeShown, readStore } from './appPage.ts';
import { afterQuestion } from './interviewPage.ts';
import { launchBrowser, type Browser } from './chromium.ts';
import { seedReviewLog, storedRows } from './seedLog.ts';

const baseURL = inject('baseURL');

interface Row {
	cardId: string;
	lastEventMillis: number;
	dueMillis: number;
	phase: number;
	[key: string]: unknown;
}
interface Event {
	id: string;
	type: string;
	cardId: string;
	atMillis: number;
	kind?: string;
	rating?: number;
	dueMillis?: number;
}

/** Every cached card state, without how far each card's log reaches (the one field a cram answer moves). */
async function schedules(page: Page): Promise<Map<string, Omit<Row, 'lastEventMillis'>>> {
	const rows = await storedRows<Row>(page, 'states');
	return new Map(rows.map(({ lastEventMillis: _l, ...r }) => [r.cardId, r]));
}

/** Opens /interview and waits until the collection is read. */
async function openInterview(page: Page): Promise<void> {
	await page.goto(`${baseURL}/interview`);
	await page.getByTestId('scope-size').filter({ hasNotText: 'Reading your cards' }).waitFor();
}

/**
 * Answers every question with the keyboard (Space shows the answer, 1/2/3 grade) until the end
 * screen, waiting for each answer to be saved. Returns the keys pressed.
 */
async function answerByKeyboard(page: Page, keyFor: (i: number) => '1' | '2' | '3'): Promise<string[]> {
	const pressed: string[] = [];
	for (let i = 0; !(await page.locator('#results-title').count()); i++) {
		const number = await page.getByTestId('question-number').innerText();
		await page.keyboard.press('Space');
		await page.getByRole('group', { name: 'How did you do?' }).waitFor();
		const key = keyFor(i);
		await page.keyboard.press(key);
		pressed.push(key);
		await afterQuestion(page, number);
	}
	await page.locator('[data-testid="interview-save"][data-saving="false"]').waitFor();
	return pressed;
}

/** The missed cards the end screen lists, in order. */
async function missedOnScreen(page: Page): Promise<string[]> {
	return page.locator('ol.missed li[data-card]').evaluateAll((items) => items.map((li) => li.getAttribute('data-card')!));
}

describe('interview mode in a real Chromium', () => {
	let browser: Browser;
	beforeEach(async () => {
		browser = await launchBrowser();
	});
	afterEach(async () => {
		await browser.close();
	});

	it('runs 10 questions on one topic to the end screen by keyboard, changes no due date, and studies exactly the missed cards', async () => {
		const page = await browser.context.newPage();
		await seedReviewLog(page, baseURL, { cards: 120, days: 40, newPerDay: 6, seed: 3 });
		await openInterview(page);
		const before = await schedules(page);
		const eventsBefore = (await readStore<Event>(page, 'events')).length;

		await page.locator('form.setup input[data-topic="architecture"]').check();
		expect(await page.getByTestId('scope-size').innerText()).toMatch(/^\d+ cards in scope, [1-9]\d* learned\. The interview asks 10 questions\.$/);
		await page.getByRole('button', { name: 'Start the interview' }).click();
		await page.locator('article.card').waitFor();
		expect(await page.getByTestId('question-number').innerText()).toBe('Question 1 of 10');

		const keys = await answerByKeyboard(page, (i) => (['1', '3', '2', '3', '1'] as const)[i % 5]!);
		expect(keys).toHaveLength(10);
		expect(await page.locator('#results-title').innerText()).toBe('Interview done');
		// Got it 1, Partly ½: (4 + 2 × ½) / 10.
		expect(await page.getByTestId('interview-score').innerText()).toMatch(/^50%\s+4 got it · 2 partly · 4 missed$/);
		expect(await page.locator('table').first().locator('tbody th').allInnerTexts()).toEqual(['Architectures']);

		// Ten cram answers logged, with the grades given; no card's schedule moved.
		const events = await readStore<Event>(page, 'events');
		const crams = events.filter((e) => e.type === 'review' && e.kind === 'cram');
		expect(events.length - eventsBefore).toBe(10);
		expect(crams.sort((a, b) => a.atMillis - b.atMillis).map((e) => String(e.rating))).toEqual(keys);
		expect(await schedules(page)).toEqual(before);
		const missed = await missedOnScreen(page);
		expect(missed).toHaveLength(4);
		expect(new Set(missed)).toEqual(new Set(crams.filter((e) => e.rating === 1).map((e) => e.cardId)));

		// "Study missed cards now": a review of exactly those cards, each once (Easy sends none back).
		await page.getByRole('link', { name: 'Study missed cards now' }).click();
		await page.waitForURL(/\/review\?cards=/);
		const since = Number(new URL(page.url()).searchParams.get('since'));
		await page.locator('article.card').waitFor();
		while (!(await page.locator('#done-title').count())) await gradeShown(page, '4');
		expect(await page.locator('.done p').innerText()).toMatch(/You answered 4 cards/);
		const reviews = (await readStore<Event>(page, 'events')).filter((e) => e.type === 'review' && e.kind !== 'cram' && e.atMillis >= since);
		expect(reviews.map((e) => e.cardId).sort()).toEqual(missed.slice().sort());
	});

	it('on a 360 px phone in dark mode, by tap: "everything I have learned", then the missed cards are added to tomorrow\'s reviews', async () => {
		await browser.close();
		browser = await launchBrowser({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, colorScheme: 'dark', timezoneId: 'UTC' });
		const page = await browser.context.newPage();
		await seedReviewLog(page, baseURL, { cards: 80, days: 40, newPerDay: 6, seed: 5 });
		await openInterview(page);
		expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(16, 20, 24)');

		// Tomorrow's study day starts at 4 am UTC.
		const tomorrow = new Date(Date.now() - 4 * 3_600_000);
		const tomorrowStart = Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth(), tomorrow.getUTCDate() + 1, 4);
		const before = new Map((await storedRows<Row>(page, 'states')).map((r) => [r.cardId, r]));

		await page.getByRole('radio', { name: 'Everything I have learned' }).tap();
		await page.getByRole('radio', { name: '20' }).tap();
		await page.getByRole('button', { name: 'Start the interview' }).tap();
		// Missed: two cards due after tomorrow (to be brought forward) and, when the draw offers one, one
		// due sooner (which stays as it is); the rest Got it. Which cards are due by tomorrow depends on
		// the time of day the test runs, so the draw may offer no such card.
		let far = 0;
		let near = 0;
		for (let i = 0; !(await page.locator('#results-title').count()); i++) {
			const id = (await page.locator('[data-card]').getAttribute('data-card'))!;
			const isFar = before.get(id)!.dueMillis > tomorrowStart;
			let miss = false;
			if (isFar && far < 2) miss = ++far > 0;
			else if (!isFar && near < 1) miss = ++near > 0;
			await page.locator('article.card').tap();
			const grades = page.getByRole('group', { name: 'How did you do?' }).getByRole('button');
			await grades.first().waitFor();
			if (i === 0) {
				for (const button of await grades.all()) {
					const box = (await button.boundingBox())!;
					expect(box.width).toBeGreaterThanOrEqual(44);
					expect(box.height).toBeGreaterThanOrEqual(44);
				}
				expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
				// The paper's summary is one tap away.
				await page.getByText(/^Paper summary: .+$/).tap();
				await page.locator('.summary-text').waitFor();
			}
			const number = await page.getByTestId('question-number').innerText();
			await page.getByRole('button', { name: miss ? /^Missed/ : /^Got it/ }).tap();
			await afterQuestion(page, number);
		}
		await page.locator('[data-testid="interview-save"][data-saving="false"]').waitFor();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		expect(far).toBe(2);
		expect(near).toBeLessThanOrEqual(1);
		const missed = await missedOnScreen(page);
		expect(missed).toHaveLength(far + near);
		expect(await page.locator('ol.missed .outcome').allInnerTexts()).toEqual(Array(far + near).fill('Interview answer only: its schedule is unchanged.'));

		await page.getByRole('button', { name: "Add them to tomorrow's reviews" }).tap();
		const message = await page.getByTestId('tomorrow-result').filter({ hasText: /due/ }).innerText();
		expect(message.trim()).toBe(near ? '2 cards are now due tomorrow. 1 was already due by then.' : '2 cards are now due tomorrow.');
		expect(await page.getByRole('button', { name: "Add them to tomorrow's reviews" }).isDisabled()).toBe(true);
		const after = new Map((await storedRows<Row>(page, 'states')).map((r) => [r.cardId, r]));
		const moved = missed.filter((id) => before.get(id)!.dueMillis > tomorrowStart);
		expect(moved).toHaveLength(2);
		const dueBy = (await readStore<Event>(page, 'events')).filter((e) => e.type === 'dueBy');
		expect(dueBy.map((e) => e.cardId).sort()).toEqual(moved.sort());
		for (const id of moved) expect(after.get(id)!.dueMillis).toBe(tomorrowStart);
		// Nothing else moved, and memory stays as it was.
		for (const [id, row] of before) {
			if (!moved.includes(id)) expect(after.get(id)!.dueMillis, id).toBe(row.dueMillis);
			expect([after.get(id)!.stability, after.get(id)!.difficulty, after.get(id)!.phase]).toEqual([row.stability, row.difficulty, row.phase]);
		}
	});

	it('with "also count as reviews", a missed learned card goes back to relearning, and the end screen says which did', async () => {
		const page = await browser.context.newPage();
		await seedReviewLog(page, baseURL, { cards: 60, days: 40, newPerDay: 6, seed: 8 });
		await openInterview(page);
		await page.getByRole('radio', { name: /My weakest cards/ }).check();
		await page.getByRole('checkbox', { name: 'Also count misses as reviews' }).check();
		const before = new Map((await storedRows<Row>(page, 'states')).map((r) => [r.cardId, r]));
		await page.getByRole('button', { name: 'Start the interview' }).click();
		await answerByKeyboard(page, () => '1');
		const missed = await missedOnScreen(page);
		expect(missed).toHaveLength(10);
		const after = new Map((await storedRows<Row>(page, 'states')).map((r) => [r.cardId, r]));
		const outcomes = await page.locator('ol.missed .outcome').allInnerTexts();
		const events = await readStore<Event>(page, 'events');
		missed.forEach((id, i) => {
			// "My weakest" asks learned cards only: each missed one had an Again review of its own.
			expect([2, 3]).toContain(before.get(id)!.phase);
			expect(after.get(id)!.phase).toBe(3);
			expect(outcomes[i]).toMatch(/^Also counted as a review \(Again\): back to relearning, due again in \d+ minutes?\.$/);
			const mine = events.filter((e) => e.cardId === id && e.type === 'review' && e.atMillis > before.get(id)!.lastEventMillis);
			expect(mine.map((e) => e.kind).sort()).toEqual(['cram', before.get(id)!.phase === 2 ? 'review' : 'relearn'].sort());
		});
		expect(await page.getByTestId('interview-save').innerText()).toContain('Missed cards you had learned went back to relearning.');
	});

	it('works offline once the service worker is active', async () => {
		const page = await browser.context.newPage();
		await page.goto(`${baseURL}/`);
		await controlledByServiceWorker(page);
		await browser.context.setOffline(true);
		const response = await page.goto(`${baseURL}/interview`);
		expect(response?.fromServiceWorker()).toBe(true);
		await page.getByTestId('scope-size').filter({ hasText: 'Choose at least one topic or paper.' }).waitFor();
		// One paper, chosen from its topic's list: its cards are new, so they are all asked.
		await page.getByRole('button', { name: 'Papers of Architectures' }).click();
		await page.locator('form.setup input[data-paper="transformer"]').check();
		expect(await page.getByTestId('scope-size').innerText()).toMatch(/^(\d+) cards in scope, 0 learned\./);
		await page.getByRole('button', { name: 'Start the interview' }).click();
		const keys = await answerByKeyboard(page, () => '2');
		expect(await page.getByTestId('interview-score').innerText()).toMatch(new RegExp(`^50%\\s+0 got it · ${keys.length} partly · 0 missed$`));
		const crams = (await readStore<Event>(page, 'events')).filter((e) => e.kind === 'cram');
		expect(crams).toHaveLength(keys.length);
		expect(crams.every((e) => e.cardId.startsWith('transformer/'))).toBe(true);
	});
});
