/**
 * Translations of the deck (`cards/<topic>/<id>.<lang>.md`), checked against the English and
 * rendered like it. A translation file has front matter with its paper's `id` and a `source` stamp of
 * the English summary, a translated summary, and for every English card the same `## slug` with the
 * same field kinds, the same math and, for a cloze, the same number of deletions. Under each heading a
 * `<!-- source: <hash> -->` line stamps which English text it translates: when the English card
 * changes, the stamp no longer matches and the build names the stale translation at file:line, so the
 * two languages never drift silently. `npm run deck:stamp` writes stamps once a translation is
 * reviewed against the current English.
 */
import { hashString } from '../core/hashString.ts';
import type { DeckError } from './deckTypes.ts';
import { splitCardFile, type SourceCard, type SourcePaper } from './parseCardFile.ts';
import { plainText, renderField as render } from './renderMarkdown.ts';

/** One language's text of the deck: what the app downloads when a person reads cards in it. */
export interface CompiledTranslation {
	lang: string;
	/** Changes exactly when any text below changes. */
	version: string;
	papers: { id: string; summaryHtml: string; summaryText: string }[];
	cards: { id: string; promptHtml: string; answerHtml: string; noteHtml: string; text: string }[];
}

/** The stamp of an English card: a short hash of its kind and source text. */
export function cardStamp(card: Pick<SourceCard, 'type' | 'prompt' | 'answer' | 'note'>): string {
	return hashString(`${card.type}\0${card.prompt}\0${card.answer}\0${card.note}`).slice(-8);
}

/** The stamp of an English summary. */
export function summaryStamp(summary: string): string {
	return hashString(summary).slice(-8);
}

/** The math of a text (`$…$` and `$$…$$`), sorted, so translations are compared without word order. */
export function mathOf(text: string): string[] {
	return (text.match(/\$\$[\s\S]+?\$\$|\$(?:\\\$|[^$])+?\$/g) ?? []).sort();
}

const deletions = (text: string) => (text.match(/\{\{[\s\S]*?\}\}/g) ?? []).length;

export interface EnglishPaper {
	path: string;
	paper: SourcePaper;
}

/**
 * Checks and renders every translation into `lang`. Every English paper must have a complete,
 * current translation (`complete`), or the problems are returned as errors and the result is null.
 */
export function compileTranslations(
	lang: string,
	files: { path: string; text: string }[],
	english: EnglishPaper[]
): { translation: CompiledTranslation | null; errors: DeckError[] } {
	const errors: DeckError[] = [];
	const byId = new Map(english.map((e) => [e.paper.meta.id, e]));
	const seen = new Set<string>();
	const papers: CompiledTranslation['papers'] = [];
	const cards: CompiledTranslation['cards'] = [];

	for (const { path, text } of files) {
		const fail = (line: number, reason: string) => errors.push({ file: path, line, reason });
		const parts = splitCardFile(path, text, errors, true);
		if (!parts) continue;
		const fileId = path.split('/').pop()!.replace(new RegExp(`\\.${lang}\\.md$`), '');
		const idEntry = parts.front.get('id');
		for (const [key, { line }] of parts.front) {
			if (key !== 'id' && key !== 'source') fail(line, `a translation's front matter holds only "id" and "source", not "${key}"`);
		}
		if (!idEntry || idEntry.value !== fileId) {
			fail(idEntry?.line ?? 1, `id must be "${fileId}", the file's name`);
			continue;
		}
		const en = byId.get(fileId);
		if (!en) {
			fail(idEntry.line, `there is no English file for "${fileId}"`);
			continue;
		}
		if (en.path.replace(/\.md$/, `.${lang}.md`) !== path) fail(1, `a translation lives beside its English file: ${en.path.replace(/\.md$/, `.${lang}.md`)}`);
		seen.add(fileId);

		const summarySource = parts.front.get('source');
		const wantSummary = summaryStamp(en.paper.summary);
		if (!summarySource) fail(parts.closeLine, 'the summary has no "source" stamp: review it against the English, then run npm run deck:stamp');
		else if (summarySource.value !== wantSummary) fail(summarySource.line, `stale summary: the English summary (${en.path}:${en.paper.summaryLine}) changed after it was translated`);
		if (mathOf(parts.summary).join('\n') !== mathOf(en.paper.summary).join('\n')) fail(parts.summaryLine, 'the summary\'s math differs from the English');

		const enCards = new Map(en.paper.cards.map((c) => [c.slug, c]));
		const done = new Set<string>();
		for (const card of parts.cards) {
			const source = enCards.get(card.slug);
			if (!source) {
				fail(card.line, `card "${card.slug}" is not in the English file`);
				continue;
			}
			done.add(card.slug);
			const where = `${en.path}:${source.line}`;
			if (card.type !== source.type) {
				fail(card.line, `card "${card.slug}" is a ${card.type} card, the English (${where}) a ${source.type} card`);
				continue;
			}
			if (card.type === 'cloze' && deletions(card.prompt) !== deletions(source.prompt)) {
				fail(card.promptLine, `cloze "${card.slug}" has ${deletions(card.prompt)} deletions, the English (${where}) ${deletions(source.prompt)}`);
			}
			if (!!card.note !== !!source.note) fail(card.line, `card "${card.slug}" ${card.note ? 'has a note the English lacks' : 'lacks the English note'} (${where})`);
			const math = (c: SourceCard) => mathOf([c.prompt, c.answer, c.note].join('\n')).join('\n');
			if (math(card) !== math(source)) fail(card.line, `card "${card.slug}": its math differs from the English (${where})`);
			if (!card.stamp) fail(card.line, `card "${card.slug}" has no source stamp: review it against the English, then run npm run deck:stamp`);
			else if (card.stamp !== cardStamp(source)) fail(card.line, `stale translation: the English card "${card.slug}" (${where}) changed after it was translated`);
			cards.push({
				id: `${fileId}/${card.slug}`,
				promptHtml: render(path, card.promptLine, card.prompt, card.type === 'cloze' ? 'blank' : 'reveal', errors),
				answerHtml: render(path, card.type === 'cloze' ? card.promptLine : card.answerLine, card.type === 'cloze' ? card.prompt : card.answer, 'reveal', errors),
				noteHtml: card.note ? render(path, card.noteLine, card.note, 'reveal', errors) : '',
				text: [card.prompt, card.answer, card.note].filter(Boolean).map(plainText).join(' \n ')
			});
		}
		for (const source of en.paper.cards) {
			if (!done.has(source.slug)) fail(1, `missing the translation of card "${source.slug}" (${en.path}:${source.line})`);
		}
		papers.push({ id: fileId, summaryHtml: render(path, parts.summaryLine, parts.summary, 'reveal', errors), summaryText: plainText(parts.summary) });
	}
	for (const { path, paper } of english) {
		if (!seen.has(paper.meta.id)) errors.push({ file: path.replace(/\.md$/, `.${lang}.md`), line: 1, reason: `missing: the ${lang} translation of ${path}` });
	}
	if (errors.length > 0) return { translation: null, errors };
	const body = { papers, cards };
	return { translation: { lang, version: hashString(JSON.stringify(body)), ...body }, errors };
}
