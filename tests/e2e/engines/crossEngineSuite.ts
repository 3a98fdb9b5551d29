/**
 * The cross-engine suite: what every person does, in Chromium, Firefox and WebKit alike. Each
 * engine's test file calls `crossEngineSuite(engine)`; the long Chromium-only tests (axe, touch
 * over CDP, Lighthouse, benchmarks) stay in their own files.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { builtLaterFiles, laterCachePaths, readBuiltDeck } from '../builtDeck.ts';
import { LATER_CACHE } from '../../../src/lib/pwa/keepLater.ts';
import { ROUTES } from '../routes.ts';
import { startStaticServer } from '../staticServer.ts';
import {
	controlledByServiceWorker,
	gradeByClick,
	gradeByKeyboard,
	keepDownloads,
	lastDownload,
	openDataPage,
	openPage,
	openReview,
	questionText,
	schedules,
	todayNumbers
} from './appSteps.ts';
import type { EngineName, EnginePage, LaunchOptions } from './enginePage.ts';
import { injectErrorRecorder, pageErrors } from './errorRecorder.ts';
import { launchEngine } from './launchEngine.ts';

export function crossEngineSuite(engine: EngineName): void {
	const baseURL = inject('baseURL');
	const buildDir = inject('buildDir');
	const open: EnginePage[] = [];
	const launch = async (options?: LaunchOptions) => {
		const page = await launchEngine(engine, options);
		open.push(page);
		return page;
	};
	afterEach(async () => {
		await Promise.all(open.splice(0).map((p) => p.close()));
	});

	describe(`in ${engine}`, () => {
		// LANG=C makes WebKitGTK report navigator.language "C", which is no BCP 47 tag: uPlot's
		// module threw on it and /stats showed "500 Internal Error" (tools/uplotLocaleGuard.ts).
		it('renders every route on a first visit with no error, also under the POSIX locale', async () => {
			const page = await launch({ env: { LANG: 'C', LC_ALL: 'C' } });
			for (const route of ROUTES) {
				await page.goto(`${baseURL}${route.path}`);
				await page.waitFor(route.ready);
				await page.waitUntil(() => !document.querySelector('[aria-busy="true"]'));
				expect(await pageErrors(page), route.path).toEqual([]);
			}
		});

		it("a first visit shows today's numbers on / while the deck is imported, and storage agrees after", async () => {
			const page = await launch();
			await page.goto(`${baseURL}/`);
			const numbers = () =>
				['due-count', 'new-count', 'answered-count'].map((id) => (document.querySelector(`[data-testid="${id}"]`) as HTMLElement | null)?.innerText.trim() ?? '');
			// Shown while the import is still under way (its end is measured as pd:open).
			await page.waitUntil(() => /^\d+$/.test(document.querySelector('[data-testid="new-count"]')?.textContent?.trim() ?? '') && performance.getEntriesByName('pd:open').length === 0);
			const during = await page.evaluate(numbers);
			expect(during).toEqual(['0', '20', '0']);
			await page.waitUntil(() => performance.getEntriesByName('pd:open').length > 0);
			await page.reload();
			await page.waitFor('[aria-label="Today\'s study"][aria-busy="false"]');
			expect(await page.evaluate(numbers)).toEqual(during);
			expect(await pageErrors(page)).toEqual([]);
		});

		// WebKit kept the left page's import transaction open (the page cached for back and forward),
		// and /review then waited forever for the collection.
		it('a first visit left during the deck import: the next page imports the whole deck and shows a card', async () => {
			const page = await launch();
			await page.goto(`${baseURL}/`);
			// The deck parsed (by the task worker): it is being written.
			await page.waitUntil(() => performance.getEntriesByName('pd:deck-parsed').length > 0);
			expect(await page.evaluate(() => performance.getEntriesByName('pd:open').length), 'the import was still under way').toBe(0);
			await page.goto(`${baseURL}/review`);
			await page.waitFor('article.card');
			const stored = await page.evaluate(
				() =>
					new Promise<number>((resolve, reject) => {
						const open = indexedDB.open('paperdeck');
						open.onerror = () => reject(open.error);
						open.onsuccess = () => {
							const count = open.result.transaction('states').objectStore('states').count();
							count.onsuccess = () => resolve(count.result);
						};
					})
			);
			expect(stored).toBe(readBuiltDeck(buildDir).cards.length);
			expect(await pageErrors(page)).toEqual([]);
		});

		it('reviews ten cards by keyboard and by click; reload keeps the progress; undo restores a card', async () => {
			const page = await launch();
			expect(await todayNumbers(page, baseURL)).toMatchObject({ answered: 0, fresh: 20 });
			await openReview(page, baseURL);
			const seen = new Set<string>();
			for (const key of ['3', '4', '3', '1', '3']) seen.add(await gradeByKeyboard(page, key));
			for (const grade of ['Good', 'Easy', 'Good', 'Hard', 'Good'] as const) seen.add(await gradeByClick(page, grade));
			expect(seen.size).toBe(10);

			await page.reload();
			await page.waitFor('article.card');
			expect(seen.has(await questionText(page))).toBe(false);
			expect(await todayNumbers(page, baseURL)).toMatchObject({ answered: 10, fresh: 10 });

			await openReview(page, baseURL);
			const before = await questionText(page);
			await gradeByKeyboard(page, '3');
			await page.press('Control+z');
			await page.waitUntil((q: string) => (document.querySelector('article.card .face') as HTMLElement | null)?.innerText.trim() === q && !!document.querySelector('button.show'), before);
			expect(await todayNumbers(page, baseURL)).toMatchObject({ answered: 10, fresh: 10 });
			expect(await pageErrors(page)).toEqual([]);
		});

		it('works offline from the service worker once it has taken control', async () => {
			// A server of this test's own, so stopping it takes the network away from this page only.
			const { server, url } = await startStaticServer(buildDir, 0, { transformHtml: injectErrorRecorder });
			const page = await launch();
			try {
				await page.goto(`${url}/`);
				await page.waitFor('[data-testid="due-count"]:not(:empty)');
				await controlledByServiceWorker(page);
				// The files fetched after the install (the own-content renderer) are kept too.
				const later = await builtLaterFiles(url);
				expect(later.length).toBeGreaterThan(0);
				await expect.poll(() => page.evaluate(laterCachePaths, LATER_CACHE)).toEqual(await builtLaterFiles(url, { pages: true }));
			} finally {
				await new Promise<void>((done) => server.close(() => done()));
				server.closeAllConnections();
			}
			await page.goto(`${url}/review`);
			await page.waitFor('article.card');
			const q = await gradeByKeyboard(page, '3');
			expect(q).not.toBe('');
			await page.goto(`${url}/stats`);
			await page.waitFor('[data-testid="readiness"]');
			const later = await builtLaterFiles(baseURL);
			const kept = await page.evaluate(async (paths: string[]) => Promise.all(paths.map(async (p) => (await fetch(p)).status)), later);
			expect(kept).toEqual(later.map(() => 200));
			// The library, never opened online: its HTML fetched after the install.
			await page.goto(`${url}/papers`);
			await page.waitFor('[data-testid="paper-count"]');
			const papers = ((await (await fetch(`${baseURL}/library.json`)).json()) as { papers: unknown[] }).papers.length;
			expect(await page.text('[data-testid="paper-count"]')).toContain(String(papers));
			expect(await pageErrors(page).then((e) => e.filter((x) => !x.startsWith('resource')))).toEqual([]);
		});

		it('draws the statistics charts from the reviews', async () => {
			const page = await launch();
			await openReview(page, baseURL);
			for (const key of ['3', '1', '4']) await gradeByKeyboard(page, key);
			await page.goto(`${baseURL}/stats`);
			await page.waitFor('[data-testid="readiness"]');
			await page.waitFor('figure.chart-figure canvas');
			const charts = await page.evaluate(() =>
				[...document.querySelectorAll('figure.chart-figure')]
					.filter((f) => f.querySelector('canvas'))
					.map((f) => {
						const canvas = f.querySelector('canvas')!;
						return { id: f.getAttribute('data-testid'), drawn: canvas.width > 0 && canvas.height > 0 };
					})
			);
			expect(charts.length).toBeGreaterThan(2);
			expect(charts.filter((c) => !c.drawn)).toEqual([]);
			// The summaries are worded from the reviews just made.
			expect(await page.text('[data-testid="summary-per-day"]')).toMatch(/\b3 answers\b/);
			expect(await pageErrors(page)).toEqual([]);
		});

		it('Backup & data appears once, read: its buttons do not move under a tap', async () => {
			// A tap meant for "Export backup" landed on the text above it in WebKit: the sections grew
			// as the collection's figures arrived. The page now shows its sections once it has read
			// them. Recorded on every DOM change of a client-side visit, so every layout is seen.
			const page = await launch();
			await openReview(page, baseURL);
			await gradeByKeyboard(page, '3');
			await openPage(page, `${baseURL}/settings`);
			await page.evaluate(() => {
				const seen: (number | null)[] = [];
				(window as unknown as { __pdExportTops: (number | null)[] }).__pdExportTops = seen;
				new MutationObserver(() => {
					if (!location.pathname.endsWith('/settings/data')) return;
					const button = [...document.querySelectorAll('main button')].find((b) => b.textContent?.trim() === 'Export backup');
					seen.push(button ? Math.round(button.getBoundingClientRect().top + scrollY) : null);
				}).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
			});
			await page.click({ role: 'link', name: 'Backup & data' });
			await page.waitFor('[data-testid="event-count"]');
			await page.waitUntil(() => !document.querySelector('main [aria-busy="true"]'));
			const tops = await page.evaluate(() => (window as unknown as { __pdExportTops: (number | null)[] }).__pdExportTops);
			const placed = tops.filter((top): top is number => top !== null);
			expect(placed.length, 'the button was seen').toBeGreaterThan(0);
			expect(new Set(placed), `the button's places: ${placed.join(', ')}`).toEqual(new Set([placed.at(-1)]));
			expect(await pageErrors(page)).toEqual([]);
		});

		it('exports a backup and imports it into a fresh profile with the same due dates', async () => {
			const dir = mkdtempSync(join(tmpdir(), 'paperdeck-engine-backup-'));
			try {
				const a = await launch();
				await openReview(a, baseURL);
				for (const key of ['4', '3', '1', '3']) await gradeByKeyboard(a, key);
				const before = await schedules(a);
				expect(Object.keys(before)).toHaveLength(4);
				await openDataPage(a, baseURL);
				await keepDownloads(a);
				await a.click({ role: 'button', name: 'Export backup' });
				const file = join(dir, 'backup.json');
				writeFileSync(file, await lastDownload(a));

				const b = await launch();
				await openDataPage(b, baseURL);
				await b.upload('#import-file', file);
				await b.click({ role: 'button', name: 'Import 4 events' });
				await b.waitFor('[data-testid="import-done"]');
				expect(await schedules(b)).toEqual(before);
				expect(await pageErrors(b)).toEqual([]);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		});

		it('switches the interface to Chinese', async () => {
			const page = await launch();
			await page.goto(`${baseURL}/settings`);
			await page.waitFor('#language');
			await page.select('#language', 'zh-CN');
			await page.goto(`${baseURL}/`);
			await page.waitFor('[data-testid="due-count"]:not(:empty)');
			await page.waitUntil(() => document.documentElement.lang === 'zh-CN' && /今天|复习/.test(document.body.innerText));
			expect(await pageErrors(page)).toEqual([]);
		});
	});
}
