import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { budgetViolation, JS_BUDGETS_KB, kb, type Baseline, type Chunk } from './bundleBudget.ts';
import { launchBrowser } from './chromium.ts';

const baseURL = inject('baseURL');
const buildDir = inject('buildDir');

/** Chunk names from Vite's manifest: which sources each built file holds. */
function chunkNames(): Map<string, string> {
	const manifest = JSON.parse(readFileSync('.svelte-kit/output/client/.vite/manifest.json', 'utf8')) as Record<string, { file: string; name?: string; src?: string }>;
	const names = new Map<string, string>();
	for (const [key, entry] of Object.entries(manifest)) names.set(`/${entry.file}`, entry.src ?? entry.name ?? key);
	return names;
}

const baselineFile = join(import.meta.dirname, 'bundleBaseline.json');
const baseline = JSON.parse(readFileSync(baselineFile, 'utf8')) as Baseline;
// `UPDATE_BUNDLE_BASELINE=1 npm run test:e2e` records the current sizes as the new baseline.
const updating = process.env.UPDATE_BUNDLE_BASELINE === '1';
const measured: Baseline = {};

describe('JavaScript budgets of the first screens (gzip, first visit, no service worker)', () => {
	afterAll(() => {
		if (updating) writeFileSync(baselineFile, `${JSON.stringify(measured, null, '\t')}\n`);
	});

	for (const [route, budget] of Object.entries(JS_BUDGETS_KB)) {
		it(`${route} stays within ${budget} KB`, async () => {
			// A fresh profile for each route: each is the first visit of someone following a link there.
			const browser = await launchBrowser({ serviceWorkers: 'block' });
			onTestFinished(() => browser.close());
			const page = await browser.context.newPage();
			await page.goto(`${baseURL}${route}`);
			// What counts is the JavaScript the page loads until its collection is open (on a first visit,
			// the deck imported), from the page's own resource timing: a fixed point, where "network idle"
			// counted or missed the late chunks depending on the machine's speed. Later loads (the home
			// screen's workload panels, sync, the service worker) wait for that point on purpose.
			await page.waitForFunction(() => performance.getEntriesByName('pd:open').length > 0, undefined, { timeout: 60_000 });
			const files = await page.evaluate(() => {
				const open = performance.getEntriesByName('pd:open')[0] as PerformanceEntry;
				return performance
					.getEntriesByType('resource')
					.filter((e) => e.startTime <= open.startTime + open.duration)
					.map((e) => new URL(e.name).pathname)
					.filter((path) => path.endsWith('.js'));
			});
			await page.close();
			// The task worker's script (a first visit's deck import runs in it) is fetched, parsed and run on
			// its own thread: a budget of the page's main thread leaves it out, and names its size.
			const workers = files.filter((file) => file.includes('/workers/'));
			if (workers.length) console.log(`${route}: plus ${kb(workers.reduce((s, f) => s + gzipSync(readFileSync(join(buildDir, f))).length, 0))} for the task worker, off the main thread`);

			const names = chunkNames();
			const chunks: Chunk[] = [...new Set(files.filter((file) => !workers.includes(file)))].map((file) => ({
				file,
				name: names.get(file) ?? file,
				gzipBytes: gzipSync(readFileSync(join(buildDir, file))).length
			}));
			for (const c of chunks) measured[c.name] = c.gzipBytes;
			const total = chunks.reduce((s, c) => s + c.gzipBytes, 0);
			console.log(`${route}: ${kb(total)} of JavaScript in ${chunks.length} files (budget ${budget} KB)`);
			expect(budgetViolation(route, chunks, budget, baseline)).toBeNull();
			// The first visit's import ran in the task worker: the page loaded the worker's script, and not
			// the in-page import's code (the fallback where no worker starts).
			expect(workers, 'the task worker').toHaveLength(1);
			expect(chunks.map((c) => c.name)).not.toContain('src/lib/state/syncCollection.ts');
		});
	}

	it('the check bites: a budget below the real size fails, naming the chunks that grew', () => {
		const chunks: Chunk[] = [
			{ file: '/a.js', name: 'node_modules/dexie', gzipBytes: 40_000 },
			{ file: '/b.js', name: 'src/lib/core/scheduler.ts', gzipBytes: 9_000 }
		];
		const message = budgetViolation('/', chunks, 40, { 'node_modules/dexie': 30_000 });
		expect(message).toContain('/ loads 47.9 KB of JavaScript (gzip), over its budget of 40 KB');
		expect(message).toContain('39.1 KB  node_modules/dexie (+9.8 KB)');
		expect(message).toContain('src/lib/core/scheduler.ts (new)');
		expect(budgetViolation('/', chunks, 48, {})).toBeNull();
	});
});
