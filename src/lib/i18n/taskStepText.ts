import { m } from '../paraglide/messages.js';
import type { TaskStep } from '../workers/handleTask.ts';
import { formatNumber } from './format.ts';

/** What a background task is doing, for its progress bar. */
export function taskStepText(step: TaskStep): string {
	switch (step.kind) {
		case 'starting':
			return m.task_starting();
		case 'reading':
			return m.task_reading_log();
		case 'rescheduling':
			return m.task_rescheduling({ done: formatNumber(step.done), total: formatNumber(step.total) });
		case 'training':
			return m.task_training();
		case 'storing':
			return m.task_storing_deck();
	}
}
