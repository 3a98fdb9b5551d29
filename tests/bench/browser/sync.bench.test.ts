/**
 * `npm run bench:sync` (or `npm run bench:browser`): sync at 100,000 events, in Chromium on the built
 * app, through the /settings/sync page as a person uses it, against a CouchDB-protocol server on
 * loopback (express-pouchdb): the initial sync of a 100,000-event log into an empty device, then a
 * day's incremental sync (200 events another device pushed), then a sync with nothing new. Each run
 * uses a fresh browser profile and a fresh database; the median of the runs is printed with every
 * run's time, where the time went (the app's phases, as the sync status records them, and the
 * server's time per endpoint) and the longest main-thread task. Benchmarks report, never fail.
 *
 * `SYNC_BENCH_EVENTS` (default 100000) and `SYNC_BENCH_RUNS` (default 3) change the size and runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, inject, it } from 'vitest';
import { createScheduler } from '../../../src/lib/core/scheduler.ts';
import { DEFAULT_SETTINGS } from '../../../src/lib/core/settings.ts';
import { toDocument } from '../../../src/lib/core/sync/eventDocument.ts';
import type { ReviewEvent } from '../../../src/lib/core/types.ts';
import { startCouchServer } from '../../couch/startCouchServer.ts';
import { launchBrowser } from '../../e2e/chromium.ts';
import { simulateLog } from '../simulateLog.ts';
import { describeLongest, longestTask, watchLongTasks } from './longTasks.ts';
import { readBuiltDeck } from '../../e2e/builtDeck.ts';

const baseURL = inject('baseURL');
const buildDir = inject('buildDir');
const EVENTS = Number(process.env.SYNC_BENCH_EVENTS ?? 100_000);
const RUNS = Number(process.env.SYNC_BENCH_RUNS ?? 3);
const INCREMENT = 200;
const DAY = 86_400_000;
const USER = { user: 'bench', password: 'bench secret' };

interface Step {
	seconds: number;
	longestTaskMillis: number;
	message: string;
	/** The app's own phase times (the sync status's `lastMillis`). */
	phases: Record<string, number>;
	/** Server time by endpoint, and request counts. */
	server: Record<string, { count: number; millis: number }>;
}

const median = (xs: number[]) => {
	const s = xs.slice().sort((a, b) => a - b);
	return s[Math.floor((s.length - 1) / 2)] ?? NaN;
};

/** The endpoint of a request, without ids and query: `GET /_changes`, `PUT /_local`, `POST /_bulk_get`. */
function endpoint(method: string, url: string): string {
	const path = url.split('?')[0]!.split('/').filter(Boolean);
	const tail = path.slice(1).find((p) => p.startsWith('_')) ?? (path.length <= 1 ? '(database)' : '(document)');
	return `${method} ${path[0]?.startsWith('_') ? `/${path[0]}` : `/${tail}`}`;
}

function generateLog(): ReviewEvent[] {
	const deck = readBuiltDeck(buildDir);
	const now = Date.now();
	const clock = { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, rolloverHour: 4 };
	const scheduler = createScheduler(DEFAULT_SETTINGS.scheduler);
	const events: ReviewEvent[] = [];
	for (let copy = 0; events.length < EVENTS + INCREMENT; copy++) {
		const ids = deck.cards.map((c, i) => (copy === 0 ? c.id : `${c.paperId}/bench-${copy}-${i}`));
		const more = simulateLog({ cardIds: ids, events: EVENTS + INCREMENT - events.length, scheduler, clock, startMillis: now - 10 * 365 * DAY, endMillis: now - DAY, seed: copy + 1 });
		events.push(...more.events.map((e) => ({ ...e, id: `${e.id}-${copy}` })));
	}
	return events.sort((a, b) => a.atMillis - b.atMillis);
}

/** The sync status the app stored (its `lastMillis`: the last sync's phases). */
function storedPhases(page: Page): Promise<Record<string, number>> {
	return page.evaluate(
		() =>
			new Promise<Record<string, number>>((resolve, reject) => {
				const open = indexedDB.open('paperdeck');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const get = open.result.transaction('sync').objectStore('sync').get('status');
					get.onsuccess = () => {
						open.result.close();
						resolve((get.result?.value?.lastMillis as Record<string, number>) ?? {});
					};
					get.onerror = () => reject(get.error);
				};
			})
	);
}

