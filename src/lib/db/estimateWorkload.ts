import { newCardState } from '../core/newCardState.ts';
import { replayAll } from '../core/replay.ts';
import { createScheduler } from '../core/scheduler.ts';
import type { Settings } from '../core/settings.ts';
import { simulateWorkload, type WorkloadDay } from '../core/simulateWorkload.ts';
import type { DayClock } from '../core/studyDay.ts';
import { Phase } from '../core/types.ts';
import type { PaperdeckDatabase } from './database.ts';

/**
 * The workload preview: reschedules the collection with `settings` (in memory, nothing is written)
 * and simulates the next `days` study days from it.
 */
export async function estimateWorkload(
	db: PaperdeckDatabase,
	settings: Settings,
	nowMillis: number,
	clock: DayClock,
	days = 30
): Promise<WorkloadDay[]> {
	const [events, rows] = await db.transaction('r', db.events, db.states, () => Promise.all([db.events.toArray(), db.states.toArray()]));
	const scheduler = createScheduler(settings.scheduler);
	const replayed = replayAll(events, scheduler);
	const inDeck = rows.filter((r) => r.queue !== 'retired').sort((a, b) => a.newRank - b.newRank);
	const states = inDeck.map((r) => replayed.get(r.cardId) ?? newCardState(r.cardId));
	return simulateWorkload({
		states: states.filter((s) => s.phase !== Phase.New),
		newCardIds: states.filter((s) => s.phase === Phase.New && !s.suspended).map((s) => s.cardId),
		scheduler,
		study: settings.study,
		clock,
		nowMillis,
		days
	});
}
