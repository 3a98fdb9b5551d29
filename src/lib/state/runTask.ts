import { scriptUrl } from '../security/trustedTypes.ts';
import { abortOnLeave } from './abortOnLeave.ts';
import type { TaskMessage, TaskRequest, TaskResults, TaskStep } from '../workers/handleTask.ts';
// The worker's built URL, not Vite's `new Worker(new URL(…))` form: that passes a plain string to the
// Worker constructor, which the page's Trusted Types policy refuses in Chromium.
import taskWorkerUrl from '../workers/taskWorker.ts?worker&url';

export interface RunningTask<T> {
	result: Promise<T>;
	/** Stops the task now (its worker is terminated); `result` then rejects with `TaskCancelled`. */
	cancel(): void;
}

/** A task that ended with an error in its worker; `kind` is the error's category, when it had one. */
export class TaskFailed extends Error {
	constructor(
		message: string,
		readonly kind?: string
	) {
		super(message);
	}
}

/** The worker could not start (no module workers, a blocked script): the caller may run the task itself. */
export class WorkerUnavailable extends Error {}

export class TaskCancelled extends Error {
	constructor() {
		super('Cancelled');
	}
}

/**
 * Runs a task in its own Web Worker, off the page's main thread, reporting progress. The request may
 * still be on its way (a promise, e.g. of downloaded data): the worker's script loads meanwhile.
 */
export function runTask<R extends TaskRequest>(
	request: R | Promise<R>,
	onProgress: (fraction: number, step: TaskStep) => void = () => {}
): RunningTask<TaskResults[R['type']]> {
	// WebKit freezes a page it keeps for back and forward with its workers, and a frozen worker's
	// transaction keeps its stores locked: the next page's writes (a grade) then wait for ever. So a
	// task ends when the person leaves, and none starts once they have; a page brought back from that
	// cache reloads (abortOnLeave.ts).
	const leaving = abortOnLeave();
	if (leaving.signal.aborted) return { result: Promise.reject(new TaskCancelled()), cancel: () => {} };
	const name = `paperdeck-${request instanceof Promise ? 'task' : request.type}`;
	const worker = new Worker(scriptUrl(taskWorkerUrl), { type: 'module', name });
	const stop = () => {
		worker.terminate();
		leaving.done();
	};
	let settle: { reject(e: Error): void } | null = null;
	const result = new Promise<TaskResults[R['type']]>((resolve, reject) => {
		settle = { reject };
		worker.onmessage = (event: MessageEvent<TaskMessage>) => {
			const m = event.data;
			if (m.type === 'progress') return onProgress(m.fraction, m.step);
			stop();
			if (m.type === 'result') resolve(m.result as TaskResults[R['type']]);
			else reject(new TaskFailed(m.message, m.kind));
		};
		worker.onerror = (e) => {
			stop();
			reject(new WorkerUnavailable(e.message || 'The background task failed to start'));
		};
	});
	const cancel = () => {
		stop();
		settle?.reject(new TaskCancelled());
	};
	leaving.signal.addEventListener('abort', cancel, { once: true });
	// A request that fails to arrive, or cannot be sent, ends the task with its error.
	void Promise.resolve(request)
		.then((r) => worker.postMessage(r))
		.catch((e: Error) => {
			stop();
			settle?.reject(e);
		});
	return { result, cancel };
}
