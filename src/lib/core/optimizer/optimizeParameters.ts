import type { CardEvent, SchedulerSettings } from '../types.ts';
import { evaluateParameters, type Evaluation } from './evaluateParameters.ts';
import { fsrsItemsFromEvents } from './fsrsItems.ts';
import { MIN_TRAINING_ITEMS, trainParameters } from './trainParameters.ts';

export type OptimizeOutcome =
	| {
			kind: 'not-enough';
			/** Reviews the optimizer can learn from (answers on a later day than the card's previous one). */
			have: number;
			need: number;
	  }
	| {
			kind: 'trained';
			/** Reviews the parameters were trained and evaluated on. */
			reviews: number;
			weights: number[];
			current: Evaluation;
			candidate: Evaluation;
			/** Lower log loss and no worse RMSE than the current parameters: only then may they be applied. */
			better: boolean;
	  };

/**
 * "Optimize my parameters": trains FSRS on the user's log (as the scheduler is set up: short-term
 * scheduling on or off, number of relearning steps) and measures the current and the new parameters
 * on the same history, so the user sees both before anything changes.
 */
export function optimizeParameters(
	events: readonly CardEvent[],
	scheduler: SchedulerSettings,
	onProgress?: (done: number, total: number) => boolean | void
): OptimizeOutcome {
	const items = fsrsItemsFromEvents(events);
	if (items.length < MIN_TRAINING_ITEMS) return { kind: 'not-enough', have: items.length, need: MIN_TRAINING_ITEMS };
	const trained = trainParameters(items, {
		enableShortTerm: scheduler.enableShortTerm,
		relearningSteps: scheduler.relearningSteps.length,
		onProgress
	});
	// Four decimals, as Anki shows and stores them; what is measured is exactly what would be applied.
	const weights = trained.weights.map((w) => Math.round(w * 1e4) / 1e4);
	const current = evaluateParameters(scheduler.weights, items);
	const candidate = evaluateParameters(weights, items);
	return {
		kind: 'trained',
		reviews: items.length,
		weights,
		current,
		candidate,
		better: candidate.logLoss < current.logLoss && candidate.rmseBins <= current.rmseBins
	};
}
