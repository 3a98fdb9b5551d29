import { studyDay, studyDayStart, type DayClock } from '../studyDay.ts';
import { Phase, type CardState } from '../types.ts';

export interface ForecastDay {
	/** Study days from today (0 = today, overdue cards included). */
	offset: number;
	learning: number;
	review: number;
}

/**
 * How many cards fall due on each of the next `days` study days, counting from today: cards already
 * overdue count for today. New and suspended cards are left out; a buried card counts when its
 * burial ends.
 */
export function dueForecast(states: readonly CardState[], nowMillis: number, clock: DayClock, days = 30): ForecastDay[] {
	const today = studyDay(nowMillis, clock);
	// Day boundaries once, then a binary search per card: no time-zone maths per card.
	const ends = Array.from({ length: days }, (_, i) => studyDayStart(today + i + 1, clock));
	const out: ForecastDay[] = Array.from({ length: days }, (_, offset) => ({ offset, learning: 0, review: 0 }));
	for (const s of states) {
		if (s.phase === Phase.New || s.suspended) continue;
		const at = Math.max(s.dueMillis, s.buriedUntilMillis);
		let lo = 0;
		let hi = days;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (at < ends[mid]!) hi = mid;
			else lo = mid + 1;
		}
		if (lo === days) continue;
		if (s.phase === Phase.Review) out[lo]!.review++;
		else out[lo]!.learning++;
	}
	return out;
}
