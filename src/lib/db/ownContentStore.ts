/**
 * The user's own content in storage. The log is the truth (content events, contentEvents.ts); this
 * keeps two caches of it, written in the same transaction as the events:
 * - the meta row `ownContent`: the log's content events (and undos of them), so the content is one
 *   key read and a fold away, without scanning the whole log;
 * - the `cards` and `states` rows of own cards (and the user's wording on deck cards), rendered to
 *   HTML like the deck's, so review, interview and the paper pages show them with no Markdown or
 *   math code of their own.
 * `rebuildOwnContent` rebuilds both from the whole log (after an import or a merge).
 */
import { hashString } from '../core/hashString.ts';
import { newCardState } from '../core/newCardState.ts';
import { replayCard } from '../core/replay.ts';
import type { Scheduler } from '../core/scheduler.ts';
import { isContentEvent, isDeckCardId, ownPaperOf, splitCardId, type ContentEvent } from '../core/contentEvents.ts';
import { EMPTY_OWN_CONTENT, foldOwnContent, type CardText, type OwnContent } from '../core/foldOwnContent.ts';
import type { CardEvent } from '../core/types.ts';
import { cardHash } from '../deck/cardHash.ts';
import type { OwnRenderer } from '../own/renderOwnMarkdown.ts';
import type { CardRow, PaperdeckDatabase, StateRow } from './database.ts';
import { fromStateRow, toStateRow } from './stateRow.ts';

export const OWN_CONTENT_KEY = 'ownContent';

/**
 * New own cards come before the deck's in the new-card queue, in the order they were written: a
 * card someone adds tonight is one they want to study tonight.
 */
export function ownNewRank(createdMillis: number): number {
	return createdMillis - 1e15;
}

async function contentLog(db: PaperdeckDatabase): Promise<CardEvent[]> {
	const row = await db.meta.get(OWN_CONTENT_KEY);
	return ((row?.value as { events?: CardEvent[] } | undefined)?.events ?? []).slice();
}

/** The content events of the log (undone ones too), or none: what a rebuild of own content renders. */
export async function ownContentEvents(db: PaperdeckDatabase): Promise<ContentEvent[]> {
	return (await contentLog(db)).filter(isContentEvent);
}

/** The user's content as of the log (one key read). */
export async function readOwnContent(db: PaperdeckDatabase): Promise<OwnContent> {
	const events = await contentLog(db);
	return events.length === 0 ? EMPTY_OWN_CONTENT : foldOwnContent(events);
}

/** The content events of one card (or paper), for its history and its current source text. */
export async function contentEventsOf(db: PaperdeckDatabase, cardId: string): Promise<ContentEvent[]> {
	return (await contentLog(db)).filter((e): e is ContentEvent => e.cardId === cardId && isContentEvent(e));
}

function renderText(t: CardText, render: OwnRenderer): Pick<CardRow, 'type' | 'promptHtml' | 'answerHtml' | 'noteHtml'> {
	const cloze = t.type === 'cloze';
	return {
		type: t.type,
		promptHtml: render(t.prompt, cloze ? 'blank' : 'reveal'),
		answerHtml: cloze ? render(t.prompt, 'reveal') : render(t.answer, 'reveal'),
		noteHtml: t.note ? render(t.note, 'reveal') : ''
	};
}

/**
 * Writes the `cards` and `states` rows of `ids` from `content`. Call inside a transaction on events,
 * states, cards and meta. A deck card that is not stored yet (an override from a newer deck) is
 * skipped: reconciliation will add it, and the next rebuild applies the override.
 */
