/**
 * Preferences of this device rather than of the collection: swiping to grade, and the time of the
 * calendar reminder. Kept in localStorage (read synchronously, before the first card), not in the
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
