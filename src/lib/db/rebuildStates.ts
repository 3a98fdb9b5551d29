import { newCardState } from '../core/newCardState.ts';
import { replayAll, replayCard } from '../core/replay.ts';
import type { Scheduler } from '../core/scheduler.ts';
import type { CardEvent, CardState } from '../core/types.ts';
import type { PaperdeckDatabase, StateRow } from './database.ts';
import { fromStateRow, toStateRow } from './stateRow.ts';

/** Two states are the same when every field is; rows are plain data, so JSON compares them exactly. */
function sameState(a: CardState, b: CardState): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/** A row for a card that has events but is not (or no longer) in the deck. */
function orphanRow(state: CardState): StateRow {
	const paperId = state.cardId.split('/')[0] ?? '';
	return toStateRow(state, { paperId, newRank: Number.MAX_SAFE_INTEGER, retired: true });
}

/**
 * Replays the whole log and rewrites every cached state that differs from the replay: the "rebuild
 * from log" path, used after settings change, after an import and by the integrity check.
 * Returns the ids of the cards whose cache was wrong (or missing). `onProgress` follows the replay.
 */
export async function rebuildStates(
	db: PaperdeckDatabase,
	scheduler: Scheduler,
	onProgress?: (cardsDone: number, cards: number) => void
): Promise<string[]> {
	return db.transaction('rw', db.events, db.states, async () => {
		// In time order, so each card's events arrive sorted and replay skips sorting them.
		const replayed = replayAll(await db.events.orderBy('atMillis').toArray(), scheduler, onProgress);
		const rows = await db.states.toArray();
		const changed: StateRow[] = [];
		for (const row of rows) {
			const truth = replayed.get(row.cardId) ?? newCardState(row.cardId);
			replayed.delete(row.cardId);
			if (!sameState(fromStateRow(row), truth)) {
				changed.push(toStateRow(truth, { paperId: row.paperId, newRank: row.newRank, retired: row.queue === 'retired' }));
			}
		}
		for (const state of replayed.values()) changed.push(orphanRow(state));
		await db.states.bulkPut(changed);
		return changed.map((r) => r.cardId);
	});
}

/**
 * Adds events (from an import or another device) that the log does not have yet, then refolds the
 * cards they touch, all in one transaction. Events already present (same id) are skipped, so a merge
 * is idempotent. Returns how many were new.
 */
export async function mergeEvents(db: PaperdeckDatabase, events: readonly CardEvent[], scheduler: Scheduler): Promise<number> {
	return db.transaction('rw', db.events, db.states, async () => {
		const present = await db.events.bulkGet(events.map((e) => e.id));
		const fresh = events.filter((_, i) => !present[i]);
		if (fresh.length === 0) return 0;
		await db.events.bulkAdd(fresh);
		const cardIds = [...new Set(fresh.map((e) => e.cardId))];
		const [all, rows] = await Promise.all([
			db.events.where('cardId').anyOf(cardIds).toArray(),
			db.states.bulkGet(cardIds)
		]);
		const byCard = new Map<string, CardEvent[]>(cardIds.map((id) => [id, []]));
		for (const e of all) byCard.get(e.cardId)!.push(e);
		await db.states.bulkPut(
			cardIds.map((id, i) => {
				const state = replayCard(id, byCard.get(id)!, scheduler);
				const row = rows[i];
				return row
					? toStateRow(state, { paperId: row.paperId, newRank: row.newRank, retired: row.queue === 'retired' })
					: orphanRow(state);
			})
		);
		return fresh.length;
	});
}
