/**
 * Search-as-you-type latency on the full deck, in Chromium, on the built app (`npm run build` first).
 * Each keystroke is timed in the page from its `beforeinput` event to the next frame after it (the results
 * drawn: script, DOM update, style, layout and paint), plus the app's own mark from the input to the
 * DOM updated (`pd:search-to-results`). Runs unthrottled and with the CPU slowed 4× (a mid-range
 * phone). Prints the medians; vitest's own table times whole typed queries.
 *
 * Run with `npm run build && npm run bench -- searchLatency`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { launchBrowser, type Browser } from '../e2e/chromium.ts';
import { startStaticServer } from '../e2e/staticServer.ts';

const buildDir = join(process.cwd(), 'build');
const built = existsSync(join(buildDir, 'index.html'));

const QUERIES = {
	browse: ['attention', 'low rank', 'sqrt', 'reward model', 'kv cache', 'mixture of experts'],
	papers: ['transformer', '1706.03762', 'google', 'diffusion', 'rlhf', 'instruction']
};

/** Times every keystroke in the page: from `beforeinput` (the value still unchanged) to the next frame after it. */
const timeKeystrokes = () => {
	const w = window as unknown as { keystrokeMillis: number[] };
	w.keystrokeMillis = [];
	document.addEventListener(
		'beforeinput',
		() => {
			const t0 = performance.now();
			requestAnimationFrame(() => setTimeout(() => w.keystrokeMillis.push(performance.now() - t0)));
		},
		true
	);
};

const median = (xs: number[]) => {
	const s = xs.slice().sort((a, b) => a - b);
	return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const p95 = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(0.95 * (xs.length - 1))]!;

let browser: Browser | undefined;
let closeServer: (() => void) | undefined;
const pages: Record<string, Page> = {};
/** Per page and CPU speed: every keystroke's times, over every run of the task. */
const samples = new Map<string, { frames: number[]; dom: number[] }>();

// Hooks at the top level: vitest's bench mode runs those, not hooks inside a describe.
beforeAll(async () => {
	if (!built) return;
	const { server, url } = await startStaticServer(buildDir);
	closeServer = () => server.close();
	browser = await launchBrowser({ serviceWorkers: 'block' });
	await browser.context.addInitScript(timeKeystrokes);
	for (const [name, path, ready] of [
		['browse', '/browse', '[data-testid="card-count"]'],
		['papers', '/papers', '.progress .counts']
	] as const) {
		const page = await browser.context.newPage();
		await page.goto(`${url}${path}`);
		await page.locator(ready).first().waitFor();
		pages[name] = page;
	}
}, 120_000);

afterAll(async () => {
	const lines = [...samples].map(
		([label, { frames, dom }]) =>
			`  ${label}: ${frames.length} keystrokes; input to next frame median ${median(frames).toFixed(1)} ms ` +
			`(p95 ${p95(frames).toFixed(1)}); input to DOM updated median ${median(dom).toFixed(1)} ms`
	);
	if (lines.length > 0) console.log(`\nSearch latency per keystroke on the full deck:\n${lines.join('\n')}\n`);
	await browser?.close();
	closeServer?.();
});

async function typeAll(name: 'browse' | 'papers', throttle: number) {
	const page = pages[name]!;
	// A background tab gets no animation frames: the page typed into must be the one in front.
	await page.bringToFront();
	const cdp = await browser!.context.newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
	await page.evaluate(() => {
		(window as unknown as { keystrokeMillis: number[] }).keystrokeMillis = [];
		performance.clearMeasures('pd:search-to-results');
	});
	const input = page.locator('input[type="search"]');
	for (const q of QUERIES[name]) {
		await input.fill('');
		await input.click();
		await page.keyboard.type(q, { delay: 60 * throttle });
		await page.waitForTimeout(100 * throttle);
	}
	const { frames, dom } = await page.evaluate(() => ({
		frames: (window as unknown as { keystrokeMillis: number[] }).keystrokeMillis,
		dom: performance.getEntriesByName('pd:search-to-results').map((e) => e.duration)
	}));
	await input.fill('');
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
	await cdp.detach();
	const label = `/${name}, ${throttle === 1 ? 'desktop CPU' : `CPU slowed ${throttle}x`}`;
	const seen = samples.get(label) ?? { frames: [], dom: [] };
	seen.frames.push(...frames);
	seen.dom.push(...dom);
	samples.set(label, seen);
}

const once = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };

describe.skipIf(!built)('search latency on the full deck (Chromium)', () => {
	for (const name of ['browse', 'papers'] as const) {
		for (const throttle of [1, 4]) {
			bench(`/${name}: type ${QUERIES[name].length} queries, CPU x${throttle}`, () => typeAll(name, throttle), once);
		}
	}
});
