/**
 * The user's own Markdown → HTML, in the browser. Own text is untrusted (typed, imported, or synced
 * from another device), so: markdown-it with raw HTML off, links only to http(s) addresses and with
 * `rel="noopener noreferrer"`, no images, and math through KaTeX with `trust: false` (no `\href`,
 * `\url`, `\htmlData`…), a bounded macro expansion and a fresh macro table per formula, so a `\gdef`
 * in one card cannot reach another. Loaded lazily (see ownRenderer.ts); KaTeX only when there is math.
 */
import markdownIt, { type MarkdownIt } from 'markdown-it';
import { clozeRule, mathRule, RenderError, type ClozeMode } from '../deck/markdownRules.ts';
import { mathVariantsToUnicode } from '../deck/mathVariantsToUnicode.ts';

/** The part of KaTeX this module uses (the module is passed in, so it can stay unloaded). */
export interface MathLibrary {
	renderToString(tex: string, options: Record<string, unknown>): string;
}

export type OwnRenderer = (source: string, cloze?: ClozeMode) => string;

const SAFE_LINK = /^https?:\/\//i;

function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function createMarkdown(katex: MathLibrary | null): MarkdownIt {
	const md = markdownIt('default', { html: false, linkify: false, typographer: false });
	md.disable(['code', 'image', 'html_inline', 'html_block', 'reference']);
	// Only web links: `javascript:`, `data:`, `vbscript:` and relative URLs stay text.
	md.validateLink = (url) => SAFE_LINK.test(url.trim());
	md.inline.ruler.before('escape', 'cloze', clozeRule);
	md.inline.ruler.before('escape', 'math', mathRule);
	const defaultLink = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
	md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
		tokens[idx]!.attrSet('rel', 'noopener noreferrer');
		return defaultLink(tokens, idx, options, env, self);
	};
	md.renderer.rules.math = (tokens, idx) => {
		const t = tokens[idx]!;
		const display = t.markup === '$$';
		if (!katex) return `<code class="math-source">${escapeHtml(t.markup + t.content + t.markup)}</code>`;
		const mathml = katex.renderToString(t.content, {
			displayMode: display,
			// MathML, as the deck's (renderMarkdown.ts): the browser lays it out, no KaTeX CSS or fonts.
			output: 'mathml',
			// A typo shows KaTeX's red message in place instead of breaking the card.
			throwOnError: false,
			trust: false,
			strict: 'ignore',
			maxExpand: 500,
			maxSize: 20,
			macros: {}
		});
		return mathVariantsToUnicode(mathml);
	};
	md.renderer.rules.cloze_blank = () => '<span class="cloze-blank">[…]</span>';
	md.renderer.rules.cloze_open = () => '<mark class="cloze">';
	md.renderer.rules.cloze_close = () => '</mark>';
	return md;
}

/**
 * A renderer for own fields. `katex` is KaTeX's module when the content has math, else null (math is
 * then shown as its source). Never throws: an unclosed `$` or `{{` shows the field as plain text.
 */
export function createOwnRenderer(katex: MathLibrary | null): OwnRenderer {
	const md = createMarkdown(katex);
	return (source, cloze = 'reveal') => {
		try {
			return md.render(source, { cloze });
		} catch (e) {
			if (!(e instanceof RenderError)) throw e;
			return `<p>${escapeHtml(source)}</p>\n`;
		}
	};
}

/** Why a field cannot be rendered as written (an unclosed `$` or `{{`), for the form; null when fine. */
export function renderProblem(source: string): string | null {
	try {
		createMarkdown(null).render(source, { cloze: 'reveal' });
		return null;
	} catch (e) {
		if (e instanceof RenderError) return e.message;
		throw e;
	}
}
