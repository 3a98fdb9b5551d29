import { afterEach, describe, expect, it } from 'vitest';
import { intervalParts } from '../../src/lib/core/formatInterval.ts';
import { formatIntervalShort, formatIntervalWords } from '../../src/lib/i18n/format.ts';
import { baseLocale, overwriteGetLocale, type Locale } from '../../src/lib/paraglide/runtime.js';
import { DAY, MINUTE } from './factories.ts';

const inLocale = (locale: Locale) => overwriteGetLocale(() => locale);
afterEach(() => inLocale(baseLocale));

describe('interval labels', () => {
	it('pick the largest unit reached, whole below months and one decimal above', () => {
		expect(intervalParts(30_000)).toEqual({ unit: 'minute', value: 1 });
		expect(intervalParts(90 * MINUTE)).toEqual({ unit: 'hour', value: 2 });
		expect(intervalParts(75 * DAY)).toEqual({ unit: 'month', value: 2.5 });
		expect(intervalParts(438 * DAY)).toEqual({ unit: 'year', value: 1.2 });
	});

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

	it('are Chinese in the Chinese interface', () => {
		inLocale('zh-CN');
		expect(formatIntervalShort(10 * MINUTE)).toBe('10分钟');
		expect(formatIntervalShort(75 * DAY)).toBe('2.5个月');
		expect(formatIntervalWords(3 * DAY)).toBe('3天');
		expect(formatIntervalWords(DAY)).toBe('1天');
	});
});
