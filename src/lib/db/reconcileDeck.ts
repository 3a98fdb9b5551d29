import { newCardState } from '../core/newCardState.ts';
import { replayCard } from '../core/replay.ts';
import type { Scheduler } from '../core/scheduler.ts';
import type { CardEvent } from '../core/types.ts';
import { cardHash } from '../deck/cardHash.ts';
import type { DeckData } from '../deck/deckTypes.ts';
import type { CardRow, PaperdeckDatabase, StateRow } from './database.ts';
import { DECK_VERSION_KEY, PAPER_TOPICS_KEY } from './deckMetaKeys.ts';
import { fromStateRow, toStateRow } from './stateRow.ts';

export interface ReconcileReport {
	added: number;
	updated: number;
	retired: number;
	restored: number;
}

/**
 * Rows written per request on a page: a few milliseconds of cloning each. In a worker (the task
 * worker's import) no page waits for the thread, and one request per table is fastest.
 */
const PUT_SLICE = typeof document === 'undefined' ? Infinity : 100;

/**
 * Brings the stored deck in line with the bundled one, in one transaction: new cards appear (new, or
 * with the history an import already brought), edited cards get their new text and keep their
 * history, removed cards are retired (hidden, history kept), and cards that come back are restored.
 * New cards are ranked by `ranks` (see `newCardRanks`: the user's chosen order), by default in deck
 * order; reconciling the same deck with other ranks is how a change of order is applied.
 */
export async function reconcileDeck(
	db: PaperdeckDatabase,
	deck: DeckData,
	/** Null when the log is empty (then no history is replayed). */
	scheduler: Scheduler | null,
	ranks: ReadonlyMap<string, number> = new Map(deck.cards.map((c, i) => [c.id, i])),
	/** Aborts the transaction (nothing is written) when it fires. */
	signal?: AbortSignal
): Promise<ReconcileReport> {
	const shortById = new Map(deck.papers.map((p) => [p.id, p.short]));
	return db.transaction('rw', [db.cards, db.states, db.events, db.meta], async (tx) => {
		signal?.throwIfAborted();
		signal?.addEventListener('abort', () => tx.abort(), { once: true });
		const [stored, states] = await Promise.all([db.cards.toArray(), db.states.toArray()]);
		const storedById = new Map(stored.map((c) => [c.id, c]));
		const stateById = new Map(states.map((s) => [s.cardId, s]));
		const report: ReconcileReport = { added: 0, updated: 0, retired: 0, restored: 0 };
		const cardPuts: CardRow[] = [];
		const statePuts: StateRow[] = [];
		const unseen: { id: string; paperId: string; rank: number }[] = [];
		const inDeck = new Set<string>();

		for (const c of deck.cards) {
			const rank = ranks.get(c.id) ?? Number.MAX_SAFE_INTEGER;
			inDeck.add(c.id);
			const old = storedById.get(c.id);
			// Computed here, the one place that compares it, not wherever the deck is read.
			const hash = cardHash(c);
			const row: CardRow = {
				id: c.id,
				paperId: c.paperId,
				paperShort: shortById.get(c.paperId) ?? c.paperId,
				type: c.type,
				promptHtml: c.promptHtml,
				answerHtml: c.answerHtml,
				noteHtml: c.noteHtml,
				hash,
				retired: 0
			};
			// The user's wording of a deck card stays on top; the deck's newer text becomes the original.
			if (old?.edited) {
				row.original = { type: c.type, promptHtml: c.promptHtml, answerHtml: c.answerHtml, noteHtml: c.noteHtml };
				Object.assign(row, { type: old.type, promptHtml: old.promptHtml, answerHtml: old.answerHtml, noteHtml: old.noteHtml, edited: 1 });
			}
			if (!old) report.added++;
			else if (old.retired) report.restored++;
			else if (old.hash !== hash || old.paperShort !== row.paperShort) report.updated++;
			if (!old || old.retired || old.hash !== hash || old.paperShort !== row.paperShort) cardPuts.push(row);

			const st = stateById.get(c.id);
			if (!st) unseen.push({ id: c.id, paperId: c.paperId, rank });
			else if (st.queue === 'retired' || st.newRank !== rank || st.paperId !== c.paperId) {
				statePuts.push(toStateRow(fromStateRow(st), { paperId: c.paperId, newRank: rank, retired: false }));
			}
		}

		for (const old of stored) {
			// Own cards are the user's, not the deck's: the deck never retires them.
			if (inDeck.has(old.id) || old.own) continue;
			if (!old.retired) {
				report.retired++;
				cardPuts.push({ ...old, retired: 1 });
			}
			// Checked for every card out of the deck, so the integrity check also repairs a stray row.
			const st = stateById.get(old.id);
			if (st && st.queue !== 'retired') {
				statePuts.push(toStateRow(fromStateRow(st), { paperId: st.paperId, newRank: st.newRank, retired: true }));
			}
		}

		// A card can have history before it has a state row: an imported backup made on a newer deck.
		// With no scheduler the log must be empty, and a first visit skips looking up every card's history.
		const history = new Map<string, CardEvent[]>();
		if (unseen.length > 0 && !scheduler && (await db.events.limit(1).count()) > 0) {
			throw new Error('reconcileDeck: the log has history but no scheduler was given');
		}
		if (unseen.length > 0 && scheduler) {
			for (const e of await db.events.where('cardId').anyOf(unseen.map((u) => u.id)).toArray()) {
				const list = history.get(e.cardId);
				if (list) list.push(e);
				else history.set(e.cardId, [e]);
			}
		}
		for (const u of unseen) {
			const events = history.get(u.id);
			const state = events ? replayCard(u.id, events, scheduler!) : newCardState(u.id);
			statePuts.push(toStateRow(state, { paperId: u.paperId, newRank: u.rank, retired: false }));
		}

		// IndexedDB clones every value synchronously: in slices, an import on the page leaves it responsive
		// between them. The transaction stays one: all of it or nothing.
		for (let i = 0; i < cardPuts.length; i += PUT_SLICE) await db.cards.bulkPut(cardPuts.slice(i, i + PUT_SLICE));
		for (let i = 0; i < statePuts.length; i += PUT_SLICE) await db.states.bulkPut(statePuts.slice(i, i + PUT_SLICE));
		await db.meta.put({ key: PAPER_TOPICS_KEY, value: Object.fromEntries(deck.papers.map((p) => [p.id, p.topic])) });
		await db.meta.put({ key: DECK_VERSION_KEY, value: deck.version });
		return report;
	});
}
