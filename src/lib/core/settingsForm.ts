import { stepMinutes } from './scheduler.ts';
import type { Settings } from './settings.ts';
import type { SchedulerSettings } from './types.ts';

/** The settings page's fields as typed (strings from inputs, booleans from checkboxes). */
export interface SettingsForm {
	desiredRetention: string;
	maximumInterval: string;
	newPerDay: string;
	reviewsPerDay: string;
	rolloverHour: string;
	learningSteps: string;
	relearningSteps: string;
	enableFuzz: boolean;
	enableShortTerm: boolean;
}

export type SettingsErrors = Partial<Record<keyof SettingsForm, string>>;

export const RETENTION_MIN = 0.7;
export const RETENTION_MAX = 0.97;

export function settingsToForm(s: Settings): SettingsForm {
	return {
		desiredRetention: String(s.scheduler.desiredRetention),
		maximumInterval: String(s.scheduler.maximumInterval),
		newPerDay: String(s.study.newPerDay),
		reviewsPerDay: String(s.study.reviewsPerDay),
		rolloverHour: String(s.study.rolloverHour),
		learningSteps: s.scheduler.learningSteps.join(' '),
		relearningSteps: s.scheduler.relearningSteps.join(' '),
		enableFuzz: s.scheduler.enableFuzz,
		enableShortTerm: s.scheduler.enableShortTerm
	};
}

function integer(text: string, min: number, max: number, what: string): number | string {
	const t = text.trim();
	if (!/^\d+$/.test(t)) return `${what} must be a whole number from ${min} to ${max}.`;
	const n = Number(t);
	return n < min || n > max ? `${what} must be from ${min} to ${max}.` : n;
}

function steps(text: string, what: string): string[] | string {
	const list = text.split(/[\s,]+/).filter(Boolean);
	for (const step of list) {
		try {
			if (stepMinutes(step) <= 0) return `${what}: "${step}" must be longer than zero.`;
		} catch {
			return `${what}: "${step}" is not a step; write steps like 1m 10m 1h 1d.`;
		}
	}
	return list.length > 10 ? `${what}: at most 10 steps.` : list;
}

/**
 * Checks the form and builds the settings it describes on top of `base` (theme and FSRS parameters
 * come from there). Every problem is reported against its field; nothing is returned half-valid.
 */
export function parseSettingsForm(form: SettingsForm, base: Settings): { settings: Settings } | { errors: SettingsErrors } {
	const errors: SettingsErrors = {};
	const retention = Number(form.desiredRetention.trim());
	if (form.desiredRetention.trim() === '' || !Number.isFinite(retention) || retention < RETENTION_MIN || retention > RETENTION_MAX) {
		errors.desiredRetention = `Desired retention must be a number from ${RETENTION_MIN.toFixed(2)} to ${RETENTION_MAX.toFixed(2)}.`;
	}
	const fields = {
		maximumInterval: integer(form.maximumInterval, 1, 36500, 'Maximum interval'),
		newPerDay: integer(form.newPerDay, 0, 9999, 'New cards per day'),
		reviewsPerDay: integer(form.reviewsPerDay, 0, 99999, 'Reviews per day'),
		rolloverHour: integer(form.rolloverHour, 0, 23, 'The day starts at hour')
	};
	for (const [key, value] of Object.entries(fields)) if (typeof value === 'string') errors[key as keyof SettingsForm] = value;
	const learning = steps(form.learningSteps, 'Learning steps');
	const relearning = steps(form.relearningSteps, 'Relearning steps');
	if (typeof learning === 'string') errors.learningSteps = learning;
	if (typeof relearning === 'string') errors.relearningSteps = relearning;
	if (Object.keys(errors).length > 0) return { errors };
	return {
		settings: {
			...base,
			scheduler: {
				...base.scheduler,
				desiredRetention: retention,
				maximumInterval: fields.maximumInterval as number,
				learningSteps: learning as string[],
				relearningSteps: relearning as string[],
				enableFuzz: form.enableFuzz,
				enableShortTerm: form.enableShortTerm
			},
			study: {
				newPerDay: fields.newPerDay as number,
				reviewsPerDay: fields.reviewsPerDay as number,
				rolloverHour: fields.rolloverHour as number
			}
		}
	};
}

/** Whether two scheduler settings give different schedules (so the log must be replayed). */
export function schedulingDiffers(a: SchedulerSettings, b: SchedulerSettings): boolean {
	return JSON.stringify(a) !== JSON.stringify(b);
}
