import { Phase, type CardEvent, type ReviewKind } from './types.ts';

/**
 * The log's one total order: by time, then by id. Two devices may stamp the same millisecond; the id
 * breaks the tie the same way everywhere, so every replay agrees.
 */
export function compareEvents(a: CardEvent, b: CardEvent): number {
	return a.atMillis - b.atMillis || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The events that still count: those not cancelled by an undo that itself still counts. An undo
 * always follows its target, so walking from newest to oldest settles every undo before its target.
 * `sorted` must be in `compareEvents` order; the result keeps that order and drops undo events (it is
 * `sorted` itself when there is no undo).
 */
export function activeEvents(sorted: readonly CardEvent[]): readonly CardEvent[] {
	let anyUndo = false;
	for (const e of sorted) if (e.type === 'undo') anyUndo = true;
	if (!anyUndo) return sorted;
	const cancelled = new Set<string>();
	for (let i = sorted.length - 1; i >= 0; i--) {
		const e = sorted[i]!;
		if (e.type === 'undo' && !cancelled.has(e.id)) cancelled.add(e.targetId);
	}
	return sorted.filter((e) => e.type !== 'undo' && !cancelled.has(e.id));
}

/** What kind a review of a card in `phase` is, as FSRS optimizers classify it. */
export function reviewKindFor(phase: Phase): ReviewKind {
	if (phase === Phase.Review) return 'review';
	if (phase === Phase.Relearning) return 'relearn';
	return 'learn';
}

/** Events in `compareEvents` order: `events` itself when already sorted (the usual case), else a sorted copy. */
export function inLogOrder(events: readonly CardEvent[]): readonly CardEvent[] {
	for (let i = 1; i < events.length; i++) {
		if (compareEvents(events[i - 1]!, events[i]!) > 0) return events.slice().sort(compareEvents);
	}
	return events;
}
