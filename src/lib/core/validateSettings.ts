import { stepMinutes } from './scheduler.ts';
import { DAY_SHARES, REVIEW_ORDERS } from './workload.ts';

type Check = (v: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (min: number, max = Number.MAX_SAFE_INTEGER): Check => (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const isBool: Check = (v) => typeof v === 'boolean';
const isSteps: Check = (v) =>
	Array.isArray(v) &&
	v.every((s) => {
		try {
			return typeof s === 'string' && stepMinutes(s) > 0;
		} catch {
			return false;
		}
	});

/** What each known field must be; a field a newer version added is left alone (and kept). */
const SHAPE: Record<string, Record<string, [Check, string]>> = {
	scheduler: {
		// FSRS-4.5, 5 and 6 have 17, 19 and 21 parameters; ts-fsrs migrates the older ones.
		weights: [(v) => Array.isArray(v) && [17, 19, 21].includes(v.length) && v.every(Number.isFinite), 'a list of 17, 19 or 21 numbers'],
		desiredRetention: [(v) => typeof v === 'number' && v > 0 && v < 1, 'a number between 0 and 1'],
		maximumInterval: [isInt(1), 'a whole number of days (at least 1)'],
		learningSteps: [isSteps, 'a list of steps such as "1m", "10m", "1d"'],
		relearningSteps: [isSteps, 'a list of steps such as "10m"'],
		enableFuzz: [isBool, 'true or false'],
		enableShortTerm: [isBool, 'true or false']
	},
	study: {
		newPerDay: [isInt(0), 'a whole number (0 or more)'],
		reviewsPerDay: [isInt(0), 'a whole number (0 or more)'],
		rolloverHour: [isInt(0, 23), 'a whole hour from 0 to 23']
	},
	workload: {
		loadBalancing: [isBool, 'true or false'],
		easyDays: [(v) => Array.isArray(v) && v.length === 7 && v.every((s) => DAY_SHARES.includes(s)), 'seven of normal, reduced, minimal (Sunday first)'],
		reviewOrder: [(v) => REVIEW_ORDERS.includes(v as never), REVIEW_ORDERS.join(', ')],
		interview: [
			(v) =>
				v === null ||
				(isObject(v) &&
					isInt(0)(v.day) &&
					[v.topics, v.papers].every((l) => Array.isArray(l) && l.every((x) => typeof x === 'string' && x.length > 0 && x.length <= 200))),
			'null or { day, topics, papers }'
		]
	}
};
const THEMES = ['system', 'light', 'dark'];

/**
 * Why `value` cannot be used as the app's settings, or null when it can. Missing fields are allowed
 * (defaults fill them in, as `loadSettings` does); present ones must have the right type and range.
 */
export function settingsProblem(value: unknown): string | null {
	if (!isObject(value)) return 'settings must be an object';
	for (const [group, fields] of Object.entries(SHAPE)) {
		const g = value[group];
		if (g === undefined) continue;
		if (!isObject(g)) return `settings.${group} must be an object`;
		for (const [name, [ok, expected]] of Object.entries(fields)) {
			if (name in g && !ok(g[name])) return `settings.${group}.${name} must be ${expected}`;
		}
	}
	if ('theme' in value && !THEMES.includes(value.theme as string)) return `settings.theme must be one of ${THEMES.join(', ')}`;
	return null;
}
