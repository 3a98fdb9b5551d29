import { rmSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium, newProfile } from '../chromium.ts';
import { resolveTarget, WAIT_MS, type EnginePage, type LaunchOptions } from './enginePage.ts';

/** Debian's Chromium through playwright-core, on a fresh profile deleted on close. */
export async function launchChromium(options: LaunchOptions = {}): Promise<EnginePage> {
	const dir = newProfile();
	const context = await chromium.launchPersistentContext(dir, {
		executablePath: findChromium(),
		headless: true,
		args: CHROMIUM_ARGS,
		env: { ...process.env, ...options.env },
		viewport: { width: options.width ?? 1000, height: options.height ?? 800 }
	});
	const page = context.pages()[0] ?? (await context.newPage());
	const self: EnginePage = {
		engine: 'chromium',
		async goto(url) {
			await page.goto(url, { waitUntil: 'load' });
		},
		async reload() {
			await page.reload({ waitUntil: 'load' });
		},
		evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
		async waitUntil(fn, arg, timeoutMs = WAIT_MS) {
			await page.waitForFunction(fn as never, arg, { timeout: timeoutMs, polling: 50 });
		},
		async waitFor(selector, timeoutMs = WAIT_MS) {
			await page.locator(selector).first().waitFor({ timeout: timeoutMs });
		},
		async click(target) {
			await page.locator(await resolveTarget(self, target)).first().click();
		},
		async press(key) {
			await page.keyboard.press(key);
		},
		async fill(target, text) {
			await page.locator(await resolveTarget(self, target)).first().fill(text);
		},
		async select(target, value) {
			await page.locator(await resolveTarget(self, target)).first().selectOption(value);
		},
		async upload(selector, path) {
			await page.locator(selector).setInputFiles(path);
		},
		text: (selector) => page.locator(selector).first().innerText(),
		async screenshot(path) {
			await page.screenshot({ path });
		},
		async close() {
			await context.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
	return self;
}
