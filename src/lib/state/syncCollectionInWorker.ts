import type { Settings } from '../core/settings.ts';
import type { PaperdeckDatabase } from '../db/database.ts';
import { fetchDeckBytes } from '../deck/fetchDeckBytes.ts';
import { abortOnLeave } from './abortOnLeave.ts';
import { runTask, WorkerUnavailable } from './runTask.ts';

/** Marked when the deck is parsed and its writing begins (the benchmark's and tests' clock). */
export const DECK_PARSED = 'pd:deck-parsed';

/**
 * Brings storage in line with a new deck or new scheduler settings (syncCollection.ts) in the task
 * worker, through its own database connection: a first visit's import (parsing a megabyte of deck,
 * storing 2,000 cards) then costs the page no long task. The page fetches the deck's bytes while the
 * worker's script loads, so neither download waits for the other. Where a worker cannot start, it all runs
 * here. Leaving the page stops it (all or nothing: it runs again on the next page).
 */
export async function syncCollectionInWorker(db: PaperdeckDatabase, settings: Settings, todo: { deck: boolean; rebuild: boolean }): Promise<void> {
	const bytes = todo.deck ? fetchDeckBytes() : Promise.resolve(null);
	if (typeof Worker !== 'undefined') {
		// Started before the deck has arrived, so the worker's script and the deck download together.
		// (runTask ends the worker when the person leaves.)
		const request = bytes.then((deck) => ({ type: 'sync-collection' as const, settings, deck, rebuild: todo.rebuild }));
		const task = runTask(request, (_, step) => {
			if (step.kind === 'storing') performance.mark(DECK_PARSED);
		});
		try {
			await task.result;
			return;
		} catch (e) {
			// A worker that never started wrote nothing: the same work is safe to do here.
			if (!(e instanceof WorkerUnavailable)) throw e;
		}
	}
	const leaving = abortOnLeave();
	try {
		// The parser too is loaded only here: where the worker runs, the page never needs it.
		const [{ syncCollection }, { parseDeck }] = await Promise.all([import('./syncCollection.ts'), import('../deck/parseDeck.ts')]);
		const fetched = await bytes;
		const deck = fetched && parseDeck(fetched);
		performance.mark(DECK_PARSED);
		await syncCollection(db, settings, { deck, rebuild: todo.rebuild }, leaving.signal);
	} finally {
		leaving.done();
	}
}
