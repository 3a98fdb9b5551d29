/**
 * FSRS parameter training, following fsrs-rs's `compute_parameters`: outlier filter, pre-training of
 * the initial stabilities, then mini-batch Adam on the binary cross-entropy of predicted recall, with
 * recency weights, an L2 pull towards the starting parameters scaled by each parameter's spread
 * across users, cosine-annealed learning rate, and the parameter bounds enforced after every step.
 */
import { clipParameters } from './clipParameters.ts';
import type { FsrsItem } from './fsrsItems.ts';
import { curveFor, emptyMemory, PARAMETER_COUNT, retrievability, retrievabilityPartials, step } from './fsrsModel.ts';
import { initialStability, smoothAndFill } from './initialStability.ts';
import { prepareTrainingData, recencyWeight } from './prepareTrainingData.ts';
import { DEFAULT_WEIGHTS } from '../settings.ts';
import { seededRandom } from '../seededRandom.ts';

/** How much each parameter varies across users' trained parameters: the L2 penalty's scale. */
const PARAMS_STDDEV = [
	6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33, 0.3, 0.09, 0.16, 0.57, 0.25, 1.03, 0.31, 0.32, 0.14, 0.27
];

/** Below this many items fsrs-rs only pre-trains the initial stabilities; we ask for at least this many. */
export const MIN_TRAINING_ITEMS = 64;

export interface TrainingOptions {
	enableShortTerm: boolean;
	/** Number of relearning steps in the user's settings (bounds w17·w18). */
	relearningSteps: number;
	/**
	 * `card` (default) batches whole cards, scoring every prediction along each card's history in one
	 * pass, as fsrs-rs does when given card ids (Anki's path). `item` batches single predictions, as
	 * fsrs-rs does without card ids (its node binding's path).
	 */
	batching?: 'card' | 'item';
	epochs?: number;
	batchSize?: number;
	learningRate?: number;
	maxSeqLen?: number;
	gamma?: number;
	seed?: number;
	/** Called after every batch; return false to stop (the result is then `TrainingCancelled`). */
	onProgress?: (done: number, total: number) => boolean | void;
}

export interface TrainingResult {
	weights: number[];
	/** `trained`: full training; `pretrained`: only initial stabilities (too little data); `default`: unchanged. */
	stage: 'trained' | 'pretrained' | 'default';
}

export class TrainingCancelled extends Error {
	constructor() {
		super('Optimization cancelled');
	}
}

/** One batch column: a review sequence, and which positions are predictions (with their weights). */
export interface Column {
	ratings: Uint8Array;
	deltaTs: Float64Array;
	weights: Float64Array;
}

interface Batch {
	columns: Column[];
	/** Predictions in the batch. */
	size: number;
}

interface Weighted {
	item: FsrsItem;
	weight: number;
}

/** A column for `reviews`, predicting the positions given weights (0: not a prediction). */
export function columnOf(reviews: FsrsItem['reviews'], weights: readonly number[] = []): Column {
	const col = {
		ratings: Uint8Array.from(reviews, (r) => r.rating),
		deltaTs: Float64Array.from(reviews, (r) => r.deltaT),
		weights: new Float64Array(reviews.length)
	};
	col.weights.set(weights);
	return col;
}

function itemBatches(items: Weighted[], batchSize: number): Batch[] {
	const sorted = items.slice().sort((a, b) => a.item.reviews.length - b.item.reviews.length);
	const batches: Batch[] = [];
	for (let i = 0; i < sorted.length; i += batchSize) {
		const columns = sorted.slice(i, i + batchSize).map(({ item, weight }) => {
			const col = columnOf(item.reviews);
			col.weights[item.reviews.length - 1] = weight;
			return col;
		});
		batches.push({ columns, size: columns.length });
	}
	return batches;
}

