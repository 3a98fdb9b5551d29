/**
 * Opens the app's storage once per page load: the database, the settings, a scheduler for them, and
 * the bundled deck reconciled into storage. Everything the pages do starts from `openApp()`.
 */
import deckVersion from 'virtual:paperdeck-deck-version';
import { createScheduler, type Scheduler } from '../core/scheduler.ts';
import type { Settings } from '../core/settings.ts';
import type { DayClock } from '../core/studyDay.ts';
import type { CompiledDeck } from '../deck/deckTypes.ts';
import { PaperdeckDatabase } from '../db/database.ts';
import { rebuildStates } from '../db/rebuildStates.ts';
import { DECK_VERSION_KEY, PAPER_TOPICS_KEY, reconcileDeck } from '../db/reconcileDeck.ts';
import { loadSettings, SCHEDULER_KEY, schedulerKey } from '../db/settingsStore.ts';

export interface AppServices {
	db: PaperdeckDatabase;
	settings: Settings;
	scheduler: Scheduler;
	/** The study-day clock: the device's time zone and the user's rollover hour. */
	clock: DayClock;
}

let opening: Promise<AppServices> | null = null;

/** The deck data, fetched from the precached `/deck.json` (never bundled into JavaScript). */
export async function fetchDeck(): Promise<CompiledDeck> {
	const res = await fetch('/deck.json');
	if (!res.ok) throw new Error(`Could not load the deck (${res.status})`);
	return (await res.json()) as CompiledDeck;
}

export function openApp(): Promise<AppServices> {
	opening ??= start().catch((e) => {
		opening = null;
		throw e;
	});
	return opening;
}

async function start(): Promise<AppServices> {
	const db = new PaperdeckDatabase();
	await db.open();
	const settings = await loadSettings(db);
	const scheduler = createScheduler(settings.scheduler);
	const [storedDeck, storedKey, hasTopics] = await Promise.all([
		db.meta.get(DECK_VERSION_KEY),
		db.meta.get(SCHEDULER_KEY),
		db.meta.where('key').equals(PAPER_TOPICS_KEY).count()
	]);
	// Nothing changed since the last start (the usual case): two key reads and a key count, and done.
	// (A collection reconciled before papers' topics were stored gets them now.)
	if (storedDeck?.value !== deckVersion || hasTopics === 0) {
		await reconcileDeck(db, await fetchDeck(), scheduler, settings.selection);
	}
	const key = schedulerKey(settings.scheduler);
	if (storedKey?.value !== key) {
		await rebuildStates(db, scheduler);
		await db.meta.put({ key: SCHEDULER_KEY, value: key });
	}
	return { db, settings, scheduler, clock: deviceClock(settings) };
}

export function deviceClock(settings: Settings): DayClock {
	return { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, rolloverHour: settings.study.rolloverHour };
}
