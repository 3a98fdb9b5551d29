/**
 * Study-day arithmetic. A study day starts at a rollover hour of local wall-clock time (default 4 am,
 * like Anki), so a late-night session still counts for the evening it began in. Days are numbered as
 * the local calendar date of the day's start, in days since 1970-01-01; that number also measures
 * elapsed days between reviews.
 *
 * Everything takes an IANA time zone so the rules are pure and testable; DST days are 23 or 25 hours
 * long and are handled by converting wall-clock times, never by adding 24 hours.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface DayClock {
	timeZone: string;
	rolloverHour: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
		formatters.set(timeZone, f);
	}
	return f;
}

/** The local wall-clock time of `millis`, written as if it were UTC (so date maths is plain). */
function wallClockAsUtc(millis: number, timeZone: string): number {
	const p: Record<string, number> = {};
	for (const part of formatterFor(timeZone).formatToParts(millis)) {
		if (part.type !== 'literal') p[part.type] = Number(part.value);
	}
	return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) + (millis % 1000 + 1000) % 1000;
}

function offsetNow(millis: number, timeZone: string): number {
	return wallClockAsUtc(millis, timeZone) - millis;
}

/** Offsets already read, per zone and quarter hour (a quarter hour with a change in it is never cached). */
const offsetCache = new Map<string, Map<number, number>>();
const QUARTER = 900_000;

/** The zone's offset from UTC at `millis`, in milliseconds. */
export function utcOffsetMillis(millis: number, timeZone: string): number {
	// Intl is slow (microseconds a call), and offsets change only a few times a year.
	let zone = offsetCache.get(timeZone);
	if (!zone) offsetCache.set(timeZone, (zone = new Map()));
	const bucket = Math.floor(millis / QUARTER);
	const cached = zone.get(bucket);
	if (cached !== undefined) return cached;
	const start = offsetNow(bucket * QUARTER, timeZone);
	if (start !== offsetNow(bucket * QUARTER + QUARTER - 1, timeZone)) return offsetNow(millis, timeZone);
	if (zone.size > 4096) zone.clear();
	zone.set(bucket, start);
	return start;
}

/**
 * The instant a local wall-clock time (given as if UTC) happens. A fall-back hour happens twice: the
 * first is taken. A spring-forward gap never happens: the wall time is read with the offset from
 * before the gap, which lands as far past the gap's end as the wall time was past its start.
 */
function wallClockToMillis(wall: number, timeZone: string): number {
	const before = wall - utcOffsetMillis(wall - DAY, timeZone);
	const after = wall - utcOffsetMillis(wall + DAY, timeZone);
	const exact = [before, after].filter((m) => wallClockAsUtc(m, timeZone) === wall);
	return exact.length > 0 ? Math.min(...exact) : Math.max(before, after);
}

/**
 * The study day containing `millis`.
 * @example studyDay(Date.parse('2026-11-22T03:00:00Z'), { timeZone: 'UTC', rolloverHour: 4 }) // the day of Nov 21
 */
export function studyDay(millis: number, clock: DayClock): number {
	const wall = millis + utcOffsetMillis(millis, clock.timeZone);
	return Math.floor((wall - clock.rolloverHour * HOUR) / DAY);
}

/** When study day `day` begins. */
export function studyDayStart(day: number, clock: DayClock): number {
	return wallClockToMillis(day * DAY + clock.rolloverHour * HOUR, clock.timeZone);
}

/** The start and end (exclusive) of the study day containing `millis`. */
export function studyDayBounds(millis: number, clock: DayClock): { day: number; startMillis: number; endMillis: number } {
	const day = studyDay(millis, clock);
	return { day, startMillis: studyDayStart(day, clock), endMillis: studyDayStart(day + 1, clock) };
}
