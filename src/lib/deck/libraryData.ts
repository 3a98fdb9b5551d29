/**
 * What the library pages are prerendered from: the slice of the compiled deck each page needs, so a
 * page's data holds that page's text and no more (and the deck never enters the JavaScript).
 */
import type { CompiledDeck, PaperMeta, Topic } from './deckTypes.ts';

/** A paper as the library lists and searches it. */
export type LibraryPaper = Omit<PaperMeta, 'buildsOn' | 'tags'> & { summaryText: string; cardCount: number };

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

/** Every paper of the deck for the library, in the deck's study order. */
export function libraryPapers(deck: CompiledDeck): { topics: Topic[]; papers: LibraryPaper[] } {
	return {
		topics: deck.topics,
		papers: deck.papers.map((p) => ({
			id: p.id,
			title: p.title,
			short: p.short,
			year: p.year,
			org: p.org,
			...(p.arxiv ? { arxiv: p.arxiv } : {}),
			...(p.url ? { url: p.url } : {}),
			topic: p.topic,
			tier: p.tier,
			authors: p.authors,
			summaryText: p.summaryText,
			cardCount: p.cardIds.length
		}))
	};
}

const byYearThenShort = (a: PaperLink, b: PaperLink) => a.year - b.year || a.short.localeCompare(b.short);

/** One paper's page: its metadata, summary, card ids and lineage both ways; null for an unknown id. */
export function paperPageData(deck: CompiledDeck, paperId: string): PaperPageData | null {
	const p = deck.papers.find((x) => x.id === paperId);
	if (!p) return null;
	const link = (x: PaperLink): PaperLink => ({ id: x.id, short: x.short, title: x.title, year: x.year });
	const byId = new Map(deck.papers.map((x) => [x.id, x]));
	const { summaryText: _s, ...paper } = p;
	return {
		paper,
		topic: deck.topics.find((t) => t.id === p.topic) ?? { id: p.topic, name: p.topic },
		buildsOn: p.buildsOn.flatMap((id) => (byId.has(id) ? [link(byId.get(id)!)] : [])).sort(byYearThenShort),
		builtOnBy: deck.papers.filter((x) => x.buildsOn.includes(p.id)).map(link).sort(byYearThenShort)
	};
}

/** Where to read the paper: its arXiv abstract page, or the URL given for works without one. */
export function paperHref(p: { arxiv?: string; url?: string }): string | null {
	if (p.arxiv) return `https://arxiv.org/abs/${p.arxiv}`;
	return p.url ?? null;
}
