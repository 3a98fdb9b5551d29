const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type IntervalUnit = 'year' | 'month' | 'day' | 'hour' | 'minute';

const UNITS: { unit: IntervalUnit; millis: number }[] = [
	{ unit: 'year', millis: 365 * DAY },
	{ unit: 'month', millis: 30 * DAY },
	{ unit: 'day', millis: DAY },
	{ unit: 'hour', millis: HOUR },
	{ unit: 'minute', millis: MINUTE }
];

/**
 * An interval as the unit and value to show it in: the largest unit it reaches, whole numbers below
 * months, one decimal for months and years (as Anki shows them). Words come from the interface
 * language (src/lib/i18n/format.ts).
 * @example intervalParts(3 * 86_400_000) // { unit: 'day', value: 3 }
 */
export function intervalParts(millis: number): { unit: IntervalUnit; value: number } {
	const { unit, millis: size } = UNITS.find((u) => millis >= u.millis) ?? UNITS[UNITS.length - 1]!;
	const raw = millis / size;
	const value = size >= 30 * DAY ? Math.round(raw * 10) / 10 : Math.max(1, Math.round(raw));
	return { unit, value };
}
