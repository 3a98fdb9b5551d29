import { hashString } from '../core/hashString.ts';
import type { CompiledCard, CompiledDeck, CompiledPaper, DeckError, Topic } from './deckTypes.ts';
import { findCycles } from './lineageOrder.ts';
import { orderPapers } from './newCardOrder.ts';
import { parseCardFile, type SourceCard, type SourcePaper } from './parseCardFile.ts';
import { renderField as render } from './renderMarkdown.ts';
import { compileTranslations, type CompiledTranslation } from './compileTranslations.ts';

export interface DeckSources {
	/** `cards/papers.tsv`: the catalogue every card file must belong to. */
	papersTsv: string;
	/** `cards/topics.tsv`: topic ids and display names, in display order. */
	topicsTsv: string;
	/** Every card file, with its path from the repo root (`cards/<topic>/<id>.md`). */
	files: { path: string; text: string }[];
	/** Translation files by language (`cards/<topic>/<id>.<lang>.md`); every language listed must be complete. */
	translations?: Record<string, { path: string; text: string }[]>;
}

interface CatalogueRow {
	topic: string;
	tier: number;
	/** Past the reading lists the deck started from: `beyond` in the `seeds` column. */
	beyond: boolean;
	line: number;
}

/**
 * Parses, validates and renders the whole deck. Pure: the caller reads the files. Returns every
 * problem found (not just the first), each as `file:line: reason`; `deck` is null when there is any.
 */
export function compileDeck(sources: DeckSources): {
	deck: CompiledDeck | null;
	translations: Record<string, CompiledTranslation>;
	errors: DeckError[];
} {
	const errors: DeckError[] = [];
	const topics = readTopics(sources.topicsTsv, errors);
	const topicIds = new Set(topics.map((t) => t.id));
	const catalogue = readCatalogue(sources.papersTsv, topicIds, errors);

	const parsed: { path: string; paper: SourcePaper }[] = [];
	const seen = new Map<string, string>();
	for (const { path, text } of sources.files) {
		const result = parseCardFile(path, text);
		errors.push(...result.errors);
		const paper = result.paper;
		if (!paper) continue;
		const fail = (key: string, reason: string) => errors.push({ file: path, line: paper.keyLines[key] ?? 1, reason });
		const m = paper.meta;
		const parts = path.split('/');
		const fileId = parts[parts.length - 1]!.replace(/\.md$/, '');
		const folder = parts[parts.length - 2] ?? '';
		const row = catalogue.get(m.id);
		if (m.id !== fileId) fail('id', `id "${m.id}" differs from the file name "${fileId}.md"`);
		if (!row) fail('id', `id "${m.id}" is not in cards/papers.tsv`);
		if (seen.has(m.id)) fail('id', `paper "${m.id}" is also defined in ${seen.get(m.id)}`);
		seen.set(m.id, path);
		if (!topicIds.has(m.topic)) fail('topic', `unknown topic "${m.topic}" (see cards/topics.tsv)`);
		else if (m.topic !== folder) fail('topic', `topic "${m.topic}" differs from the folder "${folder}"`);
		if (row && topicIds.has(m.topic) && row.topic !== m.topic) fail('topic', `topic "${m.topic}" differs from papers.tsv ("${row.topic}")`);
		if (row && row.tier !== m.tier) fail('tier', `tier ${m.tier} differs from papers.tsv (${row.tier})`);
		for (const dep of m.buildsOn) {
			if (dep === m.id) fail('builds_on', `"${m.id}" cannot build on itself`);
			else if (!catalogue.has(dep)) fail('builds_on', `builds_on names an unknown paper "${dep}"`);
		}
		parsed.push({ path, paper });
	}

	const inDeck = new Set(parsed.map((p) => p.paper.meta.id));
	const nodes = parsed.map(({ paper: { meta } }) => ({ ...meta, buildsOn: meta.buildsOn.filter((d) => inDeck.has(d)) }));
	for (const cycle of findCycles(nodes)) {
		const first = parsed.find((p) => p.paper.meta.id === cycle[0])!;
		errors.push({
			file: first.path,
			line: first.paper.keyLines['builds_on'] ?? 1,
			reason: `builds_on makes a cycle: ${[...cycle, cycle[0]].join(' → ')}`
		});
	}

	const papers: CompiledPaper[] = [];
	const cardsByPaper = new Map<string, CompiledCard[]>();
	for (const { path, paper } of parsed) {
		const summaryHtml = render(path, paper.summaryLine, paper.summary, 'reveal', errors);
		const cards = paper.cards.map((c) => compileCard(path, paper.meta.id, c, errors));
		cardsByPaper.set(paper.meta.id, cards);
		papers.push({
			...paper.meta,
			buildsOn: paper.meta.buildsOn.filter((d) => inDeck.has(d)),
			...(catalogue.get(paper.meta.id)?.beyond ? { beyond: true as const } : {}),
			summaryHtml,
			cardIds: cards.map((c) => c.id)
		});
	}
	const translations: Record<string, CompiledTranslation> = {};
	for (const [lang, files] of Object.entries(sources.translations ?? {})) {
		const result = compileTranslations(lang, files, parsed);
		errors.push(...result.errors);
		if (result.translation) translations[lang] = result.translation;
	}
	if (errors.length > 0) return { deck: null, translations: {}, errors };

	// Default study order: tier 1 first (with the foundations tier-1 papers build on), topic by topic
	// in the order of topics.tsv, so a new user starts with the Transformer, not with whatever is oldest.
	const ordered = orderPapers(papers, topics.map((t) => t.id), 'default', 0);
	const cards = ordered.flatMap((p) => cardsByPaper.get(p.id)!);
	const body = { topics, papers: ordered, cards };
	return { deck: { version: hashString(JSON.stringify(body)), ...body }, translations, errors };
}

