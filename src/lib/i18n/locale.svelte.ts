/**
 * The interface language, as reactive state. Paraglide's message functions ask `getLocale()`; here it
 * reads a rune, so every message rendered in a template re-renders when the language changes, in
 * place, with no reload and no remount.
 *
 * Pages are prerendered in English. In the browser the locale is known before hydration (this module
 * runs first), so hydration renders in the user's language and Svelte rewrites the prerendered text
 * as it hydrates (text and attributes are set by template effects); app.html hides the page until
 * then for a non-English locale, so no English flashes first.
 */
import { baseLocale, overwriteGetLocale, type Locale } from '../paraglide/runtime.js';
import { isLocale, LOCALE_KEY, pickLocale } from './pickLocale.ts';

function initialLocale(): Locale {
	if (typeof window === 'undefined') return baseLocale; // prerendering: the static HTML is English
	let stored: string | null = null;
	try {
		stored = localStorage.getItem(LOCALE_KEY);
	} catch {
		// Storage may be unavailable (private mode): follow the browser.
	}
	return pickLocale(stored, navigator.languages ?? [navigator.language]);
}

let current = $state<Locale>(initialLocale());
overwriteGetLocale(() => current);

/** The language in use now (reactive in templates and `$derived`). */
export function currentLocale(): Locale {
	return current;
}

/** The stored choice: a locale, or `system` to follow the browser's languages. */
export function localeChoice(): Locale | 'system' {
	try {
		const stored = localStorage.getItem(LOCALE_KEY);
		return isLocale(stored) ? stored : 'system';
	} catch {
		return 'system';
	}
}

/** Switches the interface language at once and remembers the choice for this device. */
export function chooseLocale(choice: Locale | 'system'): void {
	try {
		if (choice === 'system') localStorage.removeItem(LOCALE_KEY);
		else localStorage.setItem(LOCALE_KEY, choice);
	} catch {
		// Unavailable storage: the language still changes for this visit.
	}
	current = choice === 'system' ? pickLocale(null, navigator.languages ?? [navigator.language]) : choice;
	document.documentElement.lang = current;
}
