/**
 * The user's own papers, cards and rewordings as Markdown in the deck's own card-file format
 * (ARCHITECTURE.md), read back with the deck's own parser (`parseCardFile`, personal mode).
 *
 * Export: one file per paper that has something of the user's, `cards/<topic>/<paper-id>.md`. An own
 * card's heading is its slug without the `u_` (`## k3f9x2ab`), a reworded deck card's heading its deck
 * slug (`## freeze`). Import reads them the same way: in a deck paper's file a heading naming a deck
 * card is a rewording of it, anything else an own card `<paper>/u_<slug>`; in any other file every
 * card is an own card and the paper an own paper (`u_` prefixed unless it is already). So ids come
 * from the text: importing a file twice adds nothing, and an export imported into a fresh profile
 * gives the same ids.
 */
import {
	ARXIV_ID,
	HTTP_URL,
	OWN_PAPER_ID,
	paperEntityId,
	type CardSetEvent,
	type ContentEvent,
	type PaperSetEvent
} from '../core/contentEvents.ts';
import type { CardText, OwnContent, OwnPaper } from '../core/foldOwnContent.ts';
import { formatDeckError, type DeckError } from '../deck/deckTypes.ts';
import { parseCardFile } from '../deck/parseCardFile.ts';

/** What a deck paper is called, for the front matter of its file. */
export interface DeckPaperInfo {
	id: string;
	title: string;
	short: string;
	topic: string;
	/** The slugs of its cards. */
	slugs: readonly string[];
}

export interface MarkdownFile {
	/** `cards/<topic>/<paper-id>.md` */
	path: string;
	text: string;
}

const quote = (s: string) => `"${s.replace(/\s*\n\s*/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
/** A field line that would read as a heading or a new field gets one leading space (undone on import). */
const escapeField = (s: string) => s.trim().replace(/^(## |[QACN]:)/gm, ' $1');
const unescapeField = (s: string) => s.replace(/^ (## |[QACN]:)/gm, '$1');

function cardSection(slug: string, t: CardText): string {
	const lines = [`## ${slug}`];
	if (t.type === 'cloze') lines.push(`C: ${escapeField(t.prompt)}`);
	else lines.push(`Q: ${escapeField(t.prompt)}`, `A: ${escapeField(t.answer)}`);
	if (t.note.trim()) lines.push(`N: ${escapeField(t.note)}`);
	return lines.join('\n');
}

function frontMatter(p: { id: string; title: string; short: string; topic: string; year?: number; arxiv?: string; url?: string; buildsOn?: string[] }): string {
	const lines = ['---', `id: ${p.id}`, `title: ${quote(p.title)}`];
	if (p.short) lines.push(`short: ${quote(p.short)}`);
	if (p.year) lines.push(`year: ${p.year}`);
	if (p.arxiv) lines.push(`arxiv: ${quote(p.arxiv)}`);
	if (p.url) lines.push(`url: ${quote(p.url)}`);
	lines.push(`topic: ${p.topic}`);
	if (p.buildsOn && p.buildsOn.length > 0) lines.push(`builds_on: [${p.buildsOn.join(', ')}]`);
	lines.push('---');
	return lines.join('\n');
}

/**
 * The user's content as card files: each own paper with its cards, and each deck paper that has own
 * cards or reworded cards. Retired cards are left out (they are the user's "deleted").
 */
export function exportOwnMarkdown(content: OwnContent, deckPapers: ReadonlyMap<string, DeckPaperInfo>): MarkdownFile[] {
	const files: MarkdownFile[] = [];
	const ownCardsOf = (paperId: string) =>
		content.cards.filter((c) => c.paperId === paperId && !c.retired).map((c) => cardSection(c.id.slice(c.id.indexOf('/u_') + 3), c));
	for (const p of content.papers) {
		const body = [frontMatter(p), '', ...(p.summary.trim() ? [p.summary.trim(), ''] : []), ...ownCardsOf(p.id).flatMap((s) => [s, ''])];
		files.push({ path: `cards/${p.topic}/${p.id}.md`, text: body.join('\n') });
	}
	const deckIds = new Set<string>();
	for (const c of content.cards) if (!c.retired && deckPapers.has(c.paperId)) deckIds.add(c.paperId);
	for (const o of content.overrides) if (deckPapers.has(o.paperId)) deckIds.add(o.paperId);
	for (const id of deckIds) {
		const p = deckPapers.get(id)!;
		const overrides = content.overrides.filter((o) => o.paperId === id).map((o) => cardSection(o.id.slice(id.length + 1), o));
		const body = [frontMatter(p), '', ...overrides.flatMap((s) => [s, '']), ...ownCardsOf(id).flatMap((s) => [s, ''])];
		files.push({ path: `cards/${p.topic}/${id}.md`, text: body.join('\n') });
	}
	return files;
}

export interface ImportPlan {
	events: ContentEvent[];
	/** Own papers the import adds or changes. */
	papers: number;
	/** Own cards it adds. */
	cards: number;
	/** Cards (own or reworded deck cards) whose text it changes. */
	edits: number;
}

export type ImportCheck = { ok: true; plan: ImportPlan } | { ok: false; errors: string[] };

export interface ImportContext {
	deckPapers: ReadonlyMap<string, DeckPaperInfo>;
	topicIds: ReadonlySet<string>;
	content: OwnContent;
	nowMillis: number;
	newId: () => string;
}

