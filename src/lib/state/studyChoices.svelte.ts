/**
 * What the user chose to study: topics and papers on or off for new cards, and the order of new
 * cards. Used by the library and by each paper's page. Changes show at once and are saved one after
 * another, in the order made; a failed save puts back what is stored and says why.
 */
import {
	DEFAULT_STUDY_SELECTION,
	introducesNewCards,
	withMember,
	type NewCardOrder,
	type StudySelection
} from '../core/studySelection.ts';
import { saveStudySelection } from '../db/saveStudySelection.ts';
import { m } from '../paraglide/messages.js';
import { fetchDeck } from '../deck/fetchDeck.ts';
import { openApp, type AppServices } from './openApp.ts';

const ORDER_CHANGED: Record<NewCardOrder, () => string> = {
	default: m.choices_order_now_default,
	tier: m.choices_order_now_tier,
	lineage: m.choices_order_now_lineage,
	random: m.choices_order_now_random
};

export class StudyChoices {
	selection = $state.raw<StudySelection>(DEFAULT_STUDY_SELECTION);
	ready = $state(false);
	/** True while a change of order rewrites the queue of new cards. */
	reordering = $state(false);
	error = $state<string | null>(null);
	/** The last change, said to screen readers. */
	status = $state('');

	#app: AppServices | null = null;
	#saving: Promise<unknown> = Promise.resolve();

	async load(): Promise<void> {
		try {
			this.#app = await openApp();
			this.selection = this.#app.settings.selection;
			this.ready = true;
		} catch (e) {
			this.error = m.common_open_collection_failed({ reason: (e as Error).message });
		}
	}

	topicOn(topicId: string): boolean {
		return !this.selection.disabledTopics.includes(topicId);
	}

	paperOn(paperId: string, topicId: string): boolean {
		return introducesNewCards(this.selection, paperId, topicId);
	}

	setTopic(topicId: string, on: boolean, topicName = topicId): Promise<void> {
		const next = { ...this.selection, disabledTopics: withMember(this.selection.disabledTopics, topicId, !on) };
		return this.#change(next, on ? m.choices_topic_on({ name: topicName }) : m.choices_topic_off({ name: topicName }));
	}

	setPaper(paperId: string, on: boolean, paperName = paperId): Promise<void> {
		const next = { ...this.selection, disabledPapers: withMember(this.selection.disabledPapers, paperId, !on) };
		return this.#change(next, on ? m.choices_topic_on({ name: paperName }) : m.choices_topic_off({ name: paperName }));
	}

	/** Whether the papers past the reading lists (`ids`) introduce new cards: on unless every one is off. */
	groupOn(ids: readonly string[]): boolean {
		return ids.some((id) => !this.selection.disabledPapers.includes(id));
	}

	/** Turns a group of papers (those past the reading lists) on or off for new cards, together. */
	setGroup(ids: readonly string[], on: boolean, groupName: string): Promise<void> {
		const off = new Set(this.selection.disabledPapers);
		for (const id of ids) {
			if (on) off.delete(id);
			else off.add(id);
		}
		const next = { ...this.selection, disabledPapers: [...off].sort() };
		return this.#change(next, on ? m.choices_topic_on({ name: groupName }) : m.choices_topic_off({ name: groupName }));
	}

	/** Picks the order of new cards; picking `random` again draws a new shuffle. */
	setOrder(order: NewCardOrder): Promise<void> {
		if (order === this.selection.newCardOrder && order !== 'random') return Promise.resolve();
		const seed = order === 'random' ? crypto.getRandomValues(new Uint32Array(1))[0]! : this.selection.randomSeed;
		const next = { ...this.selection, newCardOrder: order, randomSeed: seed };
		return this.#change(next, ORDER_CHANGED[order]());
	}

	#change(next: StudySelection, message: string): Promise<void> {
		const app = this.#app;
		if (!app || next === this.selection) return Promise.resolve();
		this.selection = next;
		const run = async () => {
			const saved = app.settings.selection;
			const reorder = next.newCardOrder !== saved.newCardOrder || next.randomSeed !== saved.randomSeed;
			if (reorder) this.reordering = true;
			try {
				const deck = reorder ? await fetchDeck() : undefined;
				// The settings every page of this tab reads (openApp is shared) follow what is stored.
				app.settings = await saveStudySelection(app.db, app.settings, next, app.scheduler, deck);
				this.error = null;
				this.status = message;
			} catch (e) {
				this.selection = app.settings.selection;
				this.error = m.choices_not_saved({ reason: (e as Error).message });
			} finally {
				this.reordering = false;
			}
		};
		const done = this.#saving.then(run);
		this.#saving = done;
		return done;
	}
}
