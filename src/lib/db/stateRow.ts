import { Phase, type CardState } from '../core/types.ts';
import type { QueueName, StateRow } from './database.ts';

/** Which queue a card belongs in. */
export function queueOf(state: CardState, retired: boolean): QueueName {
	if (retired) return 'retired';
	if (state.suspended) return 'suspended';
	if (state.phase === Phase.New) return 'new';
	if (state.phase === Phase.Review) return 'review';
	return 'learning';
}

/** The stored row for a state: the state plus its index fields. */
export function toStateRow(state: CardState, deck: { paperId: string; newRank: number; retired: boolean }): StateRow {
	return {
		...state,
		paperId: deck.paperId,
		newRank: deck.newRank,
		queue: queueOf(state, deck.retired),
		availableMillis: Math.max(state.dueMillis, state.buriedUntilMillis)
	};
}

/** The plain state inside a row (drops the index fields). */
export function fromStateRow(row: StateRow): CardState {
	const { paperId: _p, newRank: _n, queue: _q, availableMillis: _a, ...state } = row;
	return state;
}

/**
 * Two rows (or two states) are the same when every field is, the index fields included: a row in the
 * wrong queue (or with a wrong `availableMillis`) hides its card from study even when its state is right.
 */
export function sameRow<T extends CardState>(a: T, b: T): boolean {
	const keys = Object.keys(a) as (keyof T)[];
	return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
