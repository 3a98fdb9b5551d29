import type { Scheduler } from '../core/scheduler.ts';
import { Phase } from '../core/types.ts';
import { appendEvent } from './appendEvent.ts';
import type { PaperdeckDatabase } from './database.ts';
import { newEventId } from './newEventId.ts';

/**
 * What happened to one card: `moved` (a `dueBy` event was logged), `sooner` (already due by then),
 * `new` (never studied, so there is no review to bring forward), `suspended`, or `gone` (no longer
 * in the deck).
 */
export type DueByOutcome = 'moved' | 'sooner' | 'new' | 'suspended' | 'gone';

/**
 * Makes each studied card of `cardIds` due by `dueMillis` (see `DueByEvent`), in one transaction: all
 * or none. Only cards it changes get an event, so repeating it adds nothing.
 */
export async function scheduleDueBy(
	db: PaperdeckDatabase,
	scheduler: Scheduler,
	cardIds: readonly string[],
	dueMillis: number,
	atMillis: number
): Promise<Map<string, DueByOutcome>> {
	return db.transaction('rw', db.events, db.states, async () => {
		const outcomes = new Map<string, DueByOutcome>();
		const rows = await db.states.bulkGet([...cardIds]);
		for (let i = 0; i < cardIds.length; i++) {
			const cardId = cardIds[i]!;
			const row = rows[i];
			let outcome: DueByOutcome;
			if (!row || row.queue === 'retired') outcome = 'gone';
			else if (row.suspended) outcome = 'suspended';
			else if (row.phase === Phase.New) outcome = 'new';
			else if (row.dueMillis <= dueMillis) outcome = 'sooner';
			else {
				await appendEvent(db, { id: newEventId(), type: 'dueBy', cardId, atMillis, dueMillis }, scheduler);
				outcome = 'moved';
			}
			outcomes.set(cardId, outcome);
		}
		return outcomes;
	});
}
