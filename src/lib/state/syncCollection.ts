/**
 * Brings storage in line with a new deck or new scheduler settings. Loaded only when one of them
 * changed since the last start, so the usual start-up never downloads this code.
 */
import { createScheduler } from '../core/scheduler.ts';
import type { Settings } from '../core/settings.ts';
import type { CompiledDeck } from '../deck/deckTypes.ts';
import { newCardRanks } from '../deck/newCardOrder.ts';
import type { PaperdeckDatabase } from '../db/database.ts';
import { rebuildStates } from '../db/rebuildStates.ts';
import { reconcileDeck } from '../db/reconcileDeck.ts';
import { SCHEDULER_KEY, schedulerKey } from '../db/settingsStore.ts';

export async function syncCollection(
	db: PaperdeckDatabase,
	settings: Settings,
	todo: { deck: CompiledDeck | null; rebuild: boolean }
): Promise<void> {
	const scheduler = createScheduler(settings.scheduler);
	if (todo.deck) {
		const { newCardOrder, randomSeed } = settings.selection;
		await reconcileDeck(db, todo.deck, scheduler, newCardRanks(todo.deck, newCardOrder, randomSeed));
	}
	if (todo.rebuild) {
		await rebuildStates(db, scheduler);
		await db.meta.put({ key: SCHEDULER_KEY, value: schedulerKey(settings.scheduler) });
	}
}
