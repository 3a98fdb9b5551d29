/** Small builders for events and collections, shared by the unit tests. */
import { reviewKindFor } from '../../src/lib/core/events.ts';
import { newCardState } from '../../src/lib/core/newCardState.ts';
import { reduceCard } from '../../src/lib/core/reduceCard.ts';
import { createScheduler, DEFAULT_SCHEDULER_SETTINGS } from '../../src/lib/core/scheduler.ts';
import { studyDay } from '../../src/lib/core/studyDay.ts';
import type { CardEvent, CardState, Rating, ReviewEvent, ReviewKind } from '../../src/lib/core/types.ts';
import type { CompiledDeck } from '../../src/lib/deck/deckTypes.ts';
import { mulberry32 } from '../bench/simulateLog.ts';

export const DAY = 86_400_000;
export const MINUTE = 60_000;
/** A fixed "now" (2026-11-22 12:00 UTC): tests never read the clock. */
export const NOW = Date.UTC(2026, 10, 22, 12, 0);
export const UTC_CLOCK = { timeZone: 'UTC', rolloverHour: 4 };

export const scheduler = createScheduler(DEFAULT_SCHEDULER_SETTINGS);

let counter = 0;
export function eventId(): string {
	return `e${String(++counter).padStart(6, '0')}`;
}

export function review(cardId: string, atMillis: number, rating: Rating, kind: ReviewKind = 'learn', id = eventId()): ReviewEvent {
	return { id, type: 'review', cardId, atMillis, rating, kind, day: studyDay(atMillis, UTC_CLOCK), durationMillis: 4000 };
}

export function undo(target: CardEvent, atMillis: number, id = eventId()): CardEvent {
	return { id, type: 'undo', cardId: target.cardId, atMillis, targetId: target.id };
}

/** A deterministic PRNG (mulberry32). */
export { mulberry32 as prng };

/** A compiled deck of `papers` papers with `perPaper` cards each; `edit` changes one card's text. */
export function makeDeck(papers: number, perPaper: number, options: { drop?: string[]; edit?: string } = {}): CompiledDeck {
	const deck: CompiledDeck = { version: '', topics: [{ id: 'architecture', name: 'Architectures' }], papers: [], cards: [] };
	for (let p = 0; p < papers; p++) {
		const paperId = `paper-${p}`;
		const cardIds: string[] = [];
		for (let c = 0; c < perPaper; c++) {
			const id = `${paperId}/card-${c}`;
			if (options.drop?.includes(id)) continue;
			cardIds.push(id);
			const text = id === options.edit ? `Edited question ${id}` : `Question ${id}`;
			const content = { type: 'basic' as const, promptHtml: `<p>${text}</p>`, answerHtml: '<p>A</p>', noteHtml: '' };
			deck.cards.push({ id, paperId, ...content });
		}
		deck.papers.push({
			id: paperId,
			title: `Paper ${p}`,
			short: `P${p}`,
			year: 2017 + (p % 7),
			org: 'Lab',
			arxiv: `17${String(p).padStart(2, '0')}.00001`,
			topic: 'architecture',
			tier: 1 + (p % 3),
			buildsOn: [],
			tags: [],
			authors: [],
			summaryHtml: '<p>Summary</p>',
			cardIds
		});
	}
	deck.version = `v-${papers}-${perPaper}-${options.drop?.join(',') ?? ''}-${options.edit ?? ''}`;
	return deck;
}

/**
 * A log with every kind of event over `cardIds`: `count` events at increasing times from
 * `startMillis`, mostly reviews (kinds following each card's phase) with undos, suspensions and
 * burials among them, interleaved across cards as a real log is. Deterministic for a seed. (The
 * benchmarks' `simulateLog` models recall realistically, but writes reviews only.)
 */
export function mixedLog(seed: number, cardIds: readonly string[], count: number, startMillis = NOW - 400 * DAY): CardEvent[] {
	const rand = mulberry32(seed);
	const states = new Map<string, CardState>();
	const log: CardEvent[] = [];
	const lastReview = new Map<string, CardEvent>();
	let now = startMillis;
	const id = () => `s${seed}-${log.length}-${Math.floor(rand() * 1e9).toString(36)}`;
	while (log.length < count) {
		now += 1000 + Math.floor(rand() * 30 * MINUTE);
		const cardId = cardIds[Math.floor(rand() * cardIds.length)]!;
		const state = states.get(cardId) ?? newCardState(cardId);
		const roll = rand();
		let e: CardEvent;
		if (roll < 0.03 && lastReview.has(cardId)) {
			e = { id: id(), type: 'undo', cardId, atMillis: now, targetId: lastReview.get(cardId)!.id };
			lastReview.delete(cardId);
		} else if (roll < 0.035) {
			e = { id: id(), type: state.suspended ? 'unsuspend' : 'suspend', cardId, atMillis: now };
		} else if (roll < 0.04) {
			e = { id: id(), type: 'bury', cardId, atMillis: now, untilMillis: now + DAY };
		} else {
			const r = rand();
			const rating: Rating = r < 0.1 ? 1 : r < 0.25 ? 2 : r < 0.9 ? 3 : 4;
			e = review(cardId, now, rating, reviewKindFor(state.phase), id());
			lastReview.set(cardId, e);
		}
		log.push(e);
		if (e.type !== 'undo') states.set(cardId, reduceCard(state, e, scheduler));
	}
	return log;
}
