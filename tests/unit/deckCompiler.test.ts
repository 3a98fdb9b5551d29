import { describe, expect, it } from 'vitest';
import { cardHash } from '../../src/lib/deck/cardHash.ts';
import { compileDeck } from '../../src/lib/deck/compileDeck.ts';
import { formatDeckError } from '../../src/lib/deck/deckTypes.ts';
import { parseFrontMatter } from '../../src/lib/deck/parseFrontMatter.ts';
import { renderMarkdown } from '../../src/lib/deck/renderMarkdown.ts';

const PAPERS = [
	'id\ttitle\tshort\tyear\tvenue_or_org\tarxiv\ttopic\ttier\tseeds',
	'transformer\tAttention Is All You Need\tTransformer\t2017\tGoogle\t1706.03762\tarchitecture\t1\t001',
	'lora\tLoRA\tLoRA\t2021\tMicrosoft\t2106.09685\tfine-tuning-peft\t1\t001',
	'qlora\tQLoRA\tQLoRA\t2023\tUW\t2305.14314\tfine-tuning-peft\t1\t001'
].join('\n');
const TOPICS = 'id\tname\narchitecture\tArchitectures\nfine-tuning-peft\tFine-tuning';

const LORA = `---
id: lora
title: "LoRA: Low-Rank Adaptation of Large Language Models"
short: "LoRA"
year: 2021
org: "Microsoft"
arxiv: 2106.09685
topic: fine-tuning-peft
tier: 1
builds_on: [transformer]
---

LoRA freezes the pretrained weights and trains a low-rank update.

## freeze
Q: What does LoRA freeze?
A: The pretrained weights $W_0$.
N: Only $A$ and $B$ train.

## zero-init
C: In LoRA, $B$ starts at {{zero}} so $\\Delta W = BA = 0$.
`;

const TRANSFORMER = `---
id: transformer
title: "Attention Is All You Need"
short: "Transformer"
year: 2017
org: "Google"
arxiv: 1706.03762
topic: architecture
tier: 1
---

The Transformer replaces recurrence with attention.

## scaling
Q: Why divide by $\\sqrt{d_k}$?
A: To keep the softmax out of its flat regions.
`;

function compile(files: Record<string, string>) {
	return compileDeck({
		papersTsv: PAPERS,
		topicsTsv: TOPICS,
		files: Object.entries(files).map(([path, text]) => ({ path, text }))
	});
}

/** Compiles `cards/fine-tuning-peft/lora.md` with `text` (plus a valid Transformer file) and returns the errors. */
function errorsFor(text: string, path = 'cards/fine-tuning-peft/lora.md'): string[] {
	return compile({ [path]: text, 'cards/architecture/transformer.md': TRANSFORMER }).errors.map(formatDeckError);
}

describe('a valid deck', () => {
	it('compiles to papers and cards with rendered math and cloze sides', () => {
		const { deck, errors } = compile({ 'cards/fine-tuning-peft/lora.md': LORA, 'cards/architecture/transformer.md': TRANSFORMER });
		expect(errors).toEqual([]);
		expect(deck!.papers.map((p) => p.id)).toEqual(['transformer', 'lora']);
		const lora = deck!.papers[1]!;
		expect(lora).toMatchObject({ title: 'LoRA: Low-Rank Adaptation of Large Language Models', year: 2021, buildsOn: ['transformer'], cardIds: ['lora/freeze', 'lora/zero-init'] });
		expect(lora.summaryHtml).toBe('<p>LoRA freezes the pretrained weights and trains a low-rank update.</p>\n');
		expect(lora).not.toHaveProperty('summaryText');
		const [freeze, cloze] = deck!.cards.filter((c) => c.paperId === 'lora');
		expect(freeze!.promptHtml).toBe('<p>What does LoRA freeze?</p>\n');
		expect(freeze!.answerHtml).toContain('class="katex"');
		expect(freeze!.noteHtml).toContain('Only');
		expect(cloze!.type).toBe('cloze');
		expect(cloze!.promptHtml).toContain('<span class="cloze-blank">[…]</span>');
		expect(cloze!.promptHtml).not.toContain('zero');
		expect(cloze!.answerHtml).toContain('<mark class="cloze">zero</mark>');
		expect(deck!.version).toMatch(/^[0-9a-f]{14}$/);
	});

	it('changes a card hash exactly when its content changes, and the version with it', () => {
		const a = compile({ 'cards/fine-tuning-peft/lora.md': LORA, 'cards/architecture/transformer.md': TRANSFORMER }).deck!;
		const b = compile({ 'cards/fine-tuning-peft/lora.md': LORA.replace('What does LoRA freeze?', 'What does LoRA keep frozen?'), 'cards/architecture/transformer.md': TRANSFORMER }).deck!;
		const hashOf = (deck: typeof a, id: string) => cardHash(deck.cards.find((c) => c.id === id)!);
		expect(hashOf(b, 'lora/freeze')).not.toBe(hashOf(a, 'lora/freeze'));
		expect(hashOf(b, 'lora/zero-init')).toBe(hashOf(a, 'lora/zero-init'));
		expect(b.version).not.toBe(a.version);
	});
});

