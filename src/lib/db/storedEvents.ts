import type { CardEvent } from '../core/types.ts';
import type { PaperdeckDatabase } from './database.ts';

/** Above this many ids, one read of every key beats a lookup per id (measured in Chromium: 100,000 gets ≈ 10 s, all keys ≈ 0.5 s). */
const LOOKUPS = 1000;

/**
 * The stored event for each id (undefined where the log has none), read the fastest way for the
 * size of the question: a few ids by lookup; many by reading every key first and then only the events
 * that exist (one `getAll` when that is most of them). Call inside a transaction on `events`.
 */
export async function storedEvents(db: PaperdeckDatabase, ids: readonly string[]): Promise<(CardEvent | undefined)[]> {
	if (ids.length <= LOOKUPS) return db.events.bulkGet(ids as string[]);
	const keys = new Set(await db.events.toCollection().primaryKeys());
	const present = ids.filter((id) => keys.has(id));
	if (present.length === 0) return ids.map(() => undefined);
	const found = present.length <= LOOKUPS ? ((await db.events.bulkGet(present)) as CardEvent[]) : await db.events.toArray();
	const byId = new Map(found.map((e) => [e.id, e]));
	return ids.map((id) => byId.get(id));
}
