import { describe, expect, it } from 'vitest';
import { clipParameters } from '../../src/lib/core/optimizer/clipParameters.ts';
import { evaluateParameters } from '../../src/lib/core/optimizer/evaluateParameters.ts';
import { fsrsItemsFromEvents, type FsrsItem, type FsrsReview } from '../../src/lib/core/optimizer/fsrsItems.ts';
import { curveFor, memoryAfter, retrievability } from '../../src/lib/core/optimizer/fsrsModel.ts';
import { initialStability, smoothAndFill } from '../../src/lib/core/optimizer/initialStability.ts';
import { prepareTrainingData, recencyWeight } from '../../src/lib/core/optimizer/prepareTrainingData.ts';
import {
	Adam,
	batchLossAndGradient,
	columnOf,
	cosineAnnealing,
	MIN_TRAINING_ITEMS,
	trainParameters,
	TrainingCancelled
} from '../../src/lib/core/optimizer/trainParameters.ts';
import { DEFAULT_WEIGHTS } from '../../src/lib/core/scheduler.ts';
import type { CardEvent, Rating } from '../../src/lib/core/types.ts';
import { generateReviewLog } from '../fixtures/generateReviewLog.ts';
import { DAY, NOW, review, undo } from './factories.ts';

const reviews = (pairs: [number, number][]): FsrsReview[] => pairs.map(([rating, deltaT]) => ({ rating: rating as Rating, deltaT }));

