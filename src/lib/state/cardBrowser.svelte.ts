/**
 * The card browser (/browse): every card of the deck, searched as you type and filtered by topic,
 * paper and state, sorted by deck order, due date or difficulty; and the actions on one card
 * (suspend, unsuspend, bury until tomorrow, reset), each appended to the log as an event.
 */
import { cardStatus, type CardStatus } from '../core/cardStatus.ts';
import { studyDayBounds } from '../core/studyDay.ts';
import { TextIndex } from '../core/textSearch.ts';
import { Phase, type CardEvent } from '../core/types.ts';
import type { CompiledCard, DeckData, DeckPaper } from '../deck/deckTypes.ts';
import { cardSearchText } from '../core/cardSearchText.ts';
import { appendEvent, StaleCardError } from '../db/appendEvent.ts';
import type { StateRow, TranslationRow } from '../db/database.ts';
import { loadTranslationRows } from '../db/translationRows.ts';
import { newEventId } from '../db/newEventId.ts';
import { fromStateRow, toStateRow } from '../db/stateRow.ts';
import { m } from '../paraglide/messages.js';
import { fetchDeck } from '../deck/fetchDeck.ts';
import { openApp, type AppServices } from './openApp.ts';
import { readOwnContent } from '../db/ownContentStore.ts';
import type { OwnContent } from '../core/foldOwnContent.ts';
import type { CardRow } from '../db/database.ts';

/**
 * The deck with the user's own content folded in (issue 19): own papers after the deck's, own cards
 * (retired ones left out) after the deck's, and deck cards shown in the user's wording where they
 * reworded one. The HTML comes from the collection's rendered copy; search runs over its text.
 */
export function withOwnContent(deck: DeckData, content: OwnContent, rows: ReadonlyMap<string, CardRow>): DeckData {
	if (content.papers.length === 0 && content.cards.length === 0 && content.overrides.length === 0) return deck;
	const papers: DeckPaper[] = content.papers.map((p) => ({
		id: p.id,
		short: p.short || p.title,
		year: p.year,
		topic: p.topic,
		tier: 0,
		buildsOn: p.buildsOn,
		cardIds: []
	}));
	const overrides = new Map(content.overrides.map((o) => [o.id, o]));
	const html = (row: CardRow) => ({ type: row.type, promptHtml: row.promptHtml, answerHtml: row.answerHtml, noteHtml: row.noteHtml });
	const cards = deck.cards.map((c) => {
		const o = overrides.get(c.id);
		const row = rows.get(c.id);
		return o && row?.edited ? { ...c, ...html(row) } : c;
	});
	for (const c of content.cards) {
		const row = rows.get(c.id);
		if (c.retired || !row) continue;
		cards.push({ id: c.id, paperId: c.paperId, ...html(row) });
	}
	return { ...deck, papers: [...deck.papers, ...papers], cards };
}

export type StateFilter = 'all' | 'new' | 'learning' | 'review' | 'suspended' | 'due';
export type CardSort = 'deck' | 'due' | 'difficulty';
export type CardAction = 'suspend' | 'unsuspend' | 'bury' | 'reset';

/** How many results are drawn at once; "Show more" adds as many again. */
export const PAGE_SIZE = 50;

export interface BrowsedCard {
	card: CompiledCard;
	paper: DeckPaper;
	row: StateRow;
}

const ACTION_DONE: Record<CardAction, () => string> = {
	suspend: m.browse_done_suspend,
	unsuspend: m.browse_done_unsuspend,
	bury: m.browse_done_bury,
	reset: m.browse_done_reset
};

export class CardBrowser {
	query = $state('');
	topic = $state('');
	paperId = $state('');
	stateFilter = $state<StateFilter>('all');
	sort = $state<CardSort>('deck');
	limit = $state(PAGE_SIZE);

	status = $state<'loading' | 'ready' | 'error'>('loading');
	error = $state<string | null>(null);
	/** The outcome of the last action, for the live region. */
	message = $state('');
	busy = $state(false);

	deck = $state.raw<DeckData | null>(null);
	/** The user's own papers and cards and their rewordings (to edit them). */
	content = $state.raw<OwnContent | null>(null);
	rows = $state.raw<ReadonlyMap<string, StateRow>>(new Map());
	#app: AppServices | null = null;
	#index = new TextIndex([]);
	#paperById = new Map<string, DeckPaper>();
	#nowMillis = $state(0);
	#dayEndMillis = 0;

	/** The stored translations of the deck's cards, by card id (empty when cards are read in English). */
	translations = $state.raw<ReadonlyMap<string, TranslationRow>>(new Map());
	#lang: string | null = null;

	/** Loads the deck, the card states and, with `lang` (`zh-CN`), the stored translations, which search covers too. */
	async load(lang: string | null = null): Promise<void> {
		this.#lang = lang;
		try {
			const [app, compiled] = await Promise.all([openApp(), fetchDeck()]);
			this.#app = app;
			const content = await readOwnContent(app.db);
			const mine = await app.db.cards.bulkGet([...content.cards, ...content.overrides].map((c) => c.id));
			const deck = withOwnContent(compiled, content, new Map(mine.flatMap((r) => (r ? [[r.id, r] as const] : []))));
			this.#paperById = new Map(deck.papers.map((p) => [p.id, p]));
			await this.#readTranslations(app, deck);
			const rows = await app.db.states.toArray();
			this.#tick();
			this.rows = new Map(rows.map((r) => [r.cardId, r]));
			// Together, so a card's "edited" mark and its new wording show in the same frame.
			this.content = content;
			this.deck = deck;
			this.status = 'ready';
		} catch (e) {
			this.status = 'error';
			this.error = m.browse_load_failed({ reason: (e as Error).message });
		}
	}

