import type { ReviewEvent, ReviewKind } from '../types.ts';

export type KindCounts = Record<ReviewKind, number>;

/** Answers (from `activeReviews`) counted per study day and kind. */
export function answersByDay(reviews: readonly ReviewEvent[]): Map<number, KindCounts> {
	const byDay = new Map<number, KindCounts>();
	for (const e of reviews) {
		let counts = byDay.get(e.day);
		if (!counts) byDay.set(e.day, (counts = { learn: 0, review: 0, relearn: 0, cram: 0 }));
		counts[e.kind]++;
	}
	return byDay;
}

const total = (c: KindCounts | undefined) => (c ? c.learn + c.review + c.relearn + c.cram : 0);

/** Answers on each of the last `days` study days up to `today`, oldest first, by kind. */
export function reviewsPerDay(byDay: ReadonlyMap<number, KindCounts>, today: number, days = 90): ({ day: number } & KindCounts)[] {
	return Array.from({ length: days }, (_, i) => {
		const day = today - days + 1 + i;
		return { day, ...(byDay.get(day) ?? { learn: 0, review: 0, relearn: 0, cram: 0 }) };
	});
}

export interface HeatmapDay {
	day: number;
	/** 0 = Sunday … 6 = Saturday (study day numbers count from Thursday 1970-01-01). */
	weekday: number;
	count: number;
}

/**
 * A calendar of the last year: every study day from the Sunday 52 weeks before this week's through
 * today, with its number of answers; and the current streak of consecutive days with at least one
 * answer, ending today (or yesterday, while today has none yet).
 */
export function reviewHeatmap(byDay: ReadonlyMap<number, KindCounts>, today: number): { days: HeatmapDay[]; streak: number; activeDays: number } {
	const weekdayOf = (day: number) => (((day + 4) % 7) + 7) % 7;
	const first = today - weekdayOf(today) - 52 * 7;
	const days: HeatmapDay[] = [];
	let activeDays = 0;
	for (let day = first; day <= today; day++) {
		const count = total(byDay.get(day));
		if (count > 0) activeDays++;
		days.push({ day, weekday: weekdayOf(day), count });
	}
	let streak = 0;
	for (let day = total(byDay.get(today)) > 0 ? today : today - 1; total(byDay.get(day)) > 0; day--) streak++;
	return { days, streak, activeDays };
}