function expectClose(actual: ArrayLike<number>, expected: readonly number[], tolerance: number) {
	expect(actual.length).toBe(expected.length);
	for (let i = 0; i < expected.length; i++) {
		const scale = Math.max(1, Math.abs(expected[i]!));
		expect(Math.abs(actual[i]! - expected[i]!) / scale, `index ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThan(tolerance);
	}
}

/**
 * fsrs-rs's `test_loss_and_grad` batch (four histories, time-major in its source), as columns: the
 * history, then the review to predict (label 1 = recalled, written here as Good; 0 as Again).
 */
const REFERENCE_BATCH = [
	[[1, 0], [3, 0], [1, 0], [4, 0], [3, 1], [2, 3], [3, 4]],
	[[2, 0], [4, 0], [4, 0], [3, 1], [1, 3], [3, 6], [3, 11]],
	[[3, 0], [2, 0], [4, 0], [3, 1], [3, 3], [3, 6], [3, 12]],
	[[4, 0], [4, 0], [3, 1], [3, 3], [3, 5], [4, 12], [1, 23]]
].map((pairs) => columnOf(reviews(pairs as [number, number][]), [0, 0, 0, 0, 0, 0, 1]));

describe('the FSRS training maths, against fsrs-rs reference values', () => {
	it('gives fsrs-rs’s summed loss and gradient on its reference batch with the default parameters', () => {
		const grad = new Float64Array(21);
		const loss = batchLossAndGradient(DEFAULT_WEIGHTS, REFERENCE_BATCH, grad);
		expect(loss).toBeCloseTo(4.0466027, 5);
		expectClose(
			grad,
			[
				-0.095688485, -0.0051607806, -0.0012249565, 0.007462064, 0.03650761, -0.082112335, 0.0593964, -2.1474836, 0.57626534,
				-2.8751316, 0.7154875, -0.028993709, 0.0099172965, -0.2189217, -0.0017800558, -0.089381434, 0.299141, 0.068104014,
				-0.011605468, -0.25398168, 0.27700496
			],
			2e-3
		);
	});

	it('takes the same two Adam steps (with clipping) as fsrs-rs', () => {
		const params = [...DEFAULT_WEIGHTS];
		const adam = new Adam();
		const grad = new Float64Array(21);
		batchLossAndGradient(params, REFERENCE_BATCH, grad);
		adam.step(params, grad, 0.04);
		clipParameters(params, 1, true);
		expectClose(
			params,
			[
				0.252, 1.3331, 2.3464994, 8.2556, 6.3733, 0.87340003, 2.9794, 0.040999997, 1.8322, 0.20660001, 0.756, 1.5235, 0.021400042,
				0.3029, 1.6882998, 0.64140004, 1.8329, 0.5025, 0.13119997, 0.1058, 0.1142
			],
			1e-5
		);
		grad.fill(0);
		expect(batchLossAndGradient(params, REFERENCE_BATCH, grad)).toBeCloseTo(3.767796, 4);
		adam.step(params, grad, 0.04);
		clipParameters(params, 1, true);
		expectClose(
			params,
			[
				0.2882918, 1.3726242, 2.3861322, 8.215636, 6.339965, 0.9130969, 2.940639, 0.07696985, 1.7921946, 0.2464217, 0.71595186,
				1.5631561, 0.001, 0.34230903, 1.7282416, 0.68038, 1.7929853, 0.46258268, 0.14039303, 0.14509967, 0.1
			],
			1e-4
		);
	});

	it('matches finite differences on every parameter, across all branches (short-term, lapse, floor, pass)', () => {
		const w = [...DEFAULT_WEIGHTS];
		w[17] = 1.2; // makes the post-lapse floor bite on some lapses
		const batch = [
			columnOf(reviews([[3, 0], [1, 0], [3, 0], [3, 2], [1, 9], [3, 0], [2, 3], [4, 8], [3, 30]]), [0, 0, 0, 1, 0.7, 0, 1, 0.4, 1]),
			columnOf(reviews([[1, 0], [2, 1], [1, 4], [1, 2], [4, 5]]), [0, 1, 0.5, 1, 1]),
			columnOf(reviews([[4, 0], [3, 20], [2, 60], [3, 200]]), [0, 1, 1, 1])
		];
		const grad = new Float64Array(21);
		batchLossAndGradient(w, batch, grad);
		for (let i = 0; i < 21; i++) {
			const eps = Math.max(1e-6, Math.abs(w[i]!) * 1e-6);
			const plus = [...w];
			const minus = [...w];
			plus[i] = plus[i]! + eps;
			minus[i] = minus[i]! - eps;
			const numeric = (batchLossAndGradient(plus, batch, new Float64Array(21)) - batchLossAndGradient(minus, batch, new Float64Array(21))) / (2 * eps);
			const scale = Math.max(1, Math.abs(numeric));
			expect(Math.abs(numeric - grad[i]!) / scale, `w${i}: analytic ${grad[i]} numeric ${numeric}`).toBeLessThan(1e-5);
		}
	});

	it('scores a whole card in one pass exactly as the sum of its prefixes', () => {
		const full = reviews([[4, 0], [3, 2], [1, 5], [3, 8]]);
		const card = columnOf(full, [0, 0.5, 0.7, 1.1]);
		const gCard = new Float64Array(21);
		const lCard = batchLossAndGradient(DEFAULT_WEIGHTS, [card], gCard);
		const gPrefix = new Float64Array(21);
		let lPrefix = 0;
		[0.5, 0.7, 1.1].forEach((weight, k) => {
			const prefix = full.slice(0, k + 2);
			lPrefix += batchLossAndGradient(DEFAULT_WEIGHTS, [columnOf(prefix, [...prefix.map(() => 0).slice(1), weight])], gPrefix);
		});
		expect(lCard).toBeCloseTo(lPrefix, 12);
		expectClose(gCard, [...gPrefix], 1e-12);
	});

	it('anneals the learning rate as fsrs-rs does', () => {
		const next = cosineAnnealing(5, 4e-2);
		const lrs = Array.from({ length: 11 }, next);
		expectClose(
			lrs,
			[
				0.04, 0.03618033988749895, 0.026180339887498946, 0.013819660112501051, 0.0038196601125010526, 0, 0.003819660112501051,
				0.013819660112501048, 0.026180339887498943, 0.03618033988749895, 0.039999999999999994
			],
			1e-12
		);
	});

	it('clips parameters to fsrs-rs’s bounds', () => {
		const w = [0, -1000, 1000, 0, 1000, -1000, 1, 0.25, -0.1, ...DEFAULT_WEIGHTS.slice(9)];
		clipParameters(w, 1, true);
		expect(w.slice(0, 9)).toEqual([0.001, 0.001, 100, 0.001, 10, 0.001, 1, 0.25, 0]);
		const two = [...DEFAULT_WEIGHTS];
		clipParameters(two, 2, true);
		expectClose(two.slice(17, 20), [0.5425, 0.0912, 0.0658], 1e-6);
		// Many relearning steps tighten the cap on w17·w18.
		const many = [...DEFAULT_WEIGHTS];
		many[17] = many[18] = 2;
		clipParameters(many, 10, true);
		expect(many[17]).toBeLessThan(2);
		expect(many[17]).toBe(many[18]);
	});

	it('keeps the canonical forgetting curve: R(S, S) = 0.9', () => {
		const curve = curveFor(DEFAULT_WEIGHTS);
		expect(retrievability(curve, 7, 7)).toBeCloseTo(0.9, 12);
		expect(retrievability(curve, 0, 7)).toBe(1);
		// The memory after a first Good is w2.
		expect(memoryAfter(DEFAULT_WEIGHTS, curve, reviews([[3, 0]])).s).toBeCloseTo(DEFAULT_WEIGHTS[2]!, 12);
	});
});

describe('turning the event log into training items', () => {
	const card = 'p/c';
	it('makes one item per answer given on a later day, carrying the history before it', () => {
		const events: CardEvent[] = [review(card, NOW, 3), review(card, NOW + 600_000, 3), review(card, NOW + 3 * DAY, 2, 'review'), review(card, NOW + 10 * DAY, 1, 'review')];
		const items = fsrsItemsFromEvents(events);
		expect(items.map((i) => i.reviews)).toEqual([
			reviews([[3, 0], [3, 0], [2, 3]]),
			reviews([[3, 0], [3, 0], [2, 3], [1, 7]])
		]);
	});

	it('leaves out cram and undone answers, and keeps only the history since the last manual reset (as fsrs-rs does)', () => {
		const first = review(card, NOW, 3);
		const undone = review(card, NOW + DAY, 1, 'review');
		const events: CardEvent[] = [
			first,
			review(card, NOW + 2 * DAY, 3, 'review'),
			undone,
			undo(undone, NOW + DAY + 1000),
			review(card, NOW + 2 * DAY + 5000, 1, 'cram'),
			{ id: 'reset-1', type: 'reset', cardId: card, atMillis: NOW + 4 * DAY },
			review(card, NOW + 5 * DAY, 4),
			review(card, NOW + 9 * DAY, 3, 'review')
		];
		const items = fsrsItemsFromEvents(events);
		expect(items.map((i) => i.reviews)).toEqual([reviews([[4, 0], [3, 4]])]);
		// Without the reset, the answers before it count, cram and the undone lapse still left out.
		expect(fsrsItemsFromEvents(events.filter((e) => e.type !== 'reset')).map((i) => i.reviews)[0]).toEqual(reviews([[3, 0], [3, 2]]));
	});

	it('orders items by review time across cards', () => {
		const events = [review('a/1', NOW, 3), review('b/1', NOW + 1000, 3), review('b/1', NOW + 2 * DAY, 3, 'review'), review('a/1', NOW + 3 * DAY, 3, 'review')];
		expect(fsrsItemsFromEvents(events).map((i) => i.cardId)).toEqual(['b/1', 'a/1']);
	});
});

describe('pre-training and outlier filter', () => {
	const item = (first: Rating, deltaT: number, recalled: boolean, id = 0): FsrsItem => ({
		cardId: `c${id}`,
		atMillis: id,
		reviews: reviews([[first, 0], [recalled ? 3 : 1, deltaT]])
	});

	it('finds the initial stability that explains first-review recall', () => {
		// After a first Good, 9 of 10 recalled at 5 days: stability ≈ 5 days (R(S,S) = 0.9).
		const items: FsrsItem[] = [];
		for (let i = 0; i < 200; i++) items.push(item(3, 5, i % 10 !== 0, i));
		const { stability, ratingCount } = initialStability(items, 0.9);
		expect(ratingCount.get(3)).toBe(200);
		expect(stability[2]).toBeGreaterThan(4.5);
		expect(stability[2]).toBeLessThan(5.5);
		// The other grades are filled from Good's value, in order.
		expect(stability[0]).toBeLessThan(stability[1]!);
		expect(stability[1]).toBeLessThan(stability[2]!);
		expect(stability[2]).toBeLessThan(stability[3]!);
	});

	it('keeps initial stabilities monotone and fills missing grades', () => {
		const counts = new Map([
			[1, 10],
			[3, 100]
		]);
		// Again above Good, with less data: Again takes Good's value.
		expect(smoothAndFill(new Map([[1, 4], [3, 3]]), counts).slice(0, 3)).toEqual([3, 3, 3]);
		expect(() => smoothAndFill(new Map(), new Map())).toThrow(/Not enough data/);
		const four = smoothAndFill(new Map([[1, 0.5], [2, 1], [3, 3], [4, 200]]), new Map([[1, 1], [2, 1], [3, 1], [4, 1]]));
		expect(four).toEqual([0.5, 1, 3, 100]);
	});

	it('drops rare and far-out first delays (the outlier filter)', () => {
		const items: FsrsItem[] = [];
		let id = 0;
		for (let i = 0; i < 100; i++) items.push(item(3, 2, true, id++));
		for (let i = 0; i < 100; i++) items.push(item(3, 4, true, id++));
		for (let i = 0; i < 3; i++) items.push(item(3, 30, true, id++));
		for (let i = 0; i < 10; i++) items.push(item(3, 150, true, id++));
		// A longer history whose first later-day review was at the rare delay 30 is dropped with it.
		items.push({ cardId: 'long', atMillis: id, reviews: reviews([[3, 0], [3, 30], [3, 60]]) });
		const { initItems, trainItems } = prepareTrainingData(items);
		const delays = new Set(initItems.map((i) => i.reviews[1]!.deltaT));
		expect(delays).toEqual(new Set([2, 4]));
		expect(trainItems.some((i) => i.cardId === 'long')).toBe(false);
		expect(trainItems).toHaveLength(200);
	});

	it('weights recent items more, from 0.25 to 1', () => {
		expect(recencyWeight(0, 5)).toBe(0.25);
		expect(recencyWeight(4, 5)).toBe(1);
		expect(recencyWeight(2, 5)).toBeCloseTo(0.25 + 0.75 / 8, 12);
	});
});

describe('training on a simulated learner', () => {
	const log = generateReviewLog({ cards: 300, days: 120, newPerDay: 10, seed: 7 });
	const items = fsrsItemsFromEvents(log.events);

	it('has enough data for full training', () => {
		expect(items.length).toBeGreaterThan(MIN_TRAINING_ITEMS * 10);
	});

	it('fits the learner better than the defaults, and moves towards the learner’s true parameters', () => {
		const result = trainParameters(items, { enableShortTerm: true, relearningSteps: 1 });
		expect(result.stage).toBe('trained');
		const before = evaluateParameters(DEFAULT_WEIGHTS, items);
		const after = evaluateParameters(result.weights, items);
		expect(after.logLoss).toBeLessThan(before.logLoss);
		expect(after.rmseBins).toBeLessThan(before.rmseBins);
		// The learner forgets faster than FSRS's default after a first Good (true w2 < default).
		expect(Math.abs(result.weights[2]! - log.trueWeights[2]!)).toBeLessThan(Math.abs(DEFAULT_WEIGHTS[2]! - log.trueWeights[2]!));
	});

	it('is deterministic, supports both batchings and freezes short-term parameters when short-term is off', () => {
		const a = trainParameters(items, { enableShortTerm: true, relearningSteps: 1, epochs: 1 });
		const b = trainParameters(items, { enableShortTerm: true, relearningSteps: 1, epochs: 1 });
		expect(a.weights).toEqual(b.weights);
		const byItem = trainParameters(items, { enableShortTerm: true, relearningSteps: 1, epochs: 1, batching: 'item' });
		expect(byItem.weights).not.toEqual(a.weights);
		const long = trainParameters(items, { enableShortTerm: false, relearningSteps: 1, epochs: 1 });
		expect(long.weights.slice(17, 20)).toEqual([0, 0, 0]);
	});

	it('reports progress and stops when asked', () => {
		const seen: number[] = [];
		expect(() =>
			trainParameters(items, {
				enableShortTerm: true,
				relearningSteps: 1,
				onProgress: (done, total) => {
					seen.push(done / total);
					return seen.length < 3;
				}
			})
		).toThrow(TrainingCancelled);
		expect(seen).toHaveLength(3);
		expect(seen[0]).toBeGreaterThan(0);
		expect(seen[2]).toBeLessThan(1);
	});

	it('falls back to pre-training or defaults when there is too little data', () => {
		expect(trainParameters(items.slice(0, 5), { enableShortTerm: true, relearningSteps: 1 }).stage).toBe('default');
		const few = items.slice(0, 70);
		const kept = prepareTrainingData(few).trainItems.length;
		expect(kept).toBeGreaterThanOrEqual(8);
		expect(kept).toBeLessThan(MIN_TRAINING_ITEMS);
		const pre = trainParameters(few, { enableShortTerm: true, relearningSteps: 1 });
		expect(pre.stage).toBe('pretrained');
		expect(pre.weights.slice(4)).toEqual(DEFAULT_WEIGHTS.slice(4));
	});

	it('rejects a malformed history with a clear message', () => {
		const bad = [{ cardId: 'x', atMillis: 0, reviews: reviews([[3, 0], [7, 2]]) }];
		expect(() => trainParameters(bad, { enableShortTerm: true, relearningSteps: 1 })).toThrow(/graded 1–4/);
	});
});
