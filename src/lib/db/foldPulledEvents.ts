import { compareEvents } from '../core/events.ts';
import { newCardState } from '../core/newCardState.ts';
import { reduceCard } from '../core/reduceCard.ts';
import { replayCard } from '../core/replay.ts';
import type { Scheduler } from '../core/scheduler.ts';
import type { CardEvent, CardState } from '../core/types.ts';
import type { PaperdeckDatabase, StateRow } from './database.ts';
import { fromStateRow, toStateRow } from './stateRow.ts';

const SLICE = 2000;

function rowFor(state: CardState, row: StateRow | undefined): StateRow {
	if (row) return toStateRow(state, { paperId: row.paperId, newRank: row.newRank, retired: row.queue === 'retired' });
	// A card with events but not in the deck (yet, or any more), as a rebuild stores it.
	return toStateRow(state, { paperId: state.cardId.split('/')[0] ?? '', newRank: Number.MAX_SAFE_INTEGER, retired: true });
}

/**
 * Adds pulled events the log does not have and updates their cards' states. A card whose new events
 * all come after everything already folded into it (and undo nothing) folds them onto its cached
 * state, as a live answer does (`appendEvent`); any other card is replayed from its whole history.
 * Replication delivers events roughly in the order they happened, so a first sync of a long log
 * folds almost everything instead of re-reading each card's history once per batch. Call inside a
 * transaction on `events` and `states`; `fresh` must hold only ids absent from the log.
 */
export async function foldPulledEvents(db: PaperdeckDatabase, fresh: readonly CardEvent[], scheduler: Scheduler): Promise<number> {
	if (fresh.length === 0) return 0;
	const byCard = new Map<string, CardEvent[]>();
	for (const e of fresh) {
		const list = byCard.get(e.cardId);
		if (list) list.push(e);
		else byCard.set(e.cardId, [e]);
	}
	const cardIds = [...byCard.keys()];
	const rows = await db.states.bulkGet(cardIds);
	const out: StateRow[] = [];
	const replay: { id: string; row: StateRow | undefined }[] = [];
	cardIds.forEach((id, i) => {
		const row = rows[i];
		const events = byCard.get(id)!.sort(compareEvents);
		if (events.some((e) => e.type === 'undo') || events[0]!.atMillis <= (row?.lastEventMillis ?? 0)) return void replay.push({ id, row });
		let state = row ? fromStateRow(row) : newCardState(id);
		for (const e of events) state = reduceCard(state, e, scheduler);
		out.push(rowFor(state, row));
	});
	for (let i = 0; i < fresh.length; i += SLICE) await db.events.bulkAdd(fresh.slice(i, i + SLICE));
	if (replay.length > 0) {
		const history = new Map<string, CardEvent[]>(replay.map((r) => [r.id, []]));
		for (const e of await db.events.where('cardId').anyOf([...history.keys()]).toArray()) history.get(e.cardId)!.push(e);
		for (const { id, row } of replay) out.push(rowFor(replayCard(id, history.get(id)!, scheduler), row));
	}
	for (let i = 0; i < out.length; i += SLICE) await db.states.bulkPut(out.slice(i, i + SLICE));
	return fresh.length;
}
