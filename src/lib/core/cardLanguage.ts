/**
 * The language the deck's cards and summaries are read in, a choice of each device (like the
 * interface language, not carried in backups): English, Chinese, or Chinese with the English under it.
 */
export type CardLanguage = 'en' | 'zh' | 'both';

export const CARD_LANGUAGES: readonly CardLanguage[] = ['en', 'zh', 'both'];

/** Where a device keeps its choice (localStorage). */
export const CARD_LANGUAGE_KEY = 'paperdeck-card-language';

/** The deck translation each choice reads (the compiled `/deck.<lang>.json`). */
export const TRANSLATION_LANG = 'zh-CN';

export function isCardLanguage(value: unknown): value is CardLanguage {
	return typeof value === 'string' && (CARD_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The card language in use: the stored choice, else Chinese for a Chinese interface and English otherwise
 * (someone who reads the app in Chinese is best served by Chinese cards; one tap shows the English).
 * @example cardLanguageFor(null, 'zh-CN') // 'zh'
 * @example cardLanguageFor('both', 'en') // 'both'
 */
export function cardLanguageFor(stored: string | null, interfaceLocale: string): CardLanguage {
	if (isCardLanguage(stored)) return stored;
	return interfaceLocale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** Whether the choice shows Chinese text (and so needs the translation downloaded). */
export function readsChinese(language: CardLanguage): boolean {
	return language !== 'en';
}
