import { describe, expect, it } from 'vitest';
import { cardLanguageFor, isCardLanguage, readsChinese } from '../../src/lib/core/cardLanguage.ts';

describe('the card language', () => {
	it('defaults to Chinese for a Chinese interface and to English otherwise', () => {
		expect(cardLanguageFor(null, 'zh-CN')).toBe('zh');
		expect(cardLanguageFor(null, 'en')).toBe('en');
	});

	it('keeps a stored choice whatever the interface language', () => {
		expect(cardLanguageFor('en', 'zh-CN')).toBe('en');
		expect(cardLanguageFor('both', 'en')).toBe('both');
		expect(cardLanguageFor('zh', 'en')).toBe('zh');
	});

	it('ignores a stored value that is not a choice', () => {
		expect(cardLanguageFor('fr', 'zh-CN')).toBe('zh');
		expect(cardLanguageFor('', 'en')).toBe('en');
		expect(isCardLanguage('zh-CN')).toBe(false);
	});

	it('needs the Chinese text for 中文 and for 中文 + English only', () => {
		expect([readsChinese('en'), readsChinese('zh'), readsChinese('both')]).toEqual([false, true, true]);
	});
});
