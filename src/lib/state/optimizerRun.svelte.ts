/**
 * "Optimize my parameters": one run at a time for the whole page session, so training continues in its
 * worker while the user moves on to review, and its result is waiting when they come back.
 */
import { DEFAULT_WEIGHTS } from '../core/settings.ts';
import type { OptimizeOutcome } from '../core/optimizer/optimizeParameters.ts';
import { commitSettings } from './commitSettings.ts';
import { openApp } from './openApp.ts';
import { m } from '../paraglide/messages.js';
import type { TaskStep } from '../workers/handleTask.ts';
import { runTask, TaskCancelled, type RunningTask } from './runTask.ts';

export type OptimizerStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error' | 'applying' | 'applied';

export class OptimizerRun {
	status = $state<OptimizerStatus>('idle');
	progress = $state(0);
	progressStep = $state.raw<TaskStep>({ kind: 'starting' });
	outcome = $state.raw<OptimizeOutcome | null>(null);
	error = $state<string | null>(null);
	/** The parameters in use (shown on the settings page). */
	weights = $state.raw<readonly number[]>([]);
	usingDefaults = $derived(this.weights.length > 0 && this.weights.every((w, i) => w === DEFAULT_WEIGHTS[i]));

	#task: RunningTask<unknown> | null = null;

	async refresh(): Promise<void> {
		this.weights = (await openApp()).settings.scheduler.weights;
	}

	async start(): Promise<void> {
		if (this.status === 'running' || this.status === 'applying') return;
		this.status = 'running';
		this.progress = 0;
		this.progressStep = { kind: 'starting' };
		this.outcome = null;
		this.error = null;
		try {
			const app = await openApp();
			const task = runTask({ type: 'optimize', scheduler: structuredClone(app.settings.scheduler) }, (fraction, step) => {
				this.progress = fraction;
				this.progressStep = step;
			});
			this.#task = task;
			this.outcome = await task.result;
			this.status = 'done';
		} catch (e) {
			this.status = e instanceof TaskCancelled ? 'cancelled' : 'error';
			if (this.status === 'error') this.error = (e as Error).message;
		} finally {
			this.#task = null;
		}
	}

	cancel(): void {
		this.#task?.cancel();
	}

	/** Applies the trained parameters (only offered when they fit the history better) and reschedules. */
	async apply(): Promise<void> {
		const outcome = this.outcome;
		if (this.status !== 'done' || outcome?.kind !== 'trained' || !outcome.better) return;
		await this.#useWeights(outcome.weights);
	}

	/** Goes back to FSRS's default parameters and reschedules. */
	async useDefaults(): Promise<void> {
		await this.#useWeights(DEFAULT_WEIGHTS);
	}

	async #useWeights(weights: readonly number[]): Promise<void> {
		if (this.status === 'running' || this.status === 'applying') return;
		this.status = 'applying';
		this.progress = 0;
		this.error = null;
		try {
			const app = await openApp();
			const task = commitSettings({ ...app.settings, scheduler: { ...app.settings.scheduler, weights: [...weights] } }, (fraction, step) => {
				this.progress = fraction;
				this.progressStep = step;
			});
			this.#task = task;
			await task.result;
			this.weights = app.settings.scheduler.weights;
			this.status = 'applied';
		} catch (e) {
			this.status = 'error';
			this.error = e instanceof TaskCancelled ? m.settings_cancelled() : (e as Error).message;
		} finally {
			this.#task = null;
		}
	}
}

/** The page session's one optimizer run. */
export const optimizerRun = new OptimizerRun();
