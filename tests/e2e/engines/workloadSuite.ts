/**
 * Issue 22 end to end, in every engine and both interface languages, at 360 px: an interview date
 * for one topic (on the home screen and on /interview), a plan of chosen papers, a backlog postponed
 * then undone, and the workload settings changed by keyboard. Each engine's test file calls
 * `workloadSuite(engine)`.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { CompiledDeck } from '../../../src/lib/deck/deckTypes.ts';
import { simulatedLog, storeEventsInPage, type SeedOptions } from '../seedLog.ts';
import { gradeByKeyboard, openPage, openReview, readStore } from './appSteps.ts';
import type { EngineName, EnginePage } from './enginePage.ts';
import { pageErrors } from './errorRecorder.ts';
import { launchEngine } from './launchEngine.ts';

type Locale = 'en' | 'zh-CN';
const LOCALES: Locale[] = ['en', 'zh-CN'];
const DAY = 86_400_000;
const WIDTH = 360;
// The plan panel's own controls (/interview's setup form has topic and paper checkboxes too).
const TOPIC = '[data-testid="plan-panel"] input[data-topic="architecture"]';
const PAPER = '[data-testid="plan-panel"] input[data-paper="transformer"]';
const SAVE = 'form:has(#reviewOrder) button[type="submit"]';

interface StateRow {
	cardId: string;
	paperId: string;
	phase: number;
	dueMillis: number;
	stability: number;
	lastReviewMillis: number;
	queue: string;
}

interface StoredEvent {
	id: string;
	type: string;
	cardId: string;
	batch?: string;
	targetId?: string;
}

interface StoredSettings {
	workload: {
		loadBalancing: boolean;
		reviewOrder: string;
		easyDays: string[];
		interview: { day: number; topics: string[]; papers: string[] } | null;
	};
}

/** FSRS-6's forgetting curve with the default decay (the app's parameters until trained). */
function recall(row: StateRow, at: number): number {
	const decay = -0.1542;
	const factor = 0.9 ** (1 / decay) - 1;
	return (1 + (factor * Math.max(0, at - row.lastReviewMillis)) / DAY / row.stability) ** decay;
}

/** Chooses the interface language on the settings page, as a person does. */
async function chooseLanguage(page: EnginePage, baseURL: string, locale: Locale): Promise<void> {
	await openPage(page, `${baseURL}/settings`);
	await page.waitFor('#language');
	// Out from under the phone layout's bottom tab bar: WebKit's driver clicks the option itself.
	await page.evaluate(() => document.querySelector('#language')!.scrollIntoView({ block: 'center' }));
	await page.select('#language', locale);
	await page.waitUntil((l: string) => document.documentElement.lang === l, locale);
}

/** The simulated learner's log, stored in the app's IndexedDB; the next load replays it. */
async function seed(page: EnginePage, baseURL: string, options: SeedOptions): Promise<void> {
	const log = await simulatedLog(baseURL, options);
	await openPage(page, `${baseURL}/`);
	// The deck stored first: a first visit's home screen shows its numbers before the import ends (a CI
	// run seeded mid-import, and the import then met a log it had not been told about).
	await page.waitUntil(() => performance.getEntriesByName('pd:open').length > 0);
	await page.evaluate(storeEventsInPage, JSON.stringify(log.events));
	await page.reload();
	await page.waitFor('section.stats[aria-busy="false"]');
}

/** Focuses an element by script, so the key press that follows is the real input under test. */
async function focus(page: EnginePage, selector: string): Promise<void> {
	await page.evaluate((s: string) => (document.querySelector(s) as HTMLElement).focus(), selector);
	await page.waitUntil((s: string) => document.activeElement === document.querySelector(s), selector);
}

/**
 * Focuses a control and activates it with a key, as a keyboard user does. Firefox ESR 153 driven over
 * WebDriver BiDi (puppeteer-core 25) delivers the key events but runs no activation behaviour for them
 * (measured here: Space leaves a focused checkbox unticked and Enter does not press a focused button,
 * even on a bare data: page), so there the focused control is clicked instead. Arrow keys on radio
 * buttons and selects do work in every engine.
 */
async function activate(page: EnginePage, selector: string, key: 'Space' | 'Enter'): Promise<void> {
	await focus(page, selector);
	if (page.engine === 'firefox') await page.click(selector);
	else await page.press(key);
}

