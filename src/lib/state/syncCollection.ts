/**
 * Brings storage in line with a new deck or new scheduler settings. Loaded only when one of them
 * changed since the last start, so the usual start-up never downloads this code.
 */
import type { Settings } from '../core/settings.ts';
import type { DeckData } from '../deck/deckTypes.ts';
import { newCardRanks } from '../deck/newCardOrder.ts';
import type { PaperdeckDatabase } from '../db/database.ts';
import { reconcileDeck } from '../db/reconcileDeck.ts';
import { SCHEDULER_KEY, schedulerKey } from '../db/settingsStore.ts';

export async function syncCollection(
	db: PaperdeckDatabase,
	settings: Settings,
	todo: { deck: DeckData | null; rebuild: boolean },
	/** Aborts the deck's reconciliation, which then writes nothing. */
	signal?: AbortSignal
): Promise<void> {
	// The scheduler (ts-fsrs) is needed only to replay history: a first visit has none, so it skips
	// downloading it.
	const hasHistory = (await db.events.limit(1).count()) > 0;
	const scheduler = hasHistory ? (await import('../core/scheduler.ts')).createScheduler(settings.scheduler) : null;
	if (todo.deck) {
		const { newCardOrder, randomSeed } = settings.selection;
		await reconcileDeck(db, todo.deck, scheduler, newCardRanks(todo.deck, newCardOrder, randomSeed), signal);
	}
	if (todo.rebuild) {
		// With no history every state is a new card's, whatever the settings: nothing to replay.
		// The replay's code is loaded only then, like the scheduler's.
		if (scheduler) await (await import('../db/rebuildStates.ts')).rebuildStates(db, scheduler);
		await db.meta.put({ key: SCHEDULER_KEY, value: schedulerKey(settings.scheduler) });
	}
}
