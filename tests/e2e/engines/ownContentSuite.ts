/**
 * The user's own papers and cards (issue 19), written once over the engine-neutral driver: add a
 * paper and a card and review it; carry them to a fresh profile in a backup; reword a deck card and
 * restore it; a Markdown import with an error writes nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { gradeByKeyboard, keepDownloads, lastDownload, openDataPage, openPage, openReview, questionText, readStore, schedules } from './appSteps.ts';
import type { EngineName, EnginePage } from './enginePage.ts';
import { pageErrors } from './errorRecorder.ts';
import { launchEngine } from './launchEngine.ts';

export function ownContentSuite(engine: EngineName): void {
	const baseURL = inject('baseURL');
	const open: EnginePage[] = [];
	const launch = async () => {
		const page = await launchEngine(engine);
		open.push(page);
		return page;
	};
	afterEach(async () => {
		await Promise.all(open.splice(0).map((p) => p.close()));
	});

	describe(`own papers and cards in ${engine}`, () => {
		it('Add a paper → Add a card → reviewed at /review?paper=<id>; a backup carries paper, card and history to a fresh profile', async () => {
			const dir = mkdtempSync(join(tmpdir(), 'paperdeck-own-'));
			try {
				const a = await launch();
				await openPage(a, `${baseURL}/papers`);
				await a.waitFor('[data-testid="paper-count"]');
				await a.click({ role: 'button', name: 'Add a paper' });
				await a.fill({ role: 'textbox', name: 'Title (required)' }, 'Mixture of Depths');
				await a.fill({ role: 'textbox', name: 'Short name' }, 'MoD');
				await a.fill({ role: 'textbox', name: 'Year' }, '2024');
				await a.fill({ role: 'textbox', name: 'arXiv id or link' }, '2404.02258');
				await a.select('select[id^="own-paper-"][id$="-topic"]', 'efficiency-inference');
				await a.fill({ role: 'textbox', name: 'Builds on (search the library)' }, 'Switch');
				await a.click({ role: 'button', name: /^Add Switch/ });
				await a.fill({ role: 'textbox', name: 'Summary' }, 'Tokens choose **whether** to use a block.');
				await a.click({ role: 'button', name: 'Save' });
				await a.waitUntil(() => location.pathname.startsWith('/papers/u_') && document.querySelector('h1')?.textContent === 'Mixture of Depths');
				const paperId = await a.evaluate(() => location.pathname.split('/')[2]!);

				await a.click({ role: 'button', name: 'Add a card' });
				await a.fill({ role: 'textbox', name: 'Question' }, 'What fraction $k/T$ of tokens does a MoD block process?');
				await a.fill({ role: 'textbox', name: 'Answer' }, 'A fixed capacity, e.g. $$\\frac{k}{T} = 12.5\\%$$');
				await a.waitFor('[data-testid="own-preview"] math[display="block"]');
				if (engine === 'chromium') await a.screenshot('/tmp/wt19-add-card.png');
				await a.click({ role: 'button', name: 'Save' });
				await a.waitFor(`li[data-card^="${paperId}/u_"]`);
				expect(await a.text('ol.cards')).toContain('What fraction');

				// A deep link to the paper's page (no prerendered file: the host's rewrite to the app shell).
				await openPage(a, `${baseURL}/papers/${paperId}`);
				await a.waitFor(`li[data-card^="${paperId}/u_"]`);
				expect(await a.text('h1')).toBe('Mixture of Depths');
				expect(await a.text('ol.cards')).toContain('What fraction');
				const cardId = await a.evaluate((p: string) => document.querySelector(`li[data-card^="${p}/u_"]`)!.getAttribute('data-card')!, paperId);

				// The card browser lists it under its paper, and search finds it by its Markdown.
				await openPage(a, `${baseURL}/browse`);
				await a.waitFor('[data-testid="card-count"]');
				await a.fill({ role: 'textbox', name: 'Search questions and answers' }, 'fraction');
				await a.waitFor(`ol.results li[data-card="${cardId}"]`);
				expect(await a.text(`ol.results li[data-card="${cardId}"] .paper`)).toBe('MoD');

				// Interview mode offers the paper in its topic and asks its card.
				await openPage(a, `${baseURL}/interview`);
				// The topic list is long: bring each control to the middle first (WebKitWebDriver clicks
				// where the element is, and the sticky bars may cover it near an edge).
				const centred = async (selector: string) => {
					await a.waitFor(selector);
					await a.evaluate((sel: string) => document.querySelector(sel)!.scrollIntoView({ block: 'center' }), selector);
					await a.click(selector);
				};
				await centred('button[aria-controls="papers-efficiency-inference"]');
				await centred(`input[data-paper="${paperId}"]`);
				await centred('button.start');
				await a.waitFor('article.card');
				expect(await a.text('article.card')).toContain('What fraction');

				await openReview(a, baseURL, `?paper=${paperId}`);
				expect(await questionText(a)).toContain('What fraction');
				await gradeByKeyboard(a, '4');
				const before = await schedules(a);
				expect(Object.keys(before)).toEqual([expect.stringMatching(new RegExp(`^${paperId}/u_`))]);

				if (engine === 'chromium') {
					await openPage(a, `${baseURL}/papers`);
					await a.waitFor('[data-testid="own-papers"]');
					await a.screenshot('/tmp/wt19-own-paper-in-library.png');
				}
				await openDataPage(a, baseURL);
				await keepDownloads(a);
				await a.click({ role: 'button', name: 'Export backup' });
				const file = join(dir, 'backup.json');
				writeFileSync(file, await lastDownload(a));

				const b = await launch();
				await openDataPage(b, baseURL);
				await b.upload('#import-file', file);
				await b.click({ role: 'button', name: /^Import \d+ events$/ });
				await b.waitFor('[data-testid="import-done"]');
				expect(await schedules(b)).toEqual(before);
				await openPage(b, `${baseURL}/papers`);
				await b.waitFor('[data-testid="own-papers"]');
				await b.click({ role: 'link', name: /Mixture of Depths/ });
				await b.waitFor(`li[data-card^="${paperId}/u_"]`);
				expect(await b.text('ol.cards')).toContain('What fraction');
				expect(await b.evaluate(() => !!document.querySelector('ol.cards .katex math'))).toBe(true);
				expect(await pageErrors(a)).toEqual([]);
				expect(await pageErrors(b)).toEqual([]);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}, 180_000);

		it("rewords a deck card's answer, shows the original, and restores it", async () => {
			const page = await launch();
			await openPage(page, `${baseURL}/papers/transformer`);
			await page.waitFor('ol.cards li .card-actions');
			const id = await page.evaluate(() => [...document.querySelectorAll('ol.cards li')].find((li) => li.querySelector('.q'))!.getAttribute('data-card')!);
			const li = `li[data-card="${id}"]`;
			const original = await page.text(`${li} .a`);
			await page.click(`${li} .card-actions button`);
			await page.fill({ role: 'textbox', name: 'Answer' }, 'My own wording of it');
			await page.click({ role: 'button', name: 'Save' });
			await page.waitFor(`${li} [data-testid="edited-mark"]`);
			expect(await page.text(`${li} .a`)).toContain('My own wording of it');
			await page.click({ role: 'button', name: 'Show the original' });
			await page.waitUntil((sel: string) => !!document.querySelector(sel)?.textContent?.includes('original wording'), li);
			expect(await page.text(`${li} .a`)).toBe(original);
			await page.click({ role: 'button', name: 'Restore the original' });
			await page.waitUntil((sel: string) => !document.querySelector(`${sel} [data-testid="edited-mark"]`), li);
			expect(await page.text(`${li} .a`)).toBe(original);
			// The reviews a deck card had go on: its events are the edit and its restore, nothing else.
			const events = await readStore<{ cardId: string; type: string }>(page, 'events');
			expect(events.filter((e) => e.cardId === id).map((e) => e.type).sort()).toEqual(['cardOriginal', 'cardSet']);
			expect(await pageErrors(page)).toEqual([]);
		});

		it('rewords a deck card from /browse, then restores the original there', async () => {
			const page = await launch();
			await openPage(page, `${baseURL}/browse?paper=transformer`);
			await page.waitFor('ol.results li button.open');
			const id = await page.evaluate(() => document.querySelector('ol.results li')!.getAttribute('data-card')!);
			const li = `ol.results li[data-card="${id}"]`;
			await page.click(`${li} button.open`);
			await page.waitFor(`${li} .actions`);
			await page.click({ role: 'button', name: 'Edit' });
			await page.fill({ role: 'textbox', name: 'Question' }, 'My browse wording zebra');
			await page.click({ role: 'button', name: 'Save' });
			await page.waitFor(`${li} [data-testid="edited-mark"]`);
			expect(await page.text(`${li} .q`)).toContain('My browse wording zebra');
			// Search runs over the user's words.
			await page.fill({ role: 'textbox', name: 'Search questions and answers' }, 'zebra');
			await page.waitUntil((sel: string) => document.querySelectorAll('ol.results li').length === 1 && !!document.querySelector(sel), li);
			await page.click(`${li} button.open`);
			await page.click({ role: 'button', name: 'Restore the original' });
			await page.waitUntil((sel: string) => !document.querySelector(`${sel} [data-testid="edited-mark"]`), li);
			const events = await readStore<{ cardId: string; type: string }>(page, 'events');
			expect(events.filter((e) => e.cardId === id).map((e) => e.type).sort()).toEqual(['cardOriginal', 'cardSet']);
			expect(await pageErrors(page)).toEqual([]);
		});

		it('a Markdown file with an error is refused with file:line and nothing is added; a good one is previewed and imported once', async () => {
			const dir = mkdtempSync(join(tmpdir(), 'paperdeck-own-md-'));
			try {
				const bad = join(dir, 'bad.md');
				writeFileSync(bad, '---\nid: my-notes\ntitle: "My notes"\ntopic: architecture\n---\n\n## one\nC: a cloze with no deletion\n');
				const good = join(dir, 'good.md');
				writeFileSync(good, '---\nid: my-notes\ntitle: "My notes"\ntopic: architecture\n---\n\nNotes.\n\n## one\nC: Attention scales by {{$1/\\sqrt{d_k}$}}\n');
				const page = await launch();
				await openDataPage(page, baseURL);
				await page.upload('#import-md', bad);
				await page.waitFor('[data-testid="own-import"] .error');
				expect(await page.text('[data-testid="own-import"]')).toContain('bad.md:8: cloze "one" has no {{deletion}}');
				expect(await readStore(page, 'events')).toEqual([]);

				await page.upload('#import-md', good);
				await page.click({ role: 'button', name: 'Import them' });
				await page.waitUntil(() => /Imported 2 changes/.test(document.querySelector('[data-testid="own-import"]')?.textContent ?? ''));
				await page.upload('#import-md', good);
				await page.waitUntil(() => /Nothing new/.test(document.querySelector('[data-testid="own-import"]')?.textContent ?? ''));
				expect((await readStore<{ type: string }>(page, 'events')).map((e) => e.type).sort()).toEqual(['cardSet', 'paperSet']);
				expect(await pageErrors(page)).toEqual([]);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		});
	});
}
