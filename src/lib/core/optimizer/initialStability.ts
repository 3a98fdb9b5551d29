import { DEFAULT_WEIGHTS } from '../settings.ts';
import { INIT_S_MAX } from './clipParameters.ts';
import { S_MIN } from './fsrsModel.ts';
import { longTermReviewCount, type FsrsItem } from './fsrsItems.ts';

/** FSRS-6's default initial stabilities (w0–w3) and decay (w20): the pre-training's prior. */
const DEFAULT_S0 = DEFAULT_WEIGHTS.slice(0, 4);
const DEFAULT_DECAY = DEFAULT_WEIGHTS[20]!;

interface RecallPoint {
	deltaT: number;
	recall: number;
	count: number;
}

/**
 * The pre-training of fsrs-rs: for each first grade, the initial stability that best explains how
 * often the first review on a later day was passed, by ternary search on a log loss (with Laplace
 * smoothing towards the average recall and a small pull towards the default). Grades with no data
 * are filled in from the others, keeping Again ≤ Hard ≤ Good ≤ Easy.
 * `items` are those with exactly one review on a later day than the one before.
 */
export function initialStability(items: readonly FsrsItem[], averageRecall: number): { stability: number[]; ratingCount: Map<number, number> } {
	const groups = new Map<number, Map<number, number[]>>();
	for (const item of items) {
		if (longTermReviewCount(item) !== 1) continue;
		const first = item.reviews[0]!.rating;
		const target = item.reviews.find((r) => r.deltaT > 0)!;
		let byDelta = groups.get(first);
		if (!byDelta) groups.set(first, (byDelta = new Map()));
		let labels = byDelta.get(target.deltaT);
		if (!labels) byDelta.set(target.deltaT, (labels = []));
		labels.push(target.rating > 1 ? 1 : 0);
	}
	const ratingCount = new Map<number, number>();
	const found = new Map<number, number>();
	for (const [rating, byDelta] of groups) {
		const points: RecallPoint[] = [...byDelta].map(([deltaT, labels]) => ({
			deltaT,
			recall: labels.reduce((a, b) => a + b, 0) / labels.length,
			count: labels.length
		}));
		ratingCount.set(rating, points.reduce((a, p) => a + p.count, 0));
		found.set(rating, searchStability(points, averageRecall, DEFAULT_S0[rating - 1]!));
	}
	return { stability: smoothAndFill(found, ratingCount), ratingCount };
}

function searchStability(points: RecallPoint[], averageRecall: number, defaultS0: number): number {
	const decay = -DEFAULT_DECAY;
	const factor = Math.pow(0.9, 1 / decay) - 1;
	const smoothed = points.map((p) => (p.recall * p.count + averageRecall) / (p.count + 1));
	const loss = (s0: number) => {
		let sum = 0;
		points.forEach((p, i) => {
			const y = Math.pow((p.deltaT / s0) * factor + 1, decay);
			const r = smoothed[i]!;
			sum += -(r * Math.log(y) + (1 - r) * Math.log(1 - y)) * p.count;
		});
		return sum + Math.abs(s0 - defaultS0) / 16;
	};
	let low = S_MIN;
	let high = INIT_S_MAX;
	let best = defaultS0;
	for (let iter = 0; high - low > Number.EPSILON && iter < 1000; iter++) {
		const mid1 = low + (high - low) / 3;
		const mid2 = high - (high - low) / 3;
		if (loss(mid1) < loss(mid2)) high = mid2;
		else low = mid1;
		best = (high + low) / 2;
	}
	return best;
}

/**
 * Makes initial stabilities monotone in the grade (the better-supported of two out-of-order values
 * wins) and fills grades with no data from those present, with fsrs-rs's interpolation weights.
 * Throws when no grade has data.
 */
export function smoothAndFill(found: ReadonlyMap<number, number>, ratingCount: ReadonlyMap<number, number>): number[] {
	const s = new Map([...found].filter(([rating]) => ratingCount.has(rating)));
	for (const [small, big] of [
		[1, 2],
		[2, 3],
		[3, 4],
		[1, 3],
		[2, 4],
		[1, 4]
	] as const) {
		const a = s.get(small);
		const b = s.get(big);
		if (a !== undefined && b !== undefined && a > b) {
			if (ratingCount.get(small)! > ratingCount.get(big)!) s.set(big, a);
			else s.set(small, b);
		}
	}
	const w1 = 0.41;
	const w2 = 0.54;
	const pw = Math.pow;
	let r1 = s.get(1);
	let r2 = s.get(2);
	let r3 = s.get(3);
	let r4 = s.get(4);
	let out: number[];
	if (s.size === 0) throw new Error('Not enough data to estimate initial stability');
	if (s.size === 1) {
		const [rating, value] = [...s][0]!;
		const factor = value / DEFAULT_S0[rating - 1]!;
		out = DEFAULT_S0.map((x) => x * factor);
	} else {
		if (s.size === 2) {
			if (r1 === undefined && r2 === undefined && r3 !== undefined && r4 !== undefined) {
				r2 = pw(r3, 1 / (1 - w2)) * pw(r4, 1 - 1 / (1 - w2));
				r1 = pw(r2, 1 / w1) * pw(r3, 1 - 1 / w1);
			} else if (r1 === undefined && r2 !== undefined && r3 === undefined && r4 !== undefined) {
				r3 = pw(r2, 1 - w2) * pw(r4, w2);
				r1 = pw(r2, 1 / w1) * pw(r3, 1 - 1 / w1);
			} else if (r1 === undefined && r2 !== undefined && r3 !== undefined && r4 === undefined) {
				r4 = pw(r2, 1 - 1 / w2) * pw(r3, 1 / w2);
				r1 = pw(r2, 1 / w1) * pw(r3, 1 - 1 / w1);
			} else if (r1 !== undefined && r2 === undefined && r3 === undefined && r4 !== undefined) {
				const k = w1 / (w1 + w2 - w1 * w2);
				const m = w2 / (w1 + w2 - w1 * w2);
				r2 = pw(r1, k) * pw(r4, 1 - k);
				r3 = pw(r1, 1 - m) * pw(r4, m);
			} else if (r1 !== undefined && r2 === undefined && r3 !== undefined && r4 === undefined) {
				r2 = pw(r1, w1) * pw(r3, 1 - w1);
				r4 = pw(r2, 1 - 1 / w2) * pw(r3, 1 / w2);
			} else if (r1 !== undefined && r2 !== undefined && r3 === undefined && r4 === undefined) {
				r3 = pw(r1, 1 - 1 / (1 - w1)) * pw(r2, 1 / (1 - w1));
				r4 = pw(r2, 1 - 1 / w2) * pw(r3, 1 / w2);
			}
		} else if (s.size === 3) {
			if (r1 === undefined) r1 = pw(r2!, 1 / w1) * pw(r3!, 1 - 1 / w1);
			else if (r2 === undefined) r2 = pw(r1, w1) * pw(r3!, 1 - w1);
			else if (r3 === undefined) r3 = pw(r2, 1 - w2) * pw(r4!, w2);
			else if (r4 === undefined) r4 = pw(r2, 1 - 1 / w2) * pw(r3, 1 / w2);
		}
		out = [r1!, r2!, r3!, r4!];
	}
	return out.map((v) => Math.min(INIT_S_MAX, Math.max(S_MIN, v)));
}
