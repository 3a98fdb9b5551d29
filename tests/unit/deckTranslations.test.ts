import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../src/lib/deck/compileDeck.ts';
import { cardStamp, summaryStamp } from '../../src/lib/deck/compileTranslations.ts';
import { formatDeckError } from '../../src/lib/deck/deckTypes.ts';
import { parseCardFile } from '../../src/lib/deck/parseCardFile.ts';

const PAPERS = 'id\ttitle\tshort\tyear\tvenue_or_org\tarxiv\ttopic\ttier\nlora\tLoRA\tLoRA\t2021\tMicrosoft\t2106.09685\tfine-tuning-peft\t1';
const TOPICS = 'id\tname\nfine-tuning-peft\tFine-tuning';
const EN_PATH = 'cards/fine-tuning-peft/lora.md';
const ZH_PATH = 'cards/fine-tuning-peft/lora.zh-CN.md';

const LORA = `---
id: lora
title: "LoRA"
short: "LoRA"
year: 2021
org: "Microsoft"
arxiv: 2106.09685
topic: fine-tuning-peft
tier: 1
---

LoRA freezes the pretrained weights and trains a low-rank update $\\Delta W = BA$.

## freeze
Q: What does LoRA freeze?
A: The pretrained weights $W_0$.
N: Only $A$ and $B$ train.

## zero-init
C: In LoRA, $B$ starts at {{zero}} so $\\Delta W = BA = 0$.
`;

const en = parseCardFile(EN_PATH, LORA).paper!;
const stamp = (slug: string) => cardStamp(en.cards.find((c) => c.slug === slug)!);

/** A correct, stamped translation of LORA; the tests break it one way at a time. */
const ZH = `---
id: lora
source: "${summaryStamp(en.summary)}"
---

LoRA 冻结预训练权重，只训练低秩更新 $\\Delta W = BA$。

## freeze
<!-- source: ${stamp('freeze')} -->
Q: LoRA 冻结什么？
A: 预训练权重 $W_0$。
N: 只训练 $A$ 和 $B$。

## zero-init
<!-- source: ${stamp('zero-init')} -->
C: LoRA 把 $B$ 初始化为 {{零}}，于是 $\\Delta W = BA = 0$。
`;

function errorsFor(zh: string | null, english = LORA): string[] {
	const result = compileDeck({
		papersTsv: PAPERS,
		topicsTsv: TOPICS,
		files: [{ path: EN_PATH, text: english }],
		translations: { 'zh-CN': zh === null ? [] : [{ path: ZH_PATH, text: zh }] }
	});
	return result.errors.map(formatDeckError);
}

describe('the Chinese deck beside the English', () => {
	it('compiles a complete, current translation into its own payload', () => {
		const { translations, errors } = compileDeck({
			papersTsv: PAPERS,
			topicsTsv: TOPICS,
			files: [{ path: EN_PATH, text: LORA }],
			translations: { 'zh-CN': [{ path: ZH_PATH, text: ZH }] }
		});
		expect(errors).toEqual([]);
		const zh = translations['zh-CN']!;
		expect(zh.cards.map((c) => c.id)).toEqual(['lora/freeze', 'lora/zero-init']);
		expect(zh.cards[0]!.promptHtml).toContain('LoRA 冻结什么');
		expect(zh.cards[1]!.promptHtml).not.toContain('零');
		expect(zh.papers[0]!.summaryText).toContain('冻结预训练权重');
	});

	it('fails on a missing translation file or a missing card', () => {
		expect(errorsFor(null)).toEqual([`${ZH_PATH}:1: missing: the zh-CN translation of ${EN_PATH}`]);
		const withoutZero = ZH.slice(0, ZH.indexOf('## zero-init'));
		expect(errorsFor(withoutZero)).toEqual([`${ZH_PATH}:1: missing the translation of card "zero-init" (${EN_PATH}:19)`]);
	});

	it('fails on a slug the English lacks', () => {
		expect(errorsFor(ZH.replace('## freeze', '## freezes'))).toContain(`${ZH_PATH}:8: card "freezes" is not in the English file`);
	});

	it('fails on another card kind', () => {
		const basic = ZH.replace('C: LoRA 把 $B$ 初始化为 {{零}}，于是 $\\Delta W = BA = 0$。', 'Q: $B$ 初始化为？$\\Delta W = BA = 0$\nA: 零');
		expect(errorsFor(basic)).toContain(`${ZH_PATH}:14: card "zero-init" is a basic card, the English (${EN_PATH}:19) a cloze card`);
	});

	it('fails on an extra cloze deletion', () => {
		expect(errorsFor(ZH.replace('{{零}}', '{{零}}（{{zero}}）'))).toContain(`${ZH_PATH}:16: cloze "zero-init" has 2 deletions, the English (${EN_PATH}:19) 1`);
	});

	it('fails on changed math, in a card or in the summary', () => {
		expect(errorsFor(ZH.replace('预训练权重 $W_0$', '预训练权重 $W$'))).toContain(`${ZH_PATH}:8: card "freeze": its math differs from the English (${EN_PATH}:14)`);
		expect(errorsFor(ZH.replace('低秩更新 $\\Delta W = BA$', '低秩更新 $BA$'))).toContain(`${ZH_PATH}:6: the summary's math differs from the English`);
	});

	it('names a stale translation when its English card changes, and an unstamped one', () => {
		const changed = LORA.replace('What does LoRA freeze?', 'What does LoRA keep frozen?');
		expect(errorsFor(ZH, changed)).toEqual([`${ZH_PATH}:8: stale translation: the English card "freeze" (${EN_PATH}:14) changed after it was translated`]);
		const summaryChanged = LORA.replace('LoRA freezes', 'LoRA keeps frozen');
		expect(errorsFor(ZH, summaryChanged)).toEqual([`${ZH_PATH}:3: stale summary: the English summary (${EN_PATH}:12) changed after it was translated`]);
		expect(errorsFor(ZH.replace(/<!-- source: \w+ -->\n/, ''))).toEqual([
			`${ZH_PATH}:8: card "freeze" has no source stamp: review it against the English, then run npm run deck:stamp`
		]);
	});

	it('keeps metadata out of translations and stamps out of English files', () => {
		expect(errorsFor(ZH.replace('id: lora', 'id: lora\ntitle: "低秩适配"'))).toContain(`${ZH_PATH}:3: a translation's front matter holds only "id" and "source", not "title"`);
		const stampedEnglish = LORA.replace('## freeze\n', '## freeze\n<!-- source: 0123abcd -->\n');
		expect(errorsFor(ZH, stampedEnglish)).toContain(`${EN_PATH}:15: a "<!-- source: … -->" stamp belongs in a translation file only`);
	});
});
