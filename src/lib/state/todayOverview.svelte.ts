import { cardCount } from 'virtual:paperdeck-deck-version';
import { firstVisitSummary } from '../core/firstVisitSummary.ts';
import { studyDayBounds } from '../core/studyDay.ts';
import { selectsEverything } from '../core/studySelection.ts';
import { todaySummary, type TodaySummary } from '../db/studyQueries.ts';
import { showDueBadge } from './appBadge.ts';
import { firstVisit, openCollection } from './openCollection.ts';

/** How long the home screen must stay open before it runs the background housekeeping. */
const HOUSEKEEPING_DELAY_MILLIS = 10_000;

/** The home screen's view of today: what is due, what is new, what is done. */
export class TodayOverview {
	summary = $state.raw<TodaySummary | null>(null);
	error = $state<string | null>(null);

	/** Share of today's work done so far (0–1), counting what is still due as work to do. */
	progress = $derived.by(() => {
		const s = this.summary;
		if (!s) return 0;
		const total = s.answered + s.due + s.newAvailable;
		return total === 0 ? 0 : s.answered / total;
	});

	#housekeepingTimer: ReturnType<typeof setTimeout> | undefined;

	/**
	 * Shows today's numbers as soon as they are known: on a first visit from the deck alone while its
	 * import runs (nothing is due or answered, the new-card limit is free), then from storage.
	 */
	async load(): Promise<void> {
		void firstVisit.then((settings) => {
			if (!this.summary && selectsEverything(settings.selection)) this.summary = firstVisitSummary(settings.study, cardCount);
		});
		try {
			const app = await openCollection();
			const now = Date.now();
			const { startMillis, endMillis } = studyDayBounds(now, app.clock);
			this.summary = await todaySummary(
				app.db,
				{ nowMillis: now, dayStartMillis: startMillis, dayEndMillis: endMillis },
				app.settings.study,
				app.settings.selection
			);
			showDueBadge(this.summary.due + this.summary.newAvailable);
			// Housekeeping (the automatic snapshot, the daily index sweep) only when the home screen stays open
			// a while: at a large log it works IndexedDB for seconds, and a person who goes straight on to
			// review must not wait behind it (a finished session runs it too, see afterSession).
			this.#housekeepingTimer = setTimeout(() => void import('./afterSession.ts').then((m) => m.housekeeping(app)), HOUSEKEEPING_DELAY_MILLIS);
		} catch (e) {
			// A first visit's numbers from the deck alone go too: the deck could not be stored.
			this.summary = null;
			this.error = (e as Error).message;
		}
	}

	/** The home screen is gone: no housekeeping on its behalf. */
	stop(): void {
		clearTimeout(this.#housekeepingTimer);
	}
}
