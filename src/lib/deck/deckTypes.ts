/** The compiled deck: what the build ships to the app as data (never as JavaScript). */

export interface PaperMeta {
	id: string;
	title: string;
	short: string;
	year: number;
	org: string;
	arxiv?: string;
	url?: string;
	/** For a work with no arXiv id: what the `url` points at (a report, a blog post, a model card…). */
	kind?: 'report' | 'blog' | 'model-card' | 'release' | 'paper';
	/** Past the reading lists (`beyond` in papers.tsv's `seeds` column). */
	beyond?: true;
	topic: string;
	tier: number;
	buildsOn: string[];
	tags: string[];
	authors: string[];
}

/** A paper as the app's deck data carries it: what study order, filters and statistics need. */
export interface DeckPaper extends Pick<PaperMeta, 'id' | 'short' | 'year' | 'topic' | 'tier' | 'buildsOn' | 'beyond'> {
	cardIds: string[];
}

/** A paper with its summary, as the library (`/library.json`) and the paper pages show it. */
export interface CompiledPaper extends PaperMeta, DeckPaper {
	/** The library's search derives its text from this (htmlSearchText), so none is shipped beside it. */
	summaryHtml: string;
}

export interface CompiledCard {
	/** `<paper-id>/<slug>`: never changes, so history stays attached through edits. */
	id: string;
	paperId: string;
	type: 'basic' | 'cloze';
	promptHtml: string;
	answerHtml: string;
	noteHtml: string;
}

export interface Topic {
	id: string;
	name: string;
}

/**
 * The deck as the app uses it (downloaded packed, in parts: deckParts.ts): cards and what orders them, without the papers'
 * summaries, which `/library.json` carries for the pages that show them. A card's search text is
 * derived from its HTML (`cardSearchText`), not shipped.
 */
export interface DeckData {
	/** Hash of the whole compiled deck: equal versions mean there is nothing to reconcile. */
	version: string;
	topics: Topic[];
	/** In the default study order: tier 1 first, foundations before what builds on them. */
	papers: DeckPaper[];
	/** In the same order as `papers`, each paper's cards in file order. */
	cards: CompiledCard[];
}

/** The whole compiled deck, at build time: the deck data with the papers' summaries. */
export interface CompiledDeck extends DeckData {
	papers: CompiledPaper[];
}

/** The deck data of a compiled deck: each paper with only what the app's deck data carries. */
export function deckData(deck: CompiledDeck): DeckData {
	const papers = deck.papers.map(({ id, short, year, topic, tier, buildsOn, beyond, cardIds }) => ({ id, short, year, topic, tier, buildsOn, ...(beyond ? { beyond } : {}), cardIds }));
	return { version: deck.version, topics: deck.topics, papers, cards: deck.cards };
}

/** One problem in the deck sources, reported as `file:line: reason`. */
export interface DeckError {
	file: string;
	line: number;
	reason: string;
}

export function formatDeckError(e: DeckError): string {
	return `${e.file}:${e.line}: ${e.reason}`;
}
