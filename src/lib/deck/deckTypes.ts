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

export interface CompiledPaper extends PaperMeta {
	/** Past the reading lists the deck started from: its own group in the study choices. */
	beyond?: true;
	summaryHtml: string;
	/** Plain text of the summary, for search. */
	summaryText: string;
	cardIds: string[];
}

export interface CompiledCard {
	/** `<paper-id>/<slug>`: never changes, so history stays attached through edits. */
	id: string;
	paperId: string;
	type: 'basic' | 'cloze';
	promptHtml: string;
	answerHtml: string;
	noteHtml: string;
	/** Changes exactly when the card's content changes. */
	hash: string;
}

export interface Topic {
	id: string;
	name: string;
}

export interface CompiledDeck {
	/** Hash of everything below: equal versions mean there is nothing to reconcile. */
	version: string;
	topics: Topic[];
	/** In the default study order: tier 1 first, foundations before what builds on them. */
	papers: CompiledPaper[];
	/** In the same order as `papers`, each paper's cards in file order. */
	cards: CompiledCard[];
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
