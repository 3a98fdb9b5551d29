import { describe, expect, it } from 'vitest';
import { studyDay, studyDayBounds, studyDayStart, utcOffsetMillis } from '../../src/lib/core/studyDay.ts';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const dayOf = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

describe('study days with a rollover hour', () => {
	const utc4 = { timeZone: 'UTC', rolloverHour: 4 };

	it('puts the small hours in the previous day, and the rollover hour in the new one', () => {
		expect(studyDay(at('2026-11-22T03:59:59Z'), utc4)).toBe(dayOf('2026-11-21'));
		expect(studyDay(at('2026-11-22T04:00:00Z'), utc4)).toBe(dayOf('2026-11-22'));
		expect(studyDay(at('2026-11-22T23:59:59Z'), utc4)).toBe(dayOf('2026-11-22'));
		expect(studyDay(at('2026-11-23T00:30:00Z'), utc4)).toBe(dayOf('2026-11-22'));
	});

	it('starts and ends the day at the rollover hour', () => {
		const b = studyDayBounds(at('2026-11-22T12:00:00Z'), utc4);
		expect(b.startMillis).toBe(at('2026-11-22T04:00:00Z'));
		expect(b.endMillis).toBe(at('2026-11-23T04:00:00Z'));
	});

	it('supports a midnight rollover', () => {
		const midnight = { timeZone: 'UTC', rolloverHour: 0 };
		expect(studyDay(at('2026-11-22T00:00:00Z'), midnight)).toBe(dayOf('2026-11-22'));
		expect(studyDay(at('2026-11-21T23:59:59Z'), midnight)).toBe(dayOf('2026-11-21'));
	});

	it('follows the local clock of the time zone, not UTC', () => {
		const tokyo = { timeZone: 'Asia/Tokyo', rolloverHour: 4 }; // UTC+9
		// 2026-11-22 03:30 in Tokyo is 18:30 UTC on the 21st: still the study day of the 21st.
		expect(studyDay(at('2026-11-21T18:30:00Z'), tokyo)).toBe(dayOf('2026-11-21'));
		expect(studyDay(at('2026-11-21T19:00:00Z'), tokyo)).toBe(dayOf('2026-11-22'));
		expect(studyDayStart(dayOf('2026-11-22'), tokyo)).toBe(at('2026-11-21T19:00:00Z'));

		const kolkata = { timeZone: 'Asia/Kolkata', rolloverHour: 4 }; // UTC+5:30
		expect(studyDayStart(dayOf('2026-11-22'), kolkata)).toBe(at('2026-11-21T22:30:00Z'));
		const chatham = { timeZone: 'Pacific/Chatham', rolloverHour: 4 }; // UTC+13:45 in (southern) summer
		expect(studyDayStart(dayOf('2026-11-22'), chatham)).toBe(at('2026-11-21T14:15:00Z'));
		const la = { timeZone: 'America/Los_Angeles', rolloverHour: 4 }; // UTC-8 in November
		expect(studyDayStart(dayOf('2026-11-22'), la)).toBe(at('2026-11-22T12:00:00Z'));
	});

	it('makes the spring-forward day 23 hours long (America/New_York, 2026-03-08)', () => {
		const ny = { timeZone: 'America/New_York', rolloverHour: 4 };
		const start = studyDayStart(dayOf('2026-03-08'), ny);
		const end = studyDayStart(dayOf('2026-03-09'), ny);
		expect(start).toBe(at('2026-03-08T08:00:00Z')); // 04:00 EDT: the clocks jumped at 02:00
		expect(end - start).toBe(24 * HOUR);
		// The day that contains the jump is the study day of the 7th (04:00 on the 7th to 04:00 on the 8th).
		const jumpDay = studyDayBounds(at('2026-03-08T07:30:00Z'), ny);
		expect(jumpDay.day).toBe(dayOf('2026-03-07'));
		expect(jumpDay.endMillis - jumpDay.startMillis).toBe(23 * HOUR);
	});

	it('makes the fall-back day 25 hours long (Europe/London, 2026-10-25)', () => {
		const london = { timeZone: 'Europe/London', rolloverHour: 4 };
		const b = studyDayBounds(at('2026-10-25T12:00:00Z'), london);
		expect(b.day).toBe(dayOf('2026-10-25'));
		const before = studyDayBounds(at('2026-10-25T00:30:00Z'), london); // 01:30 BST, before the change
		expect(before.day).toBe(dayOf('2026-10-24'));
		expect(before.endMillis - before.startMillis).toBe(25 * HOUR);
		expect(before.endMillis).toBe(at('2026-10-25T04:00:00Z')); // 04:00 GMT
	});

	it('handles a rollover hour that falls inside the DST gap or the repeated hour', () => {
		// New York jumps from 02:00 to 03:00 on 2026-03-08: a 02:00 rollover happens at 03:00 EDT.
		const ny2 = { timeZone: 'America/New_York', rolloverHour: 2 };
		expect(studyDayStart(dayOf('2026-03-08'), ny2)).toBe(at('2026-03-08T07:00:00Z'));
		// New York repeats 01:00–02:00 on 2026-11-01: a 01:00 rollover takes the first 01:00 (EDT).
		const ny1 = { timeZone: 'America/New_York', rolloverHour: 1 };
		expect(studyDayStart(dayOf('2026-11-01'), ny1)).toBe(at('2026-11-01T05:00:00Z'));
		// Every instant belongs to exactly one study day around both changes.
		for (const clock of [ny1, ny2]) {
			for (const iso of ['2026-03-08T00:00:00Z', '2026-10-31T20:00:00Z']) {
				for (let t = at(iso); t < at(iso) + 36 * HOUR; t += 15 * 60_000) {
					const b = studyDayBounds(t, clock);
					expect(t).toBeGreaterThanOrEqual(b.startMillis);
					expect(t).toBeLessThan(b.endMillis);
				}
			}
		}
	});

	it('reads zone offsets', () => {
		expect(utcOffsetMillis(at('2026-07-01T00:00:00Z'), 'Europe/Berlin')).toBe(2 * HOUR);
		expect(utcOffsetMillis(at('2026-12-01T00:00:00Z'), 'Europe/Berlin')).toBe(1 * HOUR);
		expect(utcOffsetMillis(at('2026-12-01T00:00:00Z'), 'America/St_Johns')).toBe(-3.5 * HOUR);
	});
});
