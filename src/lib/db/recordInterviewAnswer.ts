import { reviewKindFor } from '../core/events.ts';
import { isLearned } from '../core/interviewScope.ts';
import type { InterviewGrade } from '../core/interviewScore.ts';
import type { Scheduler } from '../core/scheduler.ts';
import type { CardState, ReviewEvent } from '../core/types.ts';
import { appendEvent } from './appendEvent.ts';
import type { PaperdeckDatabase } from './database.ts';
import { fromStateRow } from './stateRow.ts';

export interface InterviewAnswer {
	/** Ids chosen when the answer was given, so a retried save can never log it twice. */
	ids: { cram: string; review: string };
	cardId: string;
	grade: InterviewGrade;
	atMillis: number;
	day: number;
	durationMillis: number;
	/** "Also count as reviews": a miss on a learned card is also an Again review. */
	countAsReview: boolean;
}

/**
 * Logs one interview answer as a `cram` review, which never changes scheduling. With `countAsReview`,
 * a Missed card that is learned (decided on the stored state, in the same transaction) also gets an
 * Again review through the scheduler, its own event: the card goes back to relearning. Returns the
 * card's state after that review, or null when only the cram answer was logged. Saving the same
 * answer again (same ids) adds nothing.
 */
export async function recordInterviewAnswer(db: PaperdeckDatabase, scheduler: Scheduler, answer: InterviewAnswer): Promise<CardState | null> {
	const { cardId, grade, atMillis, day, durationMillis } = answer;
	return db.transaction('rw', db.events, db.states, async () => {
		const cram: ReviewEvent = { id: answer.ids.cram, type: 'review', cardId, atMillis, rating: grade, kind: 'cram', day, durationMillis };
		await appendEvent(db, cram, scheduler);
		if (!answer.countAsReview || grade !== 1) return null;
		const done = await db.events.get(answer.ids.review);
		const row = await db.states.get(cardId);
		if (!row) return null;
		if (done) return fromStateRow(row);
		if (row.queue === 'retired' || row.suspended || !isLearned(row)) return null;
		const review: ReviewEvent = { ...cram, id: answer.ids.review, rating: 1, kind: reviewKindFor(row.phase) };
		return appendEvent(db, review, scheduler);
	});
}
