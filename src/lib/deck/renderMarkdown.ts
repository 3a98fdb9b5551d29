/**
 * Card Markdown → HTML, at build time only: KaTeX renders math here so no math library ships to the
 * phone. Math is MathML (KaTeX's `output: 'mathml'`), which Chromium, Firefox and Safari lay out
 * natively with the device's math font: no KaTeX CSS or fonts to download, and a deck far smaller
 * than with KaTeX's HTML layout. Raw HTML, links and images are off: cards are text and math.
 */
import katex from 'katex';
import markdownIt, { type MarkdownIt } from 'markdown-it';
import { mathVariantsToUnicode } from './mathVariantsToUnicode.ts';
import { clozeRule, mathRule, RenderError, type ClozeMode } from './markdownRules.ts';

export { RenderError, type ClozeMode } from './markdownRules.ts';

function createMarkdown(): MarkdownIt {
	const md = markdownIt('default', { html: false, linkify: false, typographer: false });
	// Indented code would swallow continuation lines; links and images have no place on a card.
	md.disable(['code', 'link', 'image', 'autolink', 'html_inline', 'html_block', 'heading', 'lheading', 'reference']);
	md.inline.ruler.before('escape', 'cloze', clozeRule);
	md.inline.ruler.before('escape', 'math', mathRule);
	md.renderer.rules.math = (tokens, idx) => {
		const t = tokens[idx]!;
		try {
			return mathVariantsToUnicode(katex.renderToString(t.content, { displayMode: t.markup === '$$', throwOnError: true, strict: 'ignore', output: 'mathml' }));
		} catch (e) {
			throw new RenderError(`bad math ${t.markup}${t.content}${t.markup}: ${(e as Error).message}`);
		}
	};
	md.renderer.rules.cloze_blank = () => '<span class="cloze-blank">[…]</span>';
	md.renderer.rules.cloze_open = () => '<mark class="cloze">';
	md.renderer.rules.cloze_close = () => '</mark>';
	return md;
}

let shared: MarkdownIt | null = null;

/**
 * Renders one field. `cloze` chooses how `{{deletions}}` appear: hidden behind `[…]` on the question
 * side, highlighted on the answer side. Throws `RenderError` on bad math or an unclosed delimiter.
 * @example renderMarkdown('Scale by $1/\\sqrt{d_k}$') // '<p>Scale by <span class="katex"><math>…</math></span></p>\n'
 */
export function renderMarkdown(source: string, cloze: ClozeMode = 'reveal'): string {
	shared ??= createMarkdown();
	return shared.render(source, { cloze });
}

/** Plain text of a field for search: Markdown marks and cloze braces removed, math kept as TeX. */
export function plainText(source: string): string {
	return source
		.replace(/\{\{|\}\}/g, '')
		.replace(/[*`]/g, '')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Renders one field, or records `file:line: reason` in `errors` and returns '' when it cannot be. */
export function renderField(
	file: string,
	line: number,
	source: string,
	mode: ClozeMode,
	errors: { file: string; line: number; reason: string }[]
): string {
	try {
		return renderMarkdown(source, mode);
	} catch (e) {
		if (!(e instanceof RenderError)) throw e;
		errors.push({ file, line, reason: e.message });
		return '';
	}
}
