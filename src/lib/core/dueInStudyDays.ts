import { studyDay, type DayClock } from './studyDay.ts';

/**
 * When a card comes back, in study days from now: 0 today, 1 tomorrow, −3 overdue by three days.
 * Counting study days (not 24-hour spans) matches what the review screen will show that day; the words
 * come from the interface language (`describeDue` in src/lib/i18n/format.ts).
 * @example dueInStudyDays(now + 86_400_000, now, clock) // 1
 */
export function dueInStudyDays(dueMillis: number, nowMillis: number, clock: DayClock): number {
	return studyDay(dueMillis, clock) - studyDay(nowMillis, clock);
}