async function oneRun(run: number, log: ReviewEvent[], day: ReviewEvent[]): Promise<{ seed: number; steps: Step[] }> {
	let serverTimes: Step['server'] = {};
	const server = await startCouchServer({
		allowedOrigins: [new URL(baseURL).origin],
		onResponse: ({ method, url, millis }) => {
			const key = endpoint(method, url);
			const t = (serverTimes[key] ??= { count: 0, millis: 0 });
			t.count++;
			t.millis += millis;
		}
	});
	const browser = await launchBrowser();
	try {
		const url = await server.createDatabase(`bench${run}`, USER);
		const seed = async (batch: ReviewEvent[]) => {
			for (let i = 0; i < batch.length; i += 5000) {
				const res = await server.admin(`/bench${run}/_bulk_docs`, { method: 'POST', body: JSON.stringify({ new_edits: false, docs: batch.slice(i, i + 5000).map(toDocument) }) });
				if (!res.ok) throw new Error(`seeding: ${res.status}`);
			}
		};
		let t = performance.now();
		await seed(log);
		const seedSeconds = (performance.now() - t) / 1000;

		const page = await browser.context.newPage();
		page.setDefaultTimeout(900_000);
		await page.goto(`${baseURL}/settings/sync`);
		await page.getByTestId('sync-status').waitFor();
		await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
		await page.getByLabel('Database URL').fill(url);
		await page.getByLabel('Username').fill(USER.user);
		await page.getByLabel('Password').fill(USER.password);
		const step = async (): Promise<Step> => {
			await watchLongTasks(page);
			serverTimes = {};
			const start = performance.now();
			await page.getByRole('button', { name: 'Sync now' }).click();
			await page.getByTestId('sync-message').getByText('Synced:').waitFor();
			const seconds = (performance.now() - start) / 1000;
			const message = (await page.getByTestId('sync-message').innerText()).trim();
			const longestTaskMillis = await longestTask(page);
			return { seconds, longestTaskMillis, message, phases: await storedPhases(page), server: serverTimes };
		};
		const steps = [await step()];
		await seed(day);
		steps.push(await step());
		steps.push(await step());
		return { seed: seedSeconds, steps };
	} finally {
		await browser.close();
		await server.stop();
	}
}

function describeStep(name: string, s: Step): string {
	const phases = Object.entries(s.phases)
		.filter(([, ms]) => ms >= 1)
		.map(([k, ms]) => `${k} ${ms} ms`)
		.join(', ');
	const server = Object.entries(s.server)
		.sort((a, b) => b[1].millis - a[1].millis)
		.map(([k, v]) => `${k} ×${v.count} ${Math.round(v.millis)} ms`)
		.join(', ');
	return `  ${name}: ${s.seconds.toFixed(2)} s, longest main-thread task ${describeLongest(s.longestTaskMillis)} — ${s.message}\n    app: ${phases}\n    server: ${server}`;
}

describe('browser benchmarks: sync', () => {
	it(`initial sync of ${EVENTS.toLocaleString('en')} events and a day's incremental sync (median of ${RUNS})`, async () => {
		const lines: string[] = [];
		const names = [`initial sync of ${EVENTS.toLocaleString('en')} events into an empty device`, `a day's incremental sync (${INCREMENT} events from another device)`, 'a sync with nothing new'];
		const results: Step[][] = [];
		try {
			const events = generateLog();
			const [log, day] = [events.slice(0, EVENTS), events.slice(EVENTS)];
			for (let run = 1; run <= RUNS; run++) {
				const { seed, steps } = await oneRun(run, log, day);
				results.push(steps);
				lines.push(`run ${run} (server seeded with ${log.length.toLocaleString('en')} events in ${seed.toFixed(1)} s):`);
				steps.forEach((s, i) => lines.push(describeStep(names[i]!, s)));
			}
			lines.push(`median of ${results.length} run(s), Chromium, loopback:`);
			names.forEach((name, i) => {
				const times = results.map((r) => r[i]!.seconds);
				lines.push(`  ${name}: ${median(times).toFixed(2)} s (runs: ${times.map((x) => x.toFixed(2)).join(', ')}; longest main-thread task ${describeLongest(median(results.map((r) => r[i]!.longestTaskMillis)))})`);
			});
		} finally {
			console.log(`\n${lines.join('\n')}\n`);
		}
	});
});
