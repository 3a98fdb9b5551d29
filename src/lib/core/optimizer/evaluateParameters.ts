import { clipParameters } from './clipParameters.ts';
import { longTermReviewCount, type FsrsItem } from './fsrsItems.ts';
import { curveFor, memoryAfter, retrievability } from './fsrsModel.ts';
import { recencyWeight } from './prepareTrainingData.ts';

export interface Evaluation {
	/** Mean binary cross-entropy of the predicted recall, weighted towards recent reviews. Lower is better. */
	logLoss: number;
	/** Root mean square gap between predicted and actual recall over fsrs-rs's bins. Lower is better. */
	rmseBins: number;
}

/**
 * fsrs-rs's bin for an item: the delay (log base 3.62), the number of later-day reviews so far
 * (log base 1.89) and the number of lapses before (log base 1.73), each rounded to a bin label.
 */
function binOf(item: FsrsItem): string {
	const reviews = item.reviews;
	const deltaT = reviews[reviews.length - 1]!.deltaT;
	const deltaBin = Math.round(2.48 * Math.pow(3.62, Math.floor(Math.log(deltaT) / Math.log(3.62))) * 100);
	const length = longTermReviewCount(item) + 1;
	const lengthBin = Math.round(1.99 * Math.pow(1.89, Math.floor(Math.log(length) / Math.log(1.89))));
	let lapses = 0;
	for (let i = 0; i < reviews.length - 1; i++) if (reviews[i]!.rating === 1 && reviews[i]!.deltaT > 0) lapses++;
	const lapseBin = lapses === 0 ? 0 : Math.round(1.65 * Math.pow(1.73, Math.floor(Math.log(lapses) / Math.log(1.73))));
	return `${deltaBin}/${lengthBin}/${lapseBin}`;
}

/**
 * How well parameters `w` predict the items' last reviews (recall = any grade but Again), as fsrs-rs's
 * `evaluate` measures it: the log loss and the binned RMSE, both weighted by recency. `items` must be
 * in review-time order. The parameters are clipped first, as fsrs-rs does when it loads them.
 */
export function evaluateParameters(weights: readonly number[], items: readonly FsrsItem[]): Evaluation {
	if (items.length === 0) throw new Error('No reviews to evaluate on');
	const w = [...weights];
	clipParameters(w, 1, false);
	const curve = curveFor(w);
	const bins = new Map<string, { predicted: number; actual: number; count: number; weight: number }>();
	let loss = 0;
	let weightSum = 0;
	items.forEach((item, index) => {
		const last = item.reviews[item.reviews.length - 1]!;
		const memory = memoryAfter(w, curve, item.reviews, item.reviews.length - 1);
		const p = retrievability(curve, last.deltaT, memory.s);
		const y = last.rating > 1 ? 1 : 0;
		const weight = recencyWeight(index, items.length);
		loss += (y * Math.log(p) + (1 - y) * Math.log(1 - p)) * weight;
		weightSum += weight;
		const key = binOf(item);
		let bin = bins.get(key);
		if (!bin) bins.set(key, (bin = { predicted: 0, actual: 0, count: 0, weight: 0 }));
		bin.predicted += p;
		bin.actual += y;
		bin.count += 1;
		bin.weight += weight;
	});
	let squares = 0;
	let binWeights = 0;
	for (const b of bins.values()) {
		squares += Math.pow(b.predicted / b.count - b.actual / b.count, 2) * b.weight;
		binWeights += b.weight;
	}
	return { logLoss: -loss / weightSum, rmseBins: Math.sqrt(squares / binWeights) };
}
