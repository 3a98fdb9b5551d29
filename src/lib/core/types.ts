/**
 * The domain's vocabulary. Plain data only: everything here survives `structuredClone`, JSON and
 * IndexedDB unchanged. Times are epoch milliseconds (`…Millis`); a study day is an integer (see
 * studyDay.ts).
 */

/** FSRS ratings, numbered as FSRS numbers them. */
export type Rating = 1 | 2 | 3 | 4;
export const RATINGS: readonly Rating[] = [1, 2, 3, 4];

/**
 * What a review was, as FSRS optimizers want it recorded. `cram` answers (interview mode) are kept in
 * the history but never change scheduling.
 */
export type ReviewKind = 'learn' | 'review' | 'relearn' | 'cram';

/** FSRS card phases, with the numbers ts-fsrs's `State` uses. */
export const Phase = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

import type { ContentEvent } from './contentEvents.ts';

interface EventBase {
	/** Random and unique: merging two logs is a set union by this id. */
	id: string;
	cardId: string;
	atMillis: number;
}

export interface ReviewEvent extends EventBase {
	type: 'review';
	rating: Rating;
	kind: ReviewKind;
	/**
	 * The study day the review fell on, fixed when it happened. Elapsed days are differences of these,
	 * so a replay gives the same answer on any device and in any time zone.
	 */
	day: number;
	/** How long the answer took (question shown → grade). */
	durationMillis: number;
	/**
	 * The fuzz draw (0 ≤ fuzz < 1) that placed the next due date inside FSRS's fuzz range, when the
	 * load balancer or easy days chose it instead of the usual seeded draw. It depends on other
	 * cards' due dates, so it is recorded here, never recomputed: replay uses it as is.
	 */
	fuzz?: number;
	/**
	 * The latest due time the interview plan allowed when this answer was given (the day before the
	 * interview, for a card whose recall on the date would otherwise fall below target).
	 */
	capMillis?: number;
}

/** Cancels an earlier event of the same card. Undoing an undo restores its target. */
export interface UndoEvent extends EventBase {
	type: 'undo';
	targetId: string;
}

export interface SuspendEvent extends EventBase {
	type: 'suspend';
}

export interface UnsuspendEvent extends EventBase {
	type: 'unsuspend';
}

/** Hides a card until `untilMillis` (the start of the next study day). */
export interface BuryEvent extends EventBase {
	type: 'bury';
	untilMillis: number;
}

/** Forgets a card's progress: it becomes new again. Its history stays in the log. */
export interface ResetEvent extends EventBase {
	type: 'reset';
}

/**
 * Makes a studied card due no later than `dueMillis` (interview mode's "add to tomorrow's reviews"),
 * like Anki's "set due date": its memory (stability, difficulty) is left as it is, so the review it
 * brings forward is an early review that FSRS grades with the real elapsed time. No effect on a new
 * card (it has no schedule) or on one already due by then.
 */
export interface DueByEvent extends EventBase {
	type: 'dueBy';
	dueMillis: number;
	/** The backlog action (advance, interview plan) this event belongs to: undone together. */
	batch?: string;
}

/**
 * Makes a studied card due no earlier than `dueMillis` (backlog recovery's postpone and catch-up):
 * the mirror of `DueByEvent`. Memory stays as it is, so the later review is graded by FSRS with the
 * real elapsed time. No effect on a new card or on one already due after then.
 */
export interface PostponeEvent extends EventBase {
	type: 'postpone';
	dueMillis: number;
	/** The backlog action this event belongs to: undone together. */
	batch?: string;
}

export type CardEvent =
	| ReviewEvent
	| UndoEvent
	| SuspendEvent
	| UnsuspendEvent
	| BuryEvent
	| ResetEvent
	| DueByEvent
	| PostponeEvent
	| ContentEvent;
export type CardEventType = CardEvent['type'];

/** A card's scheduling state: the fold of its events. Stored only as a cache. */
export interface CardState {
	cardId: string;
	phase: Phase;
	/** When FSRS wants the card next; 0 for a new card. */
	dueMillis: number;
	stability: number;
	difficulty: number;
	scheduledDays: number;
	learningSteps: number;
	reps: number;
	lapses: number;
	/** 0 when never reviewed. */
	lastReviewMillis: number;
	/** Study day of the last review (elapsed days are differences of study days). */
	lastReviewDay: number;
	/** When the card left the new queue (its first review since creation or reset); 0 while new. */
	introducedMillis: number;
	suspended: boolean;
	/** 0 when not buried. */
	buriedUntilMillis: number;
	/** The newest event folded in: an event older than this forces a refold of the card. */
	lastEventMillis: number;
}

/** Everything that shapes FSRS's answers. Changing any of it means replaying the log. */
export interface SchedulerSettings {
	weights: readonly number[];
	desiredRetention: number;
	maximumInterval: number;
	/** Steps like `1m`, `10m`, `1h`, `1d`. */
	learningSteps: readonly string[];
	relearningSteps: readonly string[];
	enableFuzz: boolean;
	enableShortTerm: boolean;
}

/** Daily limits and the day boundary. */
export interface StudySettings {
	newPerDay: number;
	reviewsPerDay: number;
	/** Local hour (0–23) at which a new study day begins. */
	rolloverHour: number;
}

/** What a grade would do, shown on its button. */
export interface GradePreview {
	rating: Rating;
	phase: Phase;
	dueMillis: number;
	scheduledDays: number;
}
