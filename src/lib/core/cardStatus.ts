import { dueInStudyDays } from './dueInStudyDays.ts';
import type { DayClock } from './studyDay.ts';
import { Phase, type CardState } from './types.ts';

export type CardStatusKind = 'new' | 'learning' | 'review' | 'suspended';

/** A card's state as the library and the card browser show it (the words come from the interface language). */
export interface CardStatus {
	kind: CardStatusKind;
	/** The kind, with relearning told apart from learning. */
	stage: CardStatusKind | 'relearning';
	/** Hidden until the next study day. */
	buried: boolean;
	/** When it is next shown, in study days from now (negative: overdue); null for new and suspended cards. */
	dueInDays: number | null;
	/** Predicted recall now (0–1); null for a card never studied. */
	recall: number | null;
}

/**
 * Describes `state` at `nowMillis`; `recall` is the scheduler's retrievability at that time.
 * @example cardStatus(state, now, clock, scheduler.retrievability(state, now)).dueInDays // 1
 */
export function cardStatus(state: CardState, nowMillis: number, clock: DayClock, recall: number): CardStatus {
	const studied = state.phase !== Phase.New;
	const kind: CardStatusKind = state.suspended ? 'suspended' : !studied ? 'new' : state.phase === Phase.Review ? 'review' : 'learning';
	const stage = kind === 'learning' && state.phase === Phase.Relearning ? 'relearning' : kind;
	const buried = state.buriedUntilMillis > nowMillis;
	const dueInDays = studied && !state.suspended ? dueInStudyDays(Math.max(state.dueMillis, state.buriedUntilMillis), nowMillis, clock) : null;
	return { kind, stage, buried, dueInDays, recall: studied ? recall : null };
}
