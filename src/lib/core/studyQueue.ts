import { Phase, type CardState, type StudySettings } from './types.ts';

/** How far ahead a learning card may be shown when nothing else is left (Anki's default). */
export const LEARN_AHEAD_MILLIS = 20 * 60_000;

export interface DoneToday {
	/** Review-kind answers today (they count against the review limit). */
	reviews: number;
	/** Cards introduced today (they count against the new-card limit). */
	newCards: number;
}

/** How many reviews and new cards today's limits still allow. */
export function remainingLimits(limits: StudySettings, done: DoneToday): { reviews: number; newCards: number } {
	return {
		reviews: Math.max(0, limits.reviewsPerDay - done.reviews),
		newCards: Math.max(0, limits.newPerDay - done.newCards)
	};
}

export interface QueueCounts {
	learning: number;
	review: number;
	new: number;
}

const isLearning = (s: CardState) => s.phase === Phase.Learning || s.phase === Phase.Relearning;

/**
 * One study day's queue: learning cards when due, then due reviews (oldest due first, up to the review
 * limit), then new cards in study order (up to the new-card limit), then learning cards due within
 * the learn-ahead window. Pure: the caller passes the time.
 *
 * @example
 * const q = new StudyQueue({ learning, reviews, fresh, dayEndMillis });
 * const card = q.next(now);
 * q.answered(card.cardId, stateAfterGrade);
 */
export class StudyQueue {
	#learning: CardState[];
	#reviews: CardState[];
	#fresh: CardState[];
	#front: CardState[] = [];
	#dayEndMillis: number;

	/**
	 * `reviews` must already be limited to what today's review limit allows and sorted by due time;
	 * `fresh` limited to the new-card allowance and in study order.
	 */
	constructor(input: { learning: CardState[]; reviews: CardState[]; fresh: CardState[]; dayEndMillis: number }) {
		this.#dayEndMillis = input.dayEndMillis;
		this.#learning = input.learning.filter((s) => s.dueMillis < input.dayEndMillis).sort(byDue);
		this.#reviews = input.reviews.slice();
		this.#fresh = input.fresh.slice();
	}

	/** The card to show at `nowMillis`, or null when nothing is left for now. */
	next(nowMillis: number): CardState | null {
		const first = this.#front[0] ?? null;
		if (first) return first;
		const learning = this.#learning[0];
		if (learning && learning.dueMillis <= nowMillis) return learning;
		if (this.#reviews[0]) return this.#reviews[0];
		if (this.#fresh[0]) return this.#fresh[0];
		if (learning && learning.dueMillis <= nowMillis + LEARN_AHEAD_MILLIS) return learning;
		return null;
	}

	/** When the next learning card waiting beyond the learn-ahead window is due, or null. */
	nextLearningDueMillis(): number | null {
		return this.#learning[0]?.dueMillis ?? null;
	}

	/**
	 * Records that `cardId` was answered and is now `after`: it leaves its queue, and comes back later
	 * today if it is still in learning.
	 */
	answered(cardId: string, after: CardState): void {
		this.remove(cardId);
		if (isLearning(after) && !after.suspended && after.dueMillis < this.#dayEndMillis) {
			insertSorted(this.#learning, after);
		}
	}

	/** Takes a card out of the queue (answered, suspended, buried, or changed in another tab). */
	remove(cardId: string): void {
		const drop = (list: CardState[]) => {
			const i = list.findIndex((s) => s.cardId === cardId);
			if (i >= 0) list.splice(i, 1);
		};
		drop(this.#front);
		drop(this.#learning);
		drop(this.#reviews);
		drop(this.#fresh);
	}

	/** Puts a card back to be shown next (after an undo). */
	showNext(state: CardState): void {
		this.remove(state.cardId);
		this.#front.unshift(state);
	}

	/** Cards left, by the queue they will be shown from. */
	counts(): QueueCounts {
		const c = { learning: this.#learning.length, review: this.#reviews.length, new: this.#fresh.length };
		for (const s of this.#front) {
			if (s.phase === Phase.New) c.new++;
			else if (isLearning(s)) c.learning++;
			else c.review++;
		}
		return c;
	}

	/** Every card still queued (for refreshing from storage). */
	cardIds(): string[] {
		return [...this.#front, ...this.#learning, ...this.#reviews, ...this.#fresh].map((s) => s.cardId);
	}
}

function byDue(a: CardState, b: CardState): number {
	return a.dueMillis - b.dueMillis;
}

function insertSorted(list: CardState[], s: CardState): void {
	let i = list.length;
	while (i > 0 && list[i - 1]!.dueMillis > s.dueMillis) i--;
	list.splice(i, 0, s);
}
