import { describe, expect, it } from 'vitest';
import { activeEvents, compareEvents, reviewKindFor } from '../../src/lib/core/events.ts';
import { newCardState } from '../../src/lib/core/newCardState.ts';
import { reduceCard } from '../../src/lib/core/reduceCard.ts';
import { replayAll, replayCard } from '../../src/lib/core/replay.ts';
import { Phase, type CardEvent, type CardState, type Rating } from '../../src/lib/core/types.ts';
import { DAY, MINUTE, NOW, prng, review, scheduler, undo } from './factories.ts';

/** Folds events one by one as the app does while studying: incrementally, refolding on undo. */
function incremental(cardId: string, events: CardEvent[]): CardState {
	let state = newCardState(cardId);
	const seen: CardEvent[] = [];
	for (const e of events) {
		seen.push(e);
		state = e.type === 'undo' ? replayCard(cardId, seen, scheduler) : reduceCard(state, e, scheduler);
	}
	return state;
}

describe('undo', () => {
	it('cancels its target; undoing the undo restores it', () => {
		const a = review('c', NOW, 3);
		const b = review('c', NOW + MINUTE, 3);
		const u1 = undo(b, NOW + 2 * MINUTE);
		const u2 = undo(u1, NOW + 3 * MINUTE);
		expect(activeEvents([a, b, u1])).toEqual([a]);
		expect(activeEvents([a, b, u1, u2])).toEqual([a, b]);
	});

	it('returns the card to exactly the state before the grade (but for the log position)', () => {
		const a = review('c', NOW, 3);
		const b = review('c', NOW + 10 * MINUTE, 4);
		const before = replayCard('c', [a], scheduler);
		const after = replayCard('c', [a, b, undo(b, NOW + 11 * MINUTE)], scheduler);
		expect({ ...after, lastEventMillis: 0 }).toEqual({ ...before, lastEventMillis: 0 });
		expect(after.lastEventMillis).toBe(NOW + 11 * MINUTE);
	});
});

describe('replay', () => {
	it('is deterministic: any input order gives the same state', () => {
		const events = [review('c', NOW, 1), review('c', NOW + MINUTE, 3), review('c', NOW + 11 * MINUTE, 3), review('c', NOW + 3 * DAY, 2)];
		const forward = replayCard('c', events, scheduler);
		expect(replayCard('c', events.slice().reverse(), scheduler)).toEqual(forward);
		expect(replayCard('c', [events[2]!, events[0]!, events[3]!, events[1]!], scheduler)).toEqual(forward);
	});

	it('orders events of the same millisecond by id, the same way everywhere', () => {
		const x = review('c', NOW, 1, 'learn', 'b-id');
		const y = review('c', NOW, 4, 'learn', 'a-id');
		expect([x, y].sort(compareEvents)).toEqual([y, x]);
		expect(replayCard('c', [x, y], scheduler)).toEqual(replayCard('c', [y, x], scheduler));
	});

	it('equals the incremental state on random histories with undo, suspend, bury, reset and cram', () => {
		const rand = prng(42);
		for (let card = 0; card < 300; card++) {
			const id = `paper/c${card}`;
			const events: CardEvent[] = [];
			let now = NOW;
			for (let step = 0; step < 25; step++) {
				now += Math.floor(rand() * (rand() < 0.5 ? 20 * MINUTE : 40 * DAY)) + 1;
				const roll = rand();
				if (roll < 0.12 && events.length > 0) events.push(undo(events[Math.floor(rand() * events.length)]!, now));
				else if (roll < 0.16) events.push({ id: `s${card}-${step}`, type: rand() < 0.5 ? 'suspend' : 'unsuspend', cardId: id, atMillis: now });
				else if (roll < 0.19) events.push({ id: `b${card}-${step}`, type: 'bury', cardId: id, atMillis: now, untilMillis: now + DAY });
				else if (roll < 0.21) events.push({ id: `r${card}-${step}`, type: 'reset', cardId: id, atMillis: now });
				else if (roll < 0.26) events.push(review(id, now, (1 + Math.floor(rand() * 3)) as Rating, 'cram'));
				else {
					const state = incremental(id, events);
					events.push(review(id, now, (1 + Math.floor(rand() * 4)) as Rating, reviewKindFor(state.phase)));
				}
			}
			expect(replayCard(id, events, scheduler)).toEqual(incremental(id, events));
		}
	});

	it('rebuilds every card of a log at once, grouped by card', () => {
		const events = [review('a', NOW, 3), review('b', NOW, 1), review('a', NOW + 10 * MINUTE, 3)];
		const all = replayAll(events, scheduler);
		expect([...all.keys()].sort()).toEqual(['a', 'b']);
		expect(all.get('a')).toEqual(replayCard('a', events.filter((e) => e.cardId === 'a'), scheduler));
	});
});

describe('the reducer', () => {
	it('never changes scheduling for cram answers (interview mode)', () => {
		const learned = replayCard('c', [review('c', NOW, 4)], scheduler);
		const after = reduceCard(learned, review('c', NOW + DAY, 1, 'cram'), scheduler);
		expect({ ...after, lastEventMillis: 0 }).toEqual({ ...learned, lastEventMillis: 0 });
	});

	it('suspends, buries, resets, and records when a card was introduced', () => {
		let s = reduceCard(newCardState('c'), review('c', NOW, 3), scheduler);
		expect(s.introducedMillis).toBe(NOW);
		expect(s.phase).toBe(Phase.Learning);
		s = reduceCard(s, { id: 'x1', type: 'suspend', cardId: 'c', atMillis: NOW + 1 }, scheduler);
		expect(s.suspended).toBe(true);
		s = reduceCard(s, { id: 'x2', type: 'bury', cardId: 'c', atMillis: NOW + 2, untilMillis: NOW + DAY }, scheduler);
		expect(s.buriedUntilMillis).toBe(NOW + DAY);
		s = reduceCard(s, { id: 'x3', type: 'reset', cardId: 'c', atMillis: NOW + 3 }, scheduler);
		expect(s).toMatchObject({ phase: Phase.New, reps: 0, introducedMillis: 0, suspended: true, lastEventMillis: NOW + 3 });
		s = reduceCard(s, { id: 'x4', type: 'unsuspend', cardId: 'c', atMillis: NOW + 4 }, scheduler);
		expect(s.suspended).toBe(false);
	});

	it('classifies reviews by the phase they start from', () => {
		expect(reviewKindFor(Phase.New)).toBe('learn');
		expect(reviewKindFor(Phase.Learning)).toBe('learn');
		expect(reviewKindFor(Phase.Review)).toBe('review');
		expect(reviewKindFor(Phase.Relearning)).toBe('relearn');
	});
});
