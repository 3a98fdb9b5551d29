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
import { fetchDeck, openApp, type AppServices } from './openApp.ts';

const ORDER_NAMES: Record<NewCardOrder, string> = {
	default: 'essential papers first, topic by topic',
	tier: 'tier by tier, oldest first',
	lineage: 'oldest foundations first',
	random: 'shuffled'
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
			this.error = `Could not open your collection: ${(e as Error).message}`;
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
		return this.#change(next, `New cards from ${topicName} turned ${on ? 'on' : 'off'}.`);
	}

	setPaper(paperId: string, on: boolean, paperName = paperId): Promise<void> {
		const next = { ...this.selection, disabledPapers: withMember(this.selection.disabledPapers, paperId, !on) };
		return this.#change(next, `New cards from ${paperName} turned ${on ? 'on' : 'off'}.`);
	}

	/** Picks the order of new cards; picking `random` again draws a new shuffle. */
	setOrder(order: NewCardOrder): Promise<void> {
		if (order === this.selection.newCardOrder && order !== 'random') return Promise.resolve();
		const seed = order === 'random' ? crypto.getRandomValues(new Uint32Array(1))[0]! : this.selection.randomSeed;
		const next = { ...this.selection, newCardOrder: order, randomSeed: seed };
		return this.#change(next, `New cards now come ${ORDER_NAMES[order]}.`);
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
				this.error = `Your choice was not saved: ${(e as Error).message}`;
			} finally {
				this.reordering = false;
			}
		};
		const done = this.#saving.then(run);
		this.#saving = done;
		return done;
	}
}
