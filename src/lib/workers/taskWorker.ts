/// <reference lib="webworker" />
/**
 * The Web Worker entry: one task per worker. Cancelling a task is terminating its worker, which stops
 * it at once (a transaction it had open is rolled back by IndexedDB).
 */
import { PaperdeckDatabase } from '../db/database.ts';
import { handleTask, type TaskMessage, type TaskRequest } from './handleTask.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

// The first Intl object a process makes loads the browser's locale data: 30–60 ms in Chromium here,
// which the page would otherwise spend on its main thread when it first shows a date or a study day
// (measured: after a worker has made one, the page's first takes under a millisecond). A first visit's
// import runs here while the page waits for it, so the page finds the data loaded.
Intl.DateTimeFormat().resolvedOptions();
const post = (message: TaskMessage) => scope.postMessage(message);

scope.onmessage = async (event: MessageEvent<TaskRequest>) => {
	const db = new PaperdeckDatabase();
	// Progress is posted at most every 50 ms: enough for a smooth bar, never a flood of messages.
	let last = 0;
	try {
		const result = await handleTask(db, event.data, (fraction, step) => {
			const now = performance.now();
			if (now - last < 50 && fraction < 1) return;
			last = now;
			post({ type: 'progress', fraction, step });
		});
		post({ type: 'result', result });
	} catch (e) {
		// A kind (a sync error's category) crosses too: the page words the failure by it.
		const kind = (e as { kind?: unknown }).kind;
		post({ type: 'error', message: (e as Error).message, ...(typeof kind === 'string' ? { kind } : {}) });
	} finally {
		db.close();
	}
};