function cardBatches(items: Weighted[], batchSize: number): Batch[] {
	const byCard = new Map<string, Weighted[]>();
	for (const w of items) {
		const list = byCard.get(w.item.cardId);
		if (list) list.push(w);
		else byCard.set(w.item.cardId, [w]);
	}
	const cards = [...byCard.values()].map((list) => list.sort((a, b) => a.item.reviews.length - b.item.reviews.length));
	cards.sort((a, b) => a[a.length - 1]!.item.reviews.length - b[b.length - 1]!.item.reviews.length);
	const batches: Batch[] = [];
	let current: Batch = { columns: [], size: 0 };
	for (const card of cards) {
		if (current.size > 0 && current.size + card.length > batchSize) {
			batches.push(current);
			current = { columns: [], size: 0 };
		}
		const col = columnOf(card[card.length - 1]!.item.reviews);
		for (const { item, weight } of card) col.weights[item.reviews.length - 1] = weight;
		current.columns.push(col);
		current.size += card.length;
	}
	if (current.size > 0) batches.push(current);
	return batches;
}

const MIN_PROB = 1e-7;
const MAX_PROB = 1 - 1e-7;

/**
 * The summed weighted cross-entropy of a batch's predictions under `w`, adding its gradient into
 * `grad`. Each column is run through the model once, scoring every weighted position on the way.
 */
export function batchLossAndGradient(w: ArrayLike<number>, columns: readonly Column[], grad: Float64Array): number {
	const curve = curveFor(w);
	const m = emptyMemory(true);
	const gs = m.gs!;
	let loss = 0;
	for (const col of columns) {
		m.s = 0;
		m.d = 0;
		gs.fill(0);
		m.gd!.fill(0);
		const n = col.ratings.length;
		for (let i = 0; i < n; i++) {
			const weight = col.weights[i]!;
			if (i > 0 && weight !== 0) {
				const t = col.deltaTs[i]!;
				const raw = retrievability(curve, t, m.s);
				const p = raw < MIN_PROB ? MIN_PROB : raw > MAX_PROB ? MAX_PROB : raw;
				const y = col.ratings[i]! > 1 ? 1 : 0;
				loss += -(y * Math.log(p) + (1 - y) * Math.log(1 - p)) * weight;
				if (raw > MIN_PROB && raw < MAX_PROB) {
					const g = -weight * (y / p - (1 - y) / (1 - p));
					const rp = retrievabilityPartials(curve, t, m.s, raw);
					const k = g * rp.ds;
					for (let j = 0; j < PARAMETER_COUNT; j++) grad[j] = grad[j]! + k * gs[j]!;
					grad[20] = grad[20]! + g * rp.dw20;
				}
			}
			if (i < n - 1) step(w, curve, m, col.deltaTs[i]!, col.ratings[i]!, i);
		}
	}
	return loss;
}

/** PyTorch's CosineAnnealingLR (recursive form, as fsrs-rs implements it). */
export function cosineAnnealing(tMax: number, initLr: number): () => number {
	let stepCount = -1;
	let lr = initLr;
	return () => {
		stepCount++;
		if (stepCount === 0) lr = initLr;
		else if ((stepCount - 1 - tMax) % (2 * tMax) === 0) lr = (initLr * (1 - Math.cos(Math.PI / tMax))) / 2;
		else lr = ((1 + Math.cos((Math.PI * stepCount) / tMax)) / (1 + Math.cos((Math.PI * (stepCount - 1)) / tMax))) * lr;
		return lr;
	};
}

