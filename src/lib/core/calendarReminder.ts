/**
 * A daily reminder as an iCalendar file (RFC 5545) that any calendar app imports: one event at the
 * chosen time, repeating every day, with an alarm, and the app's address to open. The time is
 * "floating" (no time zone), so it rings at that local time wherever the phone is.
 */
export interface ReminderOptions {
	/** `HH:MM`, 24-hour. */
	time: string;
	/** The app's address, opened from the event. */
	url: string;
	title: string;
	description: string;
	/** When the file is made (DTSTAMP), and the first day of the series. */
	nowMillis: number;
	/** A unique id for the event (a calendar replaces an event it already has with the same id). */
	uid: string;
}

/** Whether `time` is a valid `HH:MM` time of day. */
export function isTimeOfDay(time: string): boolean {
	const match = /^(\d\d):(\d\d)$/.exec(time);
	return !!match && Number(match[1]) < 24 && Number(match[2]) < 60;
}

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
function text(value: string): string {
	return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line to at most 75 octets per line (§3.1), never splitting a UTF-8 character. */
function fold(line: string): string {
	const encoder = new TextEncoder();
	const parts: string[] = [];
	let current = '';
	let size = 0;
	for (const ch of line) {
		const bytes = encoder.encode(ch).length;
		const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
		if (size + bytes > limit) {
			parts.push(current);
			current = '';
			size = 0;
		}
		current += ch;
		size += bytes;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The `.ics` text of a daily reminder, lines ended by CRLF as the standard requires.
 * @example reminderCalendar({ time: '08:30', url: 'https://example.org/', title: 'Review', description: '…', nowMillis, uid })
 */
export function reminderCalendar(options: ReminderOptions): string {
	if (!isTimeOfDay(options.time)) throw new Error(`Not a time of day: "${options.time}"`);
	const now = new Date(options.nowMillis);
	const [hour, minute] = options.time.split(':');
	const stamp = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}T${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}Z`;
	// The series starts on today's local date (floating time): today's reminder if the time is still ahead.
	const start = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}T${hour}${minute}00`;
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Paperdeck//Daily reminder//EN',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		'BEGIN:VEVENT',
		`UID:${options.uid}`,
		`DTSTAMP:${stamp}`,
		`DTSTART:${start}`,
		'DURATION:PT10M',
		'RRULE:FREQ=DAILY',
		`SUMMARY:${text(options.title)}`,
		`DESCRIPTION:${text(options.description)}`,
		`URL:${options.url}`,
		'TRANSP:TRANSPARENT',
		'BEGIN:VALARM',
		'ACTION:DISPLAY',
		`DESCRIPTION:${text(options.title)}`,
		'TRIGGER:PT0M',
		'END:VALARM',
		'END:VEVENT',
		'END:VCALENDAR'
	];
	return `${lines.map(fold).join('\r\n')}\r\n`;
}
