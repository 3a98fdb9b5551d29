import { remainingLimits } from './studyQueue.ts';
import type { StudySettings } from './types.ts';

/**
 * A first visit's numbers for today, from the deck alone (before its import is stored): nothing
 * answered, nothing due, and as many new cards as the new-card limit allows.
 * @example firstVisitSummary({ newPerDay: 20, reviewsPerDay: 200, rolloverHour: 4 }, 2000) // { due: 0, newAvailable: 20, answered: 0 }
 */
export function firstVisitSummary(limits: StudySettings, deckCards: number): { due: number; newAvailable: number; answered: number } {
	const { newCards } = remainingLimits(limits, { reviews: 0, newCards: 0 });
	return { due: 0, newAvailable: Math.min(newCards, deckCards), answered: 0 };
}
