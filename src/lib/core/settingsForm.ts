import { stepMinutes } from './scheduler.ts';
import type { Settings } from './settings.ts';
import type { SchedulerSettings } from './types.ts';
import type { DayShare, ReviewOrder } from './workload.ts';

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
	loadBalancing: boolean;
	/** Sunday first. */
	easyDays: DayShare[];
	reviewOrder: ReviewOrder;
}

/** What is wrong with a field; the words come from the interface language (src/lib/i18n/settingsErrorText.ts). */
export type SettingsError =
	| { kind: 'not-number' | 'not-whole-number' | 'out-of-range'; min: number; max: number }
	| { kind: 'step-not-positive' | 'step-invalid'; step: string }
	| { kind: 'too-many-steps'; max: number };

export type SettingsErrors = Partial<Record<keyof SettingsForm, SettingsError>>;

const MAX_STEPS = 10;

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
		enableShortTerm: s.scheduler.enableShortTerm,
		loadBalancing: s.workload.loadBalancing,
		easyDays: [...s.workload.easyDays],
		reviewOrder: s.workload.reviewOrder
	};
}

function integer(text: string, min: number, max: number): number | SettingsError {
	const t = text.trim();
	if (!/^\d+$/.test(t)) return { kind: 'not-whole-number', min, max };
	const n = Number(t);
	return n < min || n > max ? { kind: 'out-of-range', min, max } : n;
}

function steps(text: string): string[] | SettingsError {
	const list = text.split(/[\s,]+/).filter(Boolean);
	for (const step of list) {
		try {
			if (stepMinutes(step) <= 0) return { kind: 'step-not-positive', step };
		} catch {
			return { kind: 'step-invalid', step };
		}
	}
	return list.length > MAX_STEPS ? { kind: 'too-many-steps', max: MAX_STEPS } : list;
}

/**
 * Checks the form and builds the settings it describes on top of `base` (theme and FSRS parameters
 * come from there). Every problem is reported against its field; nothing is returned half-valid.
 */
export function parseSettingsForm(form: SettingsForm, base: Settings): { settings: Settings } | { errors: SettingsErrors } {
	const errors: SettingsErrors = {};
	const retention = Number(form.desiredRetention.trim());
	if (form.desiredRetention.trim() === '' || !Number.isFinite(retention) || retention < RETENTION_MIN || retention > RETENTION_MAX) {
		errors.desiredRetention = { kind: 'not-number', min: RETENTION_MIN, max: RETENTION_MAX };
	}
	const fields = {
		maximumInterval: integer(form.maximumInterval, 1, 36500),
		newPerDay: integer(form.newPerDay, 0, 9999),
		reviewsPerDay: integer(form.reviewsPerDay, 0, 99999),
		rolloverHour: integer(form.rolloverHour, 0, 23)
	};
	for (const [key, value] of Object.entries(fields)) if (typeof value !== 'number') errors[key as keyof SettingsForm] = value;
	const learning = steps(form.learningSteps);
	const relearning = steps(form.relearningSteps);
	if (!Array.isArray(learning)) errors.learningSteps = learning;
	if (!Array.isArray(relearning)) errors.relearningSteps = relearning;
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
			},
			// Workload choices need no replay: the due dates they choose are recorded as answers are given.
			workload: { ...base.workload, loadBalancing: form.loadBalancing, easyDays: [...form.easyDays], reviewOrder: form.reviewOrder }
		}
	};
}

/** Whether two scheduler settings give different schedules (so the log must be replayed). */
export function schedulingDiffers(a: SchedulerSettings, b: SchedulerSettings): boolean {
	return JSON.stringify(a) !== JSON.stringify(b);
}
