/**
 * Outside text never runs, in every engine: each path by which text from outside the build reaches
 * the app is fed the classic payloads, and the page must show no sign of script (a payload that ran
 * would set `window.__pdPwned` or the title), report no error or CSP violation (the error recorder
 * lists `securitypolicyviolation` events), show the text as written where it shows it, and hold
 * exactly what it accepted in IndexedDB.
 *
 * A new path is one more entry in `OUTSIDE_TEXT_PATHS`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCouchServer, type CouchServer } from '../../couch/startCouchServer.ts';
import { connectSync, gradeByKeyboard, keepDownloads, lastDownload, openDataPage, openPage, openReview, readStore, syncAgain } from './appSteps.ts';
import type { EngineName, EnginePage } from './enginePage.ts';
import { pageErrors } from './errorRecorder.ts';
import { launchEngine } from './launchEngine.ts';

const RUN = "window.__pdPwned=1;document.title='pwned'";

/** The classic payloads. Each would set `window.__pdPwned` should it ever run. */
export const PAYLOADS: { name: string; text: string }[] = [
	{ name: 'script element', text: `<script>${RUN}</script>` },
	{ name: 'img onerror', text: `<img src=x onerror="${RUN}">` },
	{ name: 'svg onload', text: `<svg onload="${RUN}"><circle r=1 /></svg>` },
	{ name: 'attribute break-out', text: `"><img src=x onerror=${RUN}>'` },
	{ name: 'javascript: URL', text: `javascript:${RUN}` },
	{ name: 'data: URL', text: `data:text/html;base64,${Buffer.from(`<script>${RUN}</script>`).toString('base64')}` },
	{ name: 'KaTeX \\href', text: `$\\href{javascript:${RUN}}{click}$ $$\\htmlData{foo=bar}{x}$$ $\\url{javascript:alert(1)}$` },
	{ name: 'template literal and Svelte braces', text: '${' + RUN + '} {@html "<img src=x onerror=' + RUN + '>"} {{x}}' },
	{ name: 'very long', text: `<b>${'A'.repeat(20_000)}</b><img src=x onerror="${RUN}">` },
	{ name: 'control characters', text: `a\u0000b\u0007c\u001b[31m\u202eRTL\u200b\u2028\u2029\r\n<script>${RUN}</script>` },
	{ name: 'invalid UTF-16', text: `lone \ud800 high, lone \udfff low, reversed \udc00\ud800 <img src=x onerror="${RUN}">` }
];

/** A string the drivers carry unchanged (ASCII JSON): lone surrogates and NUL survive the trip. */
export const asciiJson = (value: unknown): string => JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export interface OutsideTextContext {
	baseURL: string;
	dir: string;
	/** The payload's position in PAYLOADS (for ids that must differ between payloads). */
	index: number;
	/** A valid backup file exported by this build (one review), to alter. */
	backup: { format: string; appVersion: string; events: Record<string, unknown>[]; [k: string]: unknown };
	/** A CouchDB-protocol server on loopback that admits the app's origin. */
	couch: CouchServer;
}

export interface OutsideTextPath {
	name: string;
	/**
	 * Feeds `payload` into the app in `page` (a fresh profile) and returns what the page must then show
	 * as text (`shows`, compared in the page) and hold in its event log (`events`).
	 */
	feed(page: EnginePage, payload: string, ctx: OutsideTextContext): Promise<{ shows?: { selector: string; text: string }; events: unknown[] }>;
}

/**
 * A name the file system and every driver take (no slash, no control character — WebKitWebDriver
 * refuses them in a path — no lone surrogate, ≤ 200 bytes), otherwise the payload as it is; the raw
 * payload still reaches the app in the file's contents.
 */