/** Adam (β1 0.9, β2 0.999, ε 1e-8), one step in place. */
export class Adam {
	#m = new Float64Array(PARAMETER_COUNT);
	#v = new Float64Array(PARAMETER_COUNT);
	#t = 0;
	step(params: number[], grad: Float64Array, lr: number): void {
		this.#t++;
		const bias1 = 1 - Math.pow(0.9, this.#t);
		const bias2 = 1 - Math.pow(0.999, this.#t);
		for (let i = 0; i < PARAMETER_COUNT; i++) {
			this.#m[i] = 0.9 * this.#m[i]! + 0.1 * grad[i]!;
			this.#v[i] = 0.999 * this.#v[i]! + 0.001 * grad[i]! * grad[i]!;
			params[i] = params[i]! - (lr * (this.#m[i]! / bias1)) / (Math.sqrt(this.#v[i]! / bias2) + 1e-8);
		}
	}
}

/**
 * Trains FSRS parameters on `items` (in review-time order, from `fsrsItemsFromEvents`). Throws
 * `TrainingCancelled` when `onProgress` returns false, and an Error when the data cannot support even
 * the pre-training.
 */
export function trainParameters(items: readonly FsrsItem[], options: TrainingOptions): TrainingResult {
	const epochs = options.epochs ?? 5;
	const batchSize = options.batchSize ?? 512;
	const learningRate = options.learningRate ?? 4e-2;
	const maxSeqLen = options.maxSeqLen ?? 256;
	const gamma = options.gamma ?? 1;
	const seed = options.seed ?? 2023;
	for (const item of items) {
		if (item.reviews.length === 0 || item.reviews.some((r) => !(r.rating >= 1 && r.rating <= 4))) {
			throw new Error('Invalid review history: every answer must be graded 1–4');
		}
	}

	const { initItems, trainItems } = prepareTrainingData(items);
	if (trainItems.length < 8) return { weights: [...DEFAULT_WEIGHTS], stage: 'default' };
	const averageRecall = trainItems.filter((i) => i.reviews[i.reviews.length - 1]!.rating > 1).length / trainItems.length;
	const { stability, ratingCount } = initialStability(initItems, averageRecall);
	const pretrained = [...stability, ...DEFAULT_WEIGHTS.slice(4)];
	if (trainItems.length === initItems.length || trainItems.length < MIN_TRAINING_ITEMS) {
		return { weights: pretrained, stage: 'pretrained' };
	}

	const freeze = !options.enableShortTerm;
	const start = pretrained.slice();
	if (freeze) start[17] = start[18] = start[19] = 0;
	const weighted: Weighted[] = trainItems
		.map((item, i) => ({ item, weight: recencyWeight(i, trainItems.length) }))
		.filter((w) => w.item.reviews.length <= maxSeqLen);

	const total = weighted.length;
	const batches = options.batching === 'item' ? itemBatches(weighted, batchSize) : cardBatches(weighted, batchSize);
	const nextLr = cosineAnnealing((Math.floor(total / batchSize) + 1) * epochs, learningRate);
	const params = start.slice();
	const adam = new Adam();
	const random = seededRandom(seed);
	const grad = new Float64Array(PARAMETER_COUNT);
	for (let epoch = 0; epoch < epochs; epoch++) {
		const order = batches.map((_, i) => i);
		for (let i = order.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			[order[i], order[j]] = [order[j]!, order[i]!];
		}
		let done = 0;
		for (const index of order) {
			const batch = batches[index]!;
			const lr = nextLr();
			grad.fill(0);
			batchLossAndGradient(params, batch.columns, grad);
			const scale = (gamma * batch.size) / total;
			for (let i = 0; i < PARAMETER_COUNT; i++) {
				grad[i] = grad[i]! + ((2 * (params[i]! - start[i]!)) / (PARAMS_STDDEV[i]! * PARAMS_STDDEV[i]!)) * scale;
			}
			if (freeze) grad[0] = grad[1] = grad[2] = grad[3] = grad[17] = grad[18] = grad[19] = 0;
			adam.step(params, grad, lr);
			clipParameters(params, options.relearningSteps, !freeze);
			done += batch.size;
			if (options.onProgress?.(epoch * total + Math.min(done, total), epochs * total) === false) throw new TrainingCancelled();
		}
	}
	if (params.some((p) => !Number.isFinite(p))) throw new Error('Training diverged: the parameters are not finite');
	const fitted = smoothAndFill(new Map(params.slice(0, 4).map((s, i) => [i + 1, s])), ratingCount);
	return { weights: [...fitted, ...params.slice(4)], stage: 'trained' };
}
