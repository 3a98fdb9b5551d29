import type { Plugin } from 'vite';

const REGISTRY = /[\\/]src[\\/]lib[\\/]paraglide[\\/]registry\.js$/;
const CONSTRUCTION = /new Intl\.(PluralRules|NumberFormat|DateTimeFormat|RelativeTimeFormat)\(locale, (options|intlOptions)\)/g;
const HELPER = `
const __formatters = new Map();
/** One formatter per kind, locale and options: building one is far dearer than using it. */
function __formatter(Kind, name, locale, options) {
	const key = name + '|' + locale + '|' + JSON.stringify(options ?? null);
	let f = __formatters.get(key);
	if (!f) __formatters.set(key, (f = new Kind(locale, options)));
	return f;
}
`;

/**
 * Paraglide's compiled messages build a new Intl formatter on every call of a message with a plural
 * or a number in it (its registry.js says `new Intl.PluralRules(locale, options).select(…)`). One
 * construction costs about 0.1 ms, the first of a kind far more (ICU loads its data): the library's
 * list of 377 papers, each with "N cards", spent about 60 ms of its hydration on them (and four times
 * that on a phone). This rewrites the generated registry so each formatter is built once. The build
 * fails if paraglide's output changes so the rewrite no longer applies.
 */
export function intlFormatterCache(): Plugin {
	return {
		name: 'paperdeck-intl-formatter-cache',
		enforce: 'pre',
		transform(code, id) {
			if (!REGISTRY.test(id)) return null;
			const out = code.replace(CONSTRUCTION, (_, kind: string, options: string) => `__formatter(Intl.${kind}, '${kind}', locale, ${options})`);
			if (out === code || /new Intl\./.test(out)) {
				this.error("paraglide's registry.js no longer builds its formatters as expected: re-check tools/intlFormatterCache.ts");
			}
			return { code: out + HELPER, map: null };
		}
	};
}
