import type { DeckError, PaperMeta } from './deckTypes.ts';
import { parseFrontMatter, type FrontEntry } from './parseFrontMatter.ts';

/** A card as written, before rendering. Field texts are Markdown. */
export interface SourceCard {
	slug: string;
	line: number;
	type: 'basic' | 'cloze';
	/** The question (basic) or the cloze text. */
	prompt: string;
	promptLine: number;
	/** The answer (basic); empty for a cloze. */
	answer: string;
	answerLine: number;
	note: string;
	noteLine: number;
	/** In a translation: the hash of the English card it was made from (see compileTranslations). */
	stamp?: string;
}

export interface SourcePaper {
	meta: PaperMeta;
	/** File line of each front-matter key, for later checks that need to point at one. */
	keyLines: Record<string, number>;
	summary: string;
	summaryLine: number;
	cards: SourceCard[];
}

const REQUIRED_KEYS = ['id', 'title', 'short', 'year', 'org', 'topic', 'tier'] as const;
/** A file of the user's own cards (Import cards from Markdown) needs only these. */
const PERSONAL_REQUIRED_KEYS = ['id', 'title', 'topic'] as const;
const OPTIONAL_KEYS = ['arxiv', 'url', 'kind', 'builds_on', 'tags', 'authors'] as const;
/** What a work without an arXiv id is, shown on its page beside the link. */
export const SOURCE_KINDS = ['report', 'blog', 'model-card', 'release', 'paper'] as const;
const KNOWN_KEYS = new Set<string>([...REQUIRED_KEYS, ...OPTIONAL_KEYS]);
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** New-style (2007-) and old-style (archive/YYMMNNN) arXiv identifiers, without a version. */
const ARXIV = /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})$/;
const FIELD = /^([QACN]):(?:\s|$)(.*)$/;
const STAMP = /^<!-- source: ([0-9a-f]{8}) -->\s*$/;

/** A card file split into its parts, before the front matter is interpreted. */
export interface CardFileParts {
	front: Map<string, FrontEntry>;
	/** File line of the closing `---`. */
	closeLine: number;
	summary: string;
	summaryLine: number;
	cards: SourceCard[];
}

/**
 * Splits a card file (English or translation) into front matter, summary and cards, checking the
 * shape every card file shares. `stamps` allows a `<!-- source: <hash> -->` line right under a card's
 * heading: translations record there which English text they translate (see compileTranslations).
 */
export function splitCardFile(file: string, text: string, errors: DeckError[], stamps = false, personal = false): CardFileParts | null {
	const fail = (line: number, reason: string) => errors.push({ file, line, reason });
	const lines = text.replace(/\r\n?/g, '\n').split('\n');

	if (lines[0]?.trim() !== '---') {
		fail(1, 'file must start with a "---" front matter block');
		return null;
	}
	const close = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
	if (close < 0) {
		fail(1, 'front matter block is not closed with "---"');
		return null;
	}
	const front = parseFrontMatter(lines.slice(1, close), 2, file);
	errors.push(...front.errors);

	// Body: the summary paragraph, then `## slug` sections.
	let i = close + 1;
	while (i < lines.length && lines[i]!.trim() === '') i++;
	const summaryLine = i + 1;
	const summaryLines: string[] = [];
	// A personal file's summary may be absent or run over several paragraphs.
	const inSummary = (l: string) => !l.startsWith('## ') && (personal || l.trim() !== '');
	while (i < lines.length && inSummary(lines[i]!)) summaryLines.push(lines[i++]!);
	const summary = summaryLines.join('\n').trim();
	if ((!summary && !personal) || FIELD.test(summary)) fail(summaryLine, 'missing summary paragraph after the front matter');
	while (i < lines.length && lines[i]!.trim() === '') i++;
	if (i < lines.length && !lines[i]!.startsWith('## ')) {
		fail(i + 1, 'only one summary paragraph may come before the first "## card"');
		while (i < lines.length && !lines[i]!.startsWith('## ')) i++;
	}

	const cards: SourceCard[] = [];
	const slugs = new Map<string, number>();
	while (i < lines.length) {
		const headingLine = i + 1;
		const slug = lines[i]!.slice(3).trim();
		i++;
		let stamp: string | undefined;
		const stampMatch = STAMP.exec(lines[i] ?? '');
		if (stampMatch) {
			if (stamps) stamp = stampMatch[1];
			else fail(i + 1, 'a "<!-- source: … -->" stamp belongs in a translation file only');
			i++;
		}
		const body: { text: string; line: number }[] = [];
		while (i < lines.length && !lines[i]!.startsWith('## ')) {
			body.push({ text: lines[i]!, line: i + 1 });
			i++;
		}
		if (!SLUG.test(slug)) fail(headingLine, `card slug "${slug}" is not kebab-case (a-z, 0-9, single hyphens)`);
		else if (slugs.has(slug)) fail(headingLine, `duplicate card slug "${slug}" (first at line ${slugs.get(slug)})`);
		else slugs.set(slug, headingLine);
		const card = readCard(slug, headingLine, body, fail);
		if (card) cards.push(stamp ? { ...card, stamp } : card);
	}
	if (cards.length === 0 && errors.length === 0 && !personal) fail(lines.length, 'the file has no cards ("## slug" sections)');
	return { front: front.entries, closeLine: close + 1, summary, summaryLine, cards };
}

