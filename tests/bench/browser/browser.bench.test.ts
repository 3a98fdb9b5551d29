/**
 * `npm run bench:browser`: the browser rows of the speed budgets, measured in Chromium on the built app
 * with generated collections seeded through the app's own storage layer. Prints medians and p95s;
 * benchmarks report, they never pass or fail.
 */
import { afterAll, describe, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { rmSync } from 'node:fs';
import { launchBrowser, newProfile } from '../../e2e/chromium.ts';
import { seedProfile, seedScript } from './seedScript.ts';

const baseURL = inject('baseURL');
const rows: string[][] = [];

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
	const s = xs.slice().sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function entry(page: Page, name: string, type: 'measure' | 'mark'): Promise<number> {
	await page.waitForFunction(([n, t]) => performance.getEntriesByName(n!, t).length > 0, [name, type]);
	return page.evaluate(([n, t]) => {
		const e = performance.getEntriesByName(n!, t)[0]!;
		return t === 'mark' ? e.startTime : e.duration;
	}, [name, type] as const);
}

/**
 * In the page: whether today's housekeeping is done, the snapshot (when there is a log) and the index
 * sweep (raw IndexedDB, so no app code is needed).
 */
function housekeepingDone(withLog: boolean): Promise<boolean> {
	return new Promise((resolve) => {
		const req = indexedDB.open('paperdeck');
		req.onsuccess = () => {
			const tx = req.result.transaction(['snapshots', 'meta']);
			const count = tx.objectStore('snapshots').count();
			const swept = tx.objectStore('meta').get('indexSweepDay');
			tx.oncomplete = () => {
				resolve((!withLog || count.result > 0) && swept.result !== undefined);
				req.result.close();
			};
		};
	});
}

async function measure(label: string, collection: { cards: number; events: number }, code: string) {
	const profile = newProfile();
	const seeded = await seedProfile(baseURL, profile, collection, code);
	console.log(`${label}: seeded ${seeded.cards} cards and ${seeded.events} events in ${(seeded.millis / 1000).toFixed(1)} s`);
	// A fresh browser on the seeded profile: seeding's bulk writes would otherwise still be compacting.
	const browser = await launchBrowser({}, profile);
	try {
		const page = await browser.context.newPage();
		await page.goto(`${baseURL}/`);
		// Warm: today's housekeeping done (the automatic snapshot reads a million events for many seconds),
		// so the figures are a day's ordinary opens.
		await page.waitForFunction(housekeepingDone, collection.events > 0, { timeout: 300_000, polling: 1000 });

		// Each navigation starts from a settled page, as when a person opens the app: otherwise the
		// previous page's abandoned queries (counts over 100,000 index entries) are still running in
		// IndexedDB's backend and the next page waits for them.
		const settle = () => page.waitForTimeout(1000);

		// Start-up reconciliation with nothing changed, and the whole open around it (IndexedDB's open and
		// the settings read, then the reconciliation), on the home screen.
		const reconcile: number[] = [];
		const open: number[] = [];
		for (let i = 0; i < 12; i++) {
			await page.goto(`${baseURL}/`);
			reconcile.push(await entry(page, 'pd:reconcile', 'measure'));
			open.push(await entry(page, 'pd:open', 'measure'));
			await page.locator('[aria-busy="false"]').first().waitFor();
			await settle();
		}
		// Navigation to the first card's question, service worker warm.
		const first: number[] = [];
		for (let i = 0; i < 12; i++) {
			const response = await page.goto(`${baseURL}/review`);
			if (!response?.fromServiceWorker()) throw new Error('the service worker did not serve /review');
			first.push(await entry(page, 'pd:first-card', 'mark'));
			await settle();
		}
		// Grade → next question in the DOM, keyboard driven.
		await page.goto(`${baseURL}/review`);
		await page.locator('article.card').waitFor();
		for (let i = 0; i < 60 && (await page.locator('article.card').count()) > 0; i++) {
			await page.keyboard.press('Space');
			await page.locator('.grades').waitFor();
			await page.keyboard.press(i % 5 === 0 ? '1' : '3');
			// The next question is in (its measure recorded), or the session is over.
			await page.waitForFunction(
				(n) => performance.getEntriesByName('pd:grade-to-card', 'measure').length > n || !!document.querySelector('#done-title'),
				i
			);
		}
		const grade = await page.evaluate(() => performance.getEntriesByName('pd:grade-to-card', 'measure').map((e) => e.duration));
		rows.push(
			[label, 'start-up reconciliation, nothing changed', ms(median(reconcile)), ms(quantile(reconcile, 0.95)), '≤ 50 ms'],
			[label, 'collection open (IndexedDB, settings, reconciliation)', ms(median(open)), ms(quantile(open, 0.95)), '–'],
			[label, 'navigation → first question (warm SW)', ms(median(first)), ms(quantile(first, 0.95)), 'median ≤ 500 ms'],
			[label, `grade → next question in DOM (n=${grade.length})`, ms(median(grade)), ms(quantile(grade, 0.95)), 'median ≤ 8 ms, p95 ≤ 16 ms']
		);
	} finally {
		await browser.close();
		rmSync(profile, { recursive: true, force: true });
	}
}

describe('browser benchmarks', () => {
	let code = '';
	afterAll(() => {
		const header = ['collection', 'what', 'median', 'p95', 'budget'];
		const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
		const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
		console.log(['', line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
	});

	it('builds the seeding script', async () => {
		code = await seedScript();
	});
	it('the full deck, no history', async () => {
		await measure('deck only', { cards: 0, events: 0 }, code);
	});
	it('10,000 cards and 1,000,000 events', async () => {
		await measure('10k cards, 1M events', { cards: 10_000, events: 1_000_000 }, code);
	});
	it('100,000 cards and 1,000,000 events', async () => {
		await measure('100k cards, 1M events', { cards: 100_000, events: 1_000_000 }, code);
	});
});
