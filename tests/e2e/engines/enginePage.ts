/**
 * One small, engine-neutral page driver, so a cross-engine test is written once and runs in
 * Chromium (playwright-core), Firefox (puppeteer-core over WebDriver BiDi) and WebKit (WebKitGTK's
 * MiniBrowser through WebKitWebDriver and selenium-webdriver). Every browser here is Debian's own
 * build: nothing is downloaded.
 *
 * Targets are CSS selectors or `{ role, name }`: the role lookup runs in the page (`findTarget`
 * below), the same code in every engine, and the driver then clicks or types natively, so the page
 * receives real input events.
 */
export type EngineName = 'chromium' | 'firefox' | 'webkit';
export const ENGINES: EngineName[] = ['chromium', 'firefox', 'webkit'];

export type Target = string | { role: string; name: string | RegExp };

export interface LaunchOptions {
	/** Window (Chromium, Firefox: viewport) size; 1000×800 unless given. */
	width?: number;
	height?: number;
	/** Environment of the browser process (WebKit reads its locale from LANG). */
	env?: Record<string, string>;
}

export interface EnginePage {
	readonly engine: EngineName;
	/** Loads `url` (absolute) and waits for its load event. */
	goto(url: string): Promise<void>;
	reload(): Promise<void>;
	/** Runs `fn` in the page (it is serialised: no closures) and returns its (awaited) result. */
	evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
	/** Polls `fn` in the page until it returns true. */
	waitUntil<A = undefined>(fn: (arg: A) => boolean, arg?: A, timeoutMs?: number): Promise<void>;
	waitFor(selector: string, timeoutMs?: number): Promise<void>;
	click(target: Target): Promise<void>;
	/** Keys by their `KeyboardEvent.key` names: 'Space', 'Enter', 'Escape', '1', 'Control+z'. */
	press(key: string): Promise<void>;
	/** Replaces the text of an input or textarea, as typing would. */
	fill(target: Target, text: string): Promise<void>;
	/** Chooses the option with `value` in a `<select>`. */
	select(target: Target, value: string): Promise<void>;
	/** Gives a file input a file from disk. */
	upload(selector: string, path: string): Promise<void>;
	text(selector: string): Promise<string>;
	screenshot(path: string): Promise<void>;
	close(): Promise<void>;
}

/** How long a wait may take before the test fails with the condition it waited for. */
export const WAIT_MS = 20_000;

/**
 * In the page: finds the first visible element with `role` and an accessible name matching `name`
 * (a string is an exact match, a regex source a search), marks it with `data-pd-target` and returns
 * the attribute's value, or '' when none matches. Covers the roles the app's controls have.
 */
export function findTarget(arg: { role: string; name: string; regex: boolean; mark: string }): string {
	const implicit: Record<string, string> = {
		button: 'button, input[type=button], input[type=submit], [role=button], summary',
		link: 'a[href], [role=link]',
		textbox: 'input:not([type]), input[type=text], input[type=search], input[type=url], input[type=password], input[type=email], input[type=date], input[type=number], textarea, [role=textbox]',
		checkbox: 'input[type=checkbox], [role=checkbox], [role=switch]',
		radio: 'input[type=radio], [role=radio]',
		combobox: 'select, [role=combobox]',
		heading: 'h1, h2, h3, h4, h5, h6, [role=heading]',
		tab: '[role=tab]',
		menuitem: '[role=menuitem]',
		group: 'fieldset, [role=group]'
	};
	const text = (el: Element | null) => (el ? ((el as HTMLElement).innerText ?? el.textContent ?? '').replace(/\s+/g, ' ').trim() : '');
	const nameOf = (el: Element): string => {
		const label = el.getAttribute('aria-label');
		if (label) return label.trim();
		const by = el.getAttribute('aria-labelledby');
		if (by) return by.split(/\s+/).map((id) => text(document.getElementById(id))).join(' ').trim();
		if (el.id) {
			const forLabel = document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
			if (forLabel) return text(forLabel);
		}
		const wrapping = el.closest('label');
		if (wrapping && wrapping !== el) return text(wrapping);
		if (el instanceof HTMLInputElement && (el.type === 'button' || el.type === 'submit')) return el.value;
		return text(el) || (el.getAttribute('title') ?? '');
	};
	const matches = (n: string) => (arg.regex ? new RegExp(arg.name).test(n) : n === arg.name);
	const visible = (el: Element) => {
		const r = (el as HTMLElement).getBoundingClientRect();
		return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
	};
	const found = [...document.querySelectorAll(implicit[arg.role] ?? `[role=${arg.role}]`)].find((el) => visible(el) && matches(nameOf(el)));
	if (!found) return '';
	found.setAttribute('data-pd-target', arg.mark);
	return `[data-pd-target="${arg.mark}"]`;
}

let marks = 0;

/** Resolves a target to a CSS selector, waiting until the page has an element for it. */
export async function resolveTarget(page: Pick<EnginePage, 'evaluate'>, target: Target, timeoutMs = WAIT_MS): Promise<string> {
	if (typeof target === 'string') return target;
	const arg = {
		role: target.role,
		name: typeof target.name === 'string' ? target.name : target.name.source,
		regex: typeof target.name !== 'string',
		mark: String(++marks)
	};
	const until = Date.now() + timeoutMs;
	for (;;) {
		const selector = await page.evaluate(findTarget, arg);
		if (selector) return selector;
		if (Date.now() > until) throw new Error(`No ${target.role} named ${String(target.name)} on the page`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** Polls a condition in the page; the shared implementation for engines without a native wait. */
export async function pollUntil<A>(page: Pick<EnginePage, 'evaluate'>, fn: (arg: A) => boolean, arg: A, timeoutMs: number, what: string): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (!(await page.evaluate(fn, arg))) {
		if (Date.now() > until) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} ${await pageState(page)}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

/** Where the page is and what it says it is doing or failed at, for a timeout's message (a CI log is all there is). */
async function pageState(page: Pick<EnginePage, 'evaluate'>): Promise<string> {
	try {
		return await page.evaluate(() => {
			const said = [...document.querySelectorAll('[role="alert"], [role="status"], [aria-busy="true"]')]
				.map((e) => `${e.getAttribute('role') ?? 'busy'}: ${(e as HTMLElement).innerText.trim().slice(0, 200)}`)
				.filter((t) => !/: $/.test(t));
			const sw = navigator.serviceWorker?.controller ? 'controlled' : 'not controlled';
			return `(on ${location.pathname}${location.search}, ${sw}; ${said.join(' | ') || 'no alert or status text'})`;
		}, undefined);
	} catch (e) {
		return `(the page did not answer: ${(e as Error).message})`;
	}
}
