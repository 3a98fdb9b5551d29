/**
 * `npm run bench:browser`: sync at 100,000 events, in Chromium on the built app, through the
 * /settings/sync page as a person uses it, against a CouchDB-protocol server on loopback
 * (express-pouchdb): the initial sync of a 100,000-event log into an empty device, then a day's
 * incremental sync (200 events another device pushed), then a sync with nothing new. Prints each
 * step's time and the longest main-thread task; benchmarks report, never fail.
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

const baseURL = inject('baseURL');
const buildDir = inject('buildDir');
const EVENTS = 100_000;
const DAY = 86_400_000;
const USER = { user: 'bench', password: 'bench secret' };

async function timed(page: Page, what: string, work: () => Promise<unknown>): Promise<string> {
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
	await work();
	const seconds = (performance.now() - start) / 1000;
	const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
	return `${what}: ${seconds.toFixed(2)} s (longest main-thread task ${Math.round(longest)} ms)`;
}

describe('browser benchmarks: sync', () => {
	it(`initial sync of ${EVENTS.toLocaleString('en')} events and a day's incremental sync`, async () => {
		const server = await startCouchServer({ allowedOrigins: [new URL(baseURL).origin] });
		const browser = await launchBrowser();
		const lines: string[] = [];
		try {
			const deck = JSON.parse(readFileSync(join(buildDir, 'deck.json'), 'utf8')) as { cards: { id: string; paperId: string }[] };
			const now = Date.now();
			const clock = { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, rolloverHour: 4 };
			const scheduler = createScheduler(DEFAULT_SETTINGS.scheduler);
			const events: ReviewEvent[] = [];
			for (let copy = 0; events.length < EVENTS + 200; copy++) {
				const ids = deck.cards.map((c, i) => (copy === 0 ? c.id : `${c.paperId}/bench-${copy}-${i}`));
				const more = simulateLog({ cardIds: ids, events: EVENTS + 200 - events.length, scheduler, clock, startMillis: now - 10 * 365 * DAY, endMillis: now - DAY, seed: copy + 1 });
				events.push(...more.events.map((e) => ({ ...e, id: `${e.id}-${copy}` })));
			}
			events.sort((a, b) => a.atMillis - b.atMillis);
			const [log, day] = [events.slice(0, EVENTS), events.slice(EVENTS)];
			const url = await server.createDatabase('bench', USER);
			const seed = async (batch: ReviewEvent[]) => {
				for (let i = 0; i < batch.length; i += 5000) {
					const res = await server.admin('/bench/_bulk_docs', { method: 'POST', body: JSON.stringify({ new_edits: false, docs: batch.slice(i, i + 5000).map(toDocument) }) });
					if (!res.ok) throw new Error(`seeding: ${res.status}`);
				}
			};
			let t = performance.now();
			await seed(log);
			lines.push(`server seeded with ${log.length.toLocaleString('en')} events in ${((performance.now() - t) / 1000).toFixed(1)} s`);

			const page = await browser.context.newPage();
			page.setDefaultTimeout(900_000);
			await page.goto(`${baseURL}/settings/sync`);
			await page.getByTestId('sync-status').waitFor();
			await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
			await page.getByLabel('Database URL').fill(url);
			await page.getByLabel('Username').fill(USER.user);
			await page.getByLabel('Password').fill(USER.password);
			const synced = async () => {
				await page.getByRole('button', { name: 'Sync now' }).click();
				await page.getByTestId('sync-message').getByText('Synced:').waitFor();
				return page.getByTestId('sync-message').innerText();
			};
			let message = '';
			lines.push(await timed(page, `initial sync of ${EVENTS.toLocaleString('en')} events into an empty device`, async () => (message = await synced())));
			lines.push(`  ${message.trim()}`);

			await seed(day);
			lines.push(await timed(page, "a day's incremental sync (200 events from another device)", async () => (message = await synced())));
			lines.push(`  ${message.trim()}`);

			lines.push(await timed(page, 'a sync with nothing new', async () => (message = await synced())));
			lines.push(`  ${message.trim()}`);
		} finally {
			console.log(`\n${lines.join('\n')}\n`);
			await browser.close();
			await server.stop();
		}
	});
});
