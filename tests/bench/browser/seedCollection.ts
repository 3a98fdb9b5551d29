/**
 * Runs inside the built app's page (same origin, so the same IndexedDB): fills the app's database with a
 * generated collection through the app's own storage layer. Bundled and injected by browser.bench.test.ts.
 */
import { createScheduler } from '../../../src/lib/core/scheduler.ts';
import type { CompiledCard } from '../../../src/lib/deck/deckTypes.ts';
import { PaperdeckDatabase } from '../../../src/lib/db/database.ts';
import { rebuildStates } from '../../../src/lib/db/rebuildStates.ts';
import { reconcileDeck } from '../../../src/lib/db/reconcileDeck.ts';
import { sweepStaleIndexEntries } from '../../../src/lib/db/sweepStaleIndexEntries.ts';
import { loadSettings } from '../../../src/lib/db/settingsStore.ts';
import { FORGETFUL, simulateLog } from '../simulateLog.ts';
import { fetchDeck } from '../../../src/lib/deck/fetchDeck.ts';

const DAY = 86_400_000;

async function seed(opts: { cards: number; events: number }): Promise<{ cards: number; events: number; millis: number }> {
	const started = performance.now();
	const db = new PaperdeckDatabase();
	await db.open();
	const settings = await loadSettings(db);
	const scheduler = createScheduler(settings.scheduler);
	const deck = await fetchDeck();
	// Synthetic cards copy real cards' text (math included) under new ids, spread over the real papers.
	const extra: CompiledCard[] = [];
	for (let i = deck.cards.length; i < opts.cards; i++) {
		const model = deck.cards[i % deck.cards.length]!;
		extra.push({ ...model, id: `${model.paperId}/bench-${i}` });
	}
	// Same version string as the bundled deck, so the app sees nothing to reconcile at its next start.
	await reconcileDeck(db, { ...deck, cards: [...deck.cards, ...extra] }, scheduler);
	if (opts.events > 0) {
		const now = Date.now();
		const cardIds = [...deck.cards, ...extra].map((c) => c.id);
		const clock = { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, rolloverHour: settings.study.rolloverHour };
		const skill = opts.events / cardIds.length > 20 ? FORGETFUL : undefined;
		const { events } = simulateLog({ cardIds, events: opts.events, scheduler, clock, startMillis: now - 10 * 365 * DAY, endMillis: now, skill });
		for (let i = 0; i < events.length; i += 50_000) await db.events.bulkAdd(events.slice(i, i + 50_000));
		await rebuildStates(db, scheduler);
	}
	// The app sweeps its study indexes daily, so a long-used collection never holds a whole history's
	// stale entries; seeding leaves one (every state written twice), swept here before the restart.
	await sweepStaleIndexEntries(db);
	const result = { cards: await db.states.count(), events: await db.events.count(), millis: performance.now() - started };
	db.close();
	return result;
}

(window as unknown as { __paperdeckBench: unknown }).__paperdeckBench = { seed };
