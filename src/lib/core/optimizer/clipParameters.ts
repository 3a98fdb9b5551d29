import { D_MAX, D_MIN, S_MIN } from './fsrsModel.ts';

/** The largest initial stability (days) the optimizer allows. */
export const INIT_S_MAX = 100;

/**
 * Keeps parameters inside the ranges fsrs-rs allows, in place. With more than one relearning step,
 * w17·w18 is capped so that the stability after a lapse cannot grow through the relearning steps
 * (post-lapse stability × e^(steps·w17·w18) ≤ S at D = 1, R = 0.7, S = 1). Without short-term
 * scheduling, w19 may fall to 0.
 */
export function clipParameters(w: number[] | Float64Array, relearningSteps: number, enableShortTerm: boolean): void {
	let ceiling = 2;
	if (relearningSteps > 1) {
		const x = -(Math.log(w[11]!) + Math.log(Math.pow(2, w[13]!) - 1) + w[14]! * 0.3) / relearningSteps;
		// A NaN (w11 or w13 out of range before clipping) takes the floor, as Rust's f32::max does.
		ceiling = Math.min(2, Math.sqrt(Number.isNaN(x) ? 0.01 : Math.max(0.01, x)));
	}
	const bounds: [number, number][] = [
		[S_MIN, INIT_S_MAX],
		[S_MIN, INIT_S_MAX],
		[S_MIN, INIT_S_MAX],
		[S_MIN, INIT_S_MAX],
		[D_MIN, D_MAX],
		[0.001, 4],
		[0.001, 4],
		[0.001, 0.75],
		[0, 4.5],
		[0, 0.8],
		[0.001, 3.5],
		[0.001, 5],
		[0.001, 0.25],
		[0.001, 0.9],
		[0, 4],
		[0, 1],
		[1, 6],
		[0, ceiling],
		[0, ceiling],
		[enableShortTerm ? 0.01 : 0, 0.8],
		[0.1, 0.8]
	];
	for (let i = 0; i < bounds.length; i++) w[i] = Math.min(bounds[i]![1], Math.max(bounds[i]![0], w[i]!));
}
