import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { gradeShown, openReview, questionText, readStore, reviewsPerCard, todayNumbers, writeRow } from './appPage.ts';
import { launchBrowser, type Browser } from './chromium.ts';
import { seedReviewLog } from './seedLog.ts';

const baseURL = inject('baseURL');

/**
 * Answers cards in `page` with Easy until the finished screen shows, never waiting for the other tab.
 * Input while the tab is saving or refreshing is ignored by the app, so this just keeps pressing.
 * Returns how many answers the page itself reports.
 */
async function answerUntilDone(page: Page): Promise<number> {
	for (let i = 0; i < 400; i++) {
		const state = await page.evaluate(() =>
			document.querySelector('#done-title') ? 'done' : document.querySelector('button.show') ? 'question' : document.querySelector('.grades') ? 'answer' : 'other'
		);
		if (state === 'done') {
			// The count is final once every answer given is stored (one may yet be refused as stale).
			await page.locator('[data-saving="false"]').waitFor({ state: 'attached' });
			const text = await page.locator('.done p').innerText();
			return Number(/You answered (\d+)/.exec(text)![1]);
		}
		if (state === 'question') await page.keyboard.press('Space');
		else if (state === 'answer') await page.keyboard.press('4');
		await page.waitForTimeout(10 + Math.floor(Math.random() * 40));
	}
	throw new Error('the session never finished');
}

