/**
 * Cards from a CSV file, as most other tools export them: a header row naming the columns
 * `question` and `answer` (also `front`/`back`), and optionally `paper` (a paper's id, short name or
 * title) and `note`. Rows without a paper go into an own paper named after the file. A card's id
 * comes from its paper and question, so importing the file again adds nothing.
 */
import { paperEntityId, type ContentEvent } from '../core/contentEvents.ts';
import { hashString } from '../core/hashString.ts';
import type { CardText } from '../core/foldOwnContent.ts';
import type { ImportCheck, ImportContext, ImportPlan } from './cardMarkdown.ts';

/** RFC 4180 records with the file line each starts on: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): { fields: string[]; line: number }[] | { error: string; line: number } {
	const rows: { fields: string[]; line: number }[] = [];
	const src = text.replace(/^\uFEFF/, '');
	let line = 1;
	let start = 1;
	let field = '';
	let fields: string[] = [];
	let quoted = false;
	let i = 0;
	const endRow = () => {
		fields.push(field);
		if (!(fields.length === 1 && fields[0]!.trim() === '')) rows.push({ fields, line: start });
		fields = [];
		field = '';
	};
	while (i < src.length) {
		const c = src[i]!;
		if (quoted) {
			if (c === '"' && src[i + 1] === '"') {
				field += '"';
				i += 2;
				continue;
			}
			if (c === '"') {
				quoted = false;
				i++;
				continue;
			}
			if (c === '\n') line++;
			field += c;
			i++;
			continue;
		}
		if (c === '"' && field === '') {
			quoted = true;
			i++;
		} else if (c === ',') {
			fields.push(field);
			field = '';
			i++;
		} else if (c === '\r' || c === '\n') {
			endRow();
			i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
			line++;
			start = line;
		} else {
			field += c;
			i++;
		}
	}
	if (quoted) return { error: 'a quoted field is not closed', line: start };
	if (field !== '' || fields.length > 0) endRow();
	return rows;
}

const slugify = (s: string) =>
	s
		.toLowerCase()
		.replace(/\.[a-z]+$/, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '') || 'cards';

/** Checks a CSV file and plans the events importing it would append; any bad row rejects the file. */
export function planCsvImport(fileName: string, text: string, ctx: ImportContext & { defaultTopic: string }): ImportCheck {
	const fail = (line: number, reason: string): ImportCheck => ({ ok: false, errors: [`${fileName}:${line}: ${reason}`] });
	const rows = parseCsv(text);
	if (!Array.isArray(rows)) return fail(rows.line, rows.error);
	if (rows.length === 0) return fail(1, 'the file is empty');
	const header = rows[0]!.fields.map((h) => h.trim().toLowerCase());
	const col = (...names: string[]) => header.findIndex((h) => names.includes(h));
	const q = col('question', 'front');
	const a = col('answer', 'back');
	const p = col('paper');
	const n = col('note', 'notes');
	if (q < 0 || a < 0) return fail(rows[0]!.line, 'the header row must name the columns "question" and "answer"');

	const papers = new Map<string, string>();
	for (const [id, info] of ctx.deckPapers) for (const key of [id, info.short, info.title]) papers.set(key.toLowerCase(), id);
	for (const own of ctx.content.papers) for (const key of [own.id, own.short, own.title]) if (key) papers.set(key.toLowerCase(), own.id);

	const errors: string[] = [];
	const cards: { paperId: string; text: CardText; line: number }[] = [];
	let needsFilePaper = false;
	for (const row of rows.slice(1)) {
		const get = (i: number) => (i >= 0 ? (row.fields[i] ?? '').trim() : '');
		const question = get(q);
		const answer = get(a);
		const paperName = get(p);
		if (!question) errors.push(`${fileName}:${row.line}: empty question`);
		else if (!answer) errors.push(`${fileName}:${row.line}: empty answer`);
		let paperId = '';
		if (paperName) {
			paperId = papers.get(paperName.toLowerCase()) ?? '';
			if (!paperId) errors.push(`${fileName}:${row.line}: unknown paper "${paperName}"`);
		} else needsFilePaper = true;
		cards.push({ paperId, text: { type: 'basic', prompt: question, answer, note: get(n) }, line: row.line });
	}
	if (errors.length > 0) return { ok: false, errors };

	const events: ContentEvent[] = [];
	const plan: ImportPlan = { events, papers: 0, cards: 0, edits: 0 };
	let at = ctx.nowMillis;
	const base = (cardId: string) => ({ id: ctx.newId(), cardId, atMillis: at++ });
	const filePaper = `u_${slugify(fileName)}`;
	if (needsFilePaper && !ctx.content.papers.some((x) => x.id === filePaper)) {
		const title = fileName.replace(/\.[A-Za-z]+$/, '') || fileName;
		events.push({ ...base(paperEntityId(filePaper)), type: 'paperSet', title, short: '', year: 0, arxiv: '', url: '', topic: ctx.defaultTopic, buildsOn: '', summary: '' });
		plan.papers++;
	}
	const existing = new Set(ctx.content.cards.map((c) => c.id));
	const added = new Set<string>();
	for (const c of cards) {
		const paperId = c.paperId || filePaper;
		const cardId = `${paperId}/u_${hashString(c.text.prompt)}`;
		if (existing.has(cardId) || added.has(cardId)) continue;
		added.add(cardId);
		events.push({ ...base(cardId), type: 'cardSet', cardType: 'basic', prompt: c.text.prompt, answer: c.text.answer, note: c.text.note });
		plan.cards++;
	}
	return { ok: true, plan };
}
