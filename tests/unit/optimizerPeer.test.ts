/**
 * Our optimizer against a real peer: fsrs-rs itself, run natively in node (see fsrsRs.ts). Both train
 * on the same realistic log; fsrs-rs's own `evaluate` judges the parameters, and ours must be within 2%
 * of fsrs-rs's log loss.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateParameters } from '../../src/lib/core/optimizer/evaluateParameters.ts';
import { fsrsItemsFromEvents, longTermReviewCount, type FsrsItem } from '../../src/lib/core/optimizer/fsrsItems.ts';
import { prepareTrainingData } from '../../src/lib/core/optimizer/prepareTrainingData.ts';
import { trainParameters } from '../../src/lib/core/optimizer/trainParameters.ts';
import { DEFAULT_WEIGHTS } from '../../src/lib/core/scheduler.ts';
import { generateReviewLog } from '../fixtures/generateReviewLog.ts';
import { fsrsRsSupported, loadFsrsRs, type FsrsRsItem } from './fsrsRs.ts';

if (!fsrsRsSupported) console.warn(`Skipping the fsrs-rs peer test: its native addon is installed for Linux x64 only (this is ${process.platform}-${process.arch}).`);
const { computeParameters, FSRSBinding, FSRSBindingItem, FSRSBindingReview } = fsrsRsSupported ? loadFsrsRs() : ({} as ReturnType<typeof loadFsrsRs>);

const toBinding = (items: readonly FsrsItem[]) =>
	items.map((item) => new FSRSBindingItem(item.reviews.map((r) => new FSRSBindingReview(r.rating, r.deltaT))));

describe.runIf(fsrsRsSupported)('our FSRS optimizer against fsrs-rs', () => {
	const log = generateReviewLog({ cards: 700, days: 180, newPerDay: 12, seed: 2024 });
	const items = fsrsItemsFromEvents(log.events);
	let peerItems: FsrsRsItem[] = [];
	beforeAll(() => {
		peerItems = toBinding(items);
	});
	const fsrsRsEvaluate = (w: readonly number[]) => new FSRSBinding([...w]).evaluate(peerItems);

	it('trains on a realistic log of at least 5,000 reviews', () => {
		expect(log.events.length).toBeGreaterThanOrEqual(5000);
		expect(items.length).toBeGreaterThan(3000);
	});

	it('evaluates parameters exactly as fsrs-rs does (log loss and binned RMSE)', () => {
		// The binding's `evaluate` first runs fsrs-rs's outlier filter and puts the first-review items
		// first; given the same list, our evaluation must agree with fsrs-rs's.
		const { initItems, trainItems } = prepareTrainingData(items);
		const bindingOrder = [...initItems, ...trainItems.filter((i) => longTermReviewCount(i) > 1)];
		for (const w of [DEFAULT_WEIGHTS, log.trueWeights]) {
			const ours = evaluateParameters(w, bindingOrder);
			const theirs = fsrsRsEvaluate(w);
			expect(ours.logLoss).toBeCloseTo(theirs.logLoss, 4);
			expect(ours.rmseBins).toBeCloseTo(theirs.rmseBins, 4);
		}
	});

	for (const enableShortTerm of [true, false]) {
		it(`reaches fsrs-rs's log loss within 2% (short-term ${enableShortTerm ? 'on' : 'off'})`, async () => {
			const theirs = await computeParameters(peerItems, { enableShortTerm, numRelearningSteps: 1 });
			const byCard = trainParameters(items, { enableShortTerm, relearningSteps: 1 });
			const byItem = trainParameters(items, { enableShortTerm, relearningSteps: 1, batching: 'item' });
			const peer = fsrsRsEvaluate(theirs);
			const peerOnWholeLog = evaluateParameters(theirs, items);
			for (const ours of [byCard, byItem]) {
				expect(ours.stage).toBe('trained');
				// Judged by fsrs-rs's own evaluation, and by ours on the whole time-ordered log.
				const judged = fsrsRsEvaluate(ours.weights);
				expect(judged.logLoss).toBeLessThanOrEqual(peer.logLoss * 1.02);
				expect(judged.rmseBins).toBeLessThan(fsrsRsEvaluate(DEFAULT_WEIGHTS).rmseBins);
				expect(evaluateParameters(ours.weights, items).logLoss).toBeLessThanOrEqual(peerOnWholeLog.logLoss * 1.02);
			}
			// Both clearly beat the defaults, so the comparison is between two real fits.
			expect(peer.logLoss).toBeLessThan(fsrsRsEvaluate(DEFAULT_WEIGHTS).logLoss);
		}, 60_000);
	}
});
