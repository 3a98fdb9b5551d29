/**
 * The collection plus a scheduler for its settings: what every page that schedules starts from.
 * (The home screen uses `openCollection()` alone, so ts-fsrs stays off its critical path.)
 */
import { createScheduler, type Scheduler } from '../core/scheduler.ts';
import { openCollection, type Collection } from './openCollection.ts';

export { deviceClock } from './openCollection.ts';

export interface AppServices extends Collection {
	scheduler: Scheduler;
}

let opening: Promise<AppServices> | null = null;

export function openApp(): Promise<AppServices> {
	opening ??= openCollection()
		.then((c) => ({ ...c, scheduler: createScheduler(c.settings.scheduler) }))
		.catch((e) => {
			opening = null;
			throw e;
		});
	return opening;
}