function fileNameFor(payload: string): string {
	let name = payload.replace(/[/\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '_').replace(/[\ud800-\udfff]/g, '?');
	while (Buffer.byteLength(name) > 200) name = name.slice(0, -1);
	return `${name}.json`;
}

/**
 * Percent-encodes like encodeURIComponent, but a lone surrogate (which that refuses) becomes its
 * WTF-8 bytes: the invalid UTF-8 a hand-made link can carry, which the browser decodes to U+FFFD.
 */
function encodeLoose(text: string): string {
	return text.replace(/[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g, (c) => {
		if (c.length === 2 || !/[\ud800-\udfff]/.test(c)) return encodeURIComponent(c);
		const u = c.charCodeAt(0);
		return [0xe0 | (u >> 12), 0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
	});
}

const urlPath = (name: string, path: (p: string) => string, ready: string): OutsideTextPath => ({
	name,
	async feed(page, payload, { baseURL }) {
		// Hosts refuse URLs past about 8 KB (the test server's limit is 16 KB of headers): a long payload
		// is cut to what a link could carry.
		await openPage(page, `${baseURL}${path(encodeLoose(payload.slice(0, 2000)))}`);
		await page.waitFor(ready);
		return { events: [] };
	}
});

const SYNC_ACCOUNT = { user: 'csp', password: 'csp secret' };

/** Every path for outside text; a new one is one more entry. */
export const OUTSIDE_TEXT_PATHS: OutsideTextPath[] = [
	urlPath('/review?cards=', (p) => `/review?cards=${p},${p}/x`, 'article.card, #done-title'),
	urlPath('/review?paper=', (p) => `/review?paper=${p}`, 'article.card, #done-title'),
	// The card list's count (or its error), not the search box: the box is in the prerendered page, so
	// waiting for it checked nothing the app did with the parameter.
	urlPath('/browse?paper=', (p) => `/browse?paper=${p}`, '[data-testid="card-count"], p.error[role="alert"]'),
	urlPath('/browse?q=', (p) => `/browse?q=${p}`, '[data-testid="card-count"], p.error[role="alert"]'),
	{
		name: 'the card search box (typed or pasted)',
		async feed(page, payload, { baseURL }) {
			await openPage(page, `${baseURL}/browse`);
			await page.waitFor('#card-search');
			// As a paste would: every character in one input event, which no driver types alike.
			await page.evaluate((json: string) => {
				const input = document.querySelector('#card-search') as HTMLInputElement;
				input.focus();
				input.value = JSON.parse(json);
				input.dispatchEvent(new Event('input', { bubbles: true }));
			}, asciiJson(payload));
			await page.waitFor('p.empty');
			// A one-line input drops line breaks from its value (HTML's value sanitization), nothing else.
			return { shows: { selector: '#card-search', text: payload.replace(/[\r\n]/g, '') }, events: [] };
		}
	},
	{
		name: 'backup import (file name and contents)',
		async feed(page, payload, { baseURL, dir, backup, index }) {
			const name = fileNameFor(payload);
			const [first] = backup.events;
			// The exported review the first time, and each time a copy with an id of its own.
			const copy = { ...first, id: `pd-csp-${index}` };
			writeFileSync(join(dir, name), JSON.stringify({ ...backup, appVersion: payload, events: [first, copy] }));
			await openDataPage(page, baseURL);
			await page.upload('#import-file', join(dir, name));
			await page.waitFor('[data-testid="import-fresh"]');
			const heading = await page.evaluate((json: string) => {
				const h = document.querySelector('.panel h3') as HTMLElement;
				return h.textContent!.includes(JSON.parse(json));
			}, asciiJson(name));
			expect(heading, 'the file name shows as written').toBe(true);
			await page.evaluate((json: string) => {
				(window as unknown as { __pdVersion: boolean }).__pdVersion = document.querySelector('.panel .meta')!.textContent!.includes(JSON.parse(json));
			}, asciiJson(payload));
			expect(await page.evaluate(() => (window as unknown as { __pdVersion: boolean }).__pdVersion), 'the app version shows as written').toBe(true);
			await page.click({ role: 'button', name: index === 0 ? 'Import 2 events' : 'Import 1 event' });
			await page.waitFor('[data-testid="import-done"]');
			return { events: index === 0 ? [first, copy] : [copy] };
		}
	},
	{
		// Own content is Markdown the app renders in the browser (markdown-it, KaTeX): the one `{@html}` of
		// outside origin. A payload goes in as a paper's summary and a card's question, answer and note.
		name: 'own cards (Markdown import, then their paper page)',
		async feed(page, payload, { baseURL, dir, index }) {
			// One line per field: a line break would end the field in the card format.
			const line = payload.replace(/[\r\n\u2028\u2029]+/g, ' ');
			const file = join(dir, `own-${index}.md`);
			writeFileSync(file, `---\nid: csp-${index}\ntitle: "Payload ${index}"\ntopic: architecture\n---\n\n${line}\n\n## p\nQ: ${line}\nA: ${line}\nN: ${line}\n`);
			await openDataPage(page, baseURL);
			await page.upload('#import-md', file);
			await page.waitUntil(() => !!document.querySelector('[data-testid="own-import"] .error') || /Import them/.test(document.body.textContent ?? ''));
			if (await page.evaluate(() => !!document.querySelector('[data-testid="own-import"] .error'))) {
				// Refused (the parser names the line): nothing written.
				return { events: [] };
			}
			await page.click({ role: 'button', name: 'Import them' });
			await page.waitUntil(() => /Imported/.test(document.querySelector('[data-testid="own-import"]')?.textContent ?? ''));
			const stored = await readStore<{ type: string; cardId?: string; prompt?: string }>(page, 'events');
			const added = stored.filter((e) => e.cardId?.startsWith(`u_csp-${index}/`));
			// Stored as written: the card's question is the line of the file as UTF-8 carries it (a lone
			// surrogate cannot be written to a file: it arrives as U+FFFD).
			expect(added.find((e) => e.type === 'cardSet')?.prompt, 'the question as written').toBe(Buffer.from(line, 'utf8').toString('utf8').trim());
			// Rendered where people read it.
			await openPage(page, `${baseURL}/papers/u_csp-${index}`);
			await page.waitFor(`li[data-card^="u_csp-${index}/"]`);
			return { events: added };
		}
	},
	{
		// Documents another "device" pushed: an own paper and card carrying the payload in every text
		// field (valid events: pulled, rendered), and two forgeries (a payload where a number or an http
		// address must be): skipped, counted, never stored.
		name: 'sync documents (pulled from the server, then their paper page)',
		async feed(page, payload, { baseURL, couch, index }) {
			const db = `csp-${page.engine}`;
			const paper = `u_csp${index}`;
			const atMillis = Date.now() - 60_000;
			const events = [
				{ id: `pd-csp-paper-${index}`, type: 'paperSet', cardId: `${paper}/_paper`, atMillis, title: payload.slice(0, 500), short: '', year: 0, arxiv: '', url: '', topic: 'architecture', buildsOn: '', summary: payload.slice(0, 20_000) },
				{ id: `pd-csp-card-${index}`, type: 'cardSet', cardId: `${paper}/u_q`, atMillis, cardType: 'basic', prompt: payload.slice(0, 20_000), answer: payload.slice(0, 20_000), note: payload.slice(0, 20_000) }
			];
			const forged = [
				{ id: `pd-csp-bad-${index}`, type: 'review', cardId: 'lora/freeze', atMillis, rating: payload, kind: 'review', day: 1, durationMillis: 0 },
				{ ...events[0], id: `pd-csp-badurl-${index}`, url: payload }
			];
			const url = index === 0 ? await couch.createDatabase(db, SYNC_ACCOUNT) : `${couch.origin}/${db}`;
			const put = await couch.admin(`/${db}/_bulk_docs`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ docs: [...events, ...forged].map((e) => ({ _id: e.id, ...e })) })
			});
			expect(put.ok, 'the server took the documents').toBe(true);
			const message = index === 0 ? await connectSync(page, baseURL, url, SYNC_ACCOUNT) : await syncAgain(page, baseURL);
			expect(message, 'the valid documents applied').toMatch(/^Synced: 0 events sent, 2 received/);
			expect(await page.text('main'), 'the forgeries counted').toMatch(/2 documents on the server are not Paperdeck events and were ignored/);
			// Rendered where people read it: the paper's title, summary and card.
			await openPage(page, `${baseURL}/papers/${paper}`);
			await page.waitFor(`li[data-card^="${paper}/"]`);
			return { shows: { selector: '#paper-title', text: payload.slice(0, 500) }, events };
		}
	},
	{
		name: 'backup import refused (the reason quotes the file)',
		async feed(page, payload, { baseURL, dir, backup }) {
			const [first] = backup.events;
			writeFileSync(join(dir, 'refused.json'), JSON.stringify({ ...backup, events: [{ ...first, id: payload, rating: 9 }] }));
			await openDataPage(page, baseURL);
			await page.upload('#import-file', join(dir, 'refused.json'));
			await page.waitFor('[data-testid="import-error"]');
			// The checker quotes the event's id as JSON, cut at 40 characters.
			return { shows: { selector: '[data-testid="import-error"]', text: JSON.stringify(payload).slice(0, 30) }, events: [] };
		}
	}
];