	async #readTranslations(app: AppServices, deck: DeckData): Promise<void> {
		const rows = this.#lang ? await loadTranslationRows(app.db, this.#lang, 'card') : [];
		const translations = new Map(rows.map((r) => [r.id, r]));
		// One document per card: its English and its translation, so a query in either language finds it.
		this.#index = new TextIndex(deck.cards.map((c) => [cardSearchText(c), translations.get(c.id)?.text ?? '', this.#paperById.get(c.paperId)?.short ?? '']));
		this.translations = translations;
	}

	/** Reads the translations again (new text was downloaded); the results follow. */
	async reloadTranslations(): Promise<void> {
		if (this.#app && this.deck) await this.#readTranslations(this.#app, this.deck);
	}

	#tick(): void {
		this.#nowMillis = Date.now();
		if (this.#app) this.#dayEndMillis = studyDayBounds(this.#nowMillis, this.#app.clock).endMillis;
	}

	/** The papers of the chosen topic (all papers without one), for the paper filter. */
	papers = $derived.by(() => (this.deck?.papers ?? []).filter((p) => !this.topic || p.topic === this.topic));

	/** Every matching card, in the chosen order. */
	results = $derived.by((): BrowsedCard[] => {
		const deck = this.deck;
		if (!deck) return [];
		const out: BrowsedCard[] = [];
		void this.translations; // a new index (new translations) searches again
		for (const i of this.#index.search(this.query)) {
			const card = deck.cards[i]!;
			const paper = this.#paperById.get(card.paperId)!;
			if (this.topic && paper.topic !== this.topic) continue;
			if (this.paperId && card.paperId !== this.paperId) continue;
			const row = this.rows.get(card.id);
			if (!row || row.queue === 'retired' || !this.#passes(row)) continue;
			out.push({ card, paper, row });
		}
		if (this.sort === 'due') out.sort((a, b) => dueKey(a.row) - dueKey(b.row));
		else if (this.sort === 'difficulty') out.sort((a, b) => difficultyKey(b.row) - difficultyKey(a.row));
		return out;
	});

	/** The results drawn now, with their state described (only these: describing costs a little each). */
	shown = $derived(this.results.slice(0, this.limit).map((r) => ({ ...r, status: this.#status(r.row) })));

	#passes(row: StateRow): boolean {
		switch (this.stateFilter) {
			case 'all':
				return true;
			case 'due':
				return (row.queue === 'learning' || row.queue === 'review') && row.availableMillis < this.#dayEndMillis;
			default:
				return row.queue === this.stateFilter;
		}
	}

	#status(row: StateRow): CardStatus {
		const state = fromStateRow(row);
		const now = this.#nowMillis;
		return cardStatus(state, now, this.#app!.clock, this.#app!.scheduler.retrievability(state, now));
	}

	showMore(): void {
		this.limit += PAGE_SIZE;
	}

	/** Starts the list from the top again (after the search or a filter changed). */
	resetPaging(): void {
		this.limit = PAGE_SIZE;
	}

	/**
	 * Applies an action to one card: one event appended, the card's state updated with it. Acting on
	 * a card another tab has changed since it was read writes nothing and shows the fresh state.
	 */
	async act(cardId: string, action: CardAction): Promise<boolean> {
		const app = this.#app;
		const row = this.rows.get(cardId);
		if (!app || !row || this.busy) return false;
		this.busy = true;
		this.#tick();
		const now = this.#nowMillis;
		const base = { id: newEventId(), cardId, atMillis: now };
		const event: CardEvent =
			action === 'bury' ? { ...base, type: 'bury', untilMillis: studyDayBounds(now, app.clock).endMillis } : { ...base, type: action };
		try {
			const after = await appendEvent(app.db, event, app.scheduler, row.lastEventMillis);
			this.#put(toStateRow(after, { paperId: row.paperId, newRank: row.newRank, retired: false }));
			this.error = null;
			this.message = ACTION_DONE[action]();
			return true;
		} catch (e) {
			if (e instanceof StaleCardError) {
				const fresh = await app.db.states.get(cardId);
				if (fresh) this.#put(fresh);
			}
			this.error = m.browse_nothing_changed({ reason: (e as Error).message });
			return false;
		} finally {
			this.busy = false;
		}
	}

	/** Whether the user wrote the card (an own card) or reworded it (a deck card). */
	authorship(cardId: string): 'own' | 'edited' | null {
		const c = this.content;
		if (!c) return null;
		if (c.cards.some((x) => x.id === cardId)) return 'own';
		return c.overrides.some((x) => x.id === cardId) ? 'edited' : null;
	}

	/** Reads the collection again after the user wrote, reworded or retired a card. */
	async reloadAfter(message: string): Promise<void> {
		await this.load();
		this.message = message;
	}

	#put(row: StateRow): void {
		const rows = new Map(this.rows);
		rows.set(row.cardId, row);
		this.rows = rows;
	}
}

// New cards have no due date and no difficulty yet: they sort after every studied card.
function dueKey(row: StateRow): number {
	return row.phase === Phase.New ? Number.MAX_SAFE_INTEGER : row.availableMillis;
}

function difficultyKey(row: StateRow): number {
	return row.phase === Phase.New ? -1 : row.difficulty;
}