const sameText = (a: CardText, b: CardText) => a.type === b.type && a.prompt === b.prompt && a.answer === b.answer && a.note === b.note;

function samePaper(a: OwnPaper, b: Omit<PaperSetEvent, 'id' | 'cardId' | 'atMillis' | 'type'>): boolean {
	return (
		a.title === b.title && a.short === b.short && a.year === b.year && a.arxiv === b.arxiv && a.url === b.url && a.topic === b.topic &&
		a.buildsOn.join(' ') === b.buildsOn && a.summary === b.summary
	);
}

/**
 * Checks Markdown card files and plans the events importing them would append. Every file is read
 * with the deck's parser; any problem in any file rejects the whole import (`file:line: reason`, and
 * nothing is written). What the collection already holds is skipped, so a second import adds nothing.
 */
export function planMarkdownImport(files: readonly MarkdownFile[], ctx: ImportContext): ImportCheck {
	const errors: DeckError[] = [];
	const parsed = [];
	const seen = new Map<string, string>();
	for (const f of files) {
		const { paper, errors: e } = parseCardFile(f.path, f.text, { personal: true });
		errors.push(...e);
		if (!paper) continue;
		const line = (key: string) => paper.keyLines[key] ?? 1;
		const raw = paper.meta.id;
		const isDeck = ctx.deckPapers.has(raw);
		const id = isDeck || raw.startsWith('u_') ? raw : `u_${raw}`;
		if (!isDeck && !OWN_PAPER_ID.test(id)) errors.push({ file: f.path, line: line('id'), reason: `id "${raw}" is not kebab-case (a-z, 0-9, single hyphens)` });
		if (!ctx.topicIds.has(paper.meta.topic)) errors.push({ file: f.path, line: line('topic'), reason: `unknown topic "${paper.meta.topic}"` });
		if (seen.has(id)) errors.push({ file: f.path, line: line('id'), reason: `paper "${raw}" is also in ${seen.get(id)}` });
		seen.set(id, f.path);
		if (paper.meta.arxiv && !ARXIV_ID.test(paper.meta.arxiv)) errors.push({ file: f.path, line: line('arxiv'), reason: 'malformed arXiv id' });
		if (paper.meta.url && !HTTP_URL.test(paper.meta.url)) errors.push({ file: f.path, line: line('url'), reason: 'url must be an http(s) address' });
		parsed.push({ file: f, paper, id, isDeck });
	}
	const known = (id: string) => ctx.deckPapers.has(id) || ctx.content.papers.some((p) => p.id === id) || seen.has(id);
	for (const { file, paper, isDeck } of parsed) {
		if (isDeck) continue;
		for (const dep of paper.meta.buildsOn) {
			const depId = ctx.deckPapers.has(dep) || dep.startsWith('u_') ? dep : `u_${dep}`;
			if (!known(depId)) errors.push({ file: file.path, line: paper.keyLines['builds_on'] ?? 1, reason: `builds_on names an unknown paper "${dep}"` });
		}
	}
	if (errors.length > 0) return { ok: false, errors: errors.map(formatDeckError) };

	const events: ContentEvent[] = [];
	const plan: ImportPlan = { events, papers: 0, cards: 0, edits: 0 };
	let at = ctx.nowMillis;
	const base = (cardId: string) => ({ id: ctx.newId(), cardId, atMillis: at++ });
	const ownCards = new Map(ctx.content.cards.map((c) => [c.id, c]));
	const overrides = new Map(ctx.content.overrides.map((o) => [o.id, o]));
	for (const { paper, id, isDeck } of parsed) {
		if (!isDeck) {
			const m = paper.meta;
			const fields = {
				title: m.title,
				short: m.short,
				year: m.year,
				arxiv: m.arxiv ?? '',
				url: m.url ?? '',
				topic: m.topic,
				buildsOn: m.buildsOn.map((d) => (ctx.deckPapers.has(d) || d.startsWith('u_') ? d : `u_${d}`)).join(' '),
				summary: paper.summary
			};
			const old = ctx.content.papers.find((p) => p.id === id);
			if (!old || !samePaper(old, fields)) {
				events.push({ ...base(paperEntityId(id)), type: 'paperSet', ...fields });
				plan.papers++;
			}
		}
		const deckSlugs = new Set(ctx.deckPapers.get(id)?.slugs ?? []);
		for (const c of paper.cards) {
			const text: CardText = { type: c.type, prompt: unescapeField(c.prompt), answer: unescapeField(c.answer), note: unescapeField(c.note) };
			const set = (cardId: string): CardSetEvent => ({ ...base(cardId), type: 'cardSet', cardType: text.type, prompt: text.prompt, answer: text.answer, note: text.note });
			if (isDeck && deckSlugs.has(c.slug)) {
				const cardId = `${id}/${c.slug}`;
				const old = overrides.get(cardId);
				if (!old || !sameText(old, text)) {
					events.push(set(cardId));
					plan.edits++;
				}
				continue;
			}
			const cardId = `${id}/u_${c.slug}`;
			const old = ownCards.get(cardId);
			if (old && sameText(old, text)) continue;
			events.push(set(cardId));
			if (old) plan.edits++;
			else plan.cards++;
		}
	}
	return { ok: true, plan };
}
