/**
 * Opens the user's collection once per page load: the database, the settings, and the bundled deck
 * reconciled into storage. The home screen needs only this; anything that schedules uses `openApp()`,
 * which adds the scheduler (and with it ts-fsrs) to the page's JavaScript.
 *
 * When the deck or the scheduler settings changed since the last start (above all on a first visit,
 * which imports every card), the work runs in a Web Worker (src/lib/workers/deckWorker.ts): the page's
 * main thread never parses the deck or writes its rows. `openCollectionEarly()` hands out the open
 * database at once, with promises for the first cards and for the whole import, so the home screen
 * and the first review need not wait for all of it.
 */
import deckVersion from 'virtual:paperdeck-deck-version';
import type { Settings } from '../core/settings.ts';
import type { DayClock } from '../core/studyDay.ts';
import { PaperdeckDatabase } from '../db/database.ts';
import { DECK_VERSION_KEY, PAPER_TOPICS_KEY } from '../db/reconcileDeck.ts';
import { loadSettings, SCHEDULER_KEY, schedulerKey } from '../db/settingsStore.ts';
import type { DeckSyncMessage, DeckSyncRequest } from '../workers/deckWorker.ts';

export { fetchDeck } from '../deck/fetchDeck.ts';

export interface Collection {
	db: PaperdeckDatabase;
	settings: Settings;
	/** The study-day clock: the device's time zone and the user's rollover hour. */
	clock: DayClock;
}

/** The collection while it may still be importing. */
export interface OpeningCollection extends Collection {
	/** Storage is being brought in line with the deck or the settings (in a worker). */
	syncing: boolean;
	/** Nothing was ever stored here (no deck reconciled, no event): the first visit. */
	firstVisit: boolean;
	/** Settles once the first cards in study order are stored (at once when nothing is imported). */
	firstCards: Promise<void>;
	/** Settles once storage matches the deck and the settings (at once when it already did). */
	ready: Promise<void>;
}

/**
 * How many cards a first visit stores before the rest: the first session's new cards come from these
 * (a new-card limit above this waits for the whole import instead).
 */
export const FIRST_CARDS = 100;

export function deviceClock(settings: Settings): DayClock {
	return { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, rolloverHour: settings.study.rolloverHour };
}

let early: Promise<OpeningCollection> | null = null;
let opening: Promise<Collection> | null = null;

/** The open collection, possibly still importing (see `OpeningCollection`). */
export function openCollectionEarly(): Promise<OpeningCollection> {
	early ??= start().catch((e) => {
		early = null;
		throw e;
	});
	return early;
}

/** The collection once storage matches the deck and the settings. */
export function openCollection(): Promise<Collection> {
	opening ??= openCollectionEarly()
		.then(async (c) => {
			await c.ready;
			return { db: c.db, settings: c.settings, clock: c.clock };
		})
		.catch((e) => {
			opening = null;
			early = null;
			throw e;
		});
	return opening;
}

async function start(): Promise<OpeningCollection> {
	performance.mark('pd:open-start');
	const db = new PaperdeckDatabase();
	await db.open();
	const settings = await loadSettings(db);
	// The reconciliation on its own (the open above is IndexedDB's fixed cost): its speed budget's clock.
	performance.mark('pd:reconcile-start');
	const [storedDeck, storedKey, hasTopics, events] = await Promise.all([
		db.meta.get(DECK_VERSION_KEY),
		db.meta.get(SCHEDULER_KEY),
		db.meta.where('key').equals(PAPER_TOPICS_KEY).count(),
		db.events.limit(1).count()
	]);
	// A collection reconciled before papers' topics were stored (for turning topics off) gets them now.
	const deckChanged = storedDeck?.value !== deckVersion || hasTopics === 0;
	const schedulerChanged = storedKey?.value !== schedulerKey(settings.scheduler);
	const base = { db, settings, clock: deviceClock(settings), firstVisit: storedDeck === undefined && events === 0 };
	const measure = () => {
		performance.measure('pd:reconcile', 'pd:reconcile-start');
		performance.measure('pd:open', 'pd:open-start');
	};
	// The usual start: nothing changed, two key reads and two counts, and done.
	if (!deckChanged && !schedulerChanged) {
		measure();
		return { ...base, syncing: false, firstCards: Promise.resolve(), ready: Promise.resolve() };
	}
	const request: DeckSyncRequest = { settings, deck: deckChanged, rebuild: schedulerChanged, firstCards: FIRST_CARDS };
	const { firstCards, ready } = runDeckSync(db, request);
	void ready.then(measure, () => {});
	return { ...base, syncing: true, firstCards, ready };
}

/** Runs the sync in a worker (inline where there are no module workers: unit tests in node). */
function runDeckSync(db: PaperdeckDatabase, request: DeckSyncRequest): { firstCards: Promise<void>; ready: Promise<void> } {
	let firstDone!: () => void;
	const firstCards = new Promise<void>((resolve) => (firstDone = resolve));
	if (typeof Worker === 'undefined') {
		const ready = Promise.all([import('./syncCollection.ts'), import('../deck/fetchDeck.ts')]).then(async ([{ syncCollection }, { fetchDeck }]) =>
			syncCollection(db, request.settings, {
				deck: request.deck ? await fetchDeck() : null,
				rebuild: request.rebuild,
				firstCards: request.firstCards,
				onFirstCards: firstDone
			})
		);
		return settled(firstCards, ready);
	}
	const worker = new Worker(new URL('../workers/deckWorker.ts', import.meta.url), { type: 'module', name: 'paperdeck-deck' });
	const ready = new Promise<void>((resolve, reject) => {
		worker.onmessage = (event: MessageEvent<DeckSyncMessage>) => {
			const m = event.data;
			if (m.type === 'first-cards') return firstDone();
			worker.terminate();
			if (m.type === 'done') resolve();
			else reject(new Error(m.message));
		};
		worker.onerror = (e) => {
			worker.terminate();
			reject(new Error(e.message || 'The deck import failed to start'));
		};
	});
	worker.postMessage(request);
	return settled(firstCards, ready);
}

/**
 * A failed import fails the first cards too (the race), so nobody waits forever; neither promise
 * reports an unhandled rejection when no page awaits it (whoever awaits still gets the error).
 */
function settled(firstCards: Promise<void>, ready: Promise<void>): { firstCards: Promise<void>; ready: Promise<void> } {
	const first = Promise.race([firstCards, ready]);
	first.catch(() => {});
	ready.catch(() => {});
	return { firstCards: first, ready };
}
