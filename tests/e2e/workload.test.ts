/**
 * Issue 22 end to end: an interview plan for one topic, and a backlog postponed then undone, on the
 * home screen at 360 px, driven by keyboard where it matters.
 */
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { CompiledDeck } from '../../src/lib/deck/deckTypes.ts';
import { generateReviewLog } from '../fixtures/generateReviewLog.ts';
import { readStore } from './appPage.ts';
import { launchBrowser, type Browser } from './chromium.ts';

const baseURL = inject('baseURL');
const DAY = 86_400_000;

interface Row {
	cardId: string;
	paperId: string;
	phase: number;
	dueMillis: number;
	stability: number;
	lastReviewMillis: number;
	queue: string;
}

/** A simulated learner's log on the deck's first cards, ending `endDaysAgo` days ago, stored like seedLog does. */
async function seed(page: Page, options: { cards: number; days: number; endDaysAgo: number; cardIds?: (deck: CompiledDeck) => string[] }) {
	const deck = (await (await fetch(`${baseURL}/deck.json`)).json()) as CompiledDeck;
	const log = generateReviewLog({
		cards: options.cards,
		days: options.days,
		newPerDay: 8,
		seed: 5,
		cardIds: options.cardIds ? options.cardIds(deck) : deck.cards.map((c) => c.id),
		startMillis: Date.now() - (options.days + options.endDaysAgo) * DAY
	});
	await page.goto(`${baseURL}/`);
	await page.locator('section.stats[aria-busy="false"]').waitFor();
	await page.evaluate(async (json) => {
		const events = JSON.parse(json) as unknown[];
		const db = await new Promise<IDBDatabase>((ok, fail) => {
			const req = indexedDB.open('paperdeck');
			req.onsuccess = () => ok(req.result);
			req.onerror = () => fail(req.error);
		});
		await new Promise<void>((ok, fail) => {
			const tx = db.transaction(['events', 'meta'], 'readwrite');
			for (const e of events) tx.objectStore('events').put(e);
			tx.objectStore('meta').delete('schedulerKey');
			tx.oncomplete = () => ok();
			tx.onerror = () => fail(tx.error);
		});
		db.close();
	}, JSON.stringify(log.events));
	await page.reload();
	await page.locator('section.stats[aria-busy="false"]').waitFor();
	await page.getByTestId('plan-panel').waitFor();
}

/** FSRS-6's forgetting curve with the default decay (the app's parameters until trained). */
function recall(row: Row, at: number): number {
	const decay = -0.1542;
	const factor = 0.9 ** (1 / decay) - 1;
	return (1 + (factor * Math.max(0, at - row.lastReviewMillis)) / DAY / row.stability) ** decay;
}

describe('workload control in a real Chromium (360 px)', () => {
	let browser: Browser;
	beforeEach(async () => {
		browser = await launchBrowser();
	});
	afterEach(async () => {
		await browser.close();
	});

	it('sets an interview date for one topic: its cards are due by the date or will be recalled on it', async () => {
		const page = await browser.context.newPage();
		await page.setViewportSize({ width: 360, height: 780 });
		await seed(page, { cards: 150, days: 40, endDaysAgo: 0, cardIds: (deck) => deck.cards.filter((c) => deck.papers.find((p) => p.id === c.paperId)?.topic === 'architecture').map((c) => c.id) });
		const date = new Date(Date.now() + 14 * DAY);
		const iso = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
		await page.locator('#plan-date').fill(iso);
		// By keyboard: focus the topic, Space checks it, then the save button.
		await page.locator('input[data-topic="architecture"]').focus();
		await page.keyboard.press('Space');
		expect(await page.locator('input[data-topic="architecture"]').isChecked()).toBe(true);
		await page.getByTestId('save-plan').focus();
		await page.keyboard.press('Enter');
		await page.getByTestId('workload-status').filter({ hasText: 'Plan saved' }).waitFor();
		await page.getByTestId('plan-table').waitFor();
		expect(await page.getByTestId('plan-table').locator('tbody tr').count()).toBe(1);
		// No horizontal scroll at 360 px.
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

		const meta = await readStore<{ key: string; value: { workload?: { interview?: { day: number; topics: string[] } } } }>(page, 'meta');
		const plan = meta.find((r) => r.key === 'settings')!.value.workload!.interview!;
		expect(plan.topics).toEqual(['architecture']);
		const planStart = new Date(plan.day * DAY).getTime() + new Date().getTimezoneOffset() * 60_000 + 4 * 3_600_000;
		const rows = (await readStore<Row>(page, 'states')).filter((r) => r.phase === 2 && r.queue === 'review');
		expect(rows.length).toBeGreaterThan(20);
		for (const r of rows) {
			const ready = r.dueMillis < planStart + DAY || recall(r, planStart) >= 0.9 - 1e-6;
			expect(ready, `${r.cardId} due ${new Date(r.dueMillis).toISOString()}`).toBe(true);
		}
	});

	it('postpones part of a backlog and undoes it as a whole', async () => {
		const page = await browser.context.newPage();
		await page.setViewportSize({ width: 360, height: 780 });
		await seed(page, { cards: 120, days: 40, endDaysAgo: 30 });
		const overdueText = async () => Number((await page.getByTestId('overdue-count').innerText()).replace(/\D/g, ''));
		const overdue = await overdueText();
		expect(overdue).toBeGreaterThan(10);
		await page.locator('#postpone-count').fill('5');
		await page.getByTestId('postpone').click();
		await page.getByTestId('workload-status').filter({ hasText: 'Postponed: 5' }).waitFor();
		expect(await overdueText()).toBe(overdue - 5);
		const postponed = (await readStore<{ type: string; batch?: string }>(page, 'events')).filter((e) => e.type === 'postpone');
		expect(postponed).toHaveLength(5);
		expect(new Set(postponed.map((e) => e.batch)).size).toBe(1);

		await page.getByTestId('undo-workload').focus();
		await page.keyboard.press('Enter');
		await page.getByTestId('workload-status').filter({ hasText: 'Undone: 5' }).waitFor();
		expect(await overdueText()).toBe(overdue);
		const undos = (await readStore<{ type: string }>(page, 'events')).filter((e) => e.type === 'undo');
		expect(undos).toHaveLength(5);
		expect(await page.getByTestId('undo-workload').count()).toBe(0);
	});
});
