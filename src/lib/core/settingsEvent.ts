/**
 * Settings that change what or how the user studies travel in the log as `settings` events, so every
 * device converges on the same ones: the latest event by (time, id) wins, on every device, whatever
 * order the events arrived in. Device preferences (theme, language, swipe, reminder, sync credentials)
 * are not in these events and never leave the device.
 */
import type { Settings } from './settings.ts';
import { settingsProblem } from './validateSettings.ts';

/** The part of the settings that converges across devices. */
export type SyncedSettings = Pick<Settings, 'scheduler' | 'study' | 'selection'>;

export interface SettingsEvent {
	/** Random and unique, like every event id. */
	id: string;
	type: 'settings';
	atMillis: number;
	settings: SyncedSettings;
}

export function syncedPart(s: SyncedSettings): SyncedSettings {
	return structuredClone({ scheduler: s.scheduler, study: s.study, selection: s.selection });
}

/** The log's order for settings events, the same as for card events: time, then id. */
export function compareSettingsEvents(a: SettingsEvent, b: SettingsEvent): number {
	return a.atMillis - b.atMillis || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The settings event in force: the latest by (time, id), or null for a log that has none (defaults apply). */
export function winningSettingsEvent(events: Iterable<SettingsEvent>): SettingsEvent | null {
	let best: SettingsEvent | null = null;
	for (const e of events) if (!best || compareSettingsEvents(e, best) > 0) best = e;
	return best;
}

/** A time for a new settings event that orders after `winner`, so a change made here wins here even with a slow clock. */
export function nextSettingsTime(nowMillis: number, winner: SettingsEvent | null): number {
	return winner ? Math.max(nowMillis, winner.atMillis + 1) : nowMillis;
}

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
	if ('theme' in settings) return 'carries a device preference (theme)';
	const problem = settingsProblem(settings);
	return problem ? `has bad settings: ${problem}` : null;
}
