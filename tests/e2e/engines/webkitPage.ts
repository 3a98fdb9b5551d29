import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { Builder, By, Key, type WebDriver } from 'selenium-webdriver';
import { pollUntil, resolveTarget, WAIT_MS, type EnginePage, type LaunchOptions } from './enginePage.ts';

const MINIBROWSER = [
	process.env.MINIBROWSER_PATH,
	'/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
	'/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
	'/usr/libexec/webkit2gtk-4.1/MiniBrowser'
];

/** WebKitGTK's MiniBrowser and its WebDriver; a clear message when they are missing. */
export function findWebKit(): { miniBrowser: string; driver: string } {
	const miniBrowser = MINIBROWSER.find((p): p is string => !!p && existsSync(p));
	const driver = ['/usr/bin/WebKitWebDriver'].find((p) => existsSync(p));
	if (!miniBrowser || !driver || !existsSync('/usr/bin/Xvfb')) {
		throw new Error('WebKit is missing: `apt-get install webkit2gtk-driver xvfb` (MiniBrowser comes with libwebkit2gtk-4.1-0).');
	}
	return { miniBrowser, driver };
}

function freePort(): Promise<number> {
	return new Promise((ok, fail) => {
		const s = createServer();
		s.on('error', fail);
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => ok(port));
		});
	});
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		try {
			const res = await fetch(`http://127.0.0.1:${port}/status`);
			if (res.ok) return;
		} catch {
			// not listening yet
		}
		if (Date.now() > until) throw new Error(`WebKitWebDriver did not start on port ${port}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/**
 * MiniBrowser has no headless mode: a virtual X display for each browser. Xvfb picks a free display
 * number itself (`-displayfd`), and `-terminate` ends it when its last client (the browser) leaves,
 * so no display outlives its test even when the test process is killed.
 */
async function xDisplay(): Promise<{ name: string; stop: () => void }> {
	const child = spawn('Xvfb', ['-displayfd', '3', '-terminate', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
		stdio: ['ignore', 'ignore', 'ignore', 'pipe']
	});
	const number = await new Promise<string>((resolve, reject) => {
		let out = '';
		child.stdio[3]!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			if (out.includes('\n')) resolve(out.trim());
		});
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it opened a display`)));
	});
	return { name: `:${number}`, stop: () => child.kill() };
}

const KEYS: Record<string, string> = {
	Space: Key.SPACE,
	Enter: Key.ENTER,
	Escape: Key.ESCAPE,
	Tab: Key.TAB,
	ArrowLeft: Key.ARROW_LEFT,
	ArrowRight: Key.ARROW_RIGHT,
	ArrowUp: Key.ARROW_UP,
	ArrowDown: Key.ARROW_DOWN,
	Control: Key.CONTROL,
	Shift: Key.SHIFT,
	Alt: Key.ALT,
	Meta: Key.META
};

/**
 * Runs a page function through WebDriver's async script, so a returned promise is awaited as in the
 * other engines; an exception comes back as an error with the page's message.
 */
async function run<R>(driver: WebDriver, fn: Function, arg: unknown): Promise<R> {
	const script = `const done = arguments[arguments.length - 1];
		Promise.resolve().then(() => (${fn.toString()})(arguments[0]))
			.then((value) => done({ value: value === undefined ? null : value }), (e) => done({ error: String(e && e.stack || e) }));`;
	const out = (await driver.executeAsyncScript(script, arg ?? null)) as { value?: R; error?: string };
	if (out.error) throw new Error(`In the page: ${out.error}`);
	return out.value as R;
}

/**
 * WebKitGTK's MiniBrowser (`--automation`) through WebKitWebDriver, under Xvfb. Each WebDriver
 * session gets an ephemeral website data store: a fresh profile that reload keeps and close drops.
 */
export async function launchWebKit(options: LaunchOptions = {}): Promise<EnginePage> {
	const { miniBrowser, driver: driverPath } = findWebKit();
	const port = await freePort();
	const display = process.env.DISPLAY ? null : await xDisplay();
	const env = { ...process.env, DISPLAY: process.env.DISPLAY || display!.name, ...options.env };
	const service = spawn(driverPath, [`--port=${port}`, '--host=127.0.0.1'], { env, stdio: 'ignore' });
	let driver: WebDriver;
	try {
		await waitForPort(port, 10_000);
		driver = await new Builder()
			.usingServer(`http://127.0.0.1:${port}`)
			.withCapabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: miniBrowser, args: ['--automation'] } })
			.build();
	} catch (e) {
		service.kill();
		display?.stop();
		throw e;
	}
	await driver.manage().setTimeouts({ script: 60_000, pageLoad: 60_000 });
	await driver.manage().window().setRect({ width: options.width ?? 1000, height: options.height ?? 800 });
	const self: EnginePage = {
		engine: 'webkit',
		async goto(url) {
			await driver.get(url);
		},
		async reload() {
			await driver.navigate().refresh();
		},
		evaluate: (fn, arg) => run(driver, fn, arg),
		waitUntil: (fn, arg, timeoutMs = WAIT_MS) => pollUntil(self, fn, arg as never, timeoutMs, String(fn)),
		waitFor: (selector, timeoutMs = WAIT_MS) => pollUntil(self, (s: string) => !!document.querySelector(s), selector, timeoutMs, selector),
		async click(target) {
			await driver.findElement(By.css(await resolveTarget(self, target))).click();
		},
		async press(key) {
			const parts = key.split('+').map((k) => KEYS[k] ?? k);
			const last = parts.pop()!;
			let actions = driver.actions();
			for (const m of parts) actions = actions.keyDown(m);
			actions = actions.keyDown(last).keyUp(last);
			for (const m of parts.reverse()) actions = actions.keyUp(m);
			await actions.perform();
		},
		async fill(target, text) {
			const el = await driver.findElement(By.css(await resolveTarget(self, target)));
			await el.clear();
			await el.sendKeys(text);
		},
		async select(target, value) {
			const select = await resolveTarget(self, target);
			await driver.findElement(By.css(`${select} option[value="${value}"]`)).click();
		},
		async upload(selector, path) {
			await driver.findElement(By.css(selector)).sendKeys(path);
		},
		text: (selector) => run<string>(driver, (s: string) => (document.querySelector(s) as HTMLElement).innerText, selector),
		async screenshot(path) {
			writeFileSync(path, Buffer.from(await driver.takeScreenshot(), 'base64'));
		},
		async close() {
			try {
				await driver.quit();
			} finally {
				service.kill();
				display?.stop();
			}
		}
	};
	return self;
}
