import type { Scheduler } from '../core/scheduler.ts';
import { eventProblem } from '../core/validateBackup.ts';
import type { DeckData } from '../deck/deckTypes.ts';
import type { PaperdeckDatabase } from './database.ts';
import { rebuildStates } from './rebuildStates.ts';
import { reconcileDeck } from './reconcileDeck.ts';
import { sameRow } from './stateRow.ts';

export interface IntegrityReport {
	/** Events in the log. */
	events: number;
	/** Card states checked. */
	cards: number;
	/** Cards whose cached state (or queue, or deck membership) was wrong or missing, now rebuilt. */
	repaired: string[];
	/** Events that are not well-formed. They are reported, never deleted: the log is append-only. */
	malformed: { id: string; reason: string }[];
}

/**
 * "Check database": verifies that every cached card state equals a replay of the log and that every
 * deck card has its row in the right queue, and repairs whatever differs, in one transaction. The
 * repair is the ordinary rebuild (reconcile with the deck, then replay), so a second run finds nothing.
 */
export async function checkIntegrity(
	db: PaperdeckDatabase,
	deck: DeckData,
	scheduler: Scheduler,
	nowMillis: number
): Promise<IntegrityReport> {
	return db.transaction('rw', [db.events, db.states, db.cards, db.meta], async () => {
		const [before, log] = await Promise.all([db.states.toArray(), db.events.toArray()]);
		await reconcileDeck(db, deck, scheduler);
		await rebuildStates(db, scheduler);
		const after = await db.states.toArray();
		const old = new Map(before.map((r) => [r.cardId, r]));
		const repaired = after.filter((r) => !old.has(r.cardId) || !sameRow(old.get(r.cardId)!, r)).map((r) => r.cardId);
		const malformed: IntegrityReport['malformed'] = [];
		for (const e of log) {
			const reason = eventProblem(e, nowMillis);
			if (reason) malformed.push({ id: String((e as { id?: unknown }).id), reason });
		}
		return { events: log.length, cards: after.length, repaired, malformed };
	});
}
