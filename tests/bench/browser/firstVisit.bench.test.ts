/**
 * `npm run bench:first-visit`: a first visit on a fresh profile, the build served with gzip as a static
 * host serves it, in Chromium. Prints the median of five runs of:
 * - on a phone network (1.6 Mbps down, 150 ms before each response; made by the server, so that the
 *   service worker's fetches share it: Chromium's network emulation throttles only the page's), the time
 *   from first paint to "works offline": the service worker has installed its precache and controls the
 *   page, and the deck is stored; and to the files it fetches after its install being kept too;
 * - unthrottled, the time from navigation to the first card at /review, and the longest main-thread
 *   task from the collection's opening to the end of the deck's import;
 * - unthrottled, every main-thread task of 50 ms or more on a first visit to /, and when it started
 *   (start-up, the import, after it).
 * `FIRST_VISIT_BUILD=<dir>` measures another build (an older one, for a before-and-after figure).
 * Benchmarks report, never fail.
 */
import { resolve } from 'node:path';
import type { Server } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { LATER_CACHE } from '../../../src/lib/pwa/keepLater.ts';
import { builtLaterFiles, laterCachePaths } from '../../e2e/builtDeck.ts';
import { launchBrowser } from '../../e2e/chromium.ts';
import { startStaticServer } from '../../e2e/staticServer.ts';

const RUNS = Number(process.env.FIRST_VISIT_RUNS ?? 5);
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A phone network: bytes per second, and the wait before each response starts. */
const PHONE_NETWORK = { bytesPerSecond: (1.6 * 1024 * 1024) / 8, latencyMs: 150 };

const servers: Server[] = [];
let base: string;
let phoneBase: string;
beforeAll(async () => {
	const root = resolve(process.env.FIRST_VISIT_BUILD ?? inject('buildDir'));
	// Served as a static host serves the build: gzip, and the long caching of hashed files in _headers.
	const fast = await startStaticServer(root, 0, { gzip: true, hostCaching: true });
	const phone = await startStaticServer(root, 0, { gzip: true, hostCaching: true, link: PHONE_NETWORK });
	servers.push(fast.server, phone.server);
	({ url: base } = fast);
	({ url: phoneBase } = phone);
});
afterAll(() => Promise.all(servers.map((s) => new Promise<void>((done) => s.close(() => done())))));

/** Records main-thread tasks of 50 ms or more with their start times. */
async function recordLongTasks(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const w = window as unknown as { __tasks: [number, number][] };
		w.__tasks = [];
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) w.__tasks.push([e.startTime, e.duration]);
		}).observe({ type: 'longtask', buffered: true });
	});
}

/** Runs `visit` RUNS times, each in a new browser on a fresh profile (a first visit), and returns what each gave. */
async function onFreshProfiles<T>(visit: (page: Page) => Promise<T>): Promise<T[]> {
	const results: T[] = [];
	for (let i = 0; i < RUNS; i++) {
		const browser = await launchBrowser();
		try {
			results.push(await visit(await browser.context.newPage()));
		} finally {
			await browser.close();
		}
	}
	return results;
}

/** Resolves once the deck is stored (the collection's opening measured; older builds: the deck version recorded). */
async function deckStored(page: Page): Promise<void> {
	await page.waitForFunction(() => performance.getEntriesByName('pd:reconcile').length > 0 || performance.getEntriesByName('pd:open').length > 0, undefined, { timeout: 300_000, polling: 100 });
}

describe('a first visit (fresh profile, gzip)', () => {
	it(`to "works offline" on a phone network, median of ${RUNS}`, async () => {
		const times = await onFreshProfiles(async (page) => {
			await page.goto(`${phoneBase}/`, { timeout: 300_000 });
			await page.evaluate(async () => {
				await navigator.serviceWorker.ready;
				if (!navigator.serviceWorker.controller) {
					await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
				}
			});
			await deckStored(page);
			const sincePaint = () => page.evaluate(() => performance.now() - performance.getEntriesByName('first-paint')[0]!.startTime);
			const offline = await sincePaint();
			// Then the files the service worker fetches after its install (the own-content renderer; none in older builds).
			const later = await builtLaterFiles(base);
			// (waitForFunction would not await the cache's promise.)
			while ((await page.evaluate(laterCachePaths, LATER_CACHE)).length < later.length) await page.waitForTimeout(50);
			return { offline, later: await sincePaint() };
		});
		const seconds = (xs: number[]) => `median ${(median(xs) / 1000).toFixed(1)} s (${xs.map((t) => (t / 1000).toFixed(1)).join(', ')})`;
		console.log(`first paint → works offline (1.6 Mbps, 150 ms per response): ${seconds(times.map((t) => t.offline))}`);
		const after = times.map((t) => Math.round(t.later - t.offline));
		console.log(`works offline → the files installed later are kept too: median ${median(after)} ms (${after.join(', ')})`);
	});

	it(`to the first card at /review, unthrottled, median of ${RUNS}`, async () => {
		const runs = await onFreshProfiles(async (page) => {
			await recordLongTasks(page);
			await page.goto(`${base}/review`);
			await page.locator('article.card').waitFor({ timeout: 60_000 });
			const time = await page.evaluate(() => performance.now());
			await deckStored(page);
			await page.waitForTimeout(500);
			const longest = await page.evaluate(() => {
				const open = performance.getEntriesByName('pd:open-start')[0]?.startTime ?? 0;
				const tasks = (window as unknown as { __tasks: [number, number][] }).__tasks.filter(([start]) => start >= open);
				return Math.max(0, ...tasks.map(([, d]) => d));
			});
			return { time, longest };
		});
		const times = runs.map((r) => r.time);
		const longest = runs.map((r) => r.longest);
		const m = median(longest);
		console.log(`navigation → first card at /review: median ${Math.round(median(times))} ms (${times.map(Math.round).join(', ')})`);
		console.log(`longest main-thread task from the collection's opening to the deck stored: median ${m === 0 ? 'none of 50 ms or more' : `${Math.round(m)} ms`} (${longest.map(Math.round).join(', ')})`);
	});

	it(`every long task on /, unthrottled, ${RUNS} runs`, async () => {
		const runs = await onFreshProfiles(async (page) => {
			await recordLongTasks(page);
			await page.goto(`${base}/`);
			await deckStored(page);
			await page.waitForTimeout(1000);
			// Each task as its duration and where it started: before the collection's opening (loading and
			// hydrating the page), during the import, or after it.
			return page.evaluate(() => {
				const start = performance.getEntriesByName('pd:open-start')[0]?.startTime ?? 0;
				const open = performance.getEntriesByName('pd:open')[0];
				const end = open ? open.startTime + open.duration : Infinity;
				const tasks = (window as unknown as { __tasks: [number, number][] }).__tasks;
				const when = (t: number) => (t < start ? 'start-up' : t < end ? 'import' : 'after');
				return tasks.length ? tasks.map(([t, d]) => `${Math.round(d)} ms ${when(t)}`).join(', ') : 'none';
			});
		});
		console.log(`main-thread tasks of 50 ms or more on a first visit to /, per run:\n  ${runs.join('\n  ')}`);
	});
});