/** Sets a date input's value as its picker would (each engine's date field takes typing differently). */
async function pickDate(page: EnginePage, selector: string, iso: string): Promise<void> {
	await page.evaluate(
		(a: { selector: string; iso: string }) => {
			const input = document.querySelector(a.selector) as HTMLInputElement;
			input.value = a.iso;
			input.dispatchEvent(new Event('input', { bubbles: true }));
			input.dispatchEvent(new Event('change', { bubbles: true }));
		},
		{ selector, iso }
	);
}

/** No horizontal scrolling: the page fits the phone's width. */
async function fitsWidth(page: EnginePage): Promise<boolean> {
	return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

/** The app's language is the one chosen, and the panel's own words are in it (not left in English). */
async function expectLanguage(page: EnginePage, locale: Locale): Promise<void> {
	const lang = await page.evaluate(() => document.documentElement.lang);
	expect(lang).toBe(locale);
	const title = await page.text('#plan-title');
	expect(title).toBe(locale === 'en' ? 'Prepare for a date' : '为某个日期做准备');
}

function isoInDays(days: number): string {
	const date = new Date(Date.now() + days * DAY);
	return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/**
 * A date for the plan on which it has cards to bring forward: the first, from a week out, with at least
 * two review cards due after its eve whose recall at its start is below the desired retention (0.9).
 * Which cards qualify depends on the simulated log's interval fuzz and on the time the test runs (a
 * fixed 14 days ahead had none at one CI run), so the date is read from the cards themselves.
 */
async function dateWithCardsToMove(page: EnginePage): Promise<string> {
	const rows = (await readStore<StateRow>(page, 'states')).filter((r) => r.phase === 2 && r.queue === 'review');
	for (let days = 7; days <= 60; days++) {
		const iso = isoInDays(days);
		const start = await planStartMillis(page, iso);
		if (rows.filter((r) => r.dueMillis >= start && recall(r, start) < 0.9 - 1e-3).length >= 2) return iso;
	}
	throw new Error('The simulated log has no card an interview plan would bring forward');
}

/** The interview day's start in the page's time zone (study days roll over at 4 am, the default). */
async function planStartMillis(page: EnginePage, iso: string): Promise<number> {
	return page.evaluate((d: string) => new Date(`${d}T04:00:00`).getTime(), iso);
}

async function settingsOf(page: EnginePage): Promise<StoredSettings> {
	const meta = await readStore<{ key: string; value: StoredSettings }>(page, 'meta');
	return meta.find((r) => r.key === 'settings')!.value;
}

const architecture = (deck: CompiledDeck) => {
	const topic = new Map(deck.papers.map((p) => [p.id, p.topic]));
	return deck.cards.filter((c) => topic.get(c.paperId) === 'architecture').map((c) => c.id);
};

/**
 * Every card of the plan's scope is ready for the date: due before it, or predicted to be recalled on
 * it at the desired retention (0.9); every card the plan brought forward is due before the date.
 */
async function expectScopeReady(page: EnginePage, inScope: (row: StateRow) => boolean, planStart: number): Promise<number> {
	const rows = (await readStore<StateRow>(page, 'states')).filter((r) => r.phase === 2 && r.queue === 'review' && inScope(r));
	expect(rows.length).toBeGreaterThan(5);
	for (const r of rows) {
		const ready = r.dueMillis < planStart + DAY || recall(r, planStart) >= 0.9 - 1e-6;
		expect(ready, `${r.cardId} due ${new Date(r.dueMillis).toISOString()}`).toBe(true);
	}
	const moved = new Set((await readStore<StoredEvent>(page, 'events')).filter((e) => e.type === 'dueBy').map((e) => e.cardId));
	for (const r of rows) if (moved.has(r.cardId)) expect(r.dueMillis, r.cardId).toBeLessThan(planStart);
	return moved.size;
}

export function workloadSuite(engine: EngineName): void {
	const baseURL = inject('baseURL');
	const open: EnginePage[] = [];
	const launch = async () => {
		const page = await launchEngine(engine, { width: WIDTH, height: 780 });
		open.push(page);
		return page;
	};
	afterEach(async () => {
		await Promise.all(open.splice(0).map((p) => p.close()));
	});

	describe(`workload control in ${engine} at ${WIDTH} px`, () => {
		for (const locale of LOCALES) {
			// English on the home screen, Chinese on /interview: the same panel on both pages.
			const where = locale === 'en' ? '/' : '/interview';
			it(`${locale}: an interview date for one topic on ${where} brings its cards forward to the date, by keyboard`, async () => {
				const page = await launch();
				await chooseLanguage(page, baseURL, locale);
				await seed(page, baseURL, { cards: 150, days: 40, newPerDay: 8, seed: 5, cardIds: architecture });
				await openPage(page, `${baseURL}${where}`);
				await page.waitFor(TOPIC);
				await expectLanguage(page, locale);

				const iso = await dateWithCardsToMove(page);
				await pickDate(page, '#plan-date', iso);
				// By keyboard: Space ticks the topic, Enter on the button saves the plan.
				await activate(page, TOPIC, 'Space');
				expect(await page.evaluate((s: string) => (document.querySelector(s) as HTMLInputElement).checked, TOPIC)).toBe(true);
				await activate(page, '[data-testid="save-plan"]', 'Enter');
				await page.waitFor('[data-testid="plan-status"][data-kind="plan"]');
				await page.waitFor('[data-testid="plan-table"] tbody tr');
				expect(await page.evaluate(() => document.querySelectorAll('[data-testid="plan-table"] tbody tr').length)).toBe(1);
				expect(await fitsWidth(page)).toBe(true);

				const plan = (await settingsOf(page)).workload.interview!;
				expect(plan).toMatchObject({ topics: ['architecture'], papers: [] });
				const planStart = await planStartMillis(page, iso);
				const moved = await expectScopeReady(page, () => true, planStart);
				expect(moved).toBeGreaterThan(0);
				expect(Number(await page.evaluate(() => document.querySelector('[data-testid="plan-status"]')!.getAttribute('data-count')))).toBe(moved);
				expect(await pageErrors(page)).toEqual([]);
			});
		}

		it('en: a plan of chosen papers, found by search on /interview', async () => {
			const page = await launch();
			await seed(page, baseURL, { cards: 150, days: 40, newPerDay: 8, seed: 5, cardIds: architecture });
			await openPage(page, `${baseURL}/interview`);
			await page.waitFor('[data-testid="plan-scope-papers"]');
			await focus(page, '[data-testid="plan-scope-topics"]');
			// Arrow keys move between the radio buttons of one group, choosing as they go.
			await page.press('ArrowDown');
			await page.waitFor('[data-testid="plan-paper-search"]');
			await page.fill('[data-testid="plan-paper-search"]', 'attention is all');
			await page.waitFor(PAPER);
			await activate(page, PAPER, 'Space');
			// The chosen paper stays listed when the search changes.
			await page.fill('[data-testid="plan-paper-search"]', 'lora');
			await page.waitFor('[data-testid="plan-panel"] input[data-paper="lora"]');
			await page.waitUntil((s: string) => (document.querySelector(s) as HTMLInputElement | null)?.checked === true, PAPER);
			const iso = isoInDays(10);
			await pickDate(page, '#plan-date', iso);
			await activate(page, '[data-testid="save-plan"]', 'Enter');
			await page.waitFor('[data-testid="plan-status"][data-kind="plan"]');
			expect((await settingsOf(page)).workload.interview).toMatchObject({ topics: [], papers: ['transformer'] });
			expect(await fitsWidth(page)).toBe(true);
			await expectScopeReady(page, (r) => r.paperId === 'transformer', await planStartMillis(page, iso));
			// Reloaded, the panel shows the plan's papers again.
			await page.reload();
			await page.waitFor(`${PAPER}:checked`);
			expect(await pageErrors(page)).toEqual([]);
		});

		for (const locale of LOCALES) {
			it(`${locale}: postpones part of a backlog and undoes it as a whole`, async () => {
				const page = await launch();
				await chooseLanguage(page, baseURL, locale);
				await seed(page, baseURL, { cards: 120, days: 40, newPerDay: 8, seed: 5, endDaysAgo: 30 });
				await page.waitFor('[data-testid="overdue-count"]');
				const overdueNow = async () => Number((await page.text('[data-testid="overdue-count"]')).replace(/\D/g, ''));
				const overdueShows = (n: number) =>
					page.waitUntil((want: number) => Number(document.querySelector('[data-testid="overdue-count"]')?.textContent?.replace(/\D/g, '')) === want, n);
				const overdue = await overdueNow();
				expect(overdue).toBeGreaterThan(10);
				expect(await fitsWidth(page)).toBe(true);

				await page.fill('#postpone-count', '5');
				await activate(page, '[data-testid="postpone"]', 'Enter');
				await page.waitFor('[data-testid="backlog-status"][data-kind="postpone"][data-count="5"]');
				// The count re-reads the collection after the status shows (it lagged once in WebKit in CI).
				await overdueShows(overdue - 5);
				expect(await overdueNow()).toBe(overdue - 5);
				const postponed = (await readStore<StoredEvent>(page, 'events')).filter((e) => e.type === 'postpone');
				expect(postponed).toHaveLength(5);
				expect(new Set(postponed.map((e) => e.batch)).size).toBe(1);

				await activate(page, '[data-testid="undo-workload"]', 'Enter');
				await page.waitFor('[data-testid="backlog-status"][data-kind="undo"][data-count="5"]');
				await overdueShows(overdue);
				expect(await overdueNow()).toBe(overdue);
				const undos = (await readStore<StoredEvent>(page, 'events')).filter((e) => e.type === 'undo');
				expect(undos.map((e) => e.targetId).sort()).toEqual(postponed.map((e) => e.id).sort());
				expect(await page.evaluate(() => document.querySelector('[data-testid="undo-workload"]') === null)).toBe(true);
				expect(await pageErrors(page)).toEqual([]);
			});
		}

		for (const locale of LOCALES) {
			it(`${locale}: the workload settings work by keyboard`, async () => {
				const page = await launch();
				await chooseLanguage(page, baseURL, locale);
				await page.waitFor('[data-testid="load-balancing"]');
				await page.waitUntil((s: string) => (document.querySelector(s) as HTMLButtonElement | null)?.disabled === false, SAVE);
				expect(await fitsWidth(page)).toBe(true);
				// Space toggles load balancing; arrow keys step through a closed select's options.
				await activate(page, '[data-testid="load-balancing"]', 'Space');
				await focus(page, '#reviewOrder');
				await page.press('ArrowDown');
				await focus(page, '#easy-day-1');
				await page.press('ArrowDown');
				await page.press('ArrowDown');
				const shown = await page.evaluate(() => ({
					balancing: (document.querySelector('[data-testid="load-balancing"]') as HTMLInputElement).checked,
					order: (document.querySelector('#reviewOrder') as HTMLSelectElement).value,
					monday: (document.querySelector('#easy-day-1') as HTMLSelectElement).value
				}));
				expect(shown).toEqual({ balancing: false, order: 'recall', monday: 'minimal' });
				// Enter on the save button submits the form.
				await activate(page, SAVE, 'Enter');
				await page.waitUntil(() => !!document.querySelector('[data-testid="save-message"]')?.textContent?.trim());
				const saved = (await settingsOf(page)).workload;
				expect(saved).toMatchObject({ loadBalancing: false, reviewOrder: 'recall' });
				expect(saved.easyDays[1]).toBe('minimal');
				expect(saved.easyDays.filter((d) => d !== 'normal')).toEqual(['minimal']);
				expect(await pageErrors(page)).toEqual([]);
			});
		}

		// WebKit keeps a page left by navigation in its back/forward cache, frozen, workers included: the
		// reschedule's transaction stayed open there and the next page's grade waited for it for ever
		// (found as a seeding script that timed out after /settings in CI; this failed without the fix).
		it('leaving /settings while it reschedules cancels that, and a grade on the next page is stored', async () => {
			const page = await launch();
			await seed(page, baseURL, { cards: 2000, days: 365, newPerDay: 20, seed: 3 });
			const before = await readStore<StoredEvent>(page, 'events');
			const storedSettings = async () => (await readStore<{ key: string; value: unknown }>(page, 'meta')).find((r) => r.key === 'settings') ?? null;
			const settingsBefore = await storedSettings();
			await openPage(page, `${baseURL}/settings`);
			await page.waitUntil((s: string) => (document.querySelector(s) as HTMLButtonElement | null)?.disabled === false, SAVE);
			const retention = () => (document.querySelector('#desiredRetention') as HTMLInputElement).value;
			const was = await page.evaluate(retention);
			await focus(page, '#desiredRetention');
			await page.press('ArrowLeft');
			await page.waitUntil((w: string) => (document.querySelector('#desiredRetention') as HTMLInputElement).value !== w, was);
			await activate(page, SAVE, 'Enter');
			// Rescheduling has begun: the worker's transaction is open.
			await page.waitUntil(() => Number((document.querySelector('#save-progress') as HTMLProgressElement | null)?.value) > 0);
			await openReview(page, baseURL);
			const graded = await gradeByKeyboard(page, '3');
			const after = await readStore<StoredEvent>(page, 'events');
			expect(after.length).toBe(before.length + 1);
			expect(graded).toBeTruthy();
			// All or nothing: the reschedule was rolled back with the settings it would have saved.
			expect(await storedSettings()).toEqual(settingsBefore);
			expect(await pageErrors(page)).toEqual([]);
		});
	});
}
