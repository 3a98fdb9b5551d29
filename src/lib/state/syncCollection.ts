/**
 * Brings storage in line with a new deck or new scheduler settings. Runs in a Web Worker (see
 * src/lib/workers/deckWorker.ts) when one of them changed since the last start, so the usual start-up
 * never downloads this code and a first visit's import never blocks the page.
 */
import type { Settings } from '../core/settings.ts';
import type { CompiledDeck } from '../deck/deckTypes.ts';
import { newCardRanks } from '../deck/newCardOrder.ts';
import type { PaperdeckDatabase } from '../db/database.ts';
import { importFirstCards } from '../db/importFirstCards.ts';
import { rebuildStates } from '../db/rebuildStates.ts';
import { reconcileDeck } from '../db/reconcileDeck.ts';
import { SCHEDULER_KEY, schedulerKey } from '../db/settingsStore.ts';

export interface SyncTodo {
	deck: CompiledDeck | null;
	rebuild: boolean;
	/**
	 * Into an empty collection, first store this many cards (the first in study order) on their own,
	 * and call `onFirstCards` once they are (or once it is clear there is nothing to do first).
	 */
	firstCards?: number;
	onFirstCards?: () => void;
}

export async function syncCollection(db: PaperdeckDatabase, settings: Settings, todo: SyncTodo): Promise<void> {
	// The scheduler (ts-fsrs) is needed only to replay history: a first visit has none, so it skips
	// downloading it.
	const hasHistory = (await db.events.limit(1).count()) > 0;
	const scheduler = hasHistory ? (await import('../core/scheduler.ts')).createScheduler(settings.scheduler) : null;
	if (todo.deck) {
		const { newCardOrder, randomSeed } = settings.selection;
		const ranks = newCardRanks(todo.deck, newCardOrder, randomSeed);
		if (todo.firstCards) await importFirstCards(db, todo.deck, ranks, todo.firstCards);
		todo.onFirstCards?.();
		await reconcileDeck(db, todo.deck, scheduler, ranks);
	}
	todo.onFirstCards?.();
	if (todo.rebuild) {
		// With no history every state is a new card's, whatever the settings: nothing to replay.
		if (scheduler) await rebuildStates(db, scheduler);
		await db.meta.put({ key: SCHEDULER_KEY, value: schedulerKey(settings.scheduler) });
	}
}
