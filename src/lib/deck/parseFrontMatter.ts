import type { DeckError } from './deckTypes.ts';

/** A front-matter value: a string, an integer, or a flow list of strings. */
export type FrontValue = string | number | string[];

export interface FrontEntry {
	value: FrontValue;
	line: number;
}

/**
 * Parses the small YAML subset card files use: `key: value` lines, where a value is a double-quoted
 * string (`\"` and `\\` escapes), a bare word or number, or a `[a, "b c"]` list. A real YAML parser
 * would accept far more than we want to support and lose the line numbers our errors need.
 * `lines` are the lines between the `---` markers; `firstLine` is the file line of `lines[0]`.
 */
export function parseFrontMatter(
	lines: readonly string[],
	firstLine: number,
	file: string
): { entries: Map<string, FrontEntry>; errors: DeckError[] } {
	const entries = new Map<string, FrontEntry>();
	const errors: DeckError[] = [];
	lines.forEach((raw, i) => {
		const line = firstLine + i;
		const fail = (reason: string) => errors.push({ file, line, reason });
		if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
		const m = /^([a-z_]+):\s*(.*)$/.exec(raw);
		if (!m) return fail(`front matter line is not "key: value": ${JSON.stringify(raw.trim())}`);
		const [, key, rest] = m as unknown as [string, string, string];
		if (entries.has(key)) return fail(`duplicate front matter key "${key}"`);
		const value = parseValue(rest.trim());
		if (typeof value === 'object' && 'error' in value) return fail(`${key}: ${value.error}`);
		entries.set(key, { value, line });
	});
	return { entries, errors };
}

function parseValue(text: string): FrontValue | { error: string } {
	if (text === '') return { error: 'empty value' };
	if (text.startsWith('[')) {
		if (!text.endsWith(']')) return { error: 'list does not end with "]"' };
		const inner = text.slice(1, -1).trim();
		if (inner === '') return [];
		const items: string[] = [];
		let rest = inner;
		while (rest.length > 0) {
			let item: string;
			if (rest.startsWith('"')) {
				const q = readQuoted(rest);
				if ('error' in q) return q;
				item = q.value;
				rest = rest.slice(q.length).trim();
			} else {
				const comma = rest.indexOf(',');
				item = (comma < 0 ? rest : rest.slice(0, comma)).trim();
				rest = comma < 0 ? '' : rest.slice(comma);
				if (item.includes('"')) return { error: `list item has a stray quote: ${item}` };
			}
			if (item === '') return { error: 'empty list item' };
			items.push(item);
			if (rest.startsWith(',')) {
				rest = rest.slice(1).trim();
				if (rest === '') return { error: 'list ends with a comma' };
			} else if (rest !== '') return { error: `expected "," in list before: ${rest}` };
		}
		return items;
	}
	if (text.startsWith('"')) {
		const q = readQuoted(text);
		if ('error' in q) return q;
		if (q.length !== text.length) return { error: `text after the closing quote: ${text.slice(q.length)}` };
		return q.value;
	}
	if (/^-?\d+$/.test(text)) return Number(text);
	return text;
}

function readQuoted(text: string): { value: string; length: number } | { error: string } {
	let value = '';
	for (let i = 1; i < text.length; i++) {
		const c = text[i]!;
		if (c === '\\') {
			const n = text[i + 1];
			if (n !== '"' && n !== '\\') return { error: `unknown escape "\\${n ?? ''}" in a quoted string` };
			value += n;
			i++;
		} else if (c === '"') return { value, length: i + 1 };
		else value += c;
	}
	return { error: 'unterminated quoted string' };
}