export function cspSuite(engine: EngineName): void {
	const baseURL = inject('baseURL');
	let dir = '';
	let backup: OutsideTextContext['backup'];
	let couch: CouchServer;
	const open: EnginePage[] = [];
	afterEach(async () => {
		await Promise.all(open.splice(0).map((p) => p.close()));
	});

	describe(`outside text stays text, under the CSP, in ${engine}`, () => {
		beforeAll(async () => {
			dir = mkdtempSync(join(tmpdir(), 'paperdeck-csp-'));
			couch = await startCouchServer({ allowedOrigins: [new URL(baseURL).origin] });
			const page = await launchEngine(engine);
			try {
				await openReview(page, baseURL);
				await gradeByKeyboard(page, '3');
				await openDataPage(page, baseURL);
				await keepDownloads(page);
				await page.click({ role: 'button', name: 'Export backup' });
				backup = JSON.parse(await lastDownload(page));
			} finally {
				await page.close();
			}
		}, 120_000);
		afterAll(async () => {
			rmSync(dir, { recursive: true, force: true });
			await couch?.stop();
		});

		it('every page carries the policy, and the policy is strict', async () => {
			const page = await launchEngine(engine);
			open.push(page);
			await openPage(page, `${baseURL}/`);
			const policy = await page.evaluate(() => document.querySelector('meta[http-equiv="content-security-policy"]')?.getAttribute('content') ?? '');
			const scriptSrc = policy.split(';').find((d) => d.trim().startsWith('script-src ')) ?? '';
			expect(scriptSrc).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
			expect(policy).toMatch(/object-src 'none'/);
			expect(policy).toMatch(/base-uri 'none'/);
			expect(policy).toMatch(/require-trusted-types-for 'script'/);
			// An inline script without a hash is blocked, and the block is reported to the recorder.
			await page.evaluate(() => {
				try {
					const s = document.createElement('script');
					s.textContent = 'window.__pdPwned = 1';
					document.body.append(s);
				} catch {
					// Chromium's Trusted Types refuse the text (and report it) before CSP sees it.
				}
			});
			await page.waitUntil(() => JSON.parse(sessionStorage.getItem('pd-test-errors') || '[]').length > 0);
			// (WebDriver returns undefined as null.)
			expect(await page.evaluate(() => (window as unknown as { __pdPwned?: number }).__pdPwned ?? null)).toBeNull();
			expect((await pageErrors(page)).join('\n')).toMatch(/^csp: (script-src|require-trusted-types-for)/m);
			// …and that violation fails the test when its page closes (launchEngine.ts): the check bites.
			open.splice(open.indexOf(page), 1);
			await expect(page.close()).rejects.toThrow(/Content-Security-Policy violations in \w+:\ncsp: /);
		});

		it('the background worker starts under the policy (worker-src)', async () => {
			const page = await launchEngine(engine);
			open.push(page);
			await openPage(page, `${baseURL}/settings`);
			// The settings page estimates the workload in the task worker as it opens.
			await page.waitUntil(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/_app/immutable/workers/')));
			await page.waitUntil(() => /\d/.test((document.querySelector('[data-testid="workload"]') as HTMLElement | null)?.innerText ?? ''));
			expect(await pageErrors(page)).toEqual([]);
		});

		for (const path of OUTSIDE_TEXT_PATHS) {
			it(`${path.name}: no payload runs, none is reported, the text shows as written and is stored as accepted`, async () => {
				// One profile per path: what each payload adds to the log adds up.
				const page = await launchEngine(engine);
				open.push(page);
				const expected: unknown[] = [];
				for (const [index, { name, text }] of PAYLOADS.entries()) {
					const { shows, events } = await path.feed(page, text, { baseURL, dir, backup, couch, index });
					expected.push(...events);
					// Let anything injected load, fail and fire its handlers.
					await new Promise((r) => setTimeout(r, 200));
					const verdict = await page.evaluate(
						(arg: { shows: string | null }) => {
							const w = window as unknown as { __pdPwned?: number };
							let shown = true;
							if (arg.shows) {
								const { selector, text } = JSON.parse(arg.shows) as { selector: string; text: string };
								const el = document.querySelector(selector) as HTMLElement | HTMLInputElement | null;
								shown = !!el && (el instanceof HTMLInputElement ? el.value === text : el.textContent!.includes(text));
							}
							return { ran: w.__pdPwned !== undefined || document.title === 'pwned', shown };
						},
						{ shows: shows ? asciiJson(shows) : null }
					);
					expect(verdict, `${path.name} × ${name}`).toEqual({ ran: false, shown: true });
					const byId = (a: unknown, b: unknown) => String((a as { id: string }).id).localeCompare(String((b as { id: string }).id));
					const stored = await readStore(page, 'events');
					expect(stored.sort(byId), `${path.name} × ${name}: the event log`).toEqual([...expected].sort(byId));
					expect(await pageErrors(page), `${path.name} × ${name}`).toEqual([]);
				}
			}, 300_000);
		}
	});
}
