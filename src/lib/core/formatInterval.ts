const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Unit = { short: string; one: string; many: string; millis: number };
const UNITS: Unit[] = [
	{ short: 'y', one: 'year', many: 'years', millis: 365 * DAY },
	{ short: 'mo', one: 'month', many: 'months', millis: 30 * DAY },
	{ short: 'd', one: 'day', many: 'days', millis: DAY },
	{ short: 'h', one: 'hour', many: 'hours', millis: HOUR },
	{ short: 'm', one: 'minute', many: 'minutes', millis: MINUTE }
];

function pick(millis: number): { unit: Unit; value: number } {
	const unit = UNITS.find((u) => millis >= u.millis) ?? UNITS[UNITS.length - 1]!;
	const raw = millis / unit.millis;
	// Whole numbers below months; one decimal for months and years, as Anki shows them.
	const value = unit.millis >= 30 * DAY ? Math.round(raw * 10) / 10 : Math.max(1, Math.round(raw));
	return { unit, value };
}

/**
 * A compact interval for a button: `1m`, `10m`, `3d`, `2.5mo`, `1.2y`.
 * @example formatIntervalShort(3 * 86_400_000) // '3d'
 */
export function formatIntervalShort(millis: number): string {
	const { unit, value } = pick(millis);
	return `${value}${unit.short}`;
}

/**
 * The same interval in words, for screen readers: `1 minute`, `3 days`, `2.5 months`.
 * @example formatIntervalWords(86_400_000) // '1 day'
 */
export function formatIntervalWords(millis: number): string {
	const { unit, value } = pick(millis);
	return `${value} ${value === 1 ? unit.one : unit.many}`;
}
