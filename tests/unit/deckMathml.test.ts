/** The deck's math as MathML (no KaTeX CSS or fonts in the app) and the search text derived from it. */
import { describe, expect, it } from 'vitest';
import { cardSearchText, htmlSearchText } from '../../src/lib/core/cardSearchText.ts';
import { mathVariantsToUnicode } from '../../src/lib/deck/mathVariantsToUnicode.ts';
import { renderMarkdown } from '../../src/lib/deck/renderMarkdown.ts';

describe('deck math', () => {
	it('is MathML alone: no KaTeX HTML layout, no inline styles, no namespace attribute', () => {
		const html = renderMarkdown('Scale by $1/\\sqrt{d_k}$ and $$\\mathbb{R}^{d}$$');
		expect(html).toContain('<math>');
		expect(html).toContain('<math display="block">');
		expect(html).not.toContain('katex-html');
		expect(html).not.toContain('style=');
		expect(html).not.toContain('xmlns');
	});

	it('writes styled letters as their Unicode characters, which MathML Core shows without mathvariant', () => {
		expect(mathVariantsToUnicode('<mi mathvariant="double-struck">R</mi>')).toBe('<mi>ℝ</mi>');
		expect(mathVariantsToUnicode('<mi mathvariant="script">L</mi>')).toBe('<mi>ℒ</mi>');
		expect(mathVariantsToUnicode('<mi mathvariant="bold">x</mi>')).toBe('<mi>𝐱</mi>');
		expect(mathVariantsToUnicode('<mi mathvariant="bold">α</mi>')).toBe('<mi>𝛂</mi>');
		expect(mathVariantsToUnicode('<mi mathvariant="normal">d</mi>')).toBe('<mi mathvariant="normal">d</mi>');
		expect(renderMarkdown('$\\mathcal{O}(n)$')).not.toContain('mathvariant="script"');
	});
});

describe('card search text', () => {
	it('is the words of the HTML, with each formula as its TeX source', () => {
		const html = renderMarkdown('Divide by $\\sqrt{d_k}$ & **scale** <b>');
		expect(htmlSearchText(html)).toBe('Divide by \\sqrt{d_k} & scale <b>');
	});

	it('reads a cloze from its answer side and never repeats the prompt', () => {
		const card = { type: 'cloze' as const, promptHtml: '<p>[…] rank</p>', answerHtml: '<p><mark>Low</mark> rank</p>', noteHtml: '<p>LoRA</p>' };
		expect(cardSearchText(card)).toBe('Low rank \n LoRA');
		expect(cardSearchText({ ...card, type: 'basic' })).toBe('[…] rank \n Low rank \n LoRA');
	});
});
