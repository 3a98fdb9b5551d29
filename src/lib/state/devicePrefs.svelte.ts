import { CARD_LANGUAGE_KEY, cardLanguageFor, type CardLanguage } from '../core/cardLanguage.ts';
import { currentLocale } from '../i18n/locale.svelte.ts';

/**
 * Preferences of this device rather than of the collection: swiping to grade, the time of the
 * calendar reminder, and the language the cards are read in. Kept in localStorage (read synchronously, before the first card), not in the
 * settings that backups carry: a gesture suits one phone and not another laptop.
 */
const SWIPE_KEY = 'paperdeck-swipe';
const REMINDER_KEY = 'paperdeck-reminder-time';

function read(key: string): string | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage.getItem(key);
	} catch {
		return null;
	}
}

function write(key: string, value: string): void {
	try {
		localStorage.setItem(key, value);
	} catch {
		// Storage unavailable (private mode): the choice holds for this visit.
	}
}

class DevicePrefs {
	/** Grade a revealed card by swiping it (right = Good, left = Again). On unless turned off. */
	swipe = $state(read(SWIPE_KEY) !== 'off');
	/** The daily reminder's time, `HH:MM`. */
	reminderTime = $state(/^\d\d:\d\d$/.test(read(REMINDER_KEY) ?? '') ? read(REMINDER_KEY)! : '08:00');

	/** The stored card-language choice, or null to follow the interface language. */
	#cardLanguage = $state(read(CARD_LANGUAGE_KEY));

	/** The language cards and summaries are shown in: the choice, else 中文 for a Chinese interface. */
	get cardLanguage(): CardLanguage {
		return cardLanguageFor(this.#cardLanguage, currentLocale());
	}

	setCardLanguage(language: CardLanguage): void {
		this.#cardLanguage = language;
		write(CARD_LANGUAGE_KEY, language);
	}

	setSwipe(on: boolean): void {
		this.swipe = on;
		write(SWIPE_KEY, on ? 'on' : 'off');
	}

	setReminderTime(time: string): void {
		this.reminderTime = time;
		write(REMINDER_KEY, time);
	}
}

export const devicePrefs = new DevicePrefs();
