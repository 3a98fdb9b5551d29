import Dexie, { RangeSet, type ObservabilitySet } from 'dexie';
import type { PaperdeckDatabase } from './database.ts';

/** What this tab wrote itself: the events it appended and the cards whose state it changed. */
export interface OwnWrites {
	eventIds: ReadonlySet<string>;
	cardIds: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * True when a Dexie change notification (`Dexie.on('storagemutated')`, which Dexie also relays from
 * other tabs) includes a change to the log or the card states that this tab did not make: another
 * tab's answer, an import, a rebuild. Dexie reports the primary keys of small writes; a large write
 * comes as a key range, which is never one of ours and so counts as foreign (erring towards a refresh).
 */
export function isForeignChange(parts: ObservabilitySet, dbName: string, own: OwnWrites): boolean {
	// Dexie's catch-all after the page comes back from the back/forward cache.
	if ('all' in parts) return true;
	const tables: [string, ReadonlySet<string>][] = [
		['events', own.eventIds],
		['states', own.cardIds],
		// Settings live in meta; a tab that studies never writes it, so any change there is news.
		['meta', NONE]
	];
	for (const [table, mine] of tables) {
		const tree = parts[`idb://${dbName}/${table}/`];
		if (!tree) continue;
		for (const range of RangeSet(tree)) {
			if (range.from !== range.to || typeof range.from !== 'string' || !mine.has(range.from)) return true;
		}
	}
	return false;
}

/**
 * Calls `onForeign` whenever the log or the card states change in a way this tab did not make (in
 * this tab or any other: Dexie relays changes between tabs). Returns the function that stops it.
 */
export function watchForeignChanges(db: PaperdeckDatabase, own: OwnWrites, onForeign: () => void): () => void {
	const listener = (parts: ObservabilitySet) => {
		if (isForeignChange(parts, db.name, own)) onForeign();
	};
	Dexie.on('storagemutated', listener);
	return () => Dexie.on('storagemutated').unsubscribe(listener);
}
