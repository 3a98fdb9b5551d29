/**
 * `npm run bench:browser`: backups at 100,000 reviews, in Chromium on the built app, through the
 * "Backup & data" page as a person uses it: import a backup into an empty browser, export it, take a
 * snapshot, import the same file again (all present), check the database. Prints each step's time
 * and the longest main-thread task it caused, and the file sizes; benchmarks report, never fail.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBuiltDeck } from '../../e2e/builtDeck.ts';
import type { Page } from 'playwright-core';
import { describe, inject, it } from 'vitest';
import { BACKUP_FORMAT, BACKUP_SCHEMA_VERSION, serializeBackup, type BackupFile } from '../../../src/lib/core/backupFile.ts';
import { createScheduler } from '../../../src/lib/core/scheduler.ts';
import { DEFAULT_SETTINGS } from '../../../src/lib/core/settings.ts';
import type { ReviewEvent } from '../../../src/lib/core/types.ts';
import { launchBrowser } from '../../e2e/chromium.ts';
import { simulateLog } from '../simulateLog.ts';
import { describeLongest, longestTask, watchLongTasks } from './longTasks.ts';

const baseURL = inject('baseURL');
const buildDir = inject('buildDir');
const REVIEWS = 100_000;
const DAY = 86_400_000;

/** Times `work` and the longest main-thread task it caused (what a person feels as a freeze). */
async function timed(page: Page, what: string, work: () => Promise<unknown>): Promise<string> {
	await watchLongTasks(page);
	const start = performance.now();
	await work();
	const seconds = (performance.now() - start) / 1000;
	const longest = await longestTask(page);
	return `${what}: ${seconds.toFixed(2)} s (longest main-thread task ${describeLongest(longest)})`;
}

const mb = (path: string) => `${(statSync(path).size / 1e6).toFixed(1)} MB`;

describe('browser benchmarks: backups', () => {
	it(`export, import, snapshot and check at ${REVIEWS.toLocaleString('en')} reviews`, async () => {
		const dir = mkdtempSync(join(tmpdir(), 'paperdeck-bench-backup-'));
		const browser = await launchBrowser();
		const lines: string[] = [];
		try {
			// A realistic log: ten years of a learner's reviews of the real deck's cards, then of copies of
			// them under new ids (as the speed benchmarks grow the deck) until there are 100,000 reviews.
			const deck = readBuiltDeck(buildDir);
			const now = Date.now();
			const clock = { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, rolloverHour: 4 };
			const scheduler = createScheduler(DEFAULT_SETTINGS.scheduler);
			const events: ReviewEvent[] = [];
			const cardIds: string[] = [];
			for (let copy = 0; events.length < REVIEWS; copy++) {
				const ids = deck.cards.map((c, i) => (copy === 0 ? c.id : `${c.paperId}/bench-${copy}-${i}`));
				const more = simulateLog({ cardIds: ids, events: REVIEWS - events.length, scheduler, clock, startMillis: now - 10 * 365 * DAY, endMillis: now, seed: copy + 1 });
				events.push(...more.events.map((e) => ({ ...e, id: `${e.id}-${copy}` })));
				cardIds.push(...ids);
			}
			const file = join(dir, 'paperdeck-backup-bench.json');
			const backup: BackupFile = { format: BACKUP_FORMAT, schemaVersion: BACKUP_SCHEMA_VERSION, appVersion: 'bench', exportedAtMillis: now, settings: DEFAULT_SETTINGS, custom: {}, events };
			writeFileSync(file, serializeBackup(backup));
			lines.push(`backup file: ${events.length.toLocaleString('en')} reviews on ${cardIds.length.toLocaleString('en')} cards, ${mb(file)}`);

			const page = await browser.context.newPage();
			page.setDefaultTimeout(600_000);
			await page.goto(`${baseURL}/settings/data`);
			await page.getByTestId('event-count').getByText('0').waitFor();

			lines.push(
				await timed(page, 'import into an empty browser: validate + preview', async () => {
					await page.locator('#import-file').setInputFiles(file);
					await page.getByTestId('import-fresh').waitFor();
				})
			);
			lines.push(
				await timed(page, 'import into an empty browser: merge (Import → done)', async () => {
					await page.getByRole('button', { name: /^Import [\d,]+ events$/ }).click();
					await page.getByTestId('import-done').waitFor();
				})
			);
			const out = join(dir, 'exported.json');
			lines.push(
				await timed(page, 'export (Export backup → download)', async () => {
					const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export backup' }).click()]);
					await download.saveAs(out);
				})
			);
			lines.push(`exported file: ${mb(out)}`);
			lines.push(
				await timed(page, 'snapshot (Take a snapshot now → saved)', async () => {
					await page.getByRole('button', { name: 'Take a snapshot now' }).click();
					await page.getByRole('status').getByText(/Snapshot saved/).waitFor();
				})
			);
			lines.push(`snapshot as stored (gzip): ${/[\d.]+ [KMG]?B$/m.exec(await page.locator('.snapshots li').first().innerText())?.[0]}`);
			await page.getByRole('button', { name: 'Close' }).click();
			lines.push(
				await timed(page, 'import the same file again: validate + preview (all present)', async () => {
					await page.locator('#import-file').setInputFiles(file);
					await page.getByTestId('import-present').waitFor();
				})
			);
			await page.getByRole('button', { name: 'Cancel' }).click();
			lines.push(
				await timed(page, 'check database (replay and compare every card)', async () => {
					await page.getByRole('button', { name: 'Check database' }).click();
					await page.getByTestId('integrity-report').waitFor();
				})
			);
		} finally {
			await browser.close();
			rmSync(dir, { recursive: true, force: true });
			console.log(`\nBackups at ${REVIEWS.toLocaleString('en')} reviews (Chromium, real IndexedDB):\n  ${lines.join('\n  ')}\n`);
		}
	});
});
