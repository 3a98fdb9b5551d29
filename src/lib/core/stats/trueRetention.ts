import type { ReviewEvent } from '../types.ts';

export interface RetentionBucket {
	/** Review-kind answers (cards in the review phase, answered for scheduling). */
	reviews: number;
	/** Of those, answered Hard, Good or Easy. */
	passed: number;
	/** passed / reviews, or null with no reviews. */
	retention: number | null;
}

const bucket = (reviews: number, passed: number): RetentionBucket => ({ reviews, passed, retention: reviews ? passed / reviews : null });

/**
 * True retention, from the answers that still count (`activeReviews`): the share of review-kind answers that were not Again, per week for the last `weeks`
 * weeks (each ending on a study day, the last one today) and over the whole log. It measures what the
 * desired retention promises, so the two can be drawn against each other.
 */
export function trueRetention(
	answers: readonly ReviewEvent[],
	today: number,
	weeks = 26
): { weeks: ({ firstDay: number } & RetentionBucket)[]; overall: RetentionBucket } {
	const firstDay = today - weeks * 7 + 1;
	const reviews = new Array<number>(weeks).fill(0);
	const passed = new Array<number>(weeks).fill(0);
	let allReviews = 0;
	let allPassed = 0;
	for (const e of answers) {
		if (e.kind !== 'review') continue;
		const ok = e.rating > 1 ? 1 : 0;
		allReviews++;
		allPassed += ok;
		if (e.day < firstDay || e.day > today) continue;
		const w = Math.floor((e.day - firstDay) / 7);
		reviews[w]!++;
		passed[w]! += ok;
	}
	return {
		weeks: reviews.map((n, w) => ({ firstDay: firstDay + w * 7, ...bucket(n, passed[w]!) })),
		overall: bucket(allReviews, allPassed)
	};
}
