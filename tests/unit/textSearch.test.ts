import { describe, expect, it } from 'vitest';
import { beginsWord, normalizeText, queryTerms, TextIndex } from '../../src/lib/core/textSearch.ts';
import { compileDeck } from '../../src/lib/deck/compileDeck.ts';
import { readDeckSources } from '../../src/lib/deck/deckVitePlugin.ts';
import { prng } from './factories.ts';
import { cardSearchText } from '../../src/lib/core/cardSearchText.ts';

describe('query terms', () => {
	it('ignore case, accents and extra spaces', () => {
		expect(normalizeText('  Ångström  RÉSUMÉ\n\tx ')).toBe(' angstrom resume x ');
		expect(queryTerms('  LoRA   lora ')).toEqual(['lora']);
	});

	it('reduce a pasted arXiv reference to its id', () => {
		for (const q of ['arXiv:2106.09685', 'arxiv:2106.09685v2', 'https://arxiv.org/abs/2106.09685', 'arxiv.org/pdf/2106.09685v3.pdf', '2106.09685']) {
			expect(queryTerms(q)).toEqual(['2106.09685']);
		}
	});

	it('put the longest term first, so a document fails on its rarest word', () => {
		expect(queryTerms('rank low-rank a')).toEqual(['low-rank', 'rank', 'a']);
	});
});

describe('the text index', () => {
	const index = () =>
		new TextIndex([
			['LoRA', 'Low-Rank Adaptation', 'Microsoft', '2106.09685'],
			['BERT', 'Pre-training of Deep Bidirectional Transformers', 'Google', '1810.04805'],
			['Transformer', 'Attention Is All You Need', 'Google', '1706.03762', 'divide by $\\sqrt{d_k}$']
		]);

	it('matches a term only where it begins a word', () => {
		expect(beginsWord('albert gu and bert', 'bert')).toBe(true);
		expect(beginsWord('albert gu; roberta', 'bert')).toBe(false);
		expect(beginsWord('sentence-bert', 'bert')).toBe(true);
		expect(beginsWord('divide by $\\sqrt{d_k}$', 'sqrt')).toBe(true);
		expect(beginsWord('arxiv 1706.03762', '03762')).toBe(true);
		expect(beginsWord('transformer', 'former')).toBe(false);
		const papers = new TextIndex([['BERT'], ['RoBERTa', 'builds on BERT'], ['Mamba', 'Albert Gu, Tri Dao'], ['ALBERT']]);
		expect(papers.search('bert')).toEqual([0, 1]);
	});

	it('narrows from the last results only when the new terms extend the old ones', () => {
		const index = new TextIndex([['the former model'], ['a transformer']]);
		expect(index.search('former')).toEqual([0]);
		// "transformer" contains "former" but does not begin with it: the second document must come back.
		expect(index.search('transformer')).toEqual([1]);
		expect(index.search('transformers')).toEqual([]);
	});

	it('finds documents holding every term at the start of a word', () => {
		expect(index().search('google')).toEqual([1, 2]);
		expect(index().search('google trans')).toEqual([1, 2]);
		expect(index().search('google attention')).toEqual([2]);
		expect(index().search('sqrt')).toEqual([2]);
		expect(index().search('micro rank')).toEqual([0]);
		expect(index().search('micro attention')).toEqual([]);
	});

	it('finds a paper by its arXiv id, pasted in any form', () => {
		expect(index().search('1706.03762')).toEqual([2]);
		expect(index().search('https://arxiv.org/abs/1810.04805v2')).toEqual([1]);
	});

	it('returns everything for an empty query, and never matches across two fields', () => {
		expect(index().search('   ')).toEqual([0, 1, 2]);
		expect(index().search('microsoft2106')).toEqual([]);
		expect(index().search('lora\u0000low')).toEqual([0, 1, 2]);
	});

	it('gives the same answers when narrowing while typing as when searching afresh (the real deck)', () => {
		const deck = compileDeck(readDeckSources(process.cwd())).deck!;
		const docs = deck.cards.map((c) => [cardSearchText(c)]);
		const typing = new TextIndex(docs);
		const normalized = docs.map(([text]) => normalizeText(text!));
		const afresh = (q: string) => normalized.flatMap((d, i) => (queryTerms(q).every((t) => beginsWord(d, t)) ? [i] : []));
		const rand = prng(3);
		const words = ['attention', 'low rank', 'low-rank', 'reward model', 'sqrt', 'kv cache', 'token', 'the scaling law', 'moe expert'];
		for (let round = 0; round < 40; round++) {
			const query = words[Math.floor(rand() * words.length)]!;
			// Type it, make a typo and fix it, then clear: every step must match a fresh index.
			const steps = [...query].map((_, i) => query.slice(0, i + 1));
			steps.push(`${query}x`, query, query.slice(0, 2), '');
			for (const q of steps) expect(typing.search(q), q).toEqual(afresh(q));
		}
		expect(typing.search('')).toHaveLength(deck.cards.length);
	});
});

// Issue 21: Chinese has no spaces between words, so Chinese text matches anywhere; Latin keeps word starts.
describe('search over Chinese and English text', () => {
	const docs = [
		['LoRA 冻结预训练权重，只训练低秩适配（low-rank adaptation）矩阵'],
		['使用LoRA微调时，B 初始化为零'],
		['Albert 和 BERT 都是编码器'],
		['ソフトマックス and 한국어 text']
	];

	it('finds any substring of Chinese text', () => {
		const index = new TextIndex(docs);
		expect(index.search('适配')).toEqual([0]);
		expect(index.search('低秩适配')).toEqual([0]);
		expect(index.search('预训练权重')).toEqual([0]);
		expect(index.search('初始化')).toEqual([1]);
		expect(index.search('编码')).toEqual([2]);
		expect(index.search('训练推理')).toEqual([]);
	});

	it('finds Japanese and Korean by substring too', () => {
		expect(new TextIndex(docs).search('マックス')).toEqual([3]);
		expect(new TextIndex(docs).search('국어')).toEqual([3]);
	});

	it('keeps word starts for Latin text, also right after a Chinese character', () => {
		const index = new TextIndex(docs);
		expect(index.search('lora')).toEqual([0, 1]);
		expect(index.search('ora')).toEqual([]);
		expect(index.search('bert')).toEqual([2]);
		expect(index.search('rank')).toEqual([0]);
		expect(beginsWord('使用lora微调', 'lora')).toBe(true);
		expect(beginsWord('使用lora微调', 'ora')).toBe(false);
	});

	it('needs every term, Chinese and Latin mixed', () => {
		const index = new TextIndex(docs);
		expect(index.search('lora 适配')).toEqual([0]);
		expect(index.search('适配 lora')).toEqual([0]);
		expect(index.search('lora 零')).toEqual([1]);
		expect(index.search('lora 编码器')).toEqual([]);
		// A term that starts in Chinese and runs on in Latin letters is a substring too.
		expect(index.search('使用lora')).toEqual([1]);
	});

	it('narrows while typing Chinese, and widens again when a character is taken back', () => {
		const index = new TextIndex(docs);
		expect(index.search('训')).toEqual([0]);
		expect(index.search('训练')).toEqual([0]);
		expect(index.search('练')).toEqual([0]);
		expect(index.search('零')).toEqual([1]);
		expect(index.search('')).toEqual([0, 1, 2, 3]);
	});

	it('ignores full-width Latin forms and a full-width space between terms', () => {
		const index = new TextIndex(docs);
		expect(index.search('ＬｏＲＡ')).toEqual([0, 1]);
		expect(index.search('lora\u3000零')).toEqual([1]);
	});
});
