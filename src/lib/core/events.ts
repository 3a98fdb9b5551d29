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
 * `sorted` must be in `compareEvents` order; the result keeps that order and drops undo events.
 */
export function activeEvents(sorted: readonly CardEvent[]): CardEvent[] {
	let anyUndo = false;
	for (const e of sorted) if (e.type === 'undo') anyUndo = true;
	if (!anyUndo) return sorted.slice();
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
