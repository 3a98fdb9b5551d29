import { describe, expect, it } from 'vitest';
import { cardSearchText, htmlSearchText } from '../../src/lib/core/cardSearchText.ts';
import { firstVisitSummary } from '../../src/lib/core/firstVisitSummary.ts';
import { PaperdeckDatabase } from '../../src/lib/db/database.ts';
import { importFirstCards } from '../../src/lib/db/importFirstCards.ts';
import { reconcileDeck } from '../../src/lib/db/reconcileDeck.ts';
import { mathVariantsToUnicode, renderMarkdown } from '../../src/lib/deck/renderMarkdown.ts';
import { makeDeck } from './factories.ts';

let dbCount = 0;
const freshDb = () => new PaperdeckDatabase(`first-visit-${dbCount++}`);

describe('a first visit (issue 17)', () => {
	it('shows today\'s numbers from the deck alone: the new-card limit, or the whole deck when smaller', () => {
		expect(firstVisitSummary({ newPerDay: 20, reviewsPerDay: 200, rolloverHour: 4 }, 2000)).toEqual({ due: 0, newAvailable: 20, answered: 0 });
		expect(firstVisitSummary({ newPerDay: 20, reviewsPerDay: 200, rolloverHour: 4 }, 7)).toEqual({ due: 0, newAvailable: 7, answered: 0 });
	});

	it('stores the first cards in study order first, and the full reconciliation then finds them up to date', async () => {
		const db = freshDb();
		const deck = makeDeck(4, 5);
		// Reverse order: the last card of the deck comes first.
		const ranks = new Map(deck.cards.map((c, i) => [c.id, deck.cards.length - i]));
		expect(await importFirstCards(db, deck, ranks, 3)).toBe(3);
		const first = (await db.states.toArray()).sort((a, b) => a.newRank - b.newRank).map((s) => s.cardId);
		expect(first).toEqual(['paper-3/card-4', 'paper-3/card-3', 'paper-3/card-2']);
		expect((await db.cards.get('paper-3/card-4'))?.promptHtml).toBe('<p>Question paper-3/card-4</p>');
		expect(await db.meta.get('deckVersion')).toBeUndefined();
		const report = await reconcileDeck(db, deck, null, ranks);
		expect(report.added).toBe(17);
		expect(await db.states.count()).toBe(20);
		expect(await db.cards.count()).toBe(20);
		expect((await db.meta.get('deckVersion'))?.value).toBe(deck.version);
		await db.delete();
	});

	it('writes nothing into a collection that is not empty (that needs the full reconciliation)', async () => {
		const db = freshDb();
		const deck = makeDeck(2, 3);
		await reconcileDeck(db, deck, null);
		const edited = makeDeck(2, 3, { edit: 'paper-0/card-0' });
		expect(await importFirstCards(db, edited, new Map(edited.cards.map((c, i) => [c.id, i])), 3)).toBe(0);
		expect((await db.cards.get('paper-0/card-0'))?.promptHtml).toBe('<p>Question paper-0/card-0</p>');
		await db.delete();
	});
});

describe('deck math as MathML', () => {
	it('renders math as MathML, with no KaTeX HTML layout (so no KaTeX CSS or fonts are needed)', () => {
		const html = renderMarkdown('Scale by $1/\\sqrt{d_k}$.');
		expect(html).toContain('<math>');
		expect(html).toContain('<msqrt>');
		expect(html).not.toContain('katex-html');
		expect(renderMarkdown('$$x^2$$')).toContain('<math display="block">');
	});

	it('turns styled letters into their Unicode characters, which MathML Core shows (it ignores mathvariant)', () => {
		expect(mathVariantsToUnicode('<mi mathvariant="double-struck">R</mi>')).toBe('<mi>ℝ</mi>');
		expect(mathVariantsToUnicode('<mi mathvariant="script">L</mi>')).toBe('<mi>ℒ</mi>');
		expect(mathVariantsToUnicode('<mi mathvariant="bold">x</mi>')).toBe('<mi>𝐱</mi>');
		expect(mathVariantsToUnicode('<mi mathvariant="bold-italic">θ</mi>')).toBe('<mi>𝜽</mi>');
		expect(mathVariantsToUnicode('<mn mathvariant="bold">1</mn>')).toBe('<mn>𝟏</mn>');
		expect(mathVariantsToUnicode('<mi mathvariant="normal">d</mi>')).toBe('<mi mathvariant="normal">d</mi>');
		expect(renderMarkdown('$\\mathbb{R}^d$')).toContain('<mi>ℝ</mi>');
	});
});

describe('card search text, derived from the rendered card', () => {
	it('keeps the words and each formula as its TeX source, with entities decoded', () => {
		expect(htmlSearchText(renderMarkdown('Divide by $\\sqrt{d_k}$ when *a < b* & `code`.'))).toBe('Divide by \\sqrt{d_k} when a < b & code .');
	});

	it('searches a cloze by its whole text (the answer side) and a basic card by question, answer and note', () => {
		const cloze = { type: 'cloze' as const, promptHtml: renderMarkdown('{{LoRA}} freezes W', 'blank'), answerHtml: renderMarkdown('{{LoRA}} freezes W'), noteHtml: '' };
		expect(cardSearchText(cloze)).toBe('LoRA freezes W');
		const basic = { type: 'basic' as const, promptHtml: '<p>Q?</p>', answerHtml: '<p>A.</p>', noteHtml: '<p>N</p>' };
		expect(cardSearchText(basic)).toBe('Q? \n A. \n N');
	});
});