function compileCard(path: string, paperId: string, c: SourceCard, errors: DeckError[]): CompiledCard {
	const cloze = c.type === 'cloze';
	const promptHtml = render(path, c.promptLine, c.prompt, cloze ? 'blank' : 'reveal', errors);
	const answerHtml = cloze ? render(path, c.promptLine, c.prompt, 'reveal', errors) : render(path, c.answerLine, c.answer, 'reveal', errors);
	const noteHtml = c.note ? render(path, c.noteLine, c.note, 'reveal', errors) : '';
	return { id: `${paperId}/${c.slug}`, paperId, type: c.type, promptHtml, answerHtml, noteHtml };
}

function readTopics(tsv: string, errors: DeckError[]): Topic[] {
	const topics: Topic[] = [];
	tsv.split('\n').forEach((raw, i) => {
		if (i === 0 || raw.trim() === '') return;
		const [id, name] = raw.split('\t');
		if (!id || !name) errors.push({ file: 'cards/topics.tsv', line: i + 1, reason: 'expected "id<TAB>name"' });
		else topics.push({ id: id.trim(), name: name.trim() });
	});
	return topics;
}

function readCatalogue(tsv: string, topics: Set<string>, errors: DeckError[]): Map<string, CatalogueRow> {
	const rows = new Map<string, CatalogueRow>();
	const lines = tsv.split('\n');
	const header = (lines[0] ?? '').split('\t');
	const col = (name: string) => header.indexOf(name);
	const [idCol, topicCol, tierCol, seedsCol] = [col('id'), col('topic'), col('tier'), col('seeds')];
	if (idCol < 0 || topicCol < 0 || tierCol < 0) {
		errors.push({ file: 'cards/papers.tsv', line: 1, reason: 'header must name the columns id, topic and tier' });
		return rows;
	}
	lines.forEach((raw, i) => {
		if (i === 0 || raw.trim() === '') return;
		const cells = raw.split('\t');
		const id = cells[idCol] ?? '';
		const topic = cells[topicCol] ?? '';
		const tier = Number(cells[tierCol]);
		const fail = (reason: string) => errors.push({ file: 'cards/papers.tsv', line: i + 1, reason });
		if (!id) return fail('row has no id');
		if (rows.has(id)) return fail(`duplicate id "${id}"`);
		if (!topics.has(topic)) return fail(`unknown topic "${topic}"`);
		if (![1, 2, 3].includes(tier)) return fail(`tier must be 1, 2 or 3`);
		const beyond = seedsCol >= 0 && (cells[seedsCol] ?? '').trim() === 'beyond';
		rows.set(id, { topic, tier, beyond, line: i + 1 });
	});
	return rows;
}
