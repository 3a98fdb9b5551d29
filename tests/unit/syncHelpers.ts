/** Devices and a CouchDB-protocol server for the sync tests. */
import { compareEvents } from '../../src/lib/core/events.ts';
import type { CardEvent } from '../../src/lib/core/types.ts';
import type { PaperdeckDatabase } from '../../src/lib/db/database.ts';
import { mergeEvents } from '../../src/lib/db/rebuildStates.ts';
import { loadSettings } from '../../src/lib/db/settingsStore.ts';
import { CouchDatabase, type CouchOptions } from '../../src/lib/sync/couchDatabase.ts';
import { makeDeck, scheduler } from './factories.ts';
import { testCollection } from './testCollection.ts';

export const deck = makeDeck(3, 4);
export const cardIds = deck.papers.flatMap((p) => p.cardIds);
export const USER = { username: 'ann', password: 'correct horse' };

let dbs = 0;
export function databaseName(): string {
	return `paperdeck-${++dbs}-${Math.floor(Math.random() * 1e6)}`;
}

/** A device: a fresh collection holding `events`. */
export async function device(events: readonly CardEvent[] = []): Promise<PaperdeckDatabase> {
	const db = await testCollection(deck);
	if (events.length > 0) await mergeEvents(db, events, scheduler);
	return db;
}

export function remote(url: string, options: Partial<CouchOptions> = {}): CouchDatabase {
	return new CouchDatabase(url, { credentials: USER, timeoutMillis: 10_000, ...options });
}

/** Everything a device's replay depends on: the log, the card states, the settings events and the settings. */
export async function deviceState(db: PaperdeckDatabase) {
	const events = (await db.events.toArray()).sort(compareEvents);
	const states = (await db.states.toArray()).sort((a, b) => (a.cardId < b.cardId ? -1 : 1));
	const settingsEvents = (await db.settingsLog.toArray()).sort((a, b) => (a.id < b.id ? -1 : 1));
	const settings = await loadSettings(db);
	return { events, states, settingsEvents, settings };
}