async function materialize(
	db: PaperdeckDatabase,
	content: OwnContent,
	ids: readonly string[],
	render: OwnRenderer,
	scheduler: Scheduler | null
): Promise<void> {
	const own = new Map(content.cards.map((c) => [c.id, c]));
	const overrides = new Map(content.overrides.map((o) => [o.id, o]));
	const ownPapers = new Map(content.papers.map((p) => [p.id, p]));
	const cardIds = ids.filter((id) => !ownPaperOf(id));
	const [rows, states] = await Promise.all([db.cards.bulkGet(cardIds), db.states.bulkGet(cardIds)]);
	const shorts = new Map<string, string>();
	const shortOf = async (paperId: string): Promise<string> => {
		const mine = ownPapers.get(paperId);
		if (mine) return mine.short || mine.title;
		if (!shorts.has(paperId)) {
			const deckCard = await db.cards.where('paperId').equals(paperId).filter((c) => !c.own).first();
			shorts.set(paperId, deckCard?.paperShort ?? paperId);
		}
		return shorts.get(paperId)!;
	};
	const cardPuts: CardRow[] = [];
	const statePuts: StateRow[] = [];
	for (let i = 0; i < cardIds.length; i++) {
		const id = cardIds[i]!;
		const row = rows[i];
		const card = own.get(id);
		if (card) {
			const html = renderText(card, render);
			cardPuts.push({
				id,
				paperId: card.paperId,
				paperShort: await shortOf(card.paperId),
				...html,
				hash: cardHash(html),
				retired: card.retired ? 1 : 0,
				own: 1
			});
			const st = states[i];
			// A merge files history of a card it does not know yet as a retired orphan: adopt it.
			const rank = st && st.newRank !== Number.MAX_SAFE_INTEGER ? st.newRank : ownNewRank(card.createdMillis);
			let state = st ? fromStateRow(st) : newCardState(id);
			if (!st && scheduler) {
				const history = await db.events.where('cardId').equals(id).toArray();
				if (history.length > 0) state = replayCard(id, history, scheduler);
			}
			statePuts.push(toStateRow(state, { paperId: card.paperId, newRank: rank, retired: card.retired }));
			continue;
		}
		if (!row || !isDeckCardId(id)) continue;
		const override = overrides.get(id);
		if (override) {
			const original = row.original ?? { type: row.type, promptHtml: row.promptHtml, answerHtml: row.answerHtml, noteHtml: row.noteHtml };
			// The type follows the user's text: an override may turn a basic card into a cloze.
			cardPuts.push({ ...row, ...renderText(override, render), edited: 1, original });
		} else if (row.edited && row.original) {
			const { edited: _e, original, ...rest } = row;
			cardPuts.push({ ...rest, ...original });
		}
	}
	await db.cards.bulkPut(cardPuts);
	await db.states.bulkPut(statePuts);
}

/**
 * Appends content events (one user action: a paper, a card, an edit; or an import's batch) and
 * updates the caches, in one transaction. Events already in the log are skipped, so importing the
 * same content twice adds nothing. Returns how many were new. `render` must be loaded beforehand
 * (an IndexedDB transaction cannot wait for a download).
 */
export async function appendContentEvents(
	db: PaperdeckDatabase,
	events: readonly ContentEvent[],
	render: OwnRenderer,
	scheduler: Scheduler | null = null
): Promise<number> {
	return db.transaction('rw', [db.events, db.states, db.cards, db.meta], async () => {
		const present = await db.events.bulkGet(events.map((e) => e.id));
		const fresh = events.filter((_, i) => !present[i]);
		if (fresh.length === 0) return 0;
		await db.events.bulkAdd(fresh);
		const log = [...(await contentLog(db)), ...fresh];
		await db.meta.put({ key: OWN_CONTENT_KEY, value: { events: log } });
		await materialize(db, foldOwnContent(log), [...new Set(fresh.map((e) => e.cardId))], render, scheduler);
		return fresh.length;
	});
}

/**
 * Rebuilds the content cache and every own or edited card's rows from the whole log: after an import
 * or a merge brought content events (or undos of them), and as a repair. One transaction.
 */
export async function rebuildOwnContent(db: PaperdeckDatabase, render: OwnRenderer, scheduler: Scheduler | null): Promise<OwnContent> {
	return db.transaction('rw', [db.events, db.states, db.cards, db.meta], async () => {
		const all = await db.events.orderBy('atMillis').toArray();
		const content = all.filter(isContentEvent);
		const targets = new Set(content.map((e) => e.id));
		// Undos of undos of content events are rare but legal: follow the chain.
		let undos = all.filter((e) => e.type === 'undo' && targets.has(e.targetId));
		while (undos.length > 0) {
			const more = undos.filter((u) => !targets.has(u.id));
			for (const u of more) targets.add(u.id);
			undos = more.length === 0 ? [] : all.filter((e) => e.type === 'undo' && more.some((u) => u.id === e.targetId));
		}
		const log = all.filter((e) => targets.has(e.id));
		await db.meta.put({ key: OWN_CONTENT_KEY, value: { events: log } });
		const folded = foldOwnContent(log);
		const flagged = await db.cards.filter((c) => !!c.own || !!c.edited).primaryKeys();
		const ids = new Set<string>([...flagged, ...folded.cards.map((c) => c.id), ...folded.overrides.map((o) => o.id)]);
		await materialize(db, folded, [...ids], render, scheduler);
		return folded;
	});
}

/** The paper id of a card id (`lora` of `lora/freeze`). */
export function paperOfCard(cardId: string): string {
	return splitCardId(cardId)?.paperId ?? cardId;
}
