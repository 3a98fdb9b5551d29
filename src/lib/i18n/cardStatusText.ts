import type { CardStatus } from '../core/cardStatus.ts';
import { m } from '../paraglide/messages.js';

const STAGES = {
	new: m.stage_new,
	learning: m.stage_learning,
	relearning: m.stage_relearning,
	review: m.stage_review,
	suspended: m.stage_suspended
} as const;

/** A card's stage in words: New, Learning, Relearning, Review, Suspended. */
export function stageName(stage: CardStatus['stage']): string {
	return STAGES[stage]();
}

/**
 * When a card comes back, from `dueInStudyDays`: `due today`, `due tomorrow`, `due in 12 days`,
 * `overdue by 3 days`.
 */
export function describeDue(days: number): string {
	if (days < 0) return m.overdue_by_days({ count: -days });
	if (days === 0) return m.due_today();
	if (days === 1) return m.due_tomorrow();
	return m.due_in_days({ count: days });
}
