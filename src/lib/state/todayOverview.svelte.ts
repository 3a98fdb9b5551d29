import { studyDayBounds } from '../core/studyDay.ts';
import { todaySummary, type TodaySummary } from '../db/studyQueries.ts';
import { showDueBadge } from './appBadge.ts';
import { openCollection } from './openCollection.ts';

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

	async load(): Promise<void> {
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
			// The automatic snapshot, once the home screen has settled: never on first paint.
			const idle = globalThis.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 2000));
			idle(() => void import('./afterSession.ts').then((m) => m.autoSnapshot(app)), { timeout: 10_000 });
		} catch (e) {
			this.error = (e as Error).message;
		}
	}
}
