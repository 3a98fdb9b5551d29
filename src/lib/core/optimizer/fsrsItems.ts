import { activeEvents, compareEvents } from '../events.ts';
import type { CardEvent, Rating } from '../types.ts';

/** One answer as FSRS training sees it: the grade, and whole study days since the previous answer. */
export interface FsrsReview {
	rating: Rating;
	deltaT: number;
}

/**
 * One prediction to learn from: a card's answers up to and including one given on a later day than
 * the answer before it. The last review is what the model must predict from the ones before it.
 */
export interface FsrsItem {
	cardId: string;
	/** When the last review was given: items are ordered by it (recency weighting needs that order). */
	atMillis: number;
	reviews: FsrsReview[];
}

/**
 * Turns the event log into FSRS training items, the way Anki hands its revlog to fsrs-rs:
 * undone answers and cram (interview) answers are left out, as are events that carry no answer
 * (suspend, bury, and `dueBy`, which moves a due date but leaves memory alone, so the early review it
 * brings is trained on with its real elapsed time), a manual reset starts the card's history
 * afresh, elapsed time is the difference of study days, and every answer given on a later day than
 * the one before it becomes one item carrying the history before it. Same-day answers stay
 * in the histories (they drive FSRS's short-term stability) but are never predicted themselves.
 */
export function fsrsItemsFromEvents(events: readonly CardEvent[]): FsrsItem[] {
	const byCard = new Map<string, CardEvent[]>();
	for (const e of events) {
		const list = byCard.get(e.cardId);
		if (list) list.push(e);
		else byCard.set(e.cardId, [e]);
	}
	const items: FsrsItem[] = [];
	for (const [cardId, list] of byCard) {
		let history: { rating: Rating; day: number; atMillis: number }[] = [];
		for (const e of activeEvents(list.sort(compareEvents))) {
			if (e.type === 'reset') history = [];
			else if (e.type === 'review' && e.kind !== 'cram') history.push({ rating: e.rating, day: e.day, atMillis: e.atMillis });
		}
		const reviews: FsrsReview[] = history.map((h, i) => ({
			rating: h.rating,
			deltaT: i === 0 ? 0 : Math.max(0, h.day - history[i - 1]!.day)
		}));
		for (let i = 1; i < reviews.length; i++) {
			if (reviews[i]!.deltaT > 0) items.push({ cardId, atMillis: history[i]!.atMillis, reviews: reviews.slice(0, i + 1) });
		}
	}
	return items.sort((a, b) => a.atMillis - b.atMillis || (a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0));
}

/** How many answers in an item were given on a later day than the one before (fsrs-rs's "long-term reviews"). */
export function longTermReviewCount(item: FsrsItem): number {
	let n = 0;
	for (const r of item.reviews) if (r.deltaT > 0) n++;
	return n;
}
