/**
 * A paper of the user's own has no prerendered page: `/papers/u_…` is rendered by the app shell
 * (adapter-static's `200.html`). Online the host rewrites those paths to it (README, "Hosting"; the
 * test server does the same); offline the service worker serves the precached shell.
 */
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Server } from 'node:http';
import { controlledByServiceWorker } from './appPage.ts';
import { launchBrowser, type Browser } from './chromium.ts';
import { startStaticServer } from './staticServer.ts';

const baseURL = inject('baseURL');
const buildDir = inject('buildDir');

describe("deep links to the user's own papers", () => {
	let browser: Browser;
	beforeEach(async () => {
		browser = await launchBrowser();
	});
	afterEach(async () => {
		await browser.close();
	});

	it('a reload of /papers/u_… renders the paper online (host rewrite) and offline (service worker)', async () => {
		const page = await browser.context.newPage();
		await page.goto(`${baseURL}/papers`);
		await page.getByTestId('paper-count').waitFor();
		await page.getByRole('button', { name: 'Add a paper' }).click();
		await page.getByRole('textbox', { name: 'Title (required)' }).fill('Deep link test paper');
		await page.getByRole('button', { name: 'Save' }).click();
		await page.waitForURL(/\/papers\/u_[a-z0-9]+$/);
		const url = page.url();

		const online = await page.goto(url);
		expect(online?.status()).toBe(200);
		await expect.poll(() => page.locator('h1').textContent()).toBe('Deep link test paper');

		await controlledByServiceWorker(page);
		await browser.context.setOffline(true);
		const offline = await page.goto(url);
		expect(offline?.fromServiceWorker()).toBe(true);
		await expect.poll(() => page.locator('h1').textContent()).toBe('Deep link test paper');
		// An unknown deck path is not swallowed by the shell: only own papers fall back to it.
		const other = await page.goto(`${baseURL}/no-such-page`).catch((e: Error) => e);
		expect(other instanceof Error ? other.message : String(other?.status())).toMatch(/ERR_INTERNET_DISCONNECTED|404/);
	});

	it('control: a host without the rewrite answers 404 for the same deep link', async () => {
		let server: Server | undefined;
		try {
			const bare = await startStaticServer(buildDir, 0, { noShellRewrite: true });
			server = bare.server;
			const page = await browser.context.newPage();
			const response = await page.goto(`${bare.url}/papers/u_abc123`);
			expect(response?.status()).toBe(404);
			const withRewrite = await page.goto(`${baseURL}/papers/u_abc123`);
			expect(withRewrite?.status()).toBe(200);
			// The shell renders the app's own "not found" for a paper this profile does not have.
			await expect.poll(() => page.locator('h1').textContent()).not.toBe('');
		} finally {
			// The browser keeps its connection alive: drop it, or close() waits for the keep-alive timeout.
			server?.closeAllConnections();
			await new Promise((ok) => (server ? server.close(() => ok(null)) : ok(null)));
		}
	});
});
