/**
 * The app's only Trusted Types policies. The page's CSP has `require-trusted-types-for 'script'` and
 * names the policies allowed (`trusted-types`, svelte.config.js), so in an engine that enforces it
 * (Chromium) every HTML or script-URL sink outside these two functions throws. There is no default
 * policy: that would turn every sink back into a string sink and defeat the point.
 *
 * Where Trusted Types do not exist (Firefox, WebKit) both functions return their checked string.
 */

interface TrustedTypePolicyLike {
	createHTML(input: string): unknown;
	createScriptURL(input: string): unknown;
}
interface TrustedTypesLike {
	createPolicy(name: string, rules: { createHTML?: (s: string) => string; createScriptURL?: (s: string) => string }): TrustedTypePolicyLike;
}

/** Policy names; svelte.config.js lists exactly these (plus Svelte's own) in `trusted-types`. */
export const HTML_POLICY = 'paperdeck-deck-html';
export const SCRIPT_URL_POLICY = 'paperdeck-script-url';

/**
 * What deck HTML may not contain. The deck is compiled at build time from our own Markdown
 * (markdown-it with raw HTML off, KaTeX with trust off), so none of this can appear; the check is a
 * tripwire should a later path (own cards) ever hand outside HTML here. KaTeX's own <svg> and <math>
 * are allowed; an event-handler attribute or a script URL on any element is not.
 */
const FORBIDDEN_HTML = [
	/<\s*(script|iframe|object|embed|frame|frameset|base|meta|link|form|style|template)\b/i,
	/<[^>]*\son[a-z]+\s*=/i,
	/<[^>]*\s(href|src|action|formaction|xlink:href)\s*=\s*["']?\s*(javascript|data|vbscript):/i
];

/** Throws unless `html` is free of script: the rule the HTML policy enforces. */
export function checkDeckHtml(html: string): string {
	for (const pattern of FORBIDDEN_HTML) {
		if (pattern.test(html)) throw new TypeError(`Refused HTML that matches ${pattern}`);
	}
	return html;
}

/** Workers and the service worker: same-origin scripts under these paths only. */
export function checkScriptUrl(url: string, base: string): string {
	const resolved = new URL(url, base);
	const origin = new URL(base).origin;
	// `vite dev` serves the worker from its source path with a query (`?worker_file&type=module`).
	const devWorker = resolved.pathname.startsWith('/src/lib/workers/');
	const built = resolved.pathname === '/sw.js' || resolved.pathname.startsWith('/_app/immutable/workers/');
	if (resolved.origin !== origin || !(built || devWorker) || (built && resolved.search) || resolved.hash) {
		throw new TypeError(`Refused script URL ${resolved.href}`);
	}
	return resolved.href;
}

const factory = (globalThis as unknown as { trustedTypes?: TrustedTypesLike }).trustedTypes;
const htmlPolicy = factory?.createPolicy(HTML_POLICY, { createHTML: checkDeckHtml });
const scriptUrlPolicy = factory?.createPolicy(SCRIPT_URL_POLICY, { createScriptURL: (url) => checkScriptUrl(url, location.href) });

/**
 * The deck's build-time HTML (card faces, paper summaries), ready for `{@html}`: a TrustedHTML where
 * the engine has them. Only deck HTML goes through here; outside text is rendered as text.
 */
export function deckHtml(html: string): string {
	return (htmlPolicy ? htmlPolicy.createHTML(html) : checkDeckHtml(html)) as string;
}

/** A worker's or the service worker's script URL, as a TrustedScriptURL where the engine has them. */
export function scriptUrl(url: string): string {
	return (scriptUrlPolicy ? scriptUrlPolicy.createScriptURL(url) : checkScriptUrl(url, location.href)) as string;
}