describe('deck errors, each at file:line with a reason', () => {
	const lora = 'cards/fine-tuning-peft/lora.md';
	it.each([
		['a missing key', LORA.replace('org: "Microsoft"\n', ''), `${lora}:10: missing front matter key "org"`],
		['an unknown key', LORA.replace('tier: 1\n', 'tier: 1\nvenue: "ICLR"\n'), `${lora}:10: unknown front matter key "venue"`],
		['an id that differs from the file name', LORA.replace('id: lora', 'id: qlora'), `${lora}:2: id "qlora" differs from the file name "lora.md"`],
		['a duplicate card slug', LORA.replace('## zero-init', '## freeze'), `${lora}:20: duplicate card slug "freeze" (first at line 15)`],
		['an empty question', LORA.replace('Q: What does LoRA freeze?', 'Q:'), `${lora}:16: card "freeze" has an empty question`],
		['an empty answer', LORA.replace('A: The pretrained weights $W_0$.', 'A:  '), `${lora}:17: card "freeze" has an empty answer`],
		['a question without an answer', LORA.replace('A: The pretrained weights $W_0$.\n', ''), `${lora}:16: card "freeze" has an empty answer`],
		['a cloze with no deletion', LORA.replace('{{zero}}', 'zero'), `${lora}:21: cloze "zero-init" has no {{deletion}}`],
		['a malformed arXiv id', LORA.replace('arxiv: 2106.09685', 'arxiv: 2106.096'), `${lora}:7: malformed arXiv id "2106.096" (expected e.g. 2106.09685)`],
		['a builds_on naming an unknown paper', LORA.replace('[transformer]', '[transformer, gpt-9]'), `${lora}:10: builds_on names an unknown paper "gpt-9"`],
		['a topic not in the list', LORA.replace('topic: fine-tuning-peft', 'topic: finetuning'), `${lora}:8: unknown topic "finetuning" (see cards/topics.tsv)`],
		['a tier that differs from papers.tsv', LORA.replace('tier: 1', 'tier: 2'), `${lora}:9: tier 2 differs from papers.tsv (1)`],
		['a slug that is not kebab-case', LORA.replace('## zero-init', '## Zero_Init'), `${lora}:20: card slug "Zero_Init" is not kebab-case (a-z, 0-9, single hyphens)`],
		['bad math', LORA.replace('$W_0$', '$W_{0$'), `${lora}:17: bad math $W_{0$: KaTeX parse error: Expected '}', got 'EOF' at end of input: W_{0`],
		['unclosed math', LORA.replace('$W_0$.', '$W_0.'), `${lora}:17: unclosed $ math: $W_0.`],
		['text before a card field', LORA.replace('Q: What does LoRA freeze?', 'Think first.\nQ: What does LoRA freeze?'), `${lora}:16: text before the first Q:/A:/C:/N: field of card "freeze"`],
		['a missing summary', LORA.replace('LoRA freezes the pretrained weights and trains a low-rank update.\n\n', ''), `${lora}:13: missing summary paragraph after the front matter`],
		['an unterminated quote', LORA.replace('short: "LoRA"', 'short: "LoRA'), `${lora}:4: short: unterminated quoted string`],
		['no arxiv and no url', LORA.replace('arxiv: 2106.09685\n', ''), `${lora}:10: give "arxiv" or, when the work has none, "url"`]
	])('rejects %s', (_name, text, expected) => {
		expect(errorsFor(text)).toContain(expected);
	});

	it('rejects a topic that differs from the folder, and a file outside papers.tsv', () => {
		expect(errorsFor(LORA, 'cards/architecture/lora.md')).toContain('cards/architecture/lora.md:8: topic "fine-tuning-peft" differs from the folder "architecture"');
		const gpt9 = LORA.replace('id: lora', 'id: gpt-9');
		expect(errorsFor(gpt9, 'cards/fine-tuning-peft/gpt-9.md')).toContain('cards/fine-tuning-peft/gpt-9.md:2: id "gpt-9" is not in cards/papers.tsv');
	});

	it('rejects cycles in builds_on', () => {
		const cyclic = TRANSFORMER.replace('tier: 1\n', 'tier: 1\nbuilds_on: [lora]\n');
		const errors = compile({ 'cards/fine-tuning-peft/lora.md': LORA, 'cards/architecture/transformer.md': cyclic }).errors.map(formatDeckError);
		expect(errors.some((e) => /builds_on makes a cycle: (lora → transformer → lora|transformer → lora → transformer)/.test(e))).toBe(true);
	});

	it('reports every problem at once, and produces no deck', () => {
		const bad = LORA.replace('tier: 1', 'tier: 2').replace('{{zero}}', 'zero');
		const { deck, errors } = compile({ 'cards/fine-tuning-peft/lora.md': bad, 'cards/architecture/transformer.md': TRANSFORMER });
		expect(deck).toBeNull();
		expect(errors.length).toBe(2);
	});
});

