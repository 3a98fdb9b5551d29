import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { controlledByServiceWorker, gradeShown, openReview, reviewsPerCard } from './appPage.ts';
import { launchBrowser, type Browser } from './chromium.ts';
import { startStaticServer } from './staticServer.ts';
import { builtDeckFiles, builtLaterFiles, laterCachePaths } from './builtDeck.ts';
import { LATER_CACHE } from '../../src/lib/pwa/keepLater.ts';
import { PRECACHE_FETCHES } from '../../src/lib/pwa/installInParallel.ts';

const baseURL = inject('baseURL');
const buildDir = inject('buildDir');

describe('install and update in a real Chromium', () => {
	let browser: Browser;
	beforeEach(async () => {
		browser = await launchBrowser();
	});
	afterEach(async () => {
		await browser.close();
	});

	it("installs a precache under 2.5 MB without the library's HTML or the renderers, and fetches both once it is installed", async () => {
		const page = await browser.context.newPage();
		await page.goto(`${baseURL}/`);
		await controlledByServiceWorker(page);
		const installed = await page.evaluate(async () => {
			const cache = await caches.open((await caches.keys()).find((k) => k.includes('precache'))!);
			let bytes = 0;
			const urls: string[] = [];
			for (const request of await cache.keys()) {
				urls.push(new URL(request.url).pathname);
				bytes += (await (await cache.match(request))!.arrayBuffer()).byteLength;
			}
			return { bytes, urls };
		});
		expect(installed.urls).toEqual(expect.arrayContaining([...(await builtDeckFiles(baseURL)), '/200.html', '/library.json', '/review', '/stats', '/settings']));
		expect(installed.urls.filter((u) => u.includes('/workers/chunks/') || u.startsWith('/papers'))).toEqual([]);
		const later = await builtLaterFiles(baseURL);
		expect(later).toHaveLength(2);
		expect(installed.urls.filter((u) => later.includes(u))).toEqual([]);
		// The budget: what a first visit downloads before the app works offline.
		expect(installed.bytes).toBeLessThan(2.5e6);
		await expect.poll(() => page.evaluate(laterCachePaths, LATER_CACHE)).toEqual(await builtLaterFiles(baseURL, { pages: true }));
		// The library's prerendered HTML, kept, answers its navigation (the app shell has no papers in it).
		const library = await page.goto(`${baseURL}/papers`);
		expect(library?.fromServiceWorker()).toBe(true);
		expect(await library?.text()).toBe(await (await fetch(`${baseURL}/papers`)).text());

		// Online, a worker's renderer chunk is fetched and kept; offline it is then served from that cache.
		const chunk = `/_app/immutable/workers/chunks/${readdirSync(join(buildDir, '_app/immutable/workers/chunks')).find((f) => f.endsWith('.js'))!}`;
		const fetchChunk = (url: string) => page.evaluate(async (u) => (await fetch(u)).text(), url);
		const online = await fetchChunk(chunk);
		await expect.poll(() => page.evaluate(async (u) => Boolean(await caches.match(u, { cacheName: 'paperdeck-worker-chunks' })), chunk)).toBe(true);
		await browser.context.setOffline(true);
		expect(await fetchChunk(chunk)).toBe(online);
		expect(await fetchChunk(later[0]!)).toBe(readFileSync(join(buildDir, later[0]!), 'utf8'));
	});

	it('offline, a renderer file not yet in the later cache is served as the page loaded it (the HTTP cache)', async () => {
		// A first visit's own-paper form loads the renderer before the worker controls the page; going
		// offline before the worker's own fetch of it is done must not break that paper's page.
		const page = await browser.context.newPage();
		await page.goto(`${baseURL}/`);
		await controlledByServiceWorker(page);
		const later = await builtLaterFiles(baseURL);
		await expect.poll(() => page.evaluate(laterCachePaths, LATER_CACHE)).toEqual(await builtLaterFiles(baseURL, { pages: true }));
		await page.evaluate((name) => caches.delete(name), LATER_CACHE);
		await browser.context.setOffline(true);
		const offline = await page.evaluate(async (urls) => Promise.all(urls.map(async (u) => (await fetch(u).catch(() => null))?.status ?? 'failed')), later);
		expect(offline).toEqual(later.map(() => 200));
	});

	it('installs its precache several files at a time, not one round trip after another', async () => {
		// Every response takes 200 ms to start, as on a phone network. Registered from a page that loads
		// nothing else, every request after /sw.js is the install's.
		let inFlight = 0;
		let most = 0;
		let requests = 0;
		const slow = await startStaticServer(buildDir, 0, {
			link: { bytesPerSecond: 50e6, latencyMs: 200 },
			watch: (path, phase) => {
				if (path === '/sw.js' || path === '/favicon.svg') return;
				if (phase === 'start') requests++;
				inFlight += phase === 'start' ? 1 : -1;
				most = Math.max(most, inFlight);
			}
		});
		try {
			const page = await browser.context.newPage();
			await page.goto(`${slow.url}/favicon.svg`);
			await page.evaluate(async () => {
				await navigator.serviceWorker.register('/sw.js');
				await navigator.serviceWorker.ready;
			});
			expect(requests).toBeGreaterThan(100);
			// Workbox's own install had one request in flight at a time (Chromium lets a worker have three).
			expect(most).toBeGreaterThanOrEqual(3);
			expect(most).toBeLessThanOrEqual(PRECACHE_FETCHES);
		} finally {
			await new Promise<void>((done) => slow.server.close(() => done()));
		}
	});

	it("registers the service worker once a first visit's deck import is done, not during it", async () => {
		const page = await browser.context.newPage();
		await page.addInitScript(() => {
			const w = window as unknown as { registeredAt?: number };
			const register = ServiceWorkerContainer.prototype.register;
			ServiceWorkerContainer.prototype.register = function (this: ServiceWorkerContainer, ...args: Parameters<typeof register>) {
				w.registeredAt ??= performance.now();
				return register.apply(this, args);
			};
		});
		await page.goto(`${baseURL}/`);
		await controlledByServiceWorker(page);
		const at = await page.evaluate(() => {
			const open = performance.getEntriesByName('pd:open')[0]!;
			return { registered: (window as unknown as { registeredAt: number }).registeredAt, imported: open.startTime + open.duration };
		});
		expect(at.registered).toBeGreaterThanOrEqual(at.imported);
	});

	it('is installable: Chromium reports no installability errors and a complete manifest', async () => {
		const page = await browser.context.newPage();
		const cdp = await browser.context.newCDPSession(page);
		// Control: a page without the manifest is not installable, so the check below can fail.
		await page.goto(`${baseURL}/favicon.svg`);
		expect((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors.length).toBeGreaterThan(0);

		await page.goto(`${baseURL}/`);
		await controlledByServiceWorker(page);
		expect((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors).toEqual([]);
		const manifest = await cdp.send('Page.getAppManifest');
		expect(manifest.errors).toEqual([]);
		const m = JSON.parse(manifest.data!) as Record<string, unknown> & { icons: { sizes: string; purpose: string }[] };
		expect(m).toMatchObject({ name: expect.any(String), short_name: 'Paperdeck', display: 'standalone', start_url: '/' });
		for (const key of ['description', 'theme_color', 'background_color']) expect(m[key]).toBeTruthy();
		expect(m.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
	});

	describe('with a build the test can change', () => {
		let root: string;
		let server: Server;
		let url: string;
		beforeEach(async () => {
			root = mkdtempSync(join(tmpdir(), 'paperdeck-update-'));
			cpSync(buildDir, root, { recursive: true });
			({ server, url } = await startStaticServer(root));
		});
		afterEach(async () => {
			await new Promise<void>((done) => server.close(() => done()));
			rmSync(root, { recursive: true, force: true });
		});

		it('announces a waiting new version without switching to it, and Reload activates it', async () => {
			const page = await browser.context.newPage();
			await openReview(page, url);
			await controlledByServiceWorker(page);
			await gradeShown(page, '4');
			const prompt = page.getByRole('status').filter({ hasText: 'A new version is ready' });

			// No new version: checking for one shows nothing.
			await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
			await page.waitForTimeout(500);
			expect(await prompt.count()).toBe(0);

			// A new version is deployed: it installs and waits; the page is not reloaded under the user.
			appendFileSync(
				join(root, 'sw.js'),
				'\nself.addEventListener("message", (e) => { if (e.data === "version?") e.source.postMessage("v2"); });\n'
			);
			await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
			await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
			await prompt.waitFor();
			const waiting = await page.evaluate(async () => {
				const r = (await navigator.serviceWorker.getRegistration())!;
				return { waiting: !!r.waiting, marker: (window as unknown as { marker?: number }).marker };
			});
			expect(waiting).toEqual({ waiting: true, marker: 42 });
			// Still studying: the card on screen can be answered while the prompt shows.
			await gradeShown(page, '4');

			await page.getByRole('button', { name: 'Reload' }).click();
			await page.waitForFunction(() => !(window as unknown as { marker?: number }).marker);
			await page.locator('article.card').waitFor();
			await controlledByServiceWorker(page);
			const version = await page.evaluate(
				() =>
					new Promise<string>((resolve) => {
						navigator.serviceWorker.addEventListener('message', (e) => resolve(e.data as string), { once: true });
						navigator.serviceWorker.controller!.postMessage('version?');
					})
			);
			expect(version).toBe('v2');
			expect(await prompt.count()).toBe(0);
			expect((await reviewsPerCard(page)).size).toBe(2);
		});

		it('"Later" hides the prompt and keeps the current version', async () => {
			const page = await browser.context.newPage();
			await page.goto(`${url}/`);
			await controlledByServiceWorker(page);
			appendFileSync(join(root, 'sw.js'), '\n// a new version\n');
			await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
			const prompt = page.getByRole('status').filter({ hasText: 'A new version is ready' });
			await prompt.waitFor();
			await page.getByRole('button', { name: 'Later' }).click();
			expect(await prompt.count()).toBe(0);
			expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())!.waiting)).toBe(true);
		});
	});
});
