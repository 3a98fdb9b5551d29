/**
 * The collection plus a scheduler for its settings: what every page that schedules starts from.
 * (The home screen uses `openCollection()` alone, so ts-fsrs stays off its critical path.)
 */
import { createScheduler, type Scheduler } from '../core/scheduler.ts';
import { selectsEverything } from '../core/studySelection.ts';
import { FIRST_PART_CARDS } from '../deck/deckParts.ts';
import { openCollection, openCollectionEarly, type Collection } from './openCollection.ts';

export { deviceClock } from './openCollection.ts';
export { fetchDeck } from '../deck/fetchDeck.ts';

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

/**
 * For the review screen: on a first visit, the app as soon as the first cards in study order are
 * stored (today's new cards are among them), so the first card never waits for the whole deck's
 * import, which goes on in its worker. Otherwise the same as `openApp()`.
 */
export async function openAppForReview(): Promise<AppServices> {
	const early = await openCollectionEarly();
	const { study, selection } = early.settings;
	const firstCardsSuffice = selection.newCardOrder === 'default' && study.newPerDay <= FIRST_PART_CARDS && selectsEverything(selection);
	if (!early.importing || !firstCardsSuffice) return openApp();
	await early.firstCards;
	return { db: early.db, settings: early.settings, clock: early.clock, scheduler: createScheduler(early.settings.scheduler) };
}
