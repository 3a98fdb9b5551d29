import { afterEach, describe, expect, it } from 'vitest';
import { formatNumber, formatPercent } from '../../src/lib/i18n/format.ts';
import { baseLocale, locales, overwriteGetLocale } from '../../src/lib/paraglide/runtime.js';

afterEach(() => overwriteGetLocale(() => baseLocale));

// Whole numbers and percentages are written without Intl (a page's first Intl object is slow to make):
// in every interface language they must read exactly as Intl writes them.
describe.each(locales)('numbers without Intl, in %s', (locale) => {
	it('whole numbers read as Intl writes them', () => {
		overwriteGetLocale(() => locale);
		const intl = new Intl.NumberFormat(locale);
		for (const n of [0, 7, -5, 42, 999, 1000, -1000, 12_345, 999_999, 1_234_567, -7_654_321, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
			expect(formatNumber(n), String(n)).toBe(intl.format(n));
		}
		// Anything else still goes through Intl.
		expect(formatNumber(1.2345)).toBe(intl.format(1.2345));
		expect(formatNumber(0.5, { maximumFractionDigits: 0 })).toBe(new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(0.5));
	});

	it('percentages read as Intl writes them, halves rounded the same way', () => {
		overwriteGetLocale(() => locale);
		const intl = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
		for (const f of [0, 1e-9, 0.004, 0.005, 0.125, 0.135, 0.285, 0.5, 0.8751, 0.9, 0.995, 1, 1 / 3, 2 / 3, 12.345, 27.5, -0.125]) {
			expect(formatPercent(f), String(f)).toBe(intl.format(f));
		}
		expect(formatPercent(null)).toBe('–');
	});
});
