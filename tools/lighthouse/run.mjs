// `npm run lighthouse`: Lighthouse 12 (mobile defaults) on the built app, with Debian's Chromium. The
// build is served as a static host serves it (the tests' static server, gzip for text), so transfer
// sizes are what phones get. Each route runs on a fresh profile (a first visit: Lighthouse clears the
// origin's storage, service worker and caches before each run) and on a warm one (a second visit: the
// same profile after a first load, the deck imported, the service worker installed and what it
// fetches after its install kept). Prints the
// median of three runs: the four category scores, Total Blocking Time and the main-thread long tasks,
// and the lowest and highest performance and TBT beside them (on a busy two-core machine they spread).
import * as chromeLauncher from 'chrome-launcher';
import { createJiti } from 'jiti';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { resolve } from 'node:path';

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const ROUTES = (process.env.LIGHTHOUSE_ROUTES ?? '/,/review,/papers,/papers/lora').split(',');
const PROFILES = (process.env.LIGHTHOUSE_PROFILES ?? 'fresh,warm').split(',');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const jiti = createJiti(import.meta.url);
const { startStaticServer } = await jiti.import('../../tests/e2e/staticServer.ts');
const { builtLaterFiles, laterCachePaths } = await jiti.import('../../tests/e2e/builtDeck.ts');
const { LATER_CACHE } = await jiti.import('../../src/lib/pwa/keepLater.ts');
const { server, url: base } = await startStaticServer(resolve(process.env.LIGHTHOUSE_BUILD ?? 'build'), 4174, { gzip: true, hostCaching: true });
const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', chromeFlags: FLAGS });
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];

async function audit(url, warm) {
	const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', disableStorageReset: warm });
	const { categories: c, audits } = result.lhr;
	const tasks = (audits['long-tasks']?.details?.items ?? []).map((t) => `${Math.round(t.duration)} ms ${String(t.url).replace(base, '').slice(0, 40)}`);
	for (const [id, a] of Object.entries(audits)) {
		if (a.score !== null && a.score < 1 && ['accessibility', 'best-practices'].some((k) => c[k].auditRefs.some((r) => r.id === id && r.weight > 0))) {
			console.log(`  ${url.replace(base, '')}: failing audit ${id}: ${a.title}`);
		}
	}
	return {
		performance: c.performance.score,
		accessibility: c.accessibility.score,
		'best-practices': c['best-practices'].score,
		seo: c.seo.score,
		tbt: audits['total-blocking-time'].numericValue,
		tasks
	};
}

/**
 * Makes the profile warm for real: opens the page once more and waits until the collection is open
 * (the deck imported) and a service worker controls it. A fixed pause was not enough on a busy
 * machine, and an audited "second visit" then ran the first visit's import again.
 */
async function warmUp(url) {
	const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
	try {
		const page = await browser.newPage();
		await page.goto(url);
		await page.waitForFunction(() => performance.getEntriesByName('pd:open').length > 0 && navigator.serviceWorker.controller !== null, {
			timeout: 120_000
		});
		// And what the worker fetches after its install (the library's HTML among it) is kept, as it is
		// long before a person's second visit. (waitForFunction would not await the cache's promise.)
		const later = (await builtLaterFiles(base, { pages: true })).join();
		const kept = async () => (await page.evaluate(laterCachePaths, LATER_CACHE)).join();
		for (const until = Date.now() + 60_000; (await kept()) !== later; ) {
			if (Date.now() > until) throw new Error('warm-up: the files installed later were not kept within 60 s');
			await new Promise((r) => setTimeout(r, 100));
		}
		await page.close();
	} finally {
		await browser.disconnect();
	}
}

try {
	for (const route of ROUTES) {
		for (const profile of PROFILES) {
			const warm = profile === 'warm';
			// A warm profile: one first visit beforehand (clearing what an earlier route left), then the
			// audited runs keep its storage.
			if (warm) {
				await lighthouse(`${base}${route}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
				await warmUp(`${base}${route}`);
			}
			const runs = [];
			for (let i = 0; i < RUNS; i++) runs.push(await audit(`${base}${route}`, warm));
			const score = (k) => Math.round(median(runs.map((r) => r[k])) * 100);
			const mid = runs.slice().sort((a, b) => a.tbt - b.tbt)[Math.floor(runs.length / 2)];
			const spread = (xs) => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))}`;
			rows.push([
				route,
				profile,
				score('performance'),
				score('accessibility'),
				score('best-practices'),
				score('seo'),
				Math.round(median(runs.map((r) => r.tbt))),
				`${spread(runs.map((r) => r.performance * 100))} / ${spread(runs.map((r) => r.tbt))}`,
				mid.tasks.join('; ') || '–'
			]);
		}
	}
} finally {
	await chrome.kill();
	await new Promise((done) => server.close(done));
}
console.log(`\nLighthouse ${RUNS > 1 ? `(median of ${RUNS} runs) ` : ''}— budgets: performance ≥ 95, accessibility 100, best practices 100, TBT ≤ 150 ms`);
console.log('route          profile  perf  a11y  best  seo  TBT ms  perf / TBT range  long tasks (the median-TBT run)');
for (const [route, profile, p, a, b, s, tbt, range, tasks] of rows) {
	console.log(`${route.padEnd(14)} ${profile.padEnd(7)} ${String(p).padStart(5)} ${String(a).padStart(5)} ${String(b).padStart(5)} ${String(s).padStart(4)} ${String(tbt).padStart(7)}  ${range.padEnd(16)} ${tasks}`);
}
