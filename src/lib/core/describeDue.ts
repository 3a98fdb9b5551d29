import { studyDay, type DayClock } from './studyDay.ts';

/**
 * When a card comes back, in study days from now, as words: `due today`, `due tomorrow`,
 * `due in 12 days`, `overdue by 3 days`. Counting study days (not 24-hour spans) matches what the
 * review screen will show that day.
 * @example describeDue(now + 86_400_000, now, clock) // 'due tomorrow'
 */
export function describeDue(dueMillis: number, nowMillis: number, clock: DayClock): string {
	const days = studyDay(dueMillis, clock) - studyDay(nowMillis, clock);
	if (days < 0) return `overdue by ${-days} ${-days === 1 ? 'day' : 'days'}`;
	if (days === 0) return 'due today';
	if (days === 1) return 'due tomorrow';
	return `due in ${days} days`;
}
