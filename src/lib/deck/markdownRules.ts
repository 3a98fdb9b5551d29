/**
 * The Markdown extensions every card field uses, shared by the build-time deck renderer and the
 * browser's renderer of the user's own cards: `$math$` / `$$display math$$` tokens and `{{cloze}}`
 * deletions. No math library here: each renderer decides how a math token becomes HTML.
 */
import type { StateInline } from 'markdown-it';

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

export function mathRule(state: StateInline, silent: boolean): boolean {
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

export function clozeRule(state: StateInline, silent: boolean): boolean {
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

