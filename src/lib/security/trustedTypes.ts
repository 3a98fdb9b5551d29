/**
 * The app's Trusted Types policy for HTML (trustedScriptUrl.ts has the one for script URLs). The
 * page's CSP has `require-trusted-types-for 'script'` and names the policies allowed (`trusted-types`,
 * svelte.config.js), so in an engine that enforces it (Chromium) every HTML or script-URL sink outside
 * these policies throws. There is no default policy: that would turn every sink back into a string
 * sink and defeat the point. Where Trusted Types do not exist (Firefox, WebKit) `deckHtml` returns
 * its checked string.
 */

interface TrustedTypesLike {
	createPolicy(name: string, rules: { createHTML: (s: string) => string }): { createHTML(input: string): unknown };
}

/** The HTML policy's name; svelte.config.js lists it (with trustedScriptUrl.ts's and Svelte's) in `trusted-types`. */
export const HTML_POLICY = 'paperdeck-deck-html';

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

const factory = (globalThis as unknown as { trustedTypes?: TrustedTypesLike }).trustedTypes;
const htmlPolicy = factory?.createPolicy(HTML_POLICY, { createHTML: checkDeckHtml });

/**
 * The deck's build-time HTML (card faces, paper summaries), ready for `{@html}`: a TrustedHTML where
 * the engine has them. Only deck HTML goes through here; outside text is rendered as text.
 */
export function deckHtml(html: string): string {
	return (htmlPolicy ? htmlPolicy.createHTML(html) : checkDeckHtml(html)) as string;
}
