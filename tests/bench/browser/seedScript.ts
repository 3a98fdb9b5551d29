/**
 * The in-page seeding script (seedCollection.ts) bundled for injection into the built app's page, and
 * a helper that seeds a profile and restarts the browser on it, as a user opens the app another day.
 */
import { build } from 'vite';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from '../../e2e/chromium.ts';

export async function seedScript(): Promise<string> {
	const out = await build({
		configFile: false,
		logLevel: 'error',
		build: {
			write: false,
			minify: true,
			lib: { entry: new URL('./seedCollection.ts', import.meta.url).pathname, formats: ['es'], fileName: 'seed' }
		}
	});
	const outputs = (Array.isArray(out) ? out : [out]) as { output: { type: string; code?: string }[] }[];
	return outputs[0]!.output.find((o) => o.type === 'chunk')!.code!;
}

/** Seeds `collection` into `profile` through the app's own storage layer; returns what was seeded. */
export async function seedProfile(
	baseURL: string,
	profile: string,
	collection: { cards: number; events: number },
	code: string
): Promise<{ cards: number; events: number; millis: number }> {
	const browser: Browser = await launchBrowser({}, profile);
	try {
		const page: Page = await browser.context.newPage();
		await page.goto(`${baseURL}/`);
		await page.locator('[aria-busy="false"]').first().waitFor({ timeout: 120_000 });
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await page.addScriptTag({ content: code, type: 'module' });
		await page.waitForFunction(() => '__paperdeckBench' in window);
		return await page.evaluate(
			(c) => (window as unknown as { __paperdeckBench: { seed(c: unknown): Promise<{ cards: number; events: number; millis: number }> } }).__paperdeckBench.seed(c),
			collection
		);
	} finally {
		await browser.close();
	}
}
