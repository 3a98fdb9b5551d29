/**
 * The library's data: the compiled deck without its cards (papers, summaries, lineage, card ids). It
 * is served as the prerendered `/library.json`; the library pages derive what each shows from it, on
 * the server when they are prerendered and in the browser afterwards, so the deck's text is data and
 * never JavaScript.
 */
import type { CompiledDeck, CompiledPaper, PaperMeta, Topic } from './deckTypes.ts';

export interface LibraryIndex {
	topics: Topic[];
	/** In the deck's study order. */
	papers: CompiledPaper[];
}

/** A paper as the library lists and searches it. */
export type LibraryPaper = Omit<PaperMeta, 'buildsOn' | 'tags'> & { summaryHtml: string; cardCount: number };

/** A link to another paper (lineage). */
export interface PaperLink {
	id: string;
	short: string;
	title: string;
	year: number;
}

export interface PaperPageData {
	paper: PaperMeta & { summaryHtml: string; cardIds: string[] };
	topic: Topic;
	/** The papers this one builds on (`builds_on`). */
	buildsOn: PaperLink[];
	/** The papers that build on this one. */
	builtOnBy: PaperLink[];
}

/** The deck without its cards. */
export function libraryIndex(deck: CompiledDeck): LibraryIndex {
	return { topics: deck.topics, papers: deck.papers };
}

/** Every paper for the library's list. */
export function libraryPapers(index: LibraryIndex): { topics: Topic[]; papers: LibraryPaper[] } {
	return {
		topics: index.topics,
		papers: index.papers.map(({ buildsOn: _b, tags: _t, cardIds, ...p }) => ({ ...p, cardCount: cardIds.length }))
	};
}

const byYearThenShort = (a: PaperLink, b: PaperLink) => a.year - b.year || a.short.localeCompare(b.short);

/** One paper's page: its metadata, summary, card ids and lineage both ways; null for an unknown id. */
export function paperPageData(index: LibraryIndex, paperId: string): PaperPageData | null {
	const p = index.papers.find((x) => x.id === paperId);
	if (!p) return null;
	const link = (x: PaperLink): PaperLink => ({ id: x.id, short: x.short, title: x.title, year: x.year });
	const byId = new Map(index.papers.map((x) => [x.id, x]));
	return {
		paper: p,
		topic: index.topics.find((t) => t.id === p.topic) ?? { id: p.topic, name: p.topic },
		buildsOn: p.buildsOn.flatMap((id) => (byId.has(id) ? [link(byId.get(id)!)] : [])).sort(byYearThenShort),
		builtOnBy: index.papers.filter((x) => x.buildsOn.includes(p.id)).map(link).sort(byYearThenShort)
	};
}

/** Where to read the paper: its arXiv abstract page, or the URL given for works without one. */
export function paperHref(p: { arxiv?: string; url?: string }): string | null {
	if (p.arxiv) return `https://arxiv.org/abs/${p.arxiv}`;
	return p.url ?? null;
}
