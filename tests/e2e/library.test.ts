import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { htmlSearchText } from '../../src/lib/core/cardSearchText.ts';
import { normalizeText } from '../../src/lib/core/textSearch.ts';
import type { CompiledDeck } from '../../src/lib/deck/deckTypes.ts';
import { orderPapers } from '../../src/lib/deck/newCardOrder.ts';
import { controlledByServiceWorker, openReview, questionText, todayNumbers, waitForNextQuestion } from './appPage.ts';
import { launchBrowser, type Browser } from './chromium.ts';
import { fetchBuiltDeck, openBrowse, reviewedPaper, visiblePapers, waitForAnnouncement, waitForVisiblePapers } from './libraryPage.ts';

const baseURL = inject('baseURL');

let deck: CompiledDeck;
beforeAll(async () => {
	deck = await fetchBuiltDeck(baseURL);
});

/** A word of `paperId`'s summary that no other paper's searchable text contains. */
function uniqueSummaryWord(paperId: string): string {
	const fields = (p: CompiledDeck['papers'][number]) =>
		normalizeText([p.short, p.title, p.org, p.arxiv ?? '', String(p.year), p.authors.join(' '), htmlSearchText(p.summaryHtml)].join(' '));
	const others = deck.papers.filter((p) => p.id !== paperId).map(fields);
	const paper = deck.papers.find((p) => p.id === paperId)!;
	const words = normalizeText(htmlSearchText(paper.summaryHtml)).split(/[^a-z0-9-]+/).filter((w) => w.length >= 6);
	const word = words.find((w) => !normalizeText(paper.title).includes(w) && others.every((o) => !o.includes(w)));
	if (!word) throw new Error(`no unique summary word for ${paperId}`);
	return word;
}

