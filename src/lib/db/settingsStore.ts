import { hashString } from '../core/hashString.ts';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings.ts';
import type { SchedulerSettings } from '../core/types.ts';
import type { PaperdeckDatabase } from './database.ts';

export const SETTINGS_KEY = 'settings';
/** The meta key holding which scheduler settings the cached states were computed with. */
export const SCHEDULER_KEY = 'schedulerKey';
/**
 * The SCHEDULER_KEY value while a sync's pull is being applied (settlePulledCards.ts): no settings
 * produce it, so the cached states are not trusted until the pull is settled, at its end or at the
 * next start.
 */
export const PULL_UNSETTLED = 'stale: a pull is being applied';

/** Identifies scheduler settings: cached states are valid only for the key they were built with. */
export function schedulerKey(s: SchedulerSettings): string {
	return hashString(JSON.stringify(s));
}

/** Saved (or imported) settings with defaults filled in for anything a newer version added. */
export function withDefaultSettings(saved: Partial<Settings>): Settings {
	return {
		...DEFAULT_SETTINGS,
		...saved,
		scheduler: { ...DEFAULT_SETTINGS.scheduler, ...saved.scheduler },
		study: { ...DEFAULT_SETTINGS.study, ...saved.study },
		selection: { ...DEFAULT_SETTINGS.selection, ...saved.selection },
		workload: { ...DEFAULT_SETTINGS.workload, ...saved.workload }
	};
}

/** The stored settings, with defaults filled in for anything a newer version added. */
export async function loadSettings(db: PaperdeckDatabase): Promise<Settings> {
	const row = await db.meta.get(SETTINGS_KEY);
	return withDefaultSettings((row?.value ?? {}) as Partial<Settings>);
}
