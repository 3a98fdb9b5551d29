import type { Scheduler } from '../core/scheduler.ts';
import type { Settings } from '../core/settings.ts';
import type { StudySelection } from '../core/studySelection.ts';
import type { DeckData } from '../deck/deckTypes.ts';
import { newCardRanks } from '../deck/newCardOrder.ts';
import type { PaperdeckDatabase } from './database.ts';
import { reconcileDeck } from './reconcileDeck.ts';
import { saveSettings } from './settingsLog.ts';

/**
 * Saves a new study selection and returns the settings now stored. A change of new-card order (or of
 * the random order's seed) rewrites every card's rank in the same transaction as the settings, so
 * the stored order and the ranks never disagree; `deck` is needed only then.
 */
export async function saveStudySelection(
	db: PaperdeckDatabase,
	settings: Settings,
	selection: StudySelection,
	scheduler: Scheduler,
	deck?: DeckData
): Promise<Settings> {
	const next: Settings = { ...settings, selection };
	const reorder =
		selection.newCardOrder !== settings.selection.newCardOrder || selection.randomSeed !== settings.selection.randomSeed;
	if (reorder && !deck) throw new Error('Changing the order of new cards needs the deck');
	await db.transaction('rw', [db.cards, db.states, db.events, db.meta, db.settingsLog], async () => {
		await saveSettings(db, next);
		if (reorder) await reconcileDeck(db, deck!, scheduler, newCardRanks(deck!, selection.newCardOrder, selection.randomSeed));
	});
	return next;
}
