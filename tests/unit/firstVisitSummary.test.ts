import { describe, expect, it } from 'vitest';
import { firstVisitSummary } from '../../src/lib/core/firstVisitSummary.ts';

describe('a first visit\'s numbers, from the deck alone', () => {
	const limits = { newPerDay: 20, reviewsPerDay: 200, rolloverHour: 4 };
	it('nothing is due or answered; the new-card limit is free', () => {
		expect(firstVisitSummary(limits, 2000)).toEqual({ due: 0, newAvailable: 20, answered: 0 });
	});
	it('never more new cards than the deck has, and none with a limit of 0', () => {
		expect(firstVisitSummary(limits, 7)).toEqual({ due: 0, newAvailable: 7, answered: 0 });
		expect(firstVisitSummary({ ...limits, newPerDay: 0 }, 2000).newAvailable).toBe(0);
	});
});
