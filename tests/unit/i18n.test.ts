/**
 * The two interface languages stay complete and in step: every message exists in both with the same
 * inputs, the Chinese is Chinese, every topic has its name, and the shared formatting speaks each.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeDue, stageName } from '../../src/lib/i18n/cardStatusText.ts';
import { formatHour, formatNumber, formatPercent } from '../../src/lib/i18n/format.ts';
import { pickLocale } from '../../src/lib/i18n/pickLocale.ts';
import { ratingName } from '../../src/lib/i18n/ratingName.ts';
import { topicName, TOPIC_NAMES } from '../../src/lib/i18n/topicName.ts';
import { m } from '../../src/lib/paraglide/messages.js';
import { baseLocale, locales, overwriteGetLocale, type Locale } from '../../src/lib/paraglide/runtime.js';

type Message = string | { declarations: string[]; selectors: string[]; match: Record<string, string> }[];
const load = (locale: string) => {
	const { $schema: _, ...messages } = JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Record<string, Message>;
	return messages;
};
const en = load('en');
const zh = load('zh-CN');

/** The variables a message reads: `{name}` in its patterns and `input name` declarations. */
function inputs(message: Message): string[] {
	const names = new Set<string>();
	const texts = typeof message === 'string' ? [message] : message.flatMap((v) => Object.values(v.match));
	const declared = typeof message === 'string' ? [] : message.flatMap((v) => v.declarations);
	const locals = new Set(declared.filter((d) => d.startsWith('local ')).map((d) => d.split(/\s+/)[1]));
	for (const d of declared) if (d.startsWith('input ')) names.add(d.slice(6));
	for (const t of texts) for (const [, name] of t.matchAll(/\{(\w+)\}/g)) if (!locals.has(name!)) names.add(name!);
	return [...names].sort();
}

const texts = (message: Message) => (typeof message === 'string' ? [message] : message.flatMap((v) => Object.values(v.match)));
/** Messages that are the same in both languages on purpose (a name, an acronym, a template). */
const SAME_IN_BOTH = new Set(['app_name', 'title_suffix', 'settings_rmse']);

const inLocale = (locale: Locale) => overwriteGetLocale(() => locale);
afterEach(() => inLocale(baseLocale));

describe('the interface languages', () => {
	it('are English and Simplified Chinese, English first', () => {
		expect(locales).toEqual(['en', 'zh-CN']);
		expect(baseLocale).toBe('en');
	});

	it('have the same messages, with the same inputs', () => {
		expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
		for (const key of Object.keys(en)) expect(inputs(zh[key]!), key).toEqual(inputs(en[key]!));
	});

	it('really translate: every Chinese message has Chinese in it, and differs from the English', () => {
		const cjk = /[\u3400-\u9fff]/;
		for (const [key, message] of Object.entries(zh)) {
			if (SAME_IN_BOTH.has(key) || key.startsWith('interval_short') || key.startsWith('stab_')) continue;
			for (const text of texts(message)) expect(text, key).toMatch(cjk);
			expect(JSON.stringify(message), key).not.toBe(JSON.stringify(en[key]));
		}
	});

	it('name every topic of the deck', () => {
		const ids = readFileSync('cards/topics.tsv', 'utf8')
			.split('\n')
			.slice(1)
			.filter(Boolean)
			.map((line) => line.split('\t')[0]!);
		expect(Object.keys(TOPIC_NAMES).sort()).toEqual([...ids].sort());
		inLocale('zh-CN');
		expect(topicName({ id: 'scaling', name: 'Scaling laws' })).toBe('缩放定律');
		expect(topicName({ id: 'not-yet-translated', name: 'Robotics' })).toBe('Robotics');
	});

	it('speak plurals and numbers the way each language does', () => {
		expect(describeDue(-1)).toBe('overdue by 1 day');
		expect(describeDue(-3)).toBe('overdue by 3 days');
		expect([describeDue(0), describeDue(1), describeDue(12)]).toEqual(['due today', 'due tomorrow', 'due in 12 days']);
		expect(m.browse_count({ count: 1 })).toBe('1 card');
		expect(m.browse_count({ count: 1234 })).toBe('1,234 cards');
		expect(formatPercent(0.904)).toBe('90%');
		expect(formatPercent(null)).toBe('–');
		expect(formatHour(16)).toBe('4 PM');
		expect(ratingName(3)).toBe('Good');
		expect(stageName('relearning')).toBe('Relearning');
		inLocale('zh-CN');
		expect([describeDue(-3), describeDue(0), describeDue(1), describeDue(12)]).toEqual(['已逾期 3 天', '今天到期', '明天到期', '12 天后到期']);
		expect(m.browse_count({ count: 1 })).toBe('1 张卡片');
		expect(formatNumber(1234)).toBe('1,234');
		expect(formatHour(16)).toBe('16时');
		expect(ratingName(1)).toBe('重来');
		expect(ratingName(3) + m.grade_after({ interval: '3天' })).toBe('良好，3天后再复习');
	});
});

