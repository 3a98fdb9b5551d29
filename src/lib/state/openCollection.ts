/**
 * Opens the user's collection once per page load: the database, the settings, and the bundled deck
 * reconciled into storage. The home screen needs only this; anything that schedules uses `openApp()`,
 * which adds the scheduler (and with it ts-fsrs) to the page's JavaScript.
 */
import deckVersion from 'virtual:paperdeck-deck-version';
import type { Settings } from '../core/settings.ts';
import type { DayClock } from '../core/studyDay.ts';
import { PaperdeckDatabase } from '../db/database.ts';
import { DECK_VERSION_KEY, PAPER_TOPICS_KEY } from '../db/deckMetaKeys.ts';
import { loadSettings, PULL_UNSETTLED, SCHEDULER_KEY, schedulerKey } from '../db/settingsStore.ts';
import { OPEN_SETTLED } from './afterCollectionOpens.ts';

export interface Collection {
	db: PaperdeckDatabase;
	settings: Settings;
	/** The study-day clock: the device's time zone and the user's rollover hour. */
	clock: DayClock;
}

export function deviceClock(settings: Settings): DayClock {
	return { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, rolloverHour: settings.study.rolloverHour };
}

let opening: Promise<Collection> | null = null;

let announceFirstVisit: (settings: Settings) => void = () => {};
/**
 * Resolves with the settings when this page load imports the deck into an empty collection (a first
 * visit), as the import begins: a screen can show what follows from the deck alone meanwhile. Never
 * resolves on any other visit.
 */
export const firstVisit = new Promise<Settings>((resolve) => (announceFirstVisit = resolve));

export function openCollection(): Promise<Collection> {
	opening ??= start()
		.catch((e) => {
			opening = null;
			throw e;
		})
		// Background work waits for this (afterCollectionOpens.ts); no window in unit tests.
		.finally(() => globalThis.dispatchEvent?.(new Event(OPEN_SETTLED)));
	return opening;
}

async function start(): Promise<Collection> {
	performance.mark('pd:open-start');
	const db = new PaperdeckDatabase();
	await db.open();
	const settings = await loadSettings(db);
	// The reconciliation on its own (the open above is IndexedDB's fixed cost): its speed budget's clock.
	performance.mark('pd:reconcile-start');
	const [storedDeck, keyAtStart, hasTopics] = await Promise.all([
		db.meta.get(DECK_VERSION_KEY),
		db.meta.get(SCHEDULER_KEY),
		db.meta.where('key').equals(PAPER_TOPICS_KEY).count()
	]);
	let storedKey = keyAtStart;
	// A sync's pull stopped before its end (tab closed, crash): finish it as the sync would have, off the
	// main thread, replaying only the cards it touched and rendering any own content it brought.
	if (storedKey?.value === PULL_UNSETTLED) {
		const { settleInWorker } = await import('../sync/settleInWorker.ts');
		// Should that fail, the key stays unmatched and the whole log is replayed below instead.
		await settleInWorker(db).catch(() => {});
		storedKey = await db.meta.get(SCHEDULER_KEY);
	}
	// A collection reconciled before papers' topics were stored (for turning topics off) gets them now.
	const deckChanged = storedDeck?.value !== deckVersion || hasTopics === 0;
	const schedulerChanged = storedKey?.value !== schedulerKey(settings.scheduler);
	if (!storedDeck && (await db.events.limit(1).count()) === 0) announceFirstVisit(settings);
	// The usual start: nothing changed, two key reads and a key count, and done. Otherwise load the
	// maintenance code.
	if (deckChanged || schedulerChanged) {
		const { syncCollectionInWorker } = await import('./syncCollectionInWorker.ts');
		await syncCollectionInWorker(db, settings, { deck: deckChanged, rebuild: schedulerChanged });
	}
	performance.measure('pd:reconcile', 'pd:reconcile-start');
	performance.measure('pd:open', 'pd:open-start');
	return { db, settings, clock: deviceClock(settings) };
}
