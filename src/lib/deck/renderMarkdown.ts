/**
 * Card Markdown → HTML, at build time only: KaTeX renders math here so no math library ships to the
 * phone. Math is MathML (KaTeX's `output: 'mathml'`), which Chromium, Firefox and Safari lay out
 * natively with the device's math font: no KaTeX CSS or fonts to download, and a deck a third smaller
 * than with KaTeX's HTML layout. Raw HTML, links and images are off: cards are text and math.
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
			const html = katex.renderToString(t.content, { displayMode: t.markup === '$$', throwOnError: true, strict: 'ignore', output: 'mathml' });
			// The HTML parser puts <math> in the MathML namespace by itself.
			return mathVariantsToUnicode(html.replace(' xmlns="http://www.w3.org/1998/Math/MathML"', ''));
		} catch (e) {
			throw new RenderError(`bad math ${t.markup}${t.content}${t.markup}: ${(e as Error).message}`);
		}
	};
	md.renderer.rules.cloze_blank = () => '<span class="cloze-blank">[…]</span>';
	md.renderer.rules.cloze_open = () => '<mark class="cloze">';
	md.renderer.rules.cloze_close = () => '</mark>';
	return md;
}

/** First code point of each style's capital A, small a, digit 0, capital Alpha and small alpha (0: none). */
const VARIANTS: Record<string, [number, number, number, number, number]> = {
	bold: [0x1d400, 0x1d41a, 0x1d7ce, 0x1d6a8, 0x1d6c2],
	italic: [0x1d434, 0x1d44e, 0, 0x1d6e2, 0x1d6fc],
	'bold-italic': [0x1d468, 0x1d482, 0, 0x1d71c, 0x1d736],
	script: [0x1d49c, 0x1d4b6, 0, 0, 0],
	'bold-script': [0x1d4d0, 0x1d4ea, 0, 0, 0],
	fraktur: [0x1d504, 0x1d51e, 0, 0, 0],
	'bold-fraktur': [0x1d56c, 0x1d586, 0, 0, 0],
	'double-struck': [0x1d538, 0x1d552, 0x1d7d8, 0, 0],
	'sans-serif': [0x1d5a0, 0x1d5ba, 0x1d7e2, 0, 0],
	'bold-sans-serif': [0x1d5d4, 0x1d5ee, 0x1d7ec, 0x1d756, 0x1d770],
	'sans-serif-italic': [0x1d608, 0x1d622, 0, 0, 0],
	monospace: [0x1d670, 0x1d68a, 0x1d7f6, 0, 0]
};

/** Letters that Unicode had before the mathematical block, which leaves their slots empty. */
const HOLES: Record<string, Record<string, string>> = {
	italic: { h: 'ℎ' },
	script: { B: 'ℬ', E: 'ℰ', F: 'ℱ', H: 'ℋ', I: 'ℐ', L: 'ℒ', M: 'ℳ', R: 'ℛ', e: 'ℯ', g: 'ℊ', o: 'ℴ' },
	fraktur: { C: 'ℭ', H: 'ℌ', I: 'ℑ', R: 'ℜ', Z: 'ℨ' },
	'double-struck': { C: 'ℂ', H: 'ℍ', N: 'ℕ', P: 'ℙ', Q: 'ℚ', R: 'ℝ', Z: 'ℤ' }
};

function styled(variant: string, ch: string): string {
	const hole = HOLES[variant]?.[ch];
	if (hole) return hole;
	const [upper, lower, digit, alpha, smallAlpha] = VARIANTS[variant]!;
	const c = ch.codePointAt(0)!;
	const from = (start: number, base: number) => (start ? String.fromCodePoint(start + c - base) : ch);
	if (c >= 0x41 && c <= 0x5a) return from(upper, 0x41);
	if (c >= 0x61 && c <= 0x7a) return from(lower, 0x61);
	if (c >= 0x30 && c <= 0x39) return from(digit, 0x30);
	if (c >= 0x391 && c <= 0x3a9 && c !== 0x3a2) return from(alpha, 0x391);
	if (c >= 0x3b1 && c <= 0x3c9) return from(smallAlpha, 0x3b1);
	return ch;
}

/**
 * MathML Core (what Chromium implements) ignores `mathvariant` other than `normal`, so `\mathbb{R}`
 * would show a plain R: the styled letters become their own Unicode characters (ℝ, 𝓛, 𝐱), as MathML
 * Core asks, which every engine and math font shows alike.
 * @example mathVariantsToUnicode('<mi mathvariant="double-struck">R</mi>') // '<mi>ℝ</mi>'
 */
export function mathVariantsToUnicode(mathml: string): string {
	return mathml.replace(/<(mi|mn|mo|mtext) mathvariant="([a-z-]+)">([^<]*)<\/\1>/g, (whole, tag: string, variant: string, text: string) => {
		if (!VARIANTS[variant]) return whole;
		return `<${tag}>${[...text].map((ch) => styled(variant, ch)).join('')}</${tag}>`;
	});
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