/**
 * Parses one card file (the format is in ARCHITECTURE.md). Checks everything a single file can tell;
 * checks across files (ids in papers.tsv, builds_on targets, cycles) are `compileDeck`'s.
 * `file` is the path used in error messages.
 */
export function parseCardFile(
	file: string,
	text: string,
	/**
	 * `personal`: a file of the user's own cards (exported by the app or written by hand). Only id,
	 * title and topic are required, the summary may be absent or run over several paragraphs, and a
	 * file may hold no card (a paper of one's own not yet carded).
	 */
	options: { personal?: boolean } = {}
): { paper: SourcePaper | null; errors: DeckError[] } {
	const personal = options.personal === true;
	const errors: DeckError[] = [];
	const fail = (line: number, reason: string) => errors.push({ file, line, reason });
	const parts = splitCardFile(file, text, errors, false, personal);
	if (!parts) return { paper: null, errors };
	const meta = readMeta(parts.front, parts.closeLine, fail, personal);
	if (!meta) return { paper: null, errors };
	const keyLines: Record<string, number> = {};
	for (const [k, v] of parts.front) keyLines[k] = v.line;
	return { paper: { meta, keyLines, summary: parts.summary, summaryLine: parts.summaryLine, cards: parts.cards }, errors };
}

function readMeta(
	entries: Map<string, FrontEntry>,
	closeLine: number,
	fail: (line: number, reason: string) => void,
	personal = false
): PaperMeta | null {
	let ok = true;
	const bad = (line: number, reason: string) => {
		ok = false;
		fail(line, reason);
	};
	for (const [key, { line }] of entries) {
		if (!KNOWN_KEYS.has(key)) bad(line, `unknown front matter key "${key}"`);
	}
	for (const key of personal ? PERSONAL_REQUIRED_KEYS : REQUIRED_KEYS) {
		if (!entries.has(key)) bad(closeLine, `missing front matter key "${key}"`);
	}
	const str = (key: string): string => {
		const e = entries.get(key);
		if (!e) return '';
		if (typeof e.value !== 'string') {
			bad(e.line, `${key} must be text`);
			return '';
		}
		return e.value;
	};
	const int = (key: string): number => {
		const e = entries.get(key);
		if (!e) return 0;
		if (typeof e.value !== 'number') {
			bad(e.line, `${key} must be a whole number`);
			return 0;
		}
		return e.value;
	};
	const list = (key: string): string[] => {
		const e = entries.get(key);
		if (!e) return [];
		if (!Array.isArray(e.value)) {
			bad(e.line, `${key} must be a list like [a, b]`);
			return [];
		}
		return e.value;
	};
	const meta: PaperMeta = {
		id: str('id'),
		title: str('title'),
		short: str('short'),
		year: int('year'),
		org: str('org'),
		topic: str('topic'),
		tier: int('tier'),
		buildsOn: list('builds_on'),
		tags: list('tags'),
		authors: list('authors')
	};
	const arxiv = entries.get('arxiv');
	if (arxiv) {
		const v = String(arxiv.value);
		if (!ARXIV.test(v)) bad(arxiv.line, `malformed arXiv id "${v}" (expected e.g. 2106.09685)`);
		meta.arxiv = v;
	}
	const url = entries.get('url');
	if (url) {
		const v = str('url');
		if (!/^https?:\/\/\S+$/.test(v)) bad(url.line, `url must be an http(s) address`);
		meta.url = v;
	}
	// Paper ids are kebab-case: ids with an underscore are the user's own (contentEvents.ts).
	const id = entries.get('id');
	if (id && !personal && typeof id.value === 'string' && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id.value)) {
		bad(id.line, `id "${id.value}" is not kebab-case (a-z, 0-9, single hyphens)`);
	}
	if (entries.has('id') && !arxiv && !url && !personal) bad(closeLine, 'give "arxiv" or, when the work has none, "url"');
	const kind = entries.get('kind');
	if (kind) {
		const v = str('kind');
		if (!(SOURCE_KINDS as readonly string[]).includes(v)) bad(kind.line, `kind must be one of ${SOURCE_KINDS.join(', ')}`);
		meta.kind = v as PaperMeta['kind'];
	}
	if (url && !arxiv && !kind && !personal) bad(url.line, `a work without an arXiv id says what it is: add "kind" (${SOURCE_KINDS.join(', ')})`);
	const year = entries.get('year');
	if (year && typeof year.value === 'number' && (year.value < 1950 || year.value > 2100)) {
		bad(year.line, `year ${year.value} is not plausible`);
	}
	const tier = entries.get('tier');
	if (tier && ![1, 2, 3].includes(tier.value as number)) bad(tier.line, 'tier must be 1, 2 or 3');
	for (const key of ['title', 'short', 'org'] as const) {
		const e = entries.get(key);
		if (e && typeof e.value === 'string' && e.value.trim() === '') bad(e.line, `${key} is empty`);
	}
	return ok ? meta : null;
}

