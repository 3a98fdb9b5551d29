/**
 * A sync's pull stopped before its end (the tab closed between the batches' writes and the settle):
 * the next start finishes it as the sync would have — the touched cards replayed, the marks cleared —
 * not by a blind replay of the whole log that leaves the pull's marks (and its own content) behind.
 */
import deckVersion from 'virtual:paperdeck-deck-version';
import { afterAll, expect, it } from 'vitest';
import { DEFAULT_SCHEDULER_SETTINGS } from '../../src/lib/core/settings.ts';
import { PaperdeckDatabase } from '../../src/lib/db/database.ts';
import { reconcileDeck } from '../../src/lib/db/reconcileDeck.ts';
import { markUnsettled, UNSETTLED_KEY } from '../../src/lib/db/settlePulledCards.ts';
import { PULL_UNSETTLED, SCHEDULER_KEY, schedulerKey } from '../../src/lib/db/settingsStore.ts';
import { openApp } from '../../src/lib/state/openApp.ts';
import { makeDeck, review, scheduler } from './factories.ts';

afterAll(async () => (await openApp()).db.delete());

it('the next start settles a pull that stopped before its end', async () => {
	const db = new PaperdeckDatabase();
	const deck = { ...makeDeck(1, 3), version: deckVersion };
	await reconcileDeck(db, deck, scheduler);
	await db.meta.put({ key: SCHEDULER_KEY, value: schedulerKey(DEFAULT_SCHEDULER_SETTINGS) });
	// A batch of the pull wrote its event and marked its card; the settle never ran.
	const card = deck.cards[0]!.id;
	await db.events.add(review(card, Date.now() - 60_000, 3));
	await markUnsettled(db, [card], false);
	expect((await db.meta.get(SCHEDULER_KEY))?.value).toBe(PULL_UNSETTLED);
	db.close();

	const app = await openApp();
	expect((await app.db.states.get(card))?.reps).toBe(1);
	expect(await app.db.sync.get(UNSETTLED_KEY)).toBeUndefined();
	expect((await app.db.meta.get(SCHEDULER_KEY))?.value).toBe(schedulerKey(DEFAULT_SCHEDULER_SETTINGS));
});
