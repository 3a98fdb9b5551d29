/**
 * The work the app hands to a Web Worker, so the page stays responsive: rescheduling every card after
 * a settings change, training FSRS parameters, the workload preview, a whole sync (reading, checking
 * and storing what the server sends is seconds of work on a first sync), replaying the cards a pull
 * left unsettled, and bringing the stored deck in line with the app's (a first visit's import: parsing
 * a megabyte of deck and storing 2,000 cards, the first visit's long tasks on the main thread). Each
 * task opens the database itself (IndexedDB works in workers) and reports progress as it goes.
 */
import { optimizeParameters, type OptimizeOutcome } from '../core/optimizer/optimizeParameters.ts';
import type { Settings } from '../core/settings.ts';
import type { WorkloadDay } from '../core/simulateWorkload.ts';
import type { DayClock } from '../core/studyDay.ts';
import type { SchedulerSettings } from '../core/types.ts';
import { applySettings } from '../db/applySettings.ts';
import type { PaperdeckDatabase } from '../db/database.ts';
import { estimateWorkload } from '../db/estimateWorkload.ts';
import { parseDeck } from '../deck/parseDeck.ts';
import { syncCollection } from '../state/syncCollection.ts';
import { remoteFor } from '../sync/connectDatabase.ts';
import { replicate, type SyncReport } from '../sync/replicate.ts';
import { settleHere } from '../sync/settleHere.ts';
import { loadAccount } from '../sync/syncAccount.ts';

export type TaskRequest =
	| { type: 'apply-settings'; settings: Settings }
	| { type: 'optimize'; scheduler: SchedulerSettings }
	| { type: 'workload'; settings: Settings; nowMillis: number; clock: DayClock }
	| { type: 'settle-pull' }
	| { type: 'sync' }
	/** `deck`: the deck files' bytes (fetched by the page), or null when only the scheduler changed. */
	| { type: 'sync-collection'; settings: Settings; deck: ArrayBuffer[] | null; rebuild: boolean };

export interface TaskResults {
	'apply-settings': { changed: number };
	optimize: OptimizeOutcome;
	workload: WorkloadDay[];
	'settle-pull': { cards: number };
	sync: SyncReport;
	'sync-collection': null;
}

export type TaskResult = TaskResults[TaskRequest['type']];

/** What a task is doing, for its progress bar (the page words it in the interface language). */
export type TaskStep = { kind: 'starting' } | { kind: 'reading' } | { kind: 'rescheduling'; done: number; total: number } | { kind: 'training' } | { kind: 'storing' };

/** What a worker posts back: progress (a fraction of the task, with what it is doing), then one end. */
export type TaskMessage =
	| { type: 'progress'; fraction: number; step: TaskStep }
	| { type: 'result'; result: TaskResult }
	| { type: 'error'; message: string; kind?: string };

export async function handleTask(
	db: PaperdeckDatabase,
	request: TaskRequest,
	progress: (fraction: number, step: TaskStep) => void
): Promise<TaskResult> {
	switch (request.type) {
		case 'apply-settings': {
			progress(0, { kind: 'reading' });
			const changed = await applySettings(db, request.settings, (done, total) =>
				progress(total ? done / total : 1, { kind: 'rescheduling', done, total })
			);
			return { changed };
		}
		case 'optimize': {
			progress(0, { kind: 'reading' });
			const events = await db.events.toArray();
			progress(0, { kind: 'training' });
			return optimizeParameters(events, request.scheduler, (done, total) => progress(done / total, { kind: 'training' }));
		}
		case 'workload':
			return estimateWorkload(db, request.settings, request.nowMillis, request.clock);
		case 'settle-pull':
			// The end of a sync's pull: its cards replayed (the whole log when many), in one transaction.
			return { cards: await settleHere(db) };
		case 'sync': {
			// The account (with a Basic password, if the server needs one) is read here, not sent.
			const account = await loadAccount(db);
			if (!account) throw new Error('Not connected to a sync database');
			return replicate(db, remoteFor(account));
		}
		case 'sync-collection': {
			const deck = request.deck && parseDeck(request.deck);
			// The deck is parsed: from here on it is being written.
			progress(0, { kind: 'storing' });
			await syncCollection(db, request.settings, { deck, rebuild: request.rebuild });
			return null;
		}
	}
}
