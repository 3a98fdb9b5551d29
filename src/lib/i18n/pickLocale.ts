import { baseLocale, locales, type Locale } from '../paraglide/runtime.js';

/** Where the user's explicit choice of language is kept (app.html reads it too, before first paint). */
export const LOCALE_KEY = 'paperdeck-locale';

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * The interface language: the user's stored choice, else the first of the browser's languages the app
 * speaks (any Chinese → Simplified Chinese, the only Chinese it has), else English. app.html repeats this
 * rule in a few lines of inline script to mark the page before first paint; an end-to-end test checks
 * that both agree.
 * @example pickLocale(null, ['zh-TW', 'en-US']) // 'zh-CN'
 */
export function pickLocale(stored: string | null, languages: readonly string[]): Locale {
	if (isLocale(stored)) return stored;
	for (const tag of languages) {
		const lower = tag.toLowerCase();
		if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
		if (lower === 'en' || lower.startsWith('en-')) return 'en';
	}
	return baseLocale;
}
