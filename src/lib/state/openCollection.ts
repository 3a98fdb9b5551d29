/**
 * Opens the user's collection once per page load: the database, the settings, and the bundled deck
 * reconciled into storage. The home screen needs only this; anything that schedules uses `openApp()`,
 * which adds the scheduler (and with it ts-fsrs) to the page's JavaScript.
 *
 * A first visit's import of every card runs in a Web Worker (src/lib/workers/deckWorker.ts), so the
 * page's main thread never parses the deck or writes its rows. `openCollectionEarly()` hands out the
 * open database at once, with promises for the first cards and for the whole import: the home screen
 * and the first review need not wait for all of it.
 */
import deckVersion from 'virtual:paperdeck-deck-version';
import type { Settings } from '../core/settings.ts';
import type { DayClock } from '../core/studyDay.ts';
import { PaperdeckDatabase } from '../db/database.ts';
import { DECK_VERSION_KEY, PAPER_TOPICS_KEY } from '../db/deckMetaKeys.ts';
import { loadSettings, PULL_UNSETTLED, SCHEDULER_KEY, schedulerKey } from '../db/settingsStore.ts';
import { scriptUrl } from '../security/trustedScriptUrl.ts';
import type { DeckImportMessage, DeckImportRequest } from '../workers/deckWorker.ts';
// The worker's built URL (see runTask.ts: Trusted Types refuse Vite's `new URL(…)` form).
import deckWorkerUrl from '../workers/deckWorker.ts?worker&url';

export interface Collection {
	db: PaperdeckDatabase;
	settings: Settings;
	/** The study-day clock: the device's time zone and the user's rollover hour. */
	clock: DayClock;
}

/** The collection while a first visit's import may still be running. */
export interface OpeningCollection extends Collection {
	/** The first visit: the deck is being imported into an empty collection. */
	importing: boolean;
	/** Settles once the first cards in study order are stored (at once when nothing is imported). */
	firstCards: Promise<void>;
	/** Settles once storage matches the deck and the settings. */
	ready: Promise<void>;
}

export function deviceClock(settings: Settings): DayClock {
	return { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, rolloverHour: settings.study.rolloverHour };
}

let early: Promise<OpeningCollection> | null = null;
let opening: Promise<Collection> | null = null;

/** The open collection, possibly still importing the deck (see `OpeningCollection`). */
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
	const collection = { db, settings, clock: deviceClock(settings) };
	const measure = () => {
		performance.measure('pd:reconcile', 'pd:reconcile-start');
		performance.measure('pd:open', 'pd:open-start');
	};
	// The usual start: nothing changed, two key reads and a key count, and done.
	if (!deckChanged && !schedulerChanged) {
		measure();
		return { ...collection, importing: false, firstCards: Promise.resolve(), ready: Promise.resolve() };
	}
	// Maintenance (a new deck version, new scheduler settings) on the page: its code loads only now.
	const reconcile = async () => {
		const [{ syncCollection }, { fetchDeck }] = await Promise.all([import('./syncCollection.ts'), import('../deck/fetchDeck.ts')]);
		await syncCollection(db, settings, { deck: deckChanged ? await fetchDeck() : null, rebuild: schedulerChanged });
	};
	const firstVisit = storedDeck === undefined && (await db.cards.limit(1).count()) === 0 && (await db.events.limit(1).count()) === 0;
	// The worker stores new cards in the default order: a fresh collection's (settings come with the collection).
	if (!firstVisit || typeof Worker === 'undefined' || settings.selection.newCardOrder !== 'default') {
		await reconcile();
		measure();
		return { ...collection, importing: false, firstCards: Promise.resolve(), ready: Promise.resolve() };
	}
	const { firstCards, ready } = importInWorker(db, settings, reconcile);
	void ready.then(measure, () => {});
	return { ...collection, importing: true, firstCards, ready };
}

/**
 * A first visit's import in its worker. Should the worker fail to start, or find the collection not
 * empty after all (another tab began first), the page reconciles as on any deck change.
 */
function importInWorker(db: PaperdeckDatabase, settings: Settings, reconcile: () => Promise<void>): { firstCards: Promise<void>; ready: Promise<void> } {
	let firstStored!: () => void;
	const first = new Promise<void>((resolve) => (firstStored = resolve));
	const ready = new Promise<void>((resolve, reject) => {
		const fallBack = () => {
			worker.terminate();
			reconcile().then(resolve, reject);
		};
		const worker = new Worker(scriptUrl(deckWorkerUrl), { type: 'module', name: 'paperdeck-deck' });
		worker.onmessage = (event: MessageEvent<DeckImportMessage>) => {
			const m = event.data;
			if (m.type === 'first-cards') return firstStored();
			if (m.type === 'not-fresh') return fallBack();
			worker.terminate();
			if (m.type === 'done') resolve();
			else reject(new Error(m.message));
		};
		worker.onerror = (e) => {
			e.preventDefault();
			fallBack();
		};
		const request: DeckImportRequest = {
			dbName: db.name,
			metaKeys: { deckVersion: DECK_VERSION_KEY, paperTopics: PAPER_TOPICS_KEY },
			meta: [{ key: SCHEDULER_KEY, value: schedulerKey(settings.scheduler) }]
		};
		worker.postMessage(request);
	});
	// A failed import settles the first cards too, so nobody waits forever; neither promise reports an
	// unhandled rejection when no page awaits it (whoever awaits still gets the error).
	const firstCards = Promise.race([first, ready]);
	firstCards.catch(() => {});
	ready.catch(() => {});
	return { firstCards, ready };
}
