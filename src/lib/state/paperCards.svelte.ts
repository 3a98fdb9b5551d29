/**
 * One paper's cards with the user's state of each (for the paper's page): the text comes from the
 * collection's copy of the deck (and its stored translation), the state from the card-state cache,
 * all read once on load.
 */
import { cardStatus, type CardStatus } from '../core/cardStatus.ts';
import { summarizeProgress, type Progress } from '../core/paperProgress.ts';
import type { CardRow } from '../db/database.ts';
import { fromStateRow } from '../db/stateRow.ts';
import type { TranslatedCard } from '../db/translationRows.ts';
import { m } from '../paraglide/messages.js';
import { openApp } from './openApp.ts';

export interface PaperCard {
	card: CardRow;
	status: CardStatus;
	/** The card's stored translation, when cards are read in Chinese. */
	translation: TranslatedCard | null;
}

export class PaperCards {
	cards = $state.raw<PaperCard[]>([]);
	progress = $state.raw<Progress | undefined>(undefined);
	loaded = $state(false);
	error = $state<string | null>(null);

	/** The paper's translated summary (HTML), when cards are read in Chinese and it is stored. */
	summaryTranslation = $state<string | null>(null);

	#latest = 0;

	/** The user's own cards of the paper that they retired (to restore them). */
	retired = $state.raw<CardRow[]>([]);

	/**
	 * Loads `deckCardIds` (the paper's cards, in the order to show them), then the user's own cards of
	 * `paperId` after them and, with `lang`, their and the paper's stored translations; a newer load
	 * wins over an older one.
	 */
	async load(paperId: string, deckCardIds: readonly string[], lang: string | null = null): Promise<void> {
		const ticket = ++this.#latest;
		this.loaded = false;
		try {
			const app = await openApp();
			const own = await app.db.cards.where('paperId').equals(paperId).filter((c) => !!c.own).toArray();
			const cardIds = [...deckCardIds, ...own.filter((c) => !c.retired).map((c) => c.id)];
			const now = Date.now();
			// The translation reader is loaded only by readers of a translation.
			const rowsOf = lang ? await import('../db/translationRows.ts') : null;
			const [cards, rows, translations, summaries] = await Promise.all([
				app.db.cards.bulkGet([...cardIds]),
				app.db.states.bulkGet([...cardIds]),
				rowsOf && lang ? rowsOf.loadCardTranslations(app.db, lang, cardIds) : new Map<string, TranslatedCard>(),
				rowsOf && lang ? rowsOf.loadPaperTranslations(app.db, lang, [paperId]) : new Map<string, string>()
			]);
			const shown: PaperCard[] = [];
			const states = [];
			for (let i = 0; i < cardIds.length; i++) {
				const card = cards[i];
				const row = rows[i];
				if (!card || card.retired || !row || row.queue === 'retired') continue;
				const state = fromStateRow(row);
				states.push(state);
				shown.push({
					card,
					status: cardStatus(state, now, app.clock, app.scheduler.retrievability(state, now)),
					translation: translations.get(card.id) ?? null
				});
			}
			if (ticket !== this.#latest) return;
			this.retired = own.filter((c) => c.retired);
			this.cards = shown;
			this.summaryTranslation = summaries.get(paperId) ?? null;
			this.progress = summarizeProgress(states, (s) => app.scheduler.retrievability(s, now));
			this.loaded = true;
		} catch (e) {
			this.error = m.paper_cards_failed({ reason: (e as Error).message });
		}
	}
}
