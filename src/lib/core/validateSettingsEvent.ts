import type { SettingsEvent } from './settingsEvent.ts';
import { settingsProblem } from './validateSettings.ts';

export type { SettingsEvent };

const DAY = 86_400_000;
const EARLIEST_EVENT_MILLIS = Date.UTC(2000, 0, 1);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why `value` is not a well-formed settings event, or null when it is (the same time rule as card events). */
export function settingsEventProblem(value: unknown, nowMillis: number): string | null {
	if (!isObject(value) || value.type !== 'settings') return 'is not a settings event';
	const { id, atMillis, settings } = value;
	if (typeof id !== 'string' || id.length === 0 || id.length > 200 || /\s/.test(id)) return 'has no valid id';
	if (!Number.isSafeInteger(atMillis)) return 'has no valid time';
	if ((atMillis as number) < EARLIEST_EVENT_MILLIS || (atMillis as number) > nowMillis + DAY) return 'is dated at an impossible time';
	for (const name of Object.keys(value)) {
		if (!['id', 'type', 'atMillis', 'settings'].includes(name)) return `has a field "${name}" that settings events do not have`;
	}
	if (!isObject(settings)) return 'has no settings';
	for (const group of ['scheduler', 'study', 'selection']) if (!isObject(settings[group])) return `has no settings.${group}`;
	if ('workload' in settings && !isObject(settings.workload)) return 'has settings.workload that is not an object';
	for (const name of Object.keys(settings)) {
		if (!['scheduler', 'study', 'selection', 'workload'].includes(name)) return `carries settings.${name}, which does not travel`;
	}
	const problem = settingsProblem(settings);
	return problem ? `has bad settings: ${problem}` : null;
}