function readCard(
	slug: string,
	line: number,
	body: { text: string; line: number }[],
	fail: (line: number, reason: string) => void
): SourceCard | null {
	const fields = new Map<string, { lines: string[]; line: number }>();
	let current: string[] | null = null;
	let ok = true;
	for (const { text, line: l } of body) {
		const m = FIELD.exec(text);
		if (m) {
			const [, key, rest] = m as unknown as [string, string, string];
			if (fields.has(key)) {
				fail(l, `card "${slug}" has a second ${key}: field`);
				ok = false;
			}
			current = [rest];
			fields.set(key, { lines: current, line: l });
		} else if (current) current.push(text);
		else if (text.trim() !== '') {
			fail(l, `text before the first Q:/A:/C:/N: field of card "${slug}"`);
			ok = false;
		}
	}
	const get = (k: string) => {
		const f = fields.get(k);
		return f ? { text: f.lines.join('\n').trim(), line: f.line } : null;
	};
	const q = get('Q');
	const a = get('A');
	const c = get('C');
	const n = get('N');
	if (c && (q || a)) {
		fail(c.line, `card "${slug}" mixes a cloze (C:) with Q:/A:`);
		return null;
	}
	if (!c && !q && !a) {
		fail(line, `card "${slug}" has no Q:/A: pair or C: cloze`);
		return null;
	}
	if (n && !n.text) {
		fail(n.line, `card "${slug}" has an empty note`);
		ok = false;
	}
	if (c) {
		if (!c.text) {
			fail(c.line, `card "${slug}" has an empty cloze`);
			return null;
		}
		const deletions = c.text.match(/\{\{([\s\S]*?)\}\}/g) ?? [];
		if (deletions.length === 0) {
			fail(c.line, `cloze "${slug}" has no {{deletion}}`);
			return null;
		}
		if (deletions.some((d) => d.slice(2, -2).trim() === '')) {
			fail(c.line, `cloze "${slug}" has an empty {{}} deletion`);
			return null;
		}
		if (!ok) return null;
		return { slug, line, type: 'cloze', prompt: c.text, promptLine: c.line, answer: '', answerLine: c.line, note: n?.text ?? '', noteLine: n?.line ?? line };
	}
	if (!q || !q.text) {
		fail(q?.line ?? a?.line ?? line, `card "${slug}" has an empty question`);
		return null;
	}
	if (!a || !a.text) {
		fail(a?.line ?? q.line, `card "${slug}" has an empty answer`);
		return null;
	}
	if (!ok) return null;
	return { slug, line, type: 'basic', prompt: q.text, promptLine: q.line, answer: a.text, answerLine: a.line, note: n?.text ?? '', noteLine: n?.line ?? line };
}
