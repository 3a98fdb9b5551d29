import { reviewKindFor } from './events.ts';
import { newCardState } from './newCardState.ts';
import type { Scheduler } from './scheduler.ts';
import { seededRandom } from './seededRandom.ts';
import { studyDay, studyDayStart, type DayClock } from './studyDay.ts';
import { Phase, type CardState, type StudySettings } from './types.ts';

export interface WorkloadDay {
	offset: number;
	/** Answers to new and learning cards (including relearning steps). */
	learn: number;
	/** Answers to review cards. */
	review: number;
}

const HOUR = 3_600_000;

/**
 * Estimates the answers per study day over the next `days` days if the user studies every day with
 * these settings: due reviews (up to the daily review limit), new cards (up to the new-card limit,
 * in `newCardIds` order), and learning steps within the day. Each answer is drawn from the
 * scheduler's own predicted recall (pass = Good, fail = Again), with a seeded generator so the same
 * collection gives the same estimate. `states` are the cards with history, `newCardIds` the cards
 * still new; suspended cards are skipped.
 */
export function simulateWorkload(input: {
	states: readonly CardState[];
	newCardIds: readonly string[];
	scheduler: Scheduler;
	study: StudySettings;
	clock: DayClock;
	nowMillis: number;
	days?: number;
	seed?: number;
}): WorkloadDay[] {
	const { scheduler, study, clock, nowMillis } = input;
	const days = input.days ?? 30;
	const random = seededRandom(input.seed ?? 1);
	let cards = input.states.filter((s) => !s.suspended && s.phase !== Phase.New).map((s) => ({ ...s }));
	let nextNew = 0;
	const today = studyDay(nowMillis, clock);
	const out: WorkloadDay[] = [];

	for (let offset = 0; offset < days; offset++) {
		const day = today + offset;
		const dayStart = studyDayStart(day, clock);
		const dayEnd = studyDayStart(day + 1, clock);
		// One session a day: now for today, mid-morning for the days after.
		let now = offset === 0 ? nowMillis : dayStart + 6 * HOUR;
		const counts: WorkloadDay = { offset, learn: 0, review: 0 };
		const due = cards.filter((c) => c.phase === Phase.Review && Math.max(c.dueMillis, c.buriedUntilMillis) < dayEnd);
		due.sort((a, b) => a.dueMillis - b.dueMillis);
		const reviews = due.slice(0, Math.max(0, study.reviewsPerDay));
		const fresh = input.newCardIds.slice(nextNew, nextNew + Math.max(0, study.newPerDay));
		nextNew += fresh.length;
		const learning = new Set(cards.filter((c) => c.phase !== Phase.Review && c.dueMillis < dayEnd));
		const answered = new Map<string, CardState>();

		const answer = (card: CardState): CardState => {
			const pass = card.phase === Phase.New || random() < scheduler.retrievability(card, now);
			const kind = reviewKindFor(card.phase);
			if (kind === 'review') counts.review++;
			else counts.learn++;
			return scheduler.review(card, pass ? 3 : 1, now, day);
		};
		const settle = (after: CardState) => {
			answered.set(after.cardId, after);
			if (after.phase !== Phase.Review && after.dueMillis < dayEnd) learning.add(after);
		};

		for (;;) {
			let nextLearning: CardState | undefined;
			for (const c of learning) if (!nextLearning || c.dueMillis < nextLearning.dueMillis) nextLearning = c;
			let card: CardState | undefined;
			if (nextLearning && nextLearning.dueMillis <= now) {
				learning.delete(nextLearning);
				card = nextLearning;
			} else card = reviews.shift() ?? (fresh.length ? newCardState(fresh.shift()!) : undefined);
			if (card) {
				settle(answer(card));
				now += 20_000;
			} else if (nextLearning) now = Math.max(now, nextLearning.dueMillis);
			else break;
		}
		cards = cards.filter((c) => !answered.has(c.cardId)).concat([...answered.values()]);
		out.push(counts);
	}
	return out;
}
