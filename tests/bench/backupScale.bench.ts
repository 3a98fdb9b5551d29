/**
 * Backup at scale, in Chromium on the built app, through the "Backup & data" page as a person uses it:
 * import a 100,000-review backup into an empty browser, export it, import it again (all present),
 * take a snapshot and check the database. Each task runs once (they depend on one another and take
 * seconds); the figures and file sizes go to the note. Needs `npm run build` first.
 *
 * Run with `npm run bench -- backupScale`.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { BACKUP_FORMAT, BACKUP_SCHEMA_VERSION, serializeBackup } from '../../src/lib/core/backupFile.ts';
import { DEFAULT_SETTINGS } from '../../src/lib/core/settings.ts';
import { launchBrowser, type Browser } from '../e2e/chromium.ts';
import { startStaticServer } from '../e2e/staticServer.ts';
import { DAY, simulateLog } from '../unit/factories.ts';

const REVIEWS = 100_000;
const once = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };

let browser: Browser;
let server: Server;
let page: Page;
let dir: string;
let file: string;
const figures: string[] = [];

function note(what: string, millis: number, extra = '') {
	figures.push(`${what}: ${(millis / 1000).toFixed(2)} s${extra}`);
}

/** Times `work` and reports the longest main-thread task it caused (what a person would feel as jank). */
async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
	await page.evaluate(() => {
		const w = window as unknown as { longest: number; observer?: PerformanceObserver };
		w.longest = 0;
		w.observer?.disconnect();
		w.observer = new PerformanceObserver((list) => {
			for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration);
		});
		w.observer.observe({ type: 'longtask' });
	});
	const start = performance.now();
	const result = await work();
	const elapsed = performance.now() - start;
	const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
	note(what, elapsed, `; longest main-thread task ${Math.round(longest)} ms`);
	return result;
}

beforeAll(async () => {
	const build = join(process.cwd(), 'build');
	const deck = JSON.parse(readFileSync(join(build, 'deck.json'), 'utf8')) as { cards: { id: string }[] };
	dir = mkdtempSync(join(tmpdir(), 'paperdeck-bench-'));
	file = join(dir, 'paperdeck-backup-100k.json');
	const now = Date.now();
	// About 42 events per card over three years, ending weeks ago (so the log is a plausible history).
	const events = simulateLog(1, deck.cards.map((c) => c.id), REVIEWS, now - 1100 * DAY);
	writeFileSync(
		file,
		serializeBackup({ format: BACKUP_FORMAT, schemaVersion: BACKUP_SCHEMA_VERSION, appVersion: 'bench', exportedAtMillis: now, settings: DEFAULT_SETTINGS, custom: {}, events })
	);
	figures.push(`file: ${REVIEWS.toLocaleString('en')} events, ${(statSync(file).size / 1e6).toFixed(1)} MB`);
	let url: string;
	({ server, url } = await startStaticServer(build));
	browser = await launchBrowser();
	page = await browser.context.newPage();
	page.setDefaultTimeout(180_000);
	await page.goto(`${url}/settings/data`);
	await page.getByTestId('event-count').getByText('0').waitFor();
}, 300_000);

afterAll(async () => {
	await browser?.close();
	await new Promise<void>((done) => server?.close(() => done()));
	rmSync(dir, { recursive: true, force: true });
	console.log(`\nBackup at ${REVIEWS.toLocaleString('en')} reviews (Chromium, real IndexedDB):\n  ${figures.join('\n  ')}\n`);
});

describe(`backup with ${REVIEWS.toLocaleString('en')} reviews`, () => {
	bench(
		'import into an empty collection: validate + preview',
		async () => {
			await timed('import, validate + preview (choose file → preview shown)', async () => {
				await page.locator('#import-file').setInputFiles(file);
				await page.getByTestId('import-fresh').waitFor();
			});
		},
		once
	);

	bench(
		'import into an empty collection: merge + rebuild',
		async () => {
			await timed('import, merge + rebuild (Import → done)', async () => {
				await page.getByRole('button', { name: /^Import [\d,]+ events$/ }).click();
				await page.getByTestId('import-done').waitFor();
			});
		},
		once
	);

	bench(
		'export',
		async () => {
			const download = await timed('export (Export backup → download)', async () => {
				const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export backup' }).click()]);
				return d;
			});
			const out = join(dir, 'exported.json');
			await download.saveAs(out);
			figures.push(`exported file: ${(statSync(out).size / 1e6).toFixed(1)} MB`);
		},
		once
	);

	bench(
		'snapshot',
		async () => {
			await timed('snapshot (Take a snapshot now → saved)', async () => {
				await page.getByRole('button', { name: 'Take a snapshot now' }).click();
				await page.getByRole('status').getByText(/Snapshot saved/).waitFor();
			});
			const size = await page.locator('.snapshots li').first().innerText();
			figures.push(`snapshot as stored: ${/[\d.]+ [KMG]?B$/m.exec(size)?.[0] ?? size}`);
		},
		once
	);

	bench(
		'import the same backup again (all present)',
		async () => {
			await page.getByRole('button', { name: 'Close' }).click().catch(() => {});
			await timed('re-import, validate + preview', async () => {
				await page.locator('#import-file').setInputFiles(file);
				await page.getByTestId('import-present').waitFor();
			});
		},
		once
	);

	bench(
		'check database',
		async () => {
			await page.getByRole('button', { name: 'Cancel' }).click();
			await timed('check database (replay + compare every card)', async () => {
				await page.getByRole('button', { name: 'Check database' }).click();
				await page.getByTestId('integrity-report').waitFor();
			});
		},
		once
	);
});
