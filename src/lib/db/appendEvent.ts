import { reduceCard } from '../core/reduceCard.ts';
import { replayCard } from '../core/replay.ts';
import type { Scheduler } from '../core/scheduler.ts';
import type { CardEvent, CardState } from '../core/types.ts';
import type { PaperdeckDatabase } from './database.ts';
import { fromStateRow, toStateRow } from './stateRow.ts';

/** The card changed since the caller read it (another tab answered it): nothing was written. */
export class StaleCardError extends Error {
	constructor(cardId: string) {
		super(`Card ${cardId} was changed elsewhere (another tab?); nothing was saved.`);
	}
}

/**
 * Appends one user action and updates the card's cached state in the same transaction, so a crash
 * leaves both or neither. Re-appending an event id already in the log is a no-op. An undo, or an event
 * that does not come after everything already folded into the card, refolds the card from its log.
 *
 * `expectLastEventMillis` guards against acting on a stale view: when given and the stored state has
 * moved on, nothing is written and `StaleCardError` is thrown.
 */
export async function appendEvent(
	db: PaperdeckDatabase,
	event: CardEvent,
	scheduler: Scheduler,
	expectLastEventMillis?: number
): Promise<CardState> {
	return db.transaction('rw', db.events, db.states, async () => {
		const [row, known] = await Promise.all([db.states.get(event.cardId), db.events.get(event.id)]);
		if (!row) throw new Error(`Unknown card ${event.cardId}`);
		if (known) return fromStateRow(row);
		if (expectLastEventMillis !== undefined && row.lastEventMillis !== expectLastEventMillis) {
			throw new StaleCardError(event.cardId);
		}
		await db.events.add(event);
		const before = fromStateRow(row);
		const after =
			event.type === 'undo' || event.atMillis <= before.lastEventMillis
				? replayCard(event.cardId, await db.events.where('cardId').equals(event.cardId).toArray(), scheduler)
				: reduceCard(before, event, scheduler);
		await db.states.put(toStateRow(after, { paperId: row.paperId, newRank: row.newRank, retired: row.queue === 'retired' }));
		return after;
	});
}