describe('choosing the language', () => {
	it('takes the stored choice, else the first language of the browser the app speaks, else English', () => {
		expect(pickLocale('zh-CN', ['en-US'])).toBe('zh-CN');
		expect(pickLocale('en', ['zh-CN'])).toBe('en');
		expect(pickLocale(null, ['zh-CN', 'en'])).toBe('zh-CN');
		expect(pickLocale(null, ['zh-TW'])).toBe('zh-CN');
		expect(pickLocale(null, ['zh'])).toBe('zh-CN');
		expect(pickLocale(null, ['de-DE', 'en-GB', 'zh-CN'])).toBe('en');
		expect(pickLocale(null, ['fr', 'zh-Hans-CN'])).toBe('zh-CN');
		expect(pickLocale(null, ['fr', 'de'])).toBe('en');
		expect(pickLocale('klingon', [])).toBe('en');
		// A language tag that merely starts with the letters is not Chinese or English.
		expect(pickLocale(null, ['zha', 'eng'])).toBe('en');
	});
});

describe("the messages' formatters", () => {
	it('builds each plural and number formatter once per locale, not on every message (tools/intlFormatterCache.ts)', async () => {
		const built: string[] = [];
		const { PluralRules, NumberFormat } = Intl;
		// Counting subclasses; the registry reads Intl.<kind> when it builds one.
		Object.assign(Intl, {
			PluralRules: class extends PluralRules {
				constructor(...args: ConstructorParameters<typeof PluralRules>) {
					super(...args);
					built.push(`plural ${String(args[0])}`);
				}
			},
			NumberFormat: class extends NumberFormat {
				constructor(...args: ConstructorParameters<typeof NumberFormat>) {
					super(...args);
					built.push(`number ${String(args[0])}`);
				}
			}
		});
		try {
			// Fresh modules: the messages above have filled the registry's cache already.
			vi.resetModules();
			const fresh = (await import('../../src/lib/paraglide/messages.js')).m;
			const runtime = await import('../../src/lib/paraglide/runtime.js');
			const texts = [1, 2, 3, 1200].map((count) => fresh.review_done_answered({ count }));
			runtime.overwriteGetLocale(() => 'zh-CN');
			texts.push(...[1, 2].map((count) => fresh.review_done_answered({ count })));
			// Still right: the cached formatters answer as fresh ones would.
			expect(texts[0]).toMatch(/\b1 card\b/);
			expect(texts[3]).toMatch(/1,200 cards/);
			expect(texts[4]).toMatch(/1/);
			expect(built.sort()).toEqual(['number en', 'number zh-CN', 'plural en', 'plural zh-CN']);
		} finally {
			Object.assign(Intl, { PluralRules, NumberFormat });
		}
	});
});
