import { existsSync, rmSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { newProfile } from '../chromium.ts';
import { pollUntil, resolveTarget, WAIT_MS, type EnginePage, type LaunchOptions } from './enginePage.ts';

/** Debian's Firefox ESR, or the binary named by FIREFOX_PATH; a clear message when there is neither. */
export function findFirefox(): string {
	const found = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p): p is string => !!p && existsSync(p));
	if (!found) throw new Error('Firefox is missing: `apt-get install firefox-esr` (or set FIREFOX_PATH).');
	return found;
}

/** puppeteer names the space key by its character. */
const KEY_NAMES: Record<string, string> = { Space: ' ' };

/** Firefox over WebDriver BiDi (puppeteer-core), on a fresh profile deleted on close. */
export async function launchFirefox(options: LaunchOptions = {}): Promise<EnginePage> {
	const dir = newProfile();
	const browser = await puppeteer.launch({
		browser: 'firefox',
		executablePath: findFirefox(),
		headless: true,
		userDataDir: dir,
		env: { ...process.env, ...options.env },
		defaultViewport: { width: options.width ?? 1000, height: options.height ?? 800 },
		// No telemetry, updates or remote settings on a machine with no network.
		extraPrefsFirefox: { 'browser.shell.checkDefaultBrowser': false, 'app.update.enabled': false, 'network.captive-portal-service.enabled': false }
	});
	const page = (await browser.pages())[0] ?? (await browser.newPage());
	page.setDefaultTimeout(WAIT_MS);
	const self: EnginePage = {
		engine: 'firefox',
		async goto(url) {
			await page.goto(url, { waitUntil: 'load' });
		},
		async reload() {
			await page.reload({ waitUntil: 'load' });
		},
		evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
		waitUntil: (fn, arg, timeoutMs = WAIT_MS) => pollUntil(self, fn, arg as never, timeoutMs, String(fn)),
		async waitFor(selector, timeoutMs = WAIT_MS) {
			await page.waitForSelector(selector, { timeout: timeoutMs });
		},
		async click(target) {
			await page.click(await resolveTarget(self, target));
		},
		async press(key) {
			const parts = key.split('+').map((k) => KEY_NAMES[k] ?? k);
			const last = parts.pop()!;
			for (const m of parts) await page.keyboard.down(m as never);
			await page.keyboard.press(last as never);
			for (const m of parts.reverse()) await page.keyboard.up(m as never);
		},
		async fill(target, text) {
			const selector = await resolveTarget(self, target);
			await page.$eval(selector, (el) => ((el as HTMLInputElement).value = ''));
			await page.type(selector, text);
		},
		async select(target, value) {
			await page.select(await resolveTarget(self, target), value);
		},
		async upload(selector, path) {
			const input = await page.$(selector);
			if (!input) throw new Error(`No file input ${selector}`);
			await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(path);
		},
		text: (selector) => page.$eval(selector, (el) => (el as HTMLElement).innerText),
		async screenshot(path) {
			await page.screenshot({ path: path as `${string}.png` });
		},
		async close() {
			await browser.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
	return self;
}
