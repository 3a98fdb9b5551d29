import { longTermReviewCount, type FsrsItem } from './fsrsItems.ts';

/**
 * fsrs-rs's outlier filter. Items whose only later-day review is the one to predict are grouped by
 * first grade and by that review's delay; in each grade, the smallest delay groups (5% of the grade's
 * items, at least 20) are dropped, as are groups of fewer than 6 items or with delays over 100 days
 * (365 after Easy). Returns the surviving such items (for the pre-training) and every item whose
 * (first grade, first later-day delay) pair survived (for training).
 */
export function prepareTrainingData(items: readonly FsrsItem[]): { initItems: FsrsItem[]; trainItems: FsrsItem[] } {
	const groups = new Map<number, Map<number, FsrsItem[]>>();
	for (const item of items) {
		if (longTermReviewCount(item) !== 1) continue;
		const first = item.reviews[0]!.rating;
		const deltaT = item.reviews[item.reviews.length - 1]!.deltaT;
		let byDelta = groups.get(first);
		if (!byDelta) groups.set(first, (byDelta = new Map()));
		const list = byDelta.get(deltaT);
		if (list) list.push(item);
		else byDelta.set(deltaT, [item]);
	}

	const removed = new Map<number, Set<number>>();
	const initItems: FsrsItem[] = [];
	for (const rating of [...groups.keys()].sort((a, b) => a - b)) {
		const byDelta = groups.get(rating)!;
		const dropped = new Set<number>();
		removed.set(rating, dropped);
		// Smallest groups first; among equal sizes, the shorter delay first.
		const subGroups = [...byDelta].sort((a, b) => a[1].length - b[1].length || a[0] - b[0]);
		const total = subGroups.reduce((n, [, list]) => n + list.length, 0);
		const quota = Math.max(20, Math.floor(total / 20));
		let removedCount = 0;
		for (const [deltaT, list] of subGroups) {
			if (removedCount + list.length >= quota) {
				if (list.length >= 6 && deltaT <= (rating !== 4 ? 100 : 365)) initItems.push(...list);
				else dropped.add(deltaT);
			} else {
				removedCount += list.length;
				dropped.add(deltaT);
			}
		}
	}
	const trainItems = items.filter((item) => {
		const firstLongTerm = item.reviews.find((r) => r.deltaT > 0)!;
		return !removed.get(item.reviews[0]!.rating)?.has(firstLongTerm.deltaT);
	});
	return { initItems, trainItems };
}

/** Later reviews count more: weight 0.25 for the oldest item rising to 1 for the newest (cubic). */
export function recencyWeight(index: number, count: number): number {
	const length = Math.max(1, count - 1);
	return 0.25 + 0.75 * Math.pow(index / length, 3);
}