describe('the paper library in a real Chromium', () => {
	let browser: Browser;
	beforeEach(async () => {
		// No service worker, except in the offline test: its install (the whole precache) would only slow these down.
		browser = await launchBrowser({ serviceWorkers: 'block' });
	});
	afterEach(async () => {
		await browser.close();
	});

	it('search finds a paper by its arXiv id and by a word of its summary, as you type', async () => {
		const page = await browser.context.newPage();
		await page.goto(`${baseURL}/papers`);
		expect(await visiblePapers(page)).toHaveLength(deck.papers.length);
		const search = page.getByLabel('Search papers');

		await search.fill('1706.03762');
		await waitForVisiblePapers(page, ['transformer']);
		await expect(page.getByTestId('paper-count').innerText()).resolves.toBe(`1 of ${deck.papers.length} papers`);

		await search.fill('');
		await waitForVisiblePapers(page, deck.papers.map((p) => p.id));
		const word = uniqueSummaryWord('lora');
		await search.click();
		await page.keyboard.type(word);
		await waitForVisiblePapers(page, ['lora']);

		// A pasted arXiv link works too, and the filters narrow further.
		await search.fill('https://arxiv.org/abs/2106.09685v2');
		await waitForVisiblePapers(page, ['lora']);
		await page.getByLabel('Topic').selectOption('vision');
		await waitForVisiblePapers(page, []);
		await page.getByText('No paper matches.').waitFor();
	});

	it("a paper's page links its lineage both ways", async () => {
		const page = await browser.context.newPage();
		await page.goto(`${baseURL}/papers/bert`);
		const buildsOn = page.getByRole('list', { name: 'Builds on' });
		const builtOnBy = page.getByRole('list', { name: 'Built on by' });
		expect(await buildsOn.getByRole('link', { name: 'Transformer' }).getAttribute('href')).toBe('/papers/transformer');
		expect(await builtOnBy.getByRole('link', { name: 'RoBERTa' }).getAttribute('href')).toBe('/papers/roberta');
		const arxiv = page.getByRole('link', { name: /arXiv:1810\.04805/ });
		expect(await arxiv.getAttribute('href')).toBe('https://arxiv.org/abs/1810.04805');

		await buildsOn.getByRole('link', { name: 'Transformer' }).click();
		await page.waitForURL(`${baseURL}/papers/transformer`);
		await page.getByRole('heading', { level: 1, name: 'Attention Is All You Need' }).waitFor();
		const back = page.getByRole('list', { name: 'Built on by' }).getByRole('link', { name: 'BERT 2018', exact: true });
		await back.click();
		await page.waitForURL(`${baseURL}/papers/bert`);
		// The page followed the link with its data and its cards.
		const bert = deck.papers.find((p) => p.id === 'bert')!;
		await page.getByRole('heading', { level: 1, name: bert.title }).waitFor();
		await page.waitForFunction((n) => document.querySelectorAll('ol.cards > li').length === n, bert.cardIds.length);

		// Its cards open in the card browser, filtered to the paper.
		await page.getByRole('link', { name: 'Manage these cards in Browse' }).click();
		await page.waitForURL(`${baseURL}/browse?paper=bert`);
		await page.waitForFunction((n) => document.querySelector('[data-testid="card-count"]')?.textContent?.trim().startsWith(`${n} cards`), bert.cardIds.length);
		expect(await page.getByLabel('Paper').inputValue()).toBe('bert');
	});

	it('studying one paper shows only its cards, then is done', async () => {
		const page = await browser.context.newPage();
		const lora = deck.papers.find((p) => p.id === 'lora')!;
		await page.goto(`${baseURL}/papers/lora`);
		await page.waitForFunction((n) => document.querySelectorAll('ol.cards > li').length === n, lora.cardIds.length);
		await page.getByRole('link', { name: 'Study this paper' }).click();
		await page.waitForURL(`${baseURL}/review?paper=lora`);

		let shown = 0;
		for (;;) {
			await page.locator('article.card, #done-title').first().waitFor();
			if (await page.locator('#done-title').isVisible()) break;
			expect(await reviewedPaper(page)).toBe('lora');
			const q = await questionText(page);
			await page.keyboard.press('Space');
			await page.keyboard.press('4');
			shown++;
			await page.waitForFunction((prev) => {
				const face = document.querySelector('article.card .face') as HTMLElement | null;
				return document.querySelector('#done-title') || (face && face.innerText.trim() !== prev && document.querySelector('button.show'));
			}, q);
			expect(shown).toBeLessThanOrEqual(lora.cardIds.length);
		}
		expect(shown).toBe(lora.cardIds.length);
	});

	it('suspending a card (by keyboard) removes it from the review queue; unsuspending brings it back', async () => {
		const page = await browser.context.newPage();
		await openReview(page, baseURL);
		const first = await questionText(page);

		await openBrowse(page, baseURL);
		const firstRow = (await page.locator('ol.results > li .q').first().innerText()).trim();
		expect(first).toContain(firstRow);
		await page.getByLabel('Search questions and answers').focus();
		await page.keyboard.press('ArrowDown');
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Answer and actions');
		await page.keyboard.press('Enter');
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Suspend');
		await page.keyboard.press('Enter');
		await waitForAnnouncement(page, 'Card suspended');

		await openReview(page, baseURL);
		expect(await questionText(page)).not.toBe(first);
		expect((await todayNumbers(page, baseURL)).fresh).toBe(20);

		await openBrowse(page, baseURL);
		await page.getByLabel('State').selectOption('suspended');
		await page.waitForFunction(() => document.querySelectorAll('ol.results > li').length === 1);
		await page.getByRole('button', { name: 'Answer and actions' }).click();
		await page.getByRole('button', { name: 'Unsuspend' }).click();
		await waitForAnnouncement(page, 'Card unsuspended');

		await openReview(page, baseURL);
		expect(await questionText(page)).toBe(first);
	});

	it('reset asks first, and bury hides a card until tomorrow', async () => {
		const page = await browser.context.newPage();
		await openReview(page, baseURL);
		const first = await questionText(page);
		await page.keyboard.press('Space');
		await page.keyboard.press('3');
		await waitForNextQuestion(page, first);

		await openBrowse(page, baseURL);
		await page.getByLabel('State').selectOption('learning');
		await page.waitForFunction(() => document.querySelectorAll('ol.results > li').length === 1);
		await page.getByRole('button', { name: 'Answer and actions' }).click();
		await page.getByRole('button', { name: 'Reset progress…' }).click();
		const dialog = page.getByRole('dialog', { name: "Reset this card's progress?" });
		await dialog.waitFor();
		await page.keyboard.press('Escape');
		await dialog.waitFor({ state: 'hidden' });
		expect(await page.locator('ol.results > li .badge').first().innerText()).toBe('Learning');

		await page.getByRole('button', { name: 'Reset progress…' }).click();
		await dialog.getByRole('button', { name: 'Reset progress' }).click();
		await waitForAnnouncement(page, 'Card reset');
		await page.waitForFunction(() => document.querySelectorAll('ol.results > li').length === 0);

		// Reset, the card is new again and first in line; buried, it waits for tomorrow.
		await openReview(page, baseURL);
		expect(await questionText(page)).toBe(first);
		await openBrowse(page, baseURL);
		await page.getByRole('button', { name: 'Answer and actions' }).first().click();
		await page.getByRole('button', { name: 'Bury until tomorrow' }).click();
		await waitForAnnouncement(page, 'Card buried');
		expect(await page.locator('ol.results > li').first().getByText('Buried until tomorrow').count()).toBe(1);
		await openReview(page, baseURL);
		expect(await questionText(page)).not.toBe(first);
	});

	it("turning a topic off stops its new cards from appearing, and the choice is kept", async () => {
		const page = await browser.context.newPage();
		const topicOf = new Map(deck.papers.map((p) => [p.id, p.topic]));
		await openReview(page, baseURL);
		expect(topicOf.get(await reviewedPaper(page))).toBe('architecture');

		await page.goto(`${baseURL}/papers`);
		await page.getByText('What to study').click();
		const box = page.getByRole('checkbox', { name: /^Architectures/ });
		await box.waitFor();
		await page.waitForFunction(() => !document.querySelector('fieldset')?.disabled);
		await box.uncheck();
		await page.getByText('New cards from Architectures turned off.').waitFor({ state: 'attached' });
		await page.reload();
		await page.getByText('What to study').click();
		// The choices are read from storage after the page shows: wait until they are in.
		await page.waitForFunction(() => !document.querySelector('fieldset')?.disabled);
		expect(await page.getByRole('checkbox', { name: /^Architectures/ }).isChecked()).toBe(false);

		expect((await todayNumbers(page, baseURL)).fresh).toBe(20);
		await openReview(page, baseURL);
		for (let i = 0; i < 20; i++) {
			const paper = await reviewedPaper(page);
			expect(topicOf.get(paper), paper).not.toBe('architecture');
			const q = await questionText(page);
			await page.keyboard.press('Space');
			await page.keyboard.press('4');
			if (i < 19) await waitForNextQuestion(page, q);
		}
		await page.locator('#done-title').waitFor();
	});

	it('changing the order of new cards changes what comes first', async () => {
		const page = await browser.context.newPage();
		await page.goto(`${baseURL}/papers`);
		await page.getByText('What to study').click();
		const order = page.getByLabel('Order of new cards');
		await page.waitForFunction(() => !(document.getElementById('new-card-order') as HTMLSelectElement).disabled);
		await order.selectOption('lineage');
		await page.getByText('New cards now come oldest foundations first.').waitFor({ state: 'attached' });

		const firstPaper = orderPapers(deck.papers, deck.topics.map((t) => t.id), 'lineage', 0)[0]!;
		expect(firstPaper.id).not.toBe(deck.papers[0]!.id);
		await openReview(page, baseURL);
		expect(await reviewedPaper(page)).toBe(firstPaper.id);
	});

	it('works on a 360 px phone: no sideways scrolling, tap targets of at least 44 px', async () => {
		await browser.close();
		browser = await launchBrowser({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, serviceWorkers: 'block' });
		const page = await browser.context.newPage();
		const check = async () => {
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
			const small = await page.evaluate(() =>
				[...document.querySelectorAll<HTMLElement>('button, select, input, summary, a.button, nav a, a.title, .lineage a, a.paper, .crumbs a')]
					.filter((e) => e.offsetParent !== null)
					// A checkbox is tapped through its label.
					.map((e) => ({ what: e.outerHTML.slice(0, 80), box: (e.closest('label') ?? e).getBoundingClientRect() }))
					.filter(({ box }) => box.height < 44 || box.width < 44)
					.map(({ what }) => what)
			);
			expect(small).toEqual([]);
		};
		await page.goto(`${baseURL}/papers`);
		await page.getByText('What to study').tap();
		await check();
		await page.goto(`${baseURL}/papers/transformer`);
		await page.locator('ol.cards > li').first().waitFor();
		await check();
		await openBrowse(page, baseURL);
		await page.getByRole('button', { name: 'Answer and actions' }).first().tap();
		await check();
	});

	it('a first visit on a paper page installs the app: papers, paper pages and the browser then work offline', async () => {
		await browser.close();
		browser = await launchBrowser();
		const page = await browser.context.newPage();
		await page.goto(`${baseURL}/papers/transformer`);
		await controlledByServiceWorker(page);
		await browser.context.setOffline(true);
		const bert = await page.goto(`${baseURL}/papers/bert`);
		expect(bert?.fromServiceWorker()).toBe(true);
		await page.locator('ol.cards > li').first().waitFor();
		// Following a link is a client-side navigation: it needs the page's data from the cache too.
		await page.getByRole('list', { name: 'Builds on' }).getByRole('link', { name: 'GPT-1' }).click();
		await page.getByRole('heading', { level: 1, name: deck.papers.find((p) => p.id === 'gpt-1')!.title }).waitFor();
		await page.locator('ol.cards > li').first().waitFor();
		expect((await page.goto(`${baseURL}/papers`))?.fromServiceWorker()).toBe(true);
		await page.getByLabel('Search papers').fill('1810.04805');
		await waitForVisiblePapers(page, ['bert']);
		expect((await page.goto(`${baseURL}/browse`))?.fromServiceWorker()).toBe(true);
		await page.locator('ol.results > li').first().waitFor();
	});
});
