import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { gradeShown, openReview, readStore, reviewsPerCard, todayNumbers, writeRow } from './appPage.ts';
import { launchBrowser, type Browser } from './chromium.ts';

const baseURL = inject('baseURL');

interface Row {
	cardId: string;
	dueMillis: number;
	phase: number;
	stability: number;
	difficulty: number;
	reps: number;
	queue: string;
}

/** The scheduling of every card that has been reviewed, by card id. */
async function schedules(page: Page): Promise<Record<string, Omit<Row, 'cardId'>>> {
	const rows = (await readStore<Row>(page, 'states')).filter((r) => r.reps > 0);
	return Object.fromEntries(rows.map(({ cardId, dueMillis, phase, stability, difficulty, reps, queue }) => [cardId, { dueMillis, phase, stability, difficulty, reps, queue }]));
}

async function openDataPage(page: Page): Promise<void> {
	await page.goto(`${baseURL}/settings/data`);
	// The count is on the prerendered page as "–" until the collection is read.
	await page.getByTestId('event-count').getByText(/^\d/).waitFor();
}

async function chooseFile(page: Page, path: string): Promise<void> {
	await page.locator('#import-file').setInputFiles(path);
}

describe('backups in a real Chromium', () => {
	let browser: Browser;
	let dir: string;
	beforeEach(async () => {
		browser = await launchBrowser();
		dir = mkdtempSync(join(tmpdir(), 'paperdeck-backup-'));
	});
	afterEach(async () => {
		await browser.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('export → clear site data → import restores the same due dates; a second import adds nothing', async () => {
		const page = await browser.context.newPage();
		await openReview(page, baseURL);
		for (const key of ['4', '3', '1', '4', '2', '4']) await gradeShown(page, key);
		const before = await schedules(page);
		expect(Object.keys(before)).toHaveLength(6);

		await openDataPage(page);
		expect(await page.getByTestId('event-count').innerText()).toBe('6');
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export backup' }).click()]);
		expect(download.suggestedFilename()).toMatch(/^paperdeck-backup-\d{4}-\d{2}-\d{2}\.json$/);
		const file = join(dir, download.suggestedFilename());
		await download.saveAs(file);
		const backup = JSON.parse(readFileSync(file, 'utf8'));
		expect(backup).toMatchObject({ format: 'paperdeck-backup', schemaVersion: 5, appVersion: '0.1.0' });
		expect(backup.events).toHaveLength(6);
		await page.getByTestId('last-export').getByText(/Last exported/).waitFor();

		// Clear site data, as a person does in the browser's settings: IndexedDB, caches, service worker.
		const cdp = await browser.context.newCDPSession(page);
		await cdp.send('Storage.clearDataForOrigin', { origin: baseURL, storageTypes: 'all' });
		expect((await todayNumbers(page, baseURL)).answered).toBe(0);
		expect(await schedules(page)).toEqual({});

		await openDataPage(page);
		await chooseFile(page, file);
		await page.getByTestId('import-fresh').getByText('6 events to add').waitFor();
		expect(await page.getByTestId('import-present').innerText()).toMatch(/^0 already/);
		await page.getByRole('button', { name: 'Import 6 events' }).click();
		await page.getByTestId('import-done').getByText(/Imported 6 new events/).waitFor();
		expect(await schedules(page)).toEqual(before);
		expect((await todayNumbers(page, baseURL)).answered).toBe(6);

		// The same file again: nothing new, nothing to do.
		await openDataPage(page);
		await chooseFile(page, file);
		await page.getByTestId('import-present').getByText(/^6 already/).waitFor();
		expect(await page.getByRole('button', { name: 'Nothing to add' }).isDisabled()).toBe(true);
		expect((await readStore(page, 'events')).length).toBe(6);
	});

	it('rejects a damaged file with a clear reason and changes nothing', async () => {
		const page = await browser.context.newPage();
		await openReview(page, baseURL);
		await gradeShown(page, '3');
		await openDataPage(page);
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export backup' }).click()]);
		const good = join(dir, 'good.json');
		await download.saveAs(good);
		const text = readFileSync(good, 'utf8');
		const before = { events: await readStore(page, 'events'), states: await readStore(page, 'states') };

		const cases: [string, string, RegExp][] = [
			['truncated.json', text.slice(0, text.length / 2), /not valid JSON/],
			['newer.json', text.replace(/"schemaVersion":\d+/, '"schemaVersion":7'), /newer Paperdeck/],
			['bad-event.json', text.replace(/"rating":\d/, '"rating":"good"'), /Event 1 of 1 .*rating "good"/]
		];
		for (const [name, content, reason] of cases) {
			writeFileSync(join(dir, name), content);
			await chooseFile(page, join(dir, name));
			const error = page.getByTestId('import-error');
			await error.waitFor();
			expect(await error.innerText()).toMatch(reason);
			expect(await error.innerText()).toMatch(/Your collection is unchanged/);
			await page.getByRole('button', { name: 'Close' }).click();
		}
		expect({ events: await readStore(page, 'events'), states: await readStore(page, 'states') }).toEqual(before);
	});

	it('check database repairs a corrupted card state, and a second check finds nothing', async () => {
		const page = await browser.context.newPage();
		await openReview(page, baseURL);
		const q = await gradeShown(page, '4');
		expect(q).toBeTruthy();
		const [row] = (await readStore<Row & Record<string, unknown>>(page, 'states')).filter((r) => r.reps > 0);
		// A corrupted cache: the card claims to be due in 1970 with absurd stability.
		await writeRow(page, 'states', { ...row, dueMillis: 1, availableMillis: 1, stability: 1e6 });

		await openDataPage(page);
		await page.getByRole('button', { name: 'Check database' }).click();
		await page.getByTestId('integrity-report').getByText(`Repaired 1 card whose schedule differed from the log: ${row!.cardId}.`).waitFor();
		expect((await readStore<Row>(page, 'states')).find((r) => r.cardId === row!.cardId)).toEqual(row);

		await page.getByRole('button', { name: 'Check database' }).click();
		await page.getByTestId('integrity-report').getByText('Everything matches the log: nothing to repair.').waitFor();
	});

	it('a snapshot rolls the collection back without deleting anything, and the rollback can be reversed', async () => {
		const page = await browser.context.newPage();
		await openReview(page, baseURL);
		await gradeShown(page, '4');
		await gradeShown(page, '4');
		const atSnapshot = await schedules(page);

		await openDataPage(page);
		expect(await page.getByTestId('no-snapshots').isVisible()).toBe(true);
		await page.getByRole('button', { name: 'Take a snapshot now' }).click();
		await page.getByRole('status').getByText('Snapshot saved: 2 events.').waitFor();

		await openReview(page, baseURL);
		await gradeShown(page, '4');
		await gradeShown(page, '1');
		expect(Object.keys(await schedules(page))).toHaveLength(4);

		await openDataPage(page);
		await page.getByRole('button', { name: /^Restore the snapshot of/ }).click();
		// innerText, not getByText: the summary's words come from several template expressions.
		expect(await page.getByTestId('rollback-summary').innerText()).toMatch(/cancels the 2 changes made since \(2 reviews on 2 cards\)/);
		await page.getByRole('button', { name: 'Roll back (2 changes)' }).click();
		await page.getByTestId('import-done').getByText(/Rolled back: 2 events written/).waitFor();
		const rolledBack = await schedules(page);
		expect(Object.keys(rolledBack).sort()).toEqual(Object.keys(atSnapshot).sort());
		for (const [id, s] of Object.entries(atSnapshot)) expect(rolledBack[id]).toMatchObject({ dueMillis: s.dueMillis, stability: s.stability });
		// Nothing was deleted: 4 reviews and 2 undos.
		expect((await reviewsPerCard(page)).size).toBe(4);
		expect((await readStore(page, 'events')).length).toBe(6);

		// The "before restore" snapshot taken first brings the two reviews back.
		await page.getByRole('button', { name: 'Close' }).click();
		const snapshots = page.locator('.snapshots li');
		expect(await snapshots.count()).toBe(2);
		expect(await snapshots.first().innerText()).toMatch(/Before a restore · 4 events/);
		await snapshots.first().getByRole('button', { name: /^Restore/ }).click();
		await page.getByRole('button', { name: 'Roll back (2 changes)' }).click();
		await page.getByTestId('import-done').waitFor();
		expect(Object.keys(await schedules(page))).toHaveLength(4);
	});

	it('the data page works on a 360 px phone in dark mode, by keyboard, with 44 px tap targets', async () => {
		await browser.close();
		browser = await launchBrowser({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, colorScheme: 'dark' });
		const page = await browser.context.newPage();
		await openReview(page, baseURL);
		await gradeShown(page, '4');
		await openDataPage(page);
		await page.getByRole('button', { name: 'Take a snapshot now' }).tap();
		await page.locator('.snapshots li').waitFor();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		for (const button of await page.getByRole('button').all()) {
			const box = (await button.boundingBox())!;
			expect(box.height).toBeGreaterThanOrEqual(44);
			expect(box.width).toBeGreaterThanOrEqual(44);
		}
		expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(16, 20, 24)');
		// Every section has a heading; every control is reachable with Tab and has a name.
		expect(await page.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual([
			'Storage on this device',
			'Back up',
			'Import a backup',
			'Your own cards',
			'Automatic snapshots',
			'Check database'
		]);
		await page.getByRole('button', { name: 'Check database' }).focus();
		await page.keyboard.press('Enter');
		await page.getByTestId('integrity-report').waitFor();
	});
});
