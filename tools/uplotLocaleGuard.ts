import type { Plugin } from 'vite';

const FORMATTER = 'new Intl.NumberFormat(domEnv ? nav.language : \'en-US\')';

/**
 * uPlot builds a number formatter from `navigator.language` when its module loads. Where that is not
 * a BCP 47 tag (WebKitGTK reports the POSIX locale "C" under LANG=C), the constructor throws a
 * RangeError, the module never finishes evaluating, and every page that charts fails with "500
 * Internal Error" (WebKit said "undefined is not a constructor" for the half-evaluated page). We
 * format every axis and legend value ourselves, so uPlot's default formatter only has to not throw:
 * Intl.getCanonicalLocales validates the tag and we fall back to the runtime's default locale.
 * The build fails if uPlot's source changes so this no longer applies, rather than shipping the bug.
 */
export function uplotLocaleGuard(): Plugin {
	return {
		name: 'paperdeck-uplot-locale-guard',
		enforce: 'pre',
		transform(code, id) {
			if (!/[\\/]uplot[\\/]dist[\\/]uPlot\.esm\.js$/.test(id)) return null;
			if (!code.includes(FORMATTER)) this.error('uPlot no longer builds its formatter as expected: re-check tools/uplotLocaleGuard.ts');
			const safe =
				'new Intl.NumberFormat((() => { try { return domEnv ? Intl.getCanonicalLocales(nav.language) : \'en-US\'; } catch { return undefined; } })())';
			return { code: code.replace(FORMATTER, safe), map: null };
		}
	};
}
