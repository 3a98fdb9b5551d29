import { newCardState } from '../core/newCardState.ts';
import type { CompiledDeck } from '../deck/deckTypes.ts';
import type { CardRow, PaperdeckDatabase, StateRow } from './database.ts';
import { toStateRow } from './stateRow.ts';

/**
 * A first visit's head start: writes the `count` cards that come first in the study order (their text
 * and their new state), so the first review session can begin before the rest of the deck is stored.
 * Only into an empty collection (no states, no events): anything else needs the full reconciliation,
 * which then follows (`reconcileDeck`) and finds these rows already up to date. The deck version is not
 * recorded here, so an import cut short is simply finished by the next start.
 * Returns the number of cards written (0 when the collection was not empty).
 */
export async function importFirstCards(
	db: PaperdeckDatabase,
	deck: CompiledDeck,
	ranks: ReadonlyMap<string, number>,
	count: number
): Promise<number> {
	const rankOf = (id: string) => ranks.get(id) ?? Number.MAX_SAFE_INTEGER;
	const first = deck.cards
		.slice()
		.sort((a, b) => rankOf(a.id) - rankOf(b.id))
		.slice(0, count);
	const shortById = new Map(deck.papers.map((p) => [p.id, p.short]));
	return db.transaction('rw', [db.cards, db.states, db.events], async () => {
		const [states, events] = await Promise.all([db.states.limit(1).count(), db.events.limit(1).count()]);
		if (states > 0 || events > 0) return 0;
		const cards: CardRow[] = first.map((c) => ({
			id: c.id,
			paperId: c.paperId,
			paperShort: shortById.get(c.paperId) ?? c.paperId,
			type: c.type,
			promptHtml: c.promptHtml,
			answerHtml: c.answerHtml,
			noteHtml: c.noteHtml,
			hash: c.hash,
			retired: 0
		}));
		const rows: StateRow[] = first.map((c) => toStateRow(newCardState(c.id), { paperId: c.paperId, newRank: rankOf(c.id), retired: false }));
		await db.cards.bulkPut(cards);
		await db.states.bulkPut(rows);
		return first.length;
	});
}
