/**
 * Card Markdown → HTML, at build time only: KaTeX renders math here so no math library ships to the
 * phone (only KaTeX's CSS and fonts). Raw HTML, links and images are off: cards are text and math.
 */
import katex from 'katex';
import markdownIt, { type MarkdownIt, type StateInline } from 'markdown-it';

export type ClozeMode = 'blank' | 'reveal';

/** Thrown with the offending snippet when a field cannot be rendered (bad math, stray `$`). */
export class RenderError extends Error {}

const DOLLAR = 0x24;
const BACKSLASH = 0x5c;
const BRACE = 0x7b;

/** The index of the `$`/`$$` closing math opened at `from`, skipping `\$`; -1 when unclosed. */
function findMathEnd(src: string, from: number, display: boolean): number {
	let i = from;
	for (;;) {
		i = src.indexOf(display ? '$$' : '$', i);
		if (i < 0 || src.charCodeAt(i - 1) !== BACKSLASH) return i;
		i++;
	}
}

/** The index of the `}}` closing a cloze opened before `from`, ignoring braces inside math. */
function findClozeEnd(src: string, from: number): number {
	for (let i = from; i < src.length; i++) {
		const c = src.charCodeAt(i);
		if (c === DOLLAR && src.charCodeAt(i - 1) !== BACKSLASH) {
			const display = src.charCodeAt(i + 1) === DOLLAR;
			const end = findMathEnd(src, i + (display ? 2 : 1), display);
			if (end < 0) return -1;
			i = end + (display ? 1 : 0);
		} else if (c === 0x7d && src.charCodeAt(i + 1) === 0x7d) return i;
	}
	return -1;
}

function mathRule(state: StateInline, silent: boolean): boolean {
	const { src, pos } = state;
	if (src.charCodeAt(pos) !== DOLLAR) return false;
	const display = src.charCodeAt(pos + 1) === DOLLAR;
	const open = display ? 2 : 1;
	const end = findMathEnd(src, pos + open, display);
	if (end < 0) throw new RenderError(`unclosed ${display ? '$$' : '$'} math: ${src.slice(pos, pos + 40)}`);
	const tex = src.slice(pos + open, end);
	if (tex.trim() === '') throw new RenderError(`empty ${display ? '$$' : '$'} math`);
	if (!silent) {
		const token = state.push('math', '', 0);
		token.content = tex;
		token.markup = display ? '$$' : '$';
	}
	state.pos = end + open;
	return true;
}

function clozeRule(state: StateInline, silent: boolean): boolean {
	const { src, pos } = state;
	if (src.charCodeAt(pos) !== BRACE || src.charCodeAt(pos + 1) !== BRACE) return false;
	const end = findClozeEnd(src, pos + 2);
	if (end < 0) throw new RenderError(`unclosed {{ cloze: ${src.slice(pos, pos + 40)}`);
	if (!silent) {
		if (state.env.cloze === 'blank') {
			state.push('cloze_blank', '', 0);
		} else {
			state.push('cloze_open', 'mark', 1);
			const max = state.posMax;
			state.pos = pos + 2;
			state.posMax = end;
			state.md.inline.tokenize(state);
			state.posMax = max;
			state.push('cloze_close', 'mark', -1);
		}
	}
	state.pos = end + 2;
	return true;
}

function createMarkdown(): MarkdownIt {
	const md = markdownIt('default', { html: false, linkify: false, typographer: false });
	// Indented code would swallow continuation lines; links and images have no place on a card.
	md.disable(['code', 'link', 'image', 'autolink', 'html_inline', 'html_block', 'heading', 'lheading', 'reference']);
	md.inline.ruler.before('escape', 'cloze', clozeRule);
	md.inline.ruler.before('escape', 'math', mathRule);
	md.renderer.rules.math = (tokens, idx) => {
		const t = tokens[idx]!;
		try {
			return katex.renderToString(t.content, { displayMode: t.markup === '$$', throwOnError: true, strict: 'ignore' });
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
 * @example renderMarkdown('Scale by $1/\\sqrt{d_k}$') // '<p>Scale by <span class="katex">…</span></p>\n'
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