describe('sessions, tabs and crashes in a real Chromium', () => {
	let browser: Browser;
	beforeEach(async () => {
		browser = await launchBrowser();
	});
	afterEach(async () => {
		await browser.close();
	});

	it('two tabs reviewing at once: the tab that is behind refreshes, and no review is lost or doubled', async () => {
		const a = await browser.context.newPage();
		const b = await browser.context.newPage();
		await openReview(a, baseURL);
		await openReview(b, baseURL);
		const first = await questionText(a);
		expect(await questionText(b)).toBe(first);

		// Tab A answers the card both show; tab B, untouched, moves on by itself.
		await gradeShown(a, '4');
		await b.waitForFunction((q) => (document.querySelector('article.card .face') as HTMLElement)?.innerText.trim() !== q, first);
		expect(await b.getByRole('status').filter({ hasText: 'answered in another tab' }).count()).toBe(1);

		// Both tabs race through the rest of today's 20 new cards.
		const [byA, byB] = await Promise.all([answerUntilDone(a), answerUntilDone(b)]);
		const perCard = await reviewsPerCard(a);
		expect(perCard.size).toBe(20);
		expect([...perCard.values()].every((n) => n === 1)).toBe(true);
		expect(byA + 1 + byB).toBe(21); // tab A's first answer was before its loop
		expect((await todayNumbers(a, baseURL)).answered).toBe(20);
	});

	it('settings imported in one tab reach the other tab: its grade buttons show the new intervals', async () => {
		const a = await browser.context.newPage();
		const b = await browser.context.newPage();
		await openReview(b, baseURL);
		await b.keyboard.press('Space');
		const easy = b.getByRole('button', { name: /^Easy, next review in/ });
		// The button's name is its text ("Easy, next review in 3 days").
		const before = await easy.textContent();

		// Tab A exports, and imports the same file with a much lower desired retention (longer intervals).
		// Nothing has been answered, so no card state changes: only the settings do.
		await a.goto(`${baseURL}/settings/data`);
		const [download] = await Promise.all([a.waitForEvent('download'), a.getByRole('button', { name: 'Export backup' }).click()]);
		const dir = mkdtempSync(join(tmpdir(), 'paperdeck-settings-'));
		try {
			const file = join(dir, 'backup.json');
			await download.saveAs(file);
			const backup = JSON.parse(readFileSync(file, 'utf8'));
			backup.settings.scheduler.desiredRetention = 0.7;
			writeFileSync(file, JSON.stringify(backup));
			await a.locator('#import-file').setInputFiles(file);
			const useSettings = a.getByRole('checkbox', { name: /Also use the backup's settings/ });
			expect(await useSettings.isChecked()).toBe(true); // the default on an empty collection
			await a.getByRole('button', { name: 'Import the settings' }).click();
			await a.getByTestId('import-done').getByText(/Settings were taken from the backup/).waitFor();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}

		// Tab B, still showing its answer, now offers the intervals of the new settings.
		await b.waitForFunction((label) => document.querySelector('.grade.r4')?.textContent !== label, before);
		expect(await easy.textContent()).not.toBe(before);
		// The file's log holds no settings change: the settings asked for are still the ones in force.
		const stored = (await readStore<{ key: string; value: { scheduler: { desiredRetention: number } } }>(b, 'meta')).find((r) => r.key === 'settings');
		expect(stored?.value.scheduler.desiredRetention).toBe(0.7);
		expect(await b.locator('.grades').isVisible()).toBe(true);
	});

	it('closing the page in the middle of a session keeps every graded card, none twice', async () => {
		const page = await browser.context.newPage();
		await openReview(page, baseURL);
		const graded: string[] = [];
		for (const key of ['4', '3', '1', '4']) graded.push(await gradeShown(page, key));
		// Grade one more and close the page at once, while its write may still be in flight.
		await page.keyboard.press('Space');
		await page.locator('.grades').waitFor();
		await page.keyboard.press('2');
		await page.close({ runBeforeUnload: false });

		const again = await browser.context.newPage();
		const answered = (await todayNumbers(again, baseURL)).answered;
		const perCard = await reviewsPerCard(again);
		expect([...perCard.values()].every((n) => n === 1)).toBe(true);
		expect(perCard.size === 4 || perCard.size === 5).toBe(true);
		expect(answered).toBe(perCard.size);
		// The session picks up where it stopped: the easy cards are not shown again today.
		await openReview(again, baseURL);
		const next = await questionText(again);
		expect([graded[0], graded[3]]).not.toContain(next);
	});

	it('a browser killed mid-session keeps every answer it confirmed', async () => {
		await browser.close();
		const profile = mkdtempSync(join(tmpdir(), 'paperdeck-crash-'));
		try {
			browser = await launchBrowser({}, profile);
			const page = await browser.context.newPage();
			await openReview(page, baseURL);
			for (const key of ['4', '3', '4']) await gradeShown(page, key);
			// SIGKILL every Chromium process of this profile: no unload, no clean shutdown.
			const pids = execFileSync('pgrep', ['-f', '--', `--user-data-dir=${profile}`]).toString().trim().split('\n').map(Number);
			for (const pid of pids) {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {
					// Already gone with its parent.
				}
			}
			await browser.context.close().catch(() => {});

			browser = await launchBrowser({}, profile);
			const reopened = await browser.context.newPage();
			expect((await todayNumbers(reopened, baseURL)).answered).toBe(3);
			const perCard = await reviewsPerCard(reopened);
			expect(perCard.size).toBe(3);
		} finally {
			await browser.close();
			browser = await launchBrowser(); // for afterEach
			rmSync(profile, { recursive: true, force: true });
		}
	});

	it('asks for persistent storage after a completed session, not before, and takes a snapshot', async () => {
		// Count calls to the real persist() (it still runs): the request must not come on first paint.
		await browser.context.addInitScript(() => {
			const storage = navigator.storage;
			const real = storage.persist.bind(storage);
			(window as unknown as { persistCalls: number }).persistCalls = 0;
			storage.persist = () => {
				(window as unknown as { persistCalls: number }).persistCalls++;
				return real();
			};
		});
		const page = await browser.context.newPage();
		await todayNumbers(page, baseURL);
		// A short session: two new cards a day.
		await writeRow(page, 'meta', { key: 'settings', value: { study: { newPerDay: 2, reviewsPerDay: 200, rolloverHour: 4 } } });
		await openReview(page, baseURL);
		expect(await page.evaluate(() => (window as unknown as { persistCalls: number }).persistCalls)).toBe(0);
		await gradeShown(page, '4');
		expect(await page.evaluate(() => (window as unknown as { persistCalls: number }).persistCalls)).toBe(0);
		await gradeShown(page, '4');
		await page.locator('#done-title').waitFor();
		await page.waitForFunction(() => (window as unknown as { persistCalls: number }).persistCalls === 1);
		// The automatic snapshot is written in the background after the session.
		await expect.poll(async () => (await readStore(page, 'snapshots')).length, { timeout: 30_000 }).toBe(1);

		// Headless Chromium declines (no site engagement): the data page says so and explains.
		await page.goto(`${baseURL}/settings/data`);
		await page.getByTestId('persisted').getByText('No').waitFor();
		expect(await page.getByTestId('usage').innerText()).toMatch(/\d.* of .* the browser allows/);
		// The verdict on the data's safety: this browser may clear it under storage pressure.
		await page.getByTestId('data-safety').getByText(/^May be cleared: .*runs low on space/).waitFor();
		await page.locator('.snapshots li').getByText(/Automatic · 2 events/).waitFor();

		// Once the browser grants it (as it does for an installed app), the page reports it.
		const cdp = await browser.context.newCDPSession(page);
		await cdp.send('Browser.grantPermissions', { permissions: ['durableStorage'], origin: baseURL });
		await page.getByRole('button', { name: 'Ask the browser to keep my data' }).click();
		await page.getByRole('status').getByText(/Storage is now persistent/).waitFor();
		await page.reload();
		await page.getByTestId('persisted').getByText('Yes').waitFor();
	});

	it('takes the automatic snapshot from the home screen only when it stays open, never behind a review', async () => {
		const page = await browser.context.newPage();
		await seedReviewLog(page, baseURL, { cards: 30, days: 10, newPerDay: 3, seed: 5 });
		// Straight on to review: the home screen's snapshot is called off, the review is not kept waiting.
		await page.goto(`${baseURL}/`);
		await page.locator('section.stats[aria-busy="false"]').waitFor();
		await page.locator('a.start').click();
		await page.locator('article.card').waitFor();
		await page.waitForTimeout(12_000);
		expect(await readStore(page, 'snapshots')).toEqual([]);
		// Home left open: the snapshot follows in the background, then the daily index sweep.
		await page.goto(`${baseURL}/`);
		await expect.poll(async () => (await readStore(page, 'snapshots')).length, { timeout: 30_000 }).toBe(1);
		await expect.poll(async () => (await readStore<{ key: string }>(page, 'meta')).map((r) => r.key), { timeout: 10_000 }).toContain('indexSweepDay');
	});
});
