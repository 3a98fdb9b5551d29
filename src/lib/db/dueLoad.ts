/**
 * What the review screen reads for workload control: the review cards due per study day (for the
 * load balancer) and the papers' topics (for an interview plan's scope). Kept apart from the backlog
 * actions (workloadActions.ts), which only the home screen loads.
 */
import Dexie from 'dexie';
import type { DueLoad } from '../core/chooseDue.ts';
import { studyDay, type DayClock } from '../core/studyDay.ts';
import type { PaperdeckDatabase } from './database.ts';
import { PAPER_TOPICS_KEY } from './deckMetaKeys.ts';

/** The review cards, by due time (an index range: keys only where that is enough). */
export function reviewRows(db: PaperdeckDatabase) {
	return db.states.where('[queue+availableMillis]').between(['review', Dexie.minKey], ['review', Dexie.maxKey]);
}

export async function paperTopics(db: PaperdeckDatabase): Promise<Record<string, string>> {
	return ((await db.meta.get(PAPER_TOPICS_KEY))?.value ?? {}) as Record<string, string>;
}

/** Review cards due per study day, for the load balancer. */
export async function loadDueLoad(db: PaperdeckDatabase, clock: DayClock): Promise<DueLoad> {
	// Index keys only ([queue, availableMillis]): no row is read, so a large collection's session starts fast.
	const keys = (await reviewRows(db).keys()) as unknown as [string, number][];
	const load: DueLoad = new Map();
	for (const [, at] of keys) {
		const d = studyDay(at, clock);
		load.set(d, (load.get(d) ?? 0) + 1);
	}
	return load;
}
