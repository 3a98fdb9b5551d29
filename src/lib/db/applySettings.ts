import { createScheduler } from '../core/scheduler.ts';
import type { Settings } from '../core/settings.ts';
import type { PaperdeckDatabase } from './database.ts';
import { rebuildStates } from './rebuildStates.ts';
import { saveSettings } from './settingsLog.ts';
import { SCHEDULER_KEY, schedulerKey } from './settingsStore.ts';

/**
 * Saves new settings and reschedules every card by replaying the log with them, in one transaction:
 * a crash or a closed tab leaves the old settings and schedule whole, never a mix. Returns how many
 * cards' schedules changed.
 */
export async function applySettings(
	db: PaperdeckDatabase,
	settings: Settings,
	onProgress?: (cardsDone: number, cards: number) => void
): Promise<number> {
	return db.transaction('rw', [db.events, db.states, db.meta, db.settingsLog], async () => {
		await saveSettings(db, settings);
		const changed = await rebuildStates(db, createScheduler(settings.scheduler), onProgress);
		await db.meta.put({ key: SCHEDULER_KEY, value: schedulerKey(settings.scheduler) });
		return changed.length;
	});
}
