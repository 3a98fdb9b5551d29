import type { Settings } from '../core/settings.ts';
import type { PaperdeckDatabase } from '../db/database.ts';
import { fetchDeck } from './openCollection.ts';
import { runTask, WorkerUnavailable } from './runTask.ts';
import { syncCollection } from './syncCollection.ts';

/**
 * Brings storage in line with a new deck or new scheduler settings in the task worker, with its own
 * database connection: parsing the deck and writing its cards (a first visit) or replaying the log
 * stalled the page for hundreds of milliseconds. Where a worker cannot start, it runs here.
 */
export async function syncCollectionOffThread(db: PaperdeckDatabase, settings: Settings, todo: { deck: boolean; rebuild: boolean }): Promise<void> {
	if (typeof Worker !== 'undefined') {
		try {
			await runTask({ type: 'sync-collection', settings, ...todo }).result;
			return;
		} catch (e) {
			if (!(e instanceof WorkerUnavailable)) throw e;
		}
	}
	await syncCollection(db, settings, { deck: todo.deck ? await fetchDeck() : null, rebuild: todo.rebuild });
}
