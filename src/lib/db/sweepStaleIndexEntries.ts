import type { PaperdeckDatabase } from './database.ts';

/** The indexes the study queries read by range: due learning and review cards, new cards in order. */
export const SWEPT_INDEXES = ['[queue+newRank]', '[queue+availableMillis]'] as const;

/** The meta key holding the study day of the last sweep (this device's cache: never backed up). */
export const INDEX_SWEEP_KEY = 'indexSweepDay';

/**
 * Clears the stale entries that pile up in the study indexes. Chromium's IndexedDB does not delete a
 * row's old index entry when the indexed value changes; every later read skips it, until a cursor in a
 * readwrite transaction meets it and deletes it. Each card introduced leaves one at the front of the
 * new-card range and each review one in the due range, so with 100,000 cards the new-card query spent
 * about 400 ms skipping entries before its first card (40 ms after a sweep). This walks each index with
 * key cursors in readwrite transactions, `perTransaction` live entries at a time so a review's write
 * never waits long behind it. Elsewhere it is a harmless walk. Returns the live entries walked.
 */
export async function sweepStaleIndexEntries(db: PaperdeckDatabase, perTransaction = 5000): Promise<number> {
	const idb = db.backendDB();
	let walked = 0;
	for (const index of SWEPT_INDEXES) {
		let from: Position | null = null;
		do {
			const step: Step = await walkFrom(idb, index, from, perTransaction);
			walked += step.walked;
			from = step.next;
		} while (from);
	}
	return walked;
}

/** Where a walk stopped: the last entry it counted. */
interface Position {
	key: IDBValidKey;
	primaryKey: IDBValidKey;
}
interface Step {
	walked: number;
	/** Null when the index is done. */
	next: Position | null;
}

/** One transaction's walk, from just after `from` (index keys repeat, so the primary key places it). */
function walkFrom(idb: IDBDatabase, index: string, from: Position | null, limit: number): Promise<Step> {
	return new Promise((resolve, reject) => {
		const tx = idb.transaction('states', 'readwrite');
		const request = tx.objectStore('states').index(index).openKeyCursor(from ? IDBKeyRange.lowerBound(from.key) : null);
		let walked = 0;
		let next: Position | null = null;
		let positioned = from === null;
		request.onsuccess = () => {
			const cursor = request.result;
			if (!cursor) return;
			if (!positioned) {
				positioned = true;
				// Move to the entry `from` names (or the first after it), then past it if it is still there.
				if (indexedDB.cmp(cursor.key, from!.key) === 0 && indexedDB.cmp(cursor.primaryKey, from!.primaryKey) < 0) {
					cursor.continuePrimaryKey(from!.key, from!.primaryKey);
					return;
				}
			}
			if (from && indexedDB.cmp(cursor.key, from.key) === 0 && indexedDB.cmp(cursor.primaryKey, from.primaryKey) === 0) {
				cursor.continue();
				return;
			}
			walked++;
			if (walked >= limit) {
				next = { key: cursor.key, primaryKey: cursor.primaryKey };
				return;
			}
			cursor.continue();
		};
		tx.oncomplete = () => resolve({ walked, next });
		tx.onerror = () => reject(tx.error);
		tx.onabort = () => reject(tx.error ?? new Error('The index sweep was aborted'));
	});
}