describe('front matter', () => {
	it('reads quoted strings with escapes, numbers and lists', () => {
		const { entries, errors } = parseFrontMatter(['title: "Say \\"hi\\": a \\\\ b"', 'year: 2021', 'authors: ["A, B", C D]', 'tags: []'], 2, 'f.md');
		expect(errors).toEqual([]);
		expect(entries.get('title')).toEqual({ value: 'Say "hi": a \\ b', line: 2 });
		expect(entries.get('year')!.value).toBe(2021);
		expect(entries.get('authors')!.value).toEqual(['A, B', 'C D']);
		expect(entries.get('tags')!.value).toEqual([]);
	});

	it('rejects duplicate keys and malformed lists', () => {
		const { errors } = parseFrontMatter(['id: a', 'id: b', 'tags: [a, ]', 'x'], 2, 'f.md');
		expect(errors.map(formatDeckError)).toEqual([
			'f.md:3: duplicate front matter key "id"',
			'f.md:4: tags: list ends with a comma',
			'f.md:5: front matter line is not "key: value": "x"'
		]);
	});
});

describe('card Markdown', () => {
	it('keeps code spans literal and renders emphasis and lists', () => {
		expect(renderMarkdown('Use `$x$` and *this*')).toBe('<p>Use <code>$x$</code> and <em>this</em></p>\n');
		expect(renderMarkdown('- one\n- two')).toContain('<li>one</li>');
	});

	it('hides math inside a cloze, even when it contains braces', () => {
		const blank = renderMarkdown('Scale by {{ $1/\\sqrt{d_k}$ }} in attention', 'blank');
		expect(blank).not.toContain('katex');
		expect(renderMarkdown('Scale by {{ $1/\\sqrt{d_k}$ }} in attention', 'reveal')).toContain('<mark class="cloze"> <span class="katex">');
	});

	it('drops raw HTML and links', () => {
		expect(renderMarkdown('<script>x</script> [a](http://x)')).not.toContain('<script>');
		expect(renderMarkdown('[a](http://x)')).not.toContain('<a ');
	});
});
