import type { Scheduler } from './scheduler.ts';
import { Phase, type CardState } from './types.ts';

/** About how many answers a new card needs in its first three weeks (learning steps and first reviews). */
export const NEW_CARD_ANSWERS = 4;

export interface TopicReadinessRow {
	topic: string;
	cards: number;
	learned: number;
	/**
	 * Mean predicted recall of the learned cards at the interview's start if the plan is kept: a card
	 * due before then counts at least the desired retention (the plan reviews it first); null when none
	 * is learned.
	 */
	recallOnDate: number | null;
	/** Answers per day the plan needs until the date: due reviews plus the new cards' learning. */
	reviewsPerDay: number;
	/** New cards per day needed to learn the rest at least two days before the date. */
	newPerDay: number;
}

/**
 * The interview panel's figures, per topic. `states` are the scope's cards (retired ones left out),
 * `planStartMillis` the interview day's start, `daysLeft` the study days before it (today included).
 */
export function planReadiness(
	byTopic: ReadonlyMap<string, readonly CardState[]>,
	planStartMillis: number,
	daysLeft: number,
	scheduler: Scheduler
): TopicReadinessRow[] {
	const target = scheduler.settings.desiredRetention;
	const days = Math.max(1, daysLeft);
	const rows: TopicReadinessRow[] = [];
	for (const [topic, states] of byTopic) {
		let learned = 0;
		let recall = 0;
		let due = 0;
		let fresh = 0;
		for (const s of states) {
			if (s.suspended) continue;
			if (s.phase === Phase.New) {
				fresh++;
				continue;
			}
			learned++;
			const r = scheduler.retrievability(s, planStartMillis);
			const dueBefore = s.dueMillis < planStartMillis;
			if (dueBefore) due++;
			recall += dueBefore ? Math.max(r, target) : r;
		}
		rows.push({
			topic,
			cards: states.length,
			learned,
			recallOnDate: learned ? recall / learned : null,
			reviewsPerDay: (due + fresh * NEW_CARD_ANSWERS) / days,
			newPerDay: fresh === 0 ? 0 : Math.ceil(fresh / Math.max(1, days - 2))
		});
	}
	return rows;
}
