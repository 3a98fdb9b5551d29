/**
 * Search as you type over a few thousand short documents (papers, cards). Every term of the query
 * must begin a word of the document (so `trans` finds "Transformer", `rank` finds "low-rank" and
 * `sqrt` finds `\sqrt{d_k}`, but `bert` does not find "Albert"). Chinese, Japanese and Korean text
 * has no spaces between words, so a term that starts with one of their characters matches anywhere
 * (`适配` finds "低秩适配"), and a Latin term right after such a character begins a word (`lora` finds
 * "使用LoRA"). Case, accents and full-width forms are ignored. A
 * plain scan is a fraction of a millisecond on the whole deck, so no inverted index is needed;
 * narrowing from the previous results while the user types keeps it that way on slow phones.
 */

/** Lower case, accents removed, runs of white space as one space. */
export function normalizeText(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/\s+/g, ' ');
}

// An arXiv id as people paste it: `arXiv:2106.09685v2` or an abs/pdf URL; the deck stores `2106.09685`.
const ARXIV_FORMS = [
	/^arxiv:(\d{4}\.\d{4,5})(?:v\d+)?$/,
	/^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf)\/(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?\/?$/
];

/**
 * The terms of a query: normalized, split at spaces, pasted arXiv references reduced to their id,
 * duplicates dropped, longest first (the rarest, so a document fails fast).
 * @example queryTerms('  LoRA arXiv:2106.09685v2 ') // ['2106.09685', 'lora']
 */
export function queryTerms(query: string): string[] {
	const terms = new Set<string>();
	for (const raw of normalizeText(query).split(' ')) {
		if (!raw) continue;
		const arxiv = ARXIV_FORMS.map((re) => re.exec(raw)?.[1]).find(Boolean);
		terms.add(arxiv ?? raw);
	}
	return [...terms].sort((a, b) => b.length - a.length);
}

/**
 * An index over documents given as lists of fields.
 * @example
 * const index = new TextIndex([['LoRA', 'Microsoft'], ['BERT', 'Google']]);
 * index.search('micro') // [0]
 */
export class TextIndex {
	readonly #docs: string[];
	#lastTerms: string[] = [];
	#lastHits: number[] | null = null;

	constructor(docs: readonly (readonly string[])[]) {
		// A separator no query term can contain keeps a term from matching across two fields.
		this.#docs = docs.map((fields) => fields.map(normalizeText).join('\u0000'));
	}

	/** The indices of the documents matching every term of `query`, ascending; all of them for an empty query. */
	search(query: string): number[] {
		const terms = queryTerms(query).filter((t) => !t.includes('\u0000'));
		let hits: number[];
		if (terms.length === 0) {
			hits = this.#docs.map((_, i) => i);
		} else {
			// Each previous term begins some new term (the user typed on): the new hits are a subset of the old.
			const narrows = this.#lastHits !== null && this.#lastTerms.every((old) => terms.some((t) => t.startsWith(old)));
			const candidates = narrows ? this.#lastHits! : null;
			hits = [];
			const n = candidates ? candidates.length : this.#docs.length;
			for (let k = 0; k < n; k++) {
				const i = candidates ? candidates[k]! : k;
				const doc = this.#docs[i]!;
				if (terms.every((t) => beginsWord(doc, t))) hits.push(i);
			}
		}
		this.#lastTerms = terms;
		this.#lastHits = hits;
		return hits;
	}
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Scripts written without spaces between words: every character may start one. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f]/u;

/**
 * Whether `term` occurs in `doc` at the start of a word: after a character that is not a letter or a
 * digit, after a CJK character, or at the start; a term starting with a CJK character matches anywhere.
 * @example beginsWord('albert gu and bert', 'bert') // true (the second occurrence)
 * @example beginsWord('低秩适配', '适配') // true
 */
export function beginsWord(doc: string, term: string): boolean {
	if (term.length > 0 && UNSPACED.test(term[0]!)) return doc.includes(term);
	for (let i = doc.indexOf(term); i >= 0; i = doc.indexOf(term, i + 1)) {
		if (i === 0) return true;
		const before = doc[i - 1]!;
		if (!WORD_CHAR.test(before) || UNSPACED.test(before)) return true;
	}
	return false;
}
