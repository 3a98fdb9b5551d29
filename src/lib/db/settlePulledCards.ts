/**
 * The card states of a pull, brought up to date once at its end instead of once per batch. Each
 * batch's transaction adds its events and records their cards as unsettled (and marks the whole
 * state cache stale, so a restart before the end rebuilds it from the log, as after a settings
 * change); the settle transaction replays those cards from their whole history and marks the cache
 * valid again. A first sync of 100,000 events then writes each card's state once, not once per batch,
 * and a review made in another tab meanwhile is in the history the replay reads, so it is never lost.
 */
import { replayCard } from '../core/replay.ts';
import { createScheduler } from '../core/scheduler.ts';
import type { CardEvent, CardState } from '../core/types.ts';
import type { PaperdeckDatabase, StateRow } from './database.ts';
import type { OwnRenderer } from '../own/renderOwnMarkdown.ts';
import { rebuildOwnContent } from './ownContentStore.ts';
import { rebuildStates } from './rebuildStates.ts';
import { loadSettings, PULL_UNSETTLED, SCHEDULER_KEY, schedulerKey } from './settingsStore.ts';
import { toStateRow } from './stateRow.ts';

/** The `sync` row listing the cards whose events arrived but whose states are not replayed yet. */
export const UNSETTLED_KEY = 'unsettledCards';
/** Above this many cards, one replay of the whole log beats replaying card by card. */
const WHOLE_LOG = 2000;

interface Unsettled {
	cards: string[];
	/** Settings that change scheduling arrived: every card needs a replay. */
	all: boolean;
	/**
	 * Own papers or cards (issue 19), or undos of them, arrived: the own-content caches (the meta row
	 * and the own cards' rows) are rebuilt from the log at the settle. `math`: their text has math.
	 */
	content?: { math: boolean };
}

/** What a pull left to settle, read before the settle to load what it needs (the own-content renderer). */
export async function unsettledContent(db: PaperdeckDatabase): Promise<{ math: boolean } | null> {
	return ((await db.sync.get(UNSETTLED_KEY))?.value as Unsettled | undefined)?.content ?? null;
}

/**
 * Records `cardIds` as unsettled (and `all` when the scheduler settings changed). Call inside the
 * batch's transaction on `sync` and `meta`.
 */
export async function markUnsettled(
	db: PaperdeckDatabase,
	cardIds: Iterable<string>,
	all: boolean,
	content: { math: boolean } | null = null
): Promise<void> {
	const row = (await db.sync.get(UNSETTLED_KEY))?.value as Unsettled | undefined;
	const cards = new Set(row?.cards ?? []);
	const before = cards.size;
	for (const id of cardIds) cards.add(id);
	const mergedContent = row?.content || content ? { math: !!row?.content?.math || !!content?.math } : undefined;
	const contentSame = (!mergedContent && !row?.content) || (!!row?.content && row.content.math === mergedContent?.math);
	if (row && cards.size === before && (row.all || !all) && contentSame) return;
	const value: Unsettled = { cards: [...cards], all: all || !!row?.all };
	if (mergedContent) value.content = mergedContent;
	await db.sync.put({ key: UNSETTLED_KEY, value });
	if (!row) await db.meta.put({ key: SCHEDULER_KEY, value: PULL_UNSETTLED });
}

function rowFor(state: CardState, row: StateRow | undefined): StateRow {
	if (row) return toStateRow(state, { paperId: row.paperId, newRank: row.newRank, retired: row.queue === 'retired' });
	// A card with events but not in the deck (yet, or any more), as a rebuild stores it.
	return toStateRow(state, { paperId: state.cardId.split('/')[0] ?? '', newRank: Number.MAX_SAFE_INTEGER, retired: true });
}

/**
 * Replays the unsettled cards (all of them at once when many) and marks the cache valid; when own
 * content arrived, rebuilds its caches with `render` (loaded beforehand: see `unsettledContent`).
 * Returns how many cards were settled. One transaction: stopped anywhere (a closed tab, a terminated
 * worker), nothing of it is written and the marks stay for the next start or sync.
 */
export async function settlePulledCards(db: PaperdeckDatabase, render?: OwnRenderer): Promise<number> {
	return db.transaction('rw', [db.events, db.states, db.meta, db.sync, db.cards], async () => {
		const row = (await db.sync.get(UNSETTLED_KEY))?.value as Unsettled | undefined;
		if (!row) return 0;
		// Without the renderer the content stays marked (and the cards' states wait with it).
		if (row.content && !render) return 0;
		const settings = await loadSettings(db);
		const scheduler = createScheduler(settings.scheduler);
		if (row.all || row.cards.length > WHOLE_LOG) await rebuildStates(db, scheduler);
		else {
			const history = new Map<string, CardEvent[]>(row.cards.map((id) => [id, []]));
			const [events, rows] = await Promise.all([db.events.where('cardId').anyOf(row.cards).toArray(), db.states.bulkGet(row.cards)]);
			for (const e of events) history.get(e.cardId)!.push(e);
			await db.states.bulkPut(row.cards.map((id, i) => rowFor(replayCard(id, history.get(id)!, scheduler), rows[i])));
		}
		if (row.content && render) await rebuildOwnContent(db, render, scheduler);
		await db.meta.put({ key: SCHEDULER_KEY, value: schedulerKey(settings.scheduler) });
		await db.sync.delete(UNSETTLED_KEY);
		return row.cards.length;
	});
}
