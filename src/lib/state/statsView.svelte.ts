/**
 * The statistics page's data: read once from storage and the deck, computed by the pure stats
 * functions of the core.
 */
import { activeReviews } from '../core/stats/activeReviews.ts';
import { answersByDay, reviewHeatmap, reviewsPerDay } from '../core/stats/answersByDay.ts';
import { cardStateCounts } from '../core/stats/cardStateCounts.ts';
import { dueForecast } from '../core/stats/dueForecast.ts';
import { memoryDistributions } from '../core/stats/memoryDistributions.ts';
import { topicReadiness } from '../core/stats/topicReadiness.ts';
import { trueRetention } from '../core/stats/trueRetention.ts';
import { studyDay } from '../core/studyDay.ts';
import { fromStateRow } from '../db/stateRow.ts';
import { fetchDeck } from '../deck/fetchDeck.ts';
import { openApp } from './openApp.ts';

function compute(input: {
	events: Parameters<typeof activeReviews>[0];
	rows: Parameters<typeof fromStateRow>[0][];
	deck: Awaited<ReturnType<typeof fetchDeck>>;
	app: Awaited<ReturnType<typeof openApp>>;
	nowMillis: number;
}) {
	const { app, nowMillis } = input;
	const today = studyDay(nowMillis, app.clock);
	const states = input.rows.filter((r) => r.queue !== 'retired').map(fromStateRow);
	const reviews = activeReviews(input.events);
	const byDay = answersByDay(reviews);
	const recall = app.scheduler.retrievability;
	return {
		today,
		desiredRetention: app.settings.scheduler.desiredRetention,
		totalAnswers: reviews.length,
		forecast: dueForecast(states, nowMillis, app.clock),
		perDay: reviewsPerDay(byDay, today),
		heatmap: reviewHeatmap(byDay, today),
		retention: trueRetention(reviews, today),
		cardStates: cardStateCounts(states),
		memory: memoryDistributions(states, nowMillis, recall),
		topics: topicReadiness(states, input.deck.topics, new Map(input.deck.papers.map((p) => [p.id, p.topic])), nowMillis, recall)
	};
}

export type Stats = ReturnType<typeof compute>;

export class StatsView {
	stats = $state.raw<Stats | null>(null);
	error = $state<string | null>(null);

	async load(): Promise<void> {
		try {
			const app = await openApp();
			const [events, rows, deck] = await Promise.all([app.db.events.toArray(), app.db.states.toArray(), fetchDeck()]);
			this.stats = compute({ events, rows, deck, app, nowMillis: Date.now() });
		} catch (e) {
			this.error = (e as Error).message;
		}
	}
}
