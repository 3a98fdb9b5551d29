import { describe, expect, it } from 'vitest';
import { formatIntervalShort, formatIntervalWords } from '../../src/lib/core/formatInterval.ts';
import { DAY, MINUTE } from './factories.ts';

describe('interval labels', () => {
	it('are compact on buttons', () => {
		expect(formatIntervalShort(MINUTE)).toBe('1m');
		expect(formatIntervalShort(10 * MINUTE)).toBe('10m');
		expect(formatIntervalShort(90 * MINUTE)).toBe('2h');
		expect(formatIntervalShort(3 * DAY)).toBe('3d');
		expect(formatIntervalShort(75 * DAY)).toBe('2.5mo');
		expect(formatIntervalShort(438 * DAY)).toBe('1.2y');
	});

	it('are words for screen readers, with plurals', () => {
		expect(formatIntervalWords(MINUTE)).toBe('1 minute');
		expect(formatIntervalWords(3 * DAY)).toBe('3 days');
		expect(formatIntervalWords(DAY)).toBe('1 day');
		expect(formatIntervalWords(30 * DAY)).toBe('1 month');
		expect(formatIntervalWords(75 * DAY)).toBe('2.5 months');
	});
});
