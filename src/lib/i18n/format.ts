/**
 * Numbers, percentages, dates and intervals in the interface language, through the browser's Intl
 * (plural rules and unit names come from its CLDR data, not from our message files). Formatters are
 * cached per locale and options: the review screen formats four intervals on every card.
 */
import { intervalParts } from '../core/formatInterval.ts';
import { m } from '../paraglide/messages.js';
import { getLocale } from '../paraglide/runtime.js';

const DAY = 86_400_000;
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
	const key = `n${getLocale()}${JSON.stringify(options)}`;
	let f = cache.get(key);
	if (!f) cache.set(key, (f = new Intl.NumberFormat(getLocale(), options)));
	return f as Intl.NumberFormat;
}

function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `d${getLocale()}${JSON.stringify(options)}`;
	let f = cache.get(key);
	if (!f) cache.set(key, (f = new Intl.DateTimeFormat(getLocale(), options)));
	return f as Intl.DateTimeFormat;
}

/**
 * A whole number as both interface languages write it (`1,234`, `-5`), without Intl: a page's first Intl
 * object loads the browser's locale data, 30–60 ms of main thread on a slow machine, and the home
 * screen's first paint shows only whole numbers. (A unit test checks this against Intl in both.)
 */
function wholeNumber(n: number): string {
	return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1,234` / `1,234`; `maximumFractionDigits` and the like pass through. */
export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
	return !options && Number.isSafeInteger(n) ? wholeNumber(n) : numberFormat(options).format(n);
}

/** A fraction as a whole percentage (`90%`), or `–` when there is none. */
export function formatPercent(fraction: number | null): string {
	if (fraction === null) return '–';
	const text = String(fraction);
	if (text.includes('e')) return numberFormat({ style: 'percent', maximumFractionDigits: 0 }).format(fraction);
	// Scaled in decimal and halves rounded away from zero, as Intl does: 0.285 is 29%, though
	// 0.285 * 100 is 28.4999… in binary.
	const percent = Number(`${text}e2`);
	return `${wholeNumber(Math.sign(percent) * Math.round(Math.abs(percent)))}%`;
}

/** A moment in the device's time zone, e.g. `dateStyle: 'medium', timeStyle: 'short'`. */
export function formatDateTime(millis: number, options: Intl.DateTimeFormatOptions): string {
	return dateFormat(options).format(millis);
}

/** A study day (numbered by its local calendar date, so read back as a UTC date): `Mar 5` / `3月5日`. */
export function formatStudyDay(day: number, options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric' }): string {
	return dateFormat({ ...options, timeZone: 'UTC' }).format(day * DAY);
}

/** A weekday's name (0 = Sunday): `Monday` / `星期一`. */
export function formatWeekday(weekday: number): string {
	// 2023-01-01 was a Sunday.
	return dateFormat({ weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2023, 0, 1 + weekday));
}

/** An hour of the day as the locale writes it: `4 AM` / `凌晨4时`. */
export function formatHour(hour: number): string {
	return dateFormat({ hour: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2000, 0, 1, hour));
}

/** A time of day: `14:05` / `2:05 PM`. */
export function formatTime(millis: number): string {
	return dateFormat({ hour: '2-digit', minute: '2-digit' }).format(millis);
}

/**
 * An interval in words, for screen readers and sentences: `3 days`, `1 minute`, `2.5 months`; `3天`.
 * @example formatIntervalWords(86_400_000) // '1 day' in English
 */
export function formatIntervalWords(millis: number): string {
	const { unit, value } = intervalParts(millis);
	return numberFormat({ style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

const SHORT = { year: m.interval_short_year, month: m.interval_short_month, day: m.interval_short_day, hour: m.interval_short_hour, minute: m.interval_short_minute };

/**
 * A compact interval for a grade button: `10m`, `3d`, `2.5mo` in English; `10分钟`, `3天` in Chinese.
 * @example formatIntervalShort(3 * 86_400_000) // '3d' in English
 */
export function formatIntervalShort(millis: number): string {
	const { unit, value } = intervalParts(millis);
	return SHORT[unit]({ value: formatNumber(value) });
}
