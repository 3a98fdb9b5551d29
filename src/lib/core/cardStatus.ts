import { describeDue } from './describeDue.ts';
import type { DayClock } from './studyDay.ts';
import { Phase, type CardState } from './types.ts';

export type CardStatusKind = 'new' | 'learning' | 'review' | 'suspended';

/** A card's state as the library and the card browser show it. */
export interface CardStatus {
	kind: CardStatusKind;
	/** `New`, `Learning`, `Relearning`, `Review` or `Suspended`. */
	label: string;
	/** Hidden until the next study day. */
	buried: boolean;
	/** When it is next shown (`due in 3 days`); null for new and suspended cards. */
	due: string | null;
	/** Predicted recall now (0–1); null for a card never studied. */
	recall: number | null;
}

/**
 * Describes `state` at `nowMillis`; `recall` is the scheduler's retrievability at that time.
 * @example cardStatus(state, now, clock, scheduler.retrievability(state, now)).due // 'due tomorrow'
 */
export function cardStatus(state: CardState, nowMillis: number, clock: DayClock, recall: number): CardStatus {
	const studied = state.phase !== Phase.New;
	const kind: CardStatusKind = state.suspended ? 'suspended' : !studied ? 'new' : state.phase === Phase.Review ? 'review' : 'learning';
	const label =
		kind === 'suspended' ? 'Suspended' : kind === 'new' ? 'New' : kind === 'review' ? 'Review' : state.phase === Phase.Relearning ? 'Relearning' : 'Learning';
	const buried = state.buriedUntilMillis > nowMillis;
	const due = studied && !state.suspended ? describeDue(Math.max(state.dueMillis, state.buriedUntilMillis), nowMillis, clock) : null;
	return { kind, label, buried, due, recall: studied ? recall : null };
}
