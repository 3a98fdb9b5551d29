import type { PaperdeckDatabase } from '../db/database.ts';
import { runTask, WorkerUnavailable } from '../state/runTask.ts';
import { settleHere } from './settleHere.ts';

/**
 * The pull's final replay (the whole log after a first sync: seconds of work) in the task worker, with
 * its own database connection, so the page never stalls. Where a worker cannot start, it runs here.
 */
export async function settleInWorker(db: PaperdeckDatabase): Promise<number> {
	if (typeof Worker === 'undefined') return settleHere(db);
	try {
		return (await runTask({ type: 'settle-pull' }).result).cards;
	} catch (e) {
		// The worker's transaction rolled back: the marks are still there, so settling here is safe.
		if (e instanceof WorkerUnavailable) return settleHere(db);
		throw e;
	}
}
