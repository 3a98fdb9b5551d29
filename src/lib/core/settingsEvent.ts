/**
 * Settings that change what or how the user studies travel in the log as `settings` events, so every
 * device converges on the same ones: the latest event by (time, id) wins, on every device, whatever
 * order the events arrived in. Device preferences (theme, language, swipe, reminder, sync credentials)
 * are not in these events and never leave the device.
 */
import type { Settings } from './settings.ts';

/** The part of the settings that converges across devices. */
export type SyncedSettings = Pick<Settings, 'scheduler' | 'study' | 'selection'> & Partial<Pick<Settings, 'workload'>>;

export interface SettingsEvent {
	/** Random and unique, like every event id. */
	id: string;
	type: 'settings';
	atMillis: number;
	settings: SyncedSettings;
}

export function syncedPart(s: SyncedSettings): SyncedSettings {
	// `workload` came later: an event written before it has none (the defaults then apply).
	const { scheduler, study, selection, workload } = s;
	return structuredClone(workload ? { scheduler, study, selection, workload } : { scheduler, study, selection });
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
